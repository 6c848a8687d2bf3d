/**
 * The toll at the door (docs/queue.md#the-toll): find a nonce such that SHA-256(challenge ":" nonce)
 * starts with `difficulty` zero bits. Runs in a Web Worker (tollWorker.ts) so the page stays
 * responsive; the same code runs in the main thread where there are no workers (tests).
 */
import { sha256 } from './sha256';

/** Hashes between two progress reports (and two yields to the event loop). */
const BATCH = 16_384;

export function zeroBits(hash: Uint8Array): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** The first nonce (decimal) that meets the difficulty; `onProgress(hashesTried)` after each batch. */
export async function solve(
  challenge: string,
  difficulty: number,
  onProgress: (tried: number) => void = () => {},
): Promise<string> {
  if (difficulty <= 0) return '0';
  const prefix = `${challenge}:`;
  for (let start = 0; ; start += BATCH) {
    for (let nonce = start; nonce < start + BATCH; nonce++) {
      if (zeroBits(sha256(prefix + nonce)) >= difficulty) return String(nonce);
    }
    onProgress(start + BATCH);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** 0..0.99: the share of the expected work (2^difficulty hashes) done; never claims to be done. */
export function tollProgress(tried: number, difficulty: number): number {
  return Math.min(0.99, tried / 2 ** difficulty);
}
