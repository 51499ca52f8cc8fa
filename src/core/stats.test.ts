import { describe, it, expect } from 'vitest';
import { averageRanks, density2d, finiteRange, pearson, spearman } from './stats';
import { psiGapSummary } from './psiGap';

describe('ranks and Spearman', () => {
  it('average ranks share tied ranks', () => {
    expect(Array.from(averageRanks([3, 1, 3]))).toEqual([2.5, 1, 2.5]);
    expect(Array.from(averageRanks([10, 20, 20, 20, 5]))).toEqual([2, 4, 4, 4, 1]);
    expect(Array.from(averageRanks([-0.5]))).toEqual([1]);
  });

  it('matches a hand computation with ties', () => {
    // x = [1, 2, 2, 3, 5], y = [2, 1, 4, 4, 3]
    // ranks x: [1, 2.5, 2.5, 4, 5]; ranks y: [2, 1, 4.5, 4.5, 3]; both have mean 3.
    // deviations x: [−2, −.5, −.5, 1, 2]; y: [−1, −2, 1.5, 1.5, 0]
    // Σ dx·dy = 2 + 1 − .75 + 1.5 + 0 = 3.75; Σ dx² = 4 + .25 + .25 + 1 + 4 = 9.5;
    // Σ dy² = 1 + 4 + 2.25 + 2.25 + 0 = 9.5 ⇒ ρ_s = 3.75 / 9.5 = 0.394736842…
    const r = spearman([1, 2, 2, 3, 5], [2, 1, 4, 4, 3]);
    expect(r.n).toBe(5);
    expect(r.rho).toBeCloseTo(3.75 / 9.5, 14);
  });

  it('without ties equals 1 − 6Σd²/(n(n²−1))', () => {
    // ranks x = [1, 2, 3, 4, 5, 6]; y = [6, 1, 4, 5, 3, 2] → ranks [6, 1, 4, 5, 3, 2]
    // d = [−5, 1, −1, −1, 2, 4]; Σd² = 25 + 1 + 1 + 1 + 4 + 16 = 48; ρ = 1 − 288/210 = −0.3714…
    const r = spearman([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [60, 10, 40, 50, 30, 20]);
    expect(r.rho).toBeCloseTo(1 - (6 * 48) / (6 * 35), 14);
  });

  it('is invariant to monotone maps, ±1 for monotone relations, skips non-finite pairs', () => {
    const x = [0.3, -1, 2, 5, 4.5, 0];
    const y = x.map((v) => Math.exp(v));
    expect(spearman(x, y).rho).toBeCloseTo(1, 14);
    expect(spearman(x, y.map((v) => -v * v)).rho).toBeCloseTo(-1, 14);
    const r = spearman([...x, NaN, 7, Infinity], [...y, 1, NaN, 3]);
    expect(r.n).toBe(6);
    expect(r.rho).toBeCloseTo(1, 14);
    expect(Number.isNaN(spearman([1, 1, 1], [1, 2, 3]).rho)).toBe(true);
    expect(Number.isNaN(spearman([1], [2]).rho)).toBe(true);
  });

  it('pearson of a hand example', () => {
    // x = [1, 2, 3], y = [1, 3, 2]: dx = [−1, 0, 1], dy = [−1, 1, 0] → 1 / √(2·2) = 0.5
    expect(pearson([1, 2, 3], [1, 3, 2])).toBeCloseTo(0.5, 15);
  });
});

describe('2-D density', () => {
  it('counts pairs into cells, the upper edge in the last cell, outside and non-finite dropped', () => {
    const d = density2d([0, 0.49, 0.5, 1, 2, NaN], [0, 0, 1, 1, 0, 0], 2, 2, [0, 1], [0, 1]);
    expect(Array.from(d.counts)).toEqual([2, 0, 0, 2]);
    expect(d.n).toBe(4);
    expect(d.maxCount).toBe(2);
  });
  it('finiteRange widens a degenerate range', () => {
    expect(finiteRange([NaN, 2, -1, Infinity])).toEqual([-1, 2]);
    expect(finiteRange([3, 3])).toEqual([2.97, 3.03]);
    expect(finiteRange([NaN])).toBeNull();
  });
});

describe('the Ψ-vs-gap summary', () => {
  it('is Spearman over the finite pairs and their density', () => {
    const gap = [0.1, 0.2, 0.2, 0.4, NaN, 0.3];
    const psi = [3, 2, 5, 6, 1, 4];
    const s = psiGapSummary(gap, psi, 4, 3)!;
    expect(s.n).toBe(5);
    expect(s.rho).toBeCloseTo(spearman([0.1, 0.2, 0.2, 0.4, 0.3], [3, 2, 5, 6, 4]).rho, 15);
    expect(s.density.n).toBe(5);
    expect(s.density.x).toEqual([0.1, 0.4]);
    expect(s.density.y).toEqual([2, 6]);
    expect(psiGapSummary([NaN], [1])).toBeNull();
  });
});
