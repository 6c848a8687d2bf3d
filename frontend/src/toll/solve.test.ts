import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { solve, tollProgress, zeroBits } from './solve';

describe('the toll at the door', () => {
  it('finds a nonce whose SHA-256 starts with the asked zero bits, and reports progress', async () => {
    const seen: number[] = [];
    const nonce = await solve('1.1700000000.10.abc', 10, (tried) => seen.push(tried));
    const hash = createHash('sha256').update(`1.1700000000.10.abc:${nonce}`).digest();
    expect(zeroBits(new Uint8Array(hash))).toBeGreaterThanOrEqual(10);
    expect(seen.every((tried, i) => i === 0 || tried > seen[i - 1]!)).toBe(true);
  });

  it('counts leading zero bits across bytes', () => {
    expect(zeroBits(new Uint8Array([0, 0x10, 0xff]))).toBe(11);
    expect(zeroBits(new Uint8Array([0x80]))).toBe(0);
  });

  it('never shows the toll as done before it is', () => {
    expect(tollProgress(2 ** 20, 18)).toBe(0.99);
    expect(tollProgress(2 ** 17, 18)).toBe(0.5);
  });
});
