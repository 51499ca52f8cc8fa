/**
 * The bound plane's colours: the surface's colour map mixed with white, so the plane never shows
 * the surface's colours (with viridis both the valley floors and a low bound would be the same
 * dark purple). Its colour bar ("bound (plane)") is drawn with the same tint.
 */
import { colormapLut, lutIndex, type LutId } from '../core/colormap';

/** How far the plane's colours are mixed towards white (0: the surface's colour map). */
export const PLANE_TINT = 0.42;

/** A copy of an sRGB LUT (flat [size, 3] in [0, 1]) mixed towards white by `amount`. */
export function tintLut(lut: Float32Array, amount = PLANE_TINT): Float32Array {
  const out = new Float32Array(lut.length);
  for (let i = 0; i < lut.length; i++) out[i] = lut[i] + (1 - lut[i]) * amount;
  return out;
}

/** The plane's LUT for a colour map. */
export function planeLut(id: LutId, size = 256): Float32Array {
  return tintLut(colormapLut(id, size, false));
}

/** The plane's sRGB colour of t ∈ [0, 1] as a CSS `rgb(...)` string. */
export function planeCss(id: LutId, t: number): string {
  const lut = planeLut(id);
  const i = lutIndex(t, lut.length / 3);
  return `rgb(${Math.round(lut[3 * i] * 255)}, ${Math.round(lut[3 * i + 1] * 255)}, ${Math.round(lut[3 * i + 2] * 255)})`;
}
