/**
 * Framing of the top-down 2-D view: the plot (the window's rectangle, with its tick labels and
 * axis titles) is placed in the part of the stage the overlays leave free — below the marker
 * readout, left of the colour bars (or below them, whichever leaves the larger plot), above the
 * training bar and the legend — instead of under them.
 */
import type { CameraView } from '../core/urlCodec';

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Room kept around the plot for its tick labels and axis titles (CSS px). */
export const PLOT_MARGIN = { left: 56, right: 14, top: 12, bottom: 44 } as const;
/** Height of the top-down camera when nothing needs framing (the previous fixed view). */
export const TOP_DOWN_HEIGHT = 30;

/**
 * The largest free rectangle of the stage (its own coordinates, 0,0 top-left) given the overlays'
 * boxes: the readout (top left), the colour bars (top right), the bars at the bottom.
 */
export function freeRect(stage: { width: number; height: number }, o: { readout?: Rect | null; colorbars?: Rect | null; bottom?: (Rect | null)[] }): Rect {
  const bottom = Math.min(stage.height, ...(o.bottom ?? []).filter((r): r is Rect => !!r && r.bottom > r.top).map((r) => r.top));
  const top0 = o.readout ? o.readout.bottom : 0;
  const cb = o.colorbars && o.colorbars.right > o.colorbars.left ? o.colorbars : null;
  const candidates: Rect[] = [];
  // Beside the colour bars (below the readout) …
  candidates.push({ left: 0, top: top0, right: cb ? cb.left : stage.width, bottom });
  // … or below them (and below the readout).
  if (cb) candidates.push({ left: 0, top: Math.max(top0, cb.bottom), right: stage.width, bottom });
  const inner = (r: Rect) => ({ w: r.right - r.left - PLOT_MARGIN.left - PLOT_MARGIN.right, h: r.bottom - r.top - PLOT_MARGIN.top - PLOT_MARGIN.bottom });
  const score = (r: Rect) => {
    const { w, h } = inner(r);
    return Math.min(w, h);
  };
  return candidates.reduce((a, b) => (score(b) > score(a) ? b : a));
}

/**
 * The camera straight above the plot that shows the world rectangle [−hx, hx] × [−hz, hz] (at the
 * height `groundY`) inside `free` less the plot margins, centred there, on a stage of the given
 * size with a perspective camera of vertical field of view `fovDeg`. Screen down is world +z.
 */
export function topDownCamera(stage: { width: number; height: number }, free: Rect, hx: number, hz: number, fovDeg: number, groundY = 0): CameraView {
  const w = free.right - free.left - PLOT_MARGIN.left - PLOT_MARGIN.right;
  const h = free.bottom - free.top - PLOT_MARGIN.top - PLOT_MARGIN.bottom;
  if (!(stage.width > 0 && stage.height > 0 && w > 40 && h > 40 && hx > 0 && hz > 0)) return { position: [0, TOP_DOWN_HEIGHT, 0.0001], target: [0, 0, 0] };
  // px per world unit at the ground, and the camera height that gives it.
  const s = Math.min(w / (2 * hx), h / (2 * hz));
  const height = stage.height / (2 * s * Math.tan((fovDeg * Math.PI) / 360));
  const cx = free.left + PLOT_MARGIN.left + w / 2, cy = free.top + PLOT_MARGIN.top + h / 2;
  const ox = -(cx - stage.width / 2) / s, oz = -(cy - stage.height / 2) / s;
  return { position: [ox, groundY + height, oz + 0.0001], target: [ox, groundY, oz] };
}
