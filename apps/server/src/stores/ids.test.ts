import { describe, expect, it } from 'vitest';
import { idFromBytes, newId } from './ids.ts';

describe('ids', () => {
  it('are the prefix and 16 base32 characters', () => {
    expect(newId('htl')).toMatch(/^htl_[0-9a-hjkmnp-tv-z]{16}$/);
    expect(idFromBytes('flt', new Uint8Array(10))).toBe('flt_0000000000000000');
    expect(idFromBytes('flt', new Uint8Array(10).fill(255))).toBe('flt_zzzzzzzzzzzzzzzz');
    // 0x08 0x42 ... = 00001 00001 00001 00001 ... in 5-bit groups.
    expect(idFromBytes('car', Uint8Array.from([8, 66, 16, 132, 33, 8, 66, 16, 132, 33]))).toBe(
      'car_1111111111111111',
    );
  });

  it('do not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId('rom')));
    expect(ids.size).toBe(10_000);
  });

  it('refuse a bad prefix or the wrong number of bytes', () => {
    expect(() => newId('Hotel')).toThrow();
    expect(() => newId('')).toThrow();
    expect(() => idFromBytes('htl', new Uint8Array(9))).toThrow();
  });
});
