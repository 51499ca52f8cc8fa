/**
 * Number formatting for the inspector-side panels: enough significant digits to compare two
 * points (4 by default), exponent notation for very small or very large magnitudes, a dash for
 * missing values.
 */

/** `v` with `sig` significant digits; '—' for NaN/undefined, ∞ kept readable. */
export function fmt(v: number | undefined | null, sig = 4): string {
  if (v === undefined || v === null || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  let s: string;
  if (a < 1e-3 || a >= 1e5) s = v.toExponential(Math.max(0, sig - 1)).replace('e+', 'e');
  else s = Number(v.toPrecision(sig)).toString();
  return s.replace(/^-/, '−');
}

/** A fraction in [0, 1] as a percentage with one decimal. */
export function pct(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  return `${(100 * v).toFixed(1)}%`;
}

/** A weight pair "(w1, w2)" with 3 decimals. */
export function wPair(w: readonly [number, number] | readonly number[]): string {
  return `(${fmt(w[0], 4)}, ${fmt(w[1], 4)})`;
}
