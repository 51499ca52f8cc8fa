import { describe, expect, it } from 'vitest';
import { contourLevels } from './Contours';

describe('contourLevels never throws on non-finite fields', () => {
  it('returns no levels for an all-NaN, all-Infinity or empty field', () => {
    expect(contourLevels(new Float32Array(64 * 64).fill(NaN), 16)).toEqual([]);
    expect(contourLevels(new Float32Array(64 * 64).fill(Infinity), 16)).toEqual([]);
    expect(contourLevels(new Float32Array(0), 16)).toEqual([]);
  });
  it('uses the finite values of a partly non-finite field', () => {
    const a = new Float32Array(100).map((_, i) => (i % 2 ? NaN : i));
    const lv = contourLevels(a, 4);
    expect(lv.length).toBeGreaterThan(0);
    expect(lv.every(Number.isFinite)).toBe(true);
  });
});
