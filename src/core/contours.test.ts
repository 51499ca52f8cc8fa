import { describe, expect, it } from 'vitest';
import { contourSegments } from './contours';

describe('contourSegments', () => {
  it('traces a circle of a radial field at the right radius', () => {
    const n = 41;
    const v = new Float32Array(n * n);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) v[r * n + c] = Math.hypot(c - 20, r - 20);
    const out: number[] = [];
    contourSegments(v, n, n, 10, out);
    expect(out.length).toBeGreaterThan(4 * 40);
    for (let i = 0; i < out.length; i += 2) expect(Math.abs(Math.hypot(out[i] - 20, out[i + 1] - 20) - 10)).toBeLessThan(0.1);
  });
  it('gives nothing for a level outside the range and one segment for a single crossing cell', () => {
    const out: number[] = [];
    contourSegments([0, 1, 0, 1], 2, 2, 5, out);
    expect(out).toEqual([]);
    contourSegments([0, 1, 0, 1], 2, 2, 0.5, out);
    expect(out).toEqual([0.5, 0, 0.5, 1]);
  });
});
