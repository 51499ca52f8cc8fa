import { describe, expect, it } from 'vitest';
import { lossAt, lossSum, type Sample } from './jets';
import { createRng } from './rng';

describe('lossSum (lossAt in pieces)', () => {
  it('carried over pieces of any size, times 1/n, is lossAt bit for bit', () => {
    const rng = createRng(3);
    const u = () => rng.uniform();
    for (let trial = 0; trial < 40; trial++) {
      const n = 1 + Math.floor(u() * 3000);
      const x = new Float64Array(2 * n), y = new Float64Array(n);
      for (let i = 0; i < 2 * n; i++) x[i] = (u() - 0.5) * 8;
      for (let i = 0; i < n; i++) y[i] = u() < 0.5 ? 0 : 1;
      const s: Sample = { n, x, y };
      const depth = 1 + (trial % 8);
      const scale = [0.3, 3, 20, 50][trial % 4];
      const w1 = (u() - 0.5) * 2 * scale, w2 = (u() - 0.5) * 2 * scale;
      const piece = [1, 7, 500, 2500, n][trial % 5];
      let acc = 0;
      for (let j0 = 0; j0 < n; j0 += piece) acc = lossSum(s, w1, w2, depth, j0, Math.min(n, j0 + piece), acc);
      const want = lossAt(s, w1, w2, depth);
      expect(Object.is(acc * (1 / n), want), `n=${n} D=${depth} w=(${w1}, ${w2}) piece ${piece}: ${acc * (1 / n)} vs ${want}`).toBe(true);
    }
  });
});
