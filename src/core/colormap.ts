/**
 * Perceptual colour maps (viridis, cividis, and the diverging cool-warm) as lookup tables, plus the
 * small helpers colour bars and axes need (normalisation, "nice" ticks). Pure: no three/react.
 *
 * Viridis and cividis are given by 10 evenly spaced sRGB stops (t = 0, 1/9, …, 1) of matplotlib's
 * maps and interpolated linearly in sRGB into a LUT; at 10 stops the interpolation error is below
 * 1/255 per channel on these smooth maps, which is invisible. Both are monotone in lightness, so a
 * field's order reads the same in colour and in grey.
 *
 * Cool-warm is Moreland's diverging map ("Diverging Color Maps for Scientific Visualization",
 * 2009; matplotlib's `coolwarm`): blue #3b4cc0 through grey #dddddd at t = ½ to red #b40426,
 * interpolated in his Msh space; 33 stops keep the linear sRGB interpolation within 5/255. Its
 * lightness peaks at the middle, so it is for signed fields shown over a range centred on 0
 * (core/fields.ts, `colours: 'diverging'`): blue below 0, red above.
 */

/** The colour maps a user can choose (view setting, link `cmap=`). */
export type ColormapId = 'viridis' | 'cividis';
/** Every colour map with a LUT: the choosable ones and the diverging map of signed fields. */
export type LutId = ColormapId | 'coolwarm';

/** LUT size used by the scene and the colour bar. */
export const COLORMAP_LUT_SIZE = 256;

const STOPS_HEX: Record<LutId, readonly string[]> = {
  viridis: ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'],
  cividis: ['#00224e', '#123570', '#3b496c', '#575d6d', '#707173', '#8a8678', '#a59c74', '#c3b369', '#e1cc55', '#fee838'],
  coolwarm: [
    '#3b4cc0', '#445acc', '#4e68d7', '#5875e1', '#6282ea', '#6c8ef1', '#779af7', '#82a5fb', '#8db0fe', '#98b9ff', '#a3c2fe',
    '#aec9fd', '#b8d0f9', '#c2d5f4', '#ccd9ee', '#d5dbe6', '#dddddd', '#e5d8d1', '#ecd3c6', '#f1ccb9', '#f5c4ad', '#f7bba0',
    '#f7b194', '#f7a687', '#f49a7b', '#f18d6f', '#ec7f63', '#e57057', '#de614c', '#d55042', '#cb3e38', '#c0282f', '#b40426',
  ],
};

function hexToRgb(h: string): [number, number, number] {
  const v = parseInt(h.slice(1), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
}

/** sRGB transfer function inverse: display value in [0,1] → linear light in [0,1]. */
export function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

/**
 * A colour map as a LUT: `size` RGB triples in [0, 1], flat [size, 3]. sRGB by default; with
 * `linear` the values are converted to linear light (what three.js vertex colours expect when the
 * renderer's output colour space is sRGB).
 */
export function colormapLut(id: LutId, size = COLORMAP_LUT_SIZE, linear = false): Float32Array {
  const stops = STOPS_HEX[id].map(hexToRgb);
  const out = new Float32Array(size * 3);
  const last = stops.length - 1;
  for (let i = 0; i < size; i++) {
    const t = size === 1 ? 0 : i / (size - 1);
    const x = t * last;
    const k = Math.min(last - 1, Math.floor(x));
    const f = x - k;
    for (let c = 0; c < 3; c++) {
      const v = stops[k][c] * (1 - f) + stops[k + 1][c] * f;
      out[3 * i + c] = linear ? srgbToLinear(v) : v;
    }
  }
  return out;
}

/** The sRGB colour of t ∈ [0, 1] (clamped) as a CSS `rgb(...)` string. */
export function colormapCss(id: LutId, t: number): string {
  const lut = colormapLut(id, COLORMAP_LUT_SIZE);
  const i = lutIndex(t, COLORMAP_LUT_SIZE);
  const r = Math.round(lut[3 * i] * 255), g = Math.round(lut[3 * i + 1] * 255), b = Math.round(lut[3 * i + 2] * 255);
  return `rgb(${r}, ${g}, ${b})`;
}

/** LUT index of t ∈ [0, 1] (clamped; NaN → 0). */
export function lutIndex(t: number, size: number): number {
  if (!(t > 0)) return 0;
  if (t >= 1) return size - 1;
  return Math.round(t * (size - 1));
}

/** Maps v from [lo, hi] to [0, 1] (clamped); a degenerate range maps to ½. */
export function normalise(v: number, lo: number, hi: number): number {
  if (!(hi > lo)) return 0.5;
  const t = (v - lo) / (hi - lo);
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/**
 * Writes the colours of `values` (length N) into `out` ([N, 3], RGB), normalised over [lo, hi]
 * through `lut` ([size, 3]). Non-finite values get the lowest colour. Allocation-free.
 */
export function applyColormap(values: ArrayLike<number>, lo: number, hi: number, lut: Float32Array, out: Float32Array): void {
  const size = lut.length / 3;
  const span = hi > lo ? hi - lo : 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let k = 0;
    if (span > 0 && Number.isFinite(v)) {
      const t = (v - lo) / span;
      k = t <= 0 ? 0 : t >= 1 ? size - 1 : Math.round(t * (size - 1));
    } else if (span === 0) k = (size - 1) >> 1;
    out[3 * i] = lut[3 * k];
    out[3 * i + 1] = lut[3 * k + 1];
    out[3 * i + 2] = lut[3 * k + 2];
  }
}

/**
 * "Nice" tick values (1, 2, 2.5 or 5 × 10^k steps) covering [lo, hi] with about `count` ticks; only
 * ticks inside [lo, hi] are returned (rounded to the step's precision).
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const norm = raw / mag;
  const step = (norm < 1.5 ? 1 : norm < 2.25 ? 2 : norm < 3.5 ? 2.5 : norm < 7.5 ? 5 : 10) * mag;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + (step / mag === 2.5 ? 1 : 0));
  const out: number[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  for (let k = first; k * step <= hi + step * 1e-9; k++) out.push(Number((k * step).toFixed(decimals)));
  return out;
}

/** Short label of a tick or readout value (≤ 4 significant digits, no trailing zeros). */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  // Real minus signs (U+2212), as in every number the page shows (core/format.ts).
  if (a >= 1e4 || a < 1e-3) return v.toExponential(1).replace('e+', 'e').replace(/-/g, '\u2212');
  return String(Number(v.toPrecision(4))).replace('-', '\u2212');
}
