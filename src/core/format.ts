/**
 * The one number formatter of the page (panels, stage readout, labels, announcer, charts): one
 * precision rule per quantity, real minus signs (U+2212, also in exponents), trailing zeros kept so
 * that the same quantity always shows the same number of digits, exponent notation for very small
 * or very large magnitudes, a dash for missing values.
 */

/**
 * Significant digits per quantity. `w` is the exception: weights are coordinates, shown with
 * W_DECIMALS fixed decimals so a pair lines up and reads like the axis ticks.
 */
export const PRECISION = {
  /** Loss, test loss, the bound and its parts, Ψ and its terms, λ, ρ, ‖T‖, gradient, Hessian. */
  value: 4,
  /** σ*, σ°, κ, s and eigenvector components (widths and directions). */
  width: 3,
  /** A Monte Carlo standard error: two digits say how far the mean can be trusted. */
  stderr: 2,
} as const;
export type Quantity = keyof typeof PRECISION;

/** Decimals of a weight coordinate. */
export const W_DECIMALS = 3;

const MINUS = '\u2212';
const minus = (s: string) => s.replace(/-/g, MINUS);

/** `v` with `sig` significant digits (trailing zeros kept); '—' for NaN/undefined, ±∞ readable. */
export function fmt(v: number | undefined | null, sig: number = PRECISION.value): string {
  if (v === undefined || v === null || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : `${MINUS}∞`;
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e5) return minus(v.toExponential(Math.max(0, sig - 1)).replace('e+', 'e'));
  // toPrecision switches to exponents at 10^sig and above; those magnitudes print as integers.
  return minus(a >= 10 ** sig ? v.toFixed(0) : v.toPrecision(sig));
}

/** A value of the named quantity, by its one precision rule. */
export function fmtQ(q: Quantity, v: number | undefined | null): string {
  return fmt(v, PRECISION[q]);
}

/** One weight coordinate: W_DECIMALS fixed decimals, real minus. */
export function fmtW(v: number | undefined | null): string {
  if (v === undefined || v === null || !Number.isFinite(v)) return '—';
  const s = v.toFixed(W_DECIMALS);
  return minus(Number(s) === 0 ? (0).toFixed(W_DECIMALS) : s);
}

/** A weight pair "(w1, w2)". */
export function wPair(w: readonly [number, number] | readonly number[]): string {
  return `(${fmtW(w[0])}, ${fmtW(w[1])})`;
}

/** A pair of values of one quantity "(a, b)". */
export function pairQ(q: Quantity, v: readonly number[]): string {
  return `(${fmtQ(q, v[0])}, ${fmtQ(q, v[1])})`;
}

/** A fraction in [0, 1] as a percentage with one decimal (real minus for a difference below 0). */
export function pct(v: number | undefined): string {
  return pp(v) === '—' ? '—' : `${pp(v)}%`;
}

/** A difference of two fractions in percentage points, with the percentages' one decimal (no unit). */
export function pp(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  return minus((100 * v).toFixed(1));
}

/** A mean ± standard error, and whether the mean is within noise of 0 (|mean| < 2 stderr). */
export function meanErr(mean: number, stderr: number, q: Quantity = 'value'): { text: string; withinNoise: boolean } {
  return { text: `${fmtQ(q, mean)} ± ${fmtQ('stderr', stderr)}`, withinNoise: Number.isFinite(mean) && Number.isFinite(stderr) && Math.abs(mean) < 2 * stderr };
}
