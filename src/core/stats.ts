/**
 * Rank statistics and 2-D densities over grid fields, in float64: average ranks with ties,
 * Spearman's rank correlation (the Pearson correlation of the ranks, which is exact with ties),
 * and the 2-D histogram the Ψ-vs-gap panel draws.
 */

/**
 * 1-based ranks of `v`, ties sharing the mean of the ranks they span (ranks of [3, 1, 3] are
 * [2.5, 1, 2.5]). Values must be finite (filter first).
 */
export function averageRanks(v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const sorted = Float64Array.from(v).sort();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = v[i];
    // First index ≥ x and first index > x: the tie block [lo, hi) of x in the sorted copy.
    let lo = 0, hi = n;
    while (lo < hi) {
      const m = (lo + hi) >>> 1;
      if (sorted[m] < x) lo = m + 1;
      else hi = m;
    }
    let lo2 = lo, hi2 = n;
    while (lo2 < hi2) {
      const m = (lo2 + hi2) >>> 1;
      if (sorted[m] <= x) lo2 = m + 1;
      else hi2 = m;
    }
    out[i] = 0.5 * (lo + 1 + lo2); // mean of ranks lo+1 … lo2
  }
  return out;
}

/** Pearson's correlation of two equal-length series; NaN when either is constant or n < 2. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2 || y.length !== n) return NaN;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i] - mx, b = y[i] - my;
    sxy += a * b;
    sxx += a * a;
    syy += b * b;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/**
 * Spearman's ρ_s of the pairs (x_i, y_i) where both are finite: the Pearson correlation of their
 * average ranks. Returns the value and the number of pairs used (NaN when fewer than 2 or a
 * series is constant).
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): { rho: number; n: number } {
  const m = Math.min(x.length, y.length);
  let n = 0;
  for (let i = 0; i < m; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) n++;
  const xs = new Float64Array(n), ys = new Float64Array(n);
  for (let i = 0, j = 0; i < m; i++)
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      xs[j] = x[i];
      ys[j++] = y[i];
    }
  if (n < 2) return { rho: NaN, n };
  return { rho: pearson(averageRanks(xs), averageRanks(ys)), n };
}

/** A 2-D histogram: counts[row·bx + col], row = y bin from the bottom, col = x bin. */
export interface Density2D {
  bx: number;
  by: number;
  x: [number, number];
  y: [number, number];
  counts: Uint32Array;
  /** Pairs counted (both finite). */
  n: number;
  maxCount: number;
}

/** Range [min, max] of the finite values (a degenerate range is widened by ±½ or ±1 %). */
export function finiteRange(v: ArrayLike<number>): [number, number] | null {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    const a = v[i];
    if (!Number.isFinite(a)) continue;
    if (a < lo) lo = a;
    if (a > hi) hi = a;
  }
  if (!(hi >= lo)) return null;
  if (hi === lo) {
    const d = lo === 0 ? 0.5 : 0.01 * Math.abs(lo);
    return [lo - d, hi + d];
  }
  return [lo, hi];
}

/**
 * Bins the finite pairs (x_i, y_i) into bx × by equal cells over the given ranges (values on the
 * upper edge fall in the last cell; pairs outside the ranges are dropped).
 */
export function density2d(x: ArrayLike<number>, y: ArrayLike<number>, bx: number, by: number, xr: [number, number], yr: [number, number]): Density2D {
  const counts = new Uint32Array(bx * by);
  const sx = bx / (xr[1] - xr[0]), sy = by / (yr[1] - yr[0]);
  let n = 0, maxCount = 0;
  const m = Math.min(x.length, y.length);
  for (let i = 0; i < m; i++) {
    const a = x[i], b = y[i];
    if (!Number.isFinite(a) || !Number.isFinite(b) || a < xr[0] || a > xr[1] || b < yr[0] || b > yr[1]) continue;
    const c = Math.min(bx - 1, Math.floor((a - xr[0]) * sx));
    const r = Math.min(by - 1, Math.floor((b - yr[0]) * sy));
    const k = r * bx + c;
    const v = ++counts[k];
    if (v > maxCount) maxCount = v;
    n++;
  }
  return { bx, by, x: xr, y: yr, counts, n, maxCount };
}
