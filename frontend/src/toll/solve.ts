/**
 * The toll at the door (docs/queue.md#the-toll): find a nonce such that SHA-256(challenge ":" nonce)
 * starts with `difficulty` zero bits. Runs in a Web Worker (tollWorker.ts) so the page stays
 * responsive; the same code runs in the main thread where there are no workers (tests).
 */

/** Hashes per batch: enough to keep the digest pipeline full, small enough for smooth progress. */
const BATCH = 512;

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
  const encoder = new TextEncoder();
  for (let start = 0; ; start += BATCH) {
    const hashes = await Promise.all(
      Array.from({ length: BATCH }, (_, i) =>
        crypto.subtle.digest('SHA-256', encoder.encode(`${challenge}:${start + i}`)),
      ),
    );
    for (let i = 0; i < BATCH; i++) {
      if (zeroBits(new Uint8Array(hashes[i]!)) >= difficulty) return String(start + i);
    }
    onProgress(start + BATCH);
  }
}

/** 0..0.99: the share of the expected work (2^difficulty hashes) done; never claims to be done. */
export function tollProgress(tried: number, difficulty: number): number {
  return Math.min(0.99, tried / 2 ** difficulty);
}
