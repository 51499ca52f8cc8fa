/**
 * The landscape's world frame: how (w1, w2, loss) map to three.js coordinates, and the current
 * heightfield (non-reactive, rewritten in place when a grid arrives).
 *
 *   world x = w1 (scaled), world z = −w2 (scaled; so w2 grows "away" from the default camera),
 *   world y = the loss, linear or log, normalised to [0, SURFACE_HEIGHT].
 *
 * The larger of the two w ranges spans WORLD_SIZE; the other keeps the aspect ratio. The bound
 * plane sits PLANE_GAP below the lowest point of the surface.
 */
import type { GridFields } from '../core/grid';

/** World units spanned by the larger w range. */
export const WORLD_SIZE = 10;
/** World height of the loss from its grid minimum to its grid maximum. */
export const SURFACE_HEIGHT = 3.6;
/** Bound plane's world y (below the surface, whose lowest point is y = 0). */
export const PLANE_Y = -1.4;

export interface LandscapeFrame {
  /** Grid the heights below belong to (0 before the first grid). */
  res: number;
  w1: [number, number];
  w2: [number, number];
  /** World units per unit of w (the same for both axes). */
  scale: number;
  /** Loss range over the grid and the height transform in use. */
  lossMin: number;
  lossMax: number;
  log: boolean;
  /** Multiplier on all heights: 1 in 3-D, tiny in the top-down map (a flat, undistorted map). */
  flatten: number;
  /** World y of every node, row-major [res, res] (row = w2 index). */
  heights: Float32Array;
  /** Bumped whenever any of the above changes. */
  version: number;
}

export const frame: LandscapeFrame = {
  res: 0,
  w1: [0, 1],
  w2: [0, 1],
  scale: 1,
  lossMin: 0,
  lossMax: 1,
  log: false,
  flatten: 1,
  heights: new Float32Array(0),
  version: 0,
};

/** World x of w1. */
export function worldX(w1: number): number {
  return (w1 - 0.5 * (frame.w1[0] + frame.w1[1])) * frame.scale;
}
/** World z of w2. */
export function worldZ(w2: number): number {
  return -(w2 - 0.5 * (frame.w2[0] + frame.w2[1])) * frame.scale;
}
/** w1 of a world x. */
export function w1OfX(x: number): number {
  return x / frame.scale + 0.5 * (frame.w1[0] + frame.w1[1]);
}
/** w2 of a world z. */
export function w2OfZ(z: number): number {
  return -z / frame.scale + 0.5 * (frame.w2[0] + frame.w2[1]);
}

/** World y of a loss value under the current height transform. */
export function heightOfLoss(loss: number): number {
  const { lossMin: lo, lossMax: hi, log } = frame;
  if (!Number.isFinite(loss)) return 0;
  const t = log ? (Math.log(Math.max(loss, 1e-12)) - Math.log(Math.max(lo, 1e-12))) / (Math.log(Math.max(hi, 1e-12)) - Math.log(Math.max(lo, 1e-12))) : (loss - lo) / (hi - lo);
  if (!Number.isFinite(t)) return 0;
  return t * SURFACE_HEIGHT * frame.flatten;
}

/** Half extents of the surface in world units: [x, z]. */
export function halfExtent(): [number, number] {
  return [0.5 * (frame.w1[1] - frame.w1[0]) * frame.scale, 0.5 * (frame.w2[1] - frame.w2[0]) * frame.scale];
}

/**
 * Recomputes the frame from a grid: ranges, loss range and every node's height (in place when the
 * resolution is unchanged).
 */
export function setFrameFromGrid(f: GridFields, w1: [number, number], w2: [number, number], log: boolean, flatten = 1): void {
  const n = f.res * f.res;
  if (frame.heights.length !== n) frame.heights = new Float32Array(n);
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = f.loss[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) hi = lo + 1;
  frame.res = f.res;
  frame.w1 = [w1[0], w1[1]];
  frame.w2 = [w2[0], w2[1]];
  frame.scale = WORLD_SIZE / Math.max(w1[1] - w1[0], w2[1] - w2[0]);
  frame.lossMin = lo;
  frame.lossMax = hi;
  frame.log = log;
  frame.flatten = flatten;
  for (let i = 0; i < n; i++) frame.heights[i] = heightOfLoss(f.loss[i]);
  frame.version++;
}

/** Surface height (world y) at (w1, w2) by bilinear interpolation of the node heights (the mesh). */
export function surfaceHeightAt(w1: number, w2: number): number {
  const res = frame.res;
  if (res < 2) return 0;
  const u = ((w1 - frame.w1[0]) / (frame.w1[1] - frame.w1[0])) * (res - 1);
  const v = ((w2 - frame.w2[0]) / (frame.w2[1] - frame.w2[0])) * (res - 1);
  const c = Math.min(res - 2, Math.max(0, Math.floor(u)));
  const r = Math.min(res - 2, Math.max(0, Math.floor(v)));
  const fu = Math.min(1, Math.max(0, u - c));
  const fv = Math.min(1, Math.max(0, v - r));
  const h = frame.heights;
  const i = r * res + c;
  return (h[i] * (1 - fu) + h[i + 1] * fu) * (1 - fv) + (h[i + res] * (1 - fu) + h[i + res + 1] * fu) * fv;
}

/**
 * First intersection of a world-space ray (origin o, unit direction d) with the heightfield, as
 * [w1, w2], or null. Marches in steps of about a quarter cell and bisects the crossing: cheaper
 * than raycasting the 130k-triangle mesh and exact to the mesh up to the bilinear patch.
 */
export function intersectHeightfield(ox: number, oy: number, oz: number, dx: number, dy: number, dz: number): [number, number] | null {
  if (frame.res < 2) return null;
  const [hx, hz] = halfExtent();
  // Clip the ray to the surface's bounding box in x and z, and y ∈ [−0.01, SURFACE_HEIGHT + 0.01].
  let t0 = 0, t1 = 1e6;
  const clip = (o: number, d: number, lo: number, hi: number): boolean => {
    if (Math.abs(d) < 1e-12) return o >= lo && o <= hi;
    let a = (lo - o) / d, b = (hi - o) / d;
    if (a > b) [a, b] = [b, a];
    t0 = Math.max(t0, a);
    t1 = Math.min(t1, b);
    return t0 <= t1;
  };
  if (!clip(ox, dx, -hx, hx) || !clip(oz, dz, -hz, hz) || !clip(oy, dy, -0.01, SURFACE_HEIGHT + 0.01)) return null;
  const cell = (2 * Math.max(hx, hz)) / (frame.res - 1);
  const step = 0.25 * cell;
  const above = (t: number): number => {
    const x = ox + dx * t, z = oz + dz * t;
    return oy + dy * t - surfaceHeightAt(w1OfX(x), w2OfZ(z));
  };
  let tPrev = t0;
  let fPrev = above(t0);
  if (fPrev <= 0) return [w1OfX(ox + dx * t0), w2OfZ(oz + dz * t0)];
  const maxSteps = 20000;
  let k = 0;
  for (let t = t0 + step; t <= t1 + step && k < maxSteps; t += step, k++) {
    const tt = Math.min(t, t1);
    const f = above(tt);
    if (f <= 0) {
      let a = tPrev, b = tt;
      for (let i = 0; i < 24; i++) {
        const m = 0.5 * (a + b);
        if (above(m) > 0) a = m;
        else b = m;
      }
      const tm = 0.5 * (a + b);
      return [w1OfX(ox + dx * tm), w2OfZ(oz + dz * tm)];
    }
    tPrev = tt;
    fPrev = f;
    if (tt >= t1) break;
  }
  return null;
}
