import { solve, tollProgress } from './solve';

/** A toll's challenge, as `GET /api/performances/{id}/queue/challenge` answers it. */
export interface TollChallenge {
  challenge: string;
  difficulty: number;
  expiresAt: string;
}

export interface TollProof {
  challenge: string;
  nonce: string;
}

type Listener = (progress: number | null) => void;
const listeners = new Set<Listener>();

/** The toll being paid now (0..1), or null: for the waiting page's progress indication. */
export function onTollProgress(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(progress: number | null): void {
  for (const listener of listeners) listener(progress);
}

/** Solves a challenge in a Web Worker (in the page where there is none), reporting progress. */
export async function payToll(challenge: TollChallenge): Promise<TollProof> {
  emit(0);
  const report = (tried: number) => emit(tollProgress(tried, challenge.difficulty));
  try {
    const nonce = typeof Worker === 'undefined' ? await solve(challenge.challenge, challenge.difficulty, report) : await inWorker(challenge, report);
    return { challenge: challenge.challenge, nonce };
  } finally {
    emit(null);
  }
}

function inWorker(challenge: TollChallenge, report: (tried: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./tollWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<{ tried?: number; nonce?: string }>) => {
      if (event.data.nonce !== undefined) {
        worker.terminate();
        resolve(event.data.nonce);
      } else if (event.data.tried !== undefined) {
        report(event.data.tried);
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message));
    };
    worker.postMessage({ challenge: challenge.challenge, difficulty: challenge.difficulty });
  });
}
