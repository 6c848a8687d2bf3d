import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256 } from './sha256';

describe('sha256', () => {
  it('matches node crypto for inputs of one and two blocks', () => {
    for (const text of ['', 'abc', '1.1764930400.18.q0H2abcdefghijklmnopqrstu:12345678901234567890', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'w'.repeat(119)]) {
      expect(Buffer.from(sha256(text)).toString('hex')).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });
});
