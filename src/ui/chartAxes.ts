/**
 * Axis ticks for the small SVG charts: "nice" steps (1, 2, 5 × 10ⁿ) and labels with one number of
 * decimals per axis (the step's), so every tick of an axis reads with the same precision.
 */

export interface Ticks {
  values: number[];
  step: number;
  /** Decimals every label of this axis is written with. */
  decimals: number;
}

/** About `target` ticks inside [lo, hi] at a nice step. */
export function niceTicks(lo: number, hi: number, target = 5): Ticks {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return { values: [lo], step: 1, decimals: 0 };
  const raw = (hi - lo) / Math.max(1, target);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  const step = (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
  const values: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) values.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return { values, step, decimals: Math.max(0, -Math.floor(Math.log10(step) + 1e-9)) };
}

/** A tick label: fixed decimals, a true minus sign. */
export function tickLabel(v: number, decimals: number): string {
  return v.toFixed(decimals).replace(/^-/, '−');
}

/** [lo, hi] widened by `pad` of its span on each side (a zero span becomes ±0.5 or ±5 %). */
export function padRange(lo: number, hi: number, pad = 0.05): [number, number] {
  if (!(hi > lo)) {
    const d = lo === 0 || !Number.isFinite(lo) ? 0.5 : 0.05 * Math.abs(lo);
    return Number.isFinite(lo) ? [lo - d, lo + d] : [0, 1];
  }
  const d = pad * (hi - lo);
  return [lo - d, hi + d];
}
