/// <reference lib="webworker" />
import { solve } from './solve';

/** The worker's side: `{challenge, difficulty}` in; `{tried}` progress and `{nonce}` out. */
self.onmessage = async (event: MessageEvent<{ challenge: string; difficulty: number }>) => {
  const { challenge, difficulty } = event.data;
  const nonce = await solve(challenge, difficulty, (tried) => self.postMessage({ tried }));
  self.postMessage({ nonce });
};
