/**
 * Framing of the default 3-D view: the camera keeps the default view's direction and comes as
 * close as it can while the landscape (surface, bound plane and axis labels) stays inside the
 * stage above the bars at its bottom (legend, training bar) and out from under the overlays at its
 * top (readout, colour bars). The landscape sits on the bottom bars, centred across. On a phone
 * that fills the stage instead of leaving empty canvas below the surface; on a desktop it keeps
 * the bottom tick labels clear of the training bar.
 */
import { PerspectiveCamera, Vector3 } from 'three';
import type { CameraView } from '../core/urlCodec';
import type { Rect } from './topDownFrame';

export interface FitInput {
  /** The stage's size (CSS px). */
  stage: { width: number; height: number };
  /** The part of the stage the landscape may use (its bottom: the top of the bottom bars). */
  bounds: Rect;
  /** Overlays the landscape must not reach under (stage coordinates). */
  obstacles: Rect[];
  /** World points of the surface and plane, kept `margin` px inside and clear. */
  points: [number, number, number][];
  /** World points of the axis labels (their text extends around them: `labelMargin` px). */
  labels: [number, number, number][];
  margin?: number;
  labelMargin?: number;
}

/** Places across tried, centred first. */
const ACROSS = [0.5, 0.35, 0.65, 0.2, 0.8, 0.05, 0.95];

/** The camera distance range (OrbitControls' min and max distance in scene/CameraRig). */
export const FIT_DISTANCE: [number, number] = [3, 60];

/**
 * The view along `base`'s direction that shows the landscape as large as `input` allows, or
 * `base` itself when the stage is too small to say (not laid out yet).
 */
export function fitCamera(base: CameraView, fovDeg: number, input: FitInput): CameraView {
  const { stage, bounds } = input;
  const margin = input.margin ?? 6, lm = input.labelMargin ?? 16;
  if (!(stage.width > 80 && stage.height > 80) || bounds.right - bounds.left < 80 || bounds.bottom - bounds.top < 80 || input.points.length === 0) return base;
  const cam = new PerspectiveCamera(fovDeg, stage.width / stage.height, 0.1, 200);
  const t0 = new Vector3(...base.target);
  const dir = new Vector3(...base.position).sub(t0);
  const d0 = dir.length();
  dir.normalize();
  const v = new Vector3();
  const right = new Vector3(), up = new Vector3();
  const tan = Math.tan((fovDeg * Math.PI) / 360);
  const all = [...input.points.map((p) => ({ p, m: margin })), ...input.labels.map((p) => ({ p, m: lm }))];

  /**
   * Places the camera at distance d, panned so the landscape sits on the bounds' bottom, at `a` of
   * the room left across (0: at the left edge, ½: centred, 1: at the right edge).
   */
  const frameAt = (d: number, a: number) => {
    const target = t0.clone();
    let box = { left: 0, top: 0, right: 0, bottom: 0 };
    let px: { x: number; y: number; m: number; depth: number }[] = [];
    for (let it = 0; it < 6; it++) {
      cam.position.copy(target).addScaledVector(dir, d);
      cam.lookAt(target);
      cam.updateMatrixWorld();
      // Screen position and depth (along the view) of every point.
      const fwd = new Vector3();
      cam.getWorldDirection(fwd);
      px = all.map(({ p, m }) => {
        v.set(...p);
        const depth = v.clone().sub(cam.position).dot(fwd);
        v.project(cam);
        return { x: ((v.x + 1) / 2) * stage.width, y: ((1 - v.y) / 2) * stage.height, m, depth };
      });
      let iL = 0, iR = 0, iB = 0;
      px.forEach((q, i) => {
        if (q.x - q.m < px[iL].x - px[iL].m) iL = i;
        if (q.x + q.m > px[iR].x + px[iR].m) iR = i;
        if (q.y + q.m > px[iB].y + px[iB].m) iB = i;
      });
      box = { left: px[iL].x - px[iL].m, right: px[iR].x + px[iR].m, top: Math.min(...px.map((q) => q.y - q.m)), bottom: px[iB].y + px[iB].m };
      const room = bounds.right - bounds.left - (box.right - box.left);
      const ox = box.left - (bounds.left + a * Math.max(0, room)), oy = box.bottom - bounds.bottom;
      if (Math.abs(ox) < 0.5 && Math.abs(oy) < 0.5) break;
      // World units per px at the depth of the points that bound the box; pan along the camera's
      // right and up (a pan moves a point on screen in inverse proportion to its depth).
      const kx = (2 * ((px[iL].depth + px[iR].depth) / 2) * tan) / stage.height, ky = (2 * px[iB].depth * tan) / stage.height;
      right.setFromMatrixColumn(cam.matrixWorld, 0);
      up.setFromMatrixColumn(cam.matrixWorld, 1);
      target.addScaledVector(right, ox * kx).addScaledVector(up, -oy * ky);
    }
    const fits =
      box.left >= bounds.left - 0.5 &&
      box.right <= bounds.right + 0.5 &&
      box.top >= bounds.top - 0.5 &&
      box.bottom <= bounds.bottom + 0.5 &&
      !px.some((q) => input.obstacles.some((o) => q.x + q.m > o.left && q.x - q.m < o.right && q.y + q.m > o.top && q.y - q.m < o.bottom));
    return { fits, view: { position: cam.position.toArray() as [number, number, number], target: target.toArray() as [number, number, number] } };
  };

  // The closest distance that fits (bisection: a farther camera shows everything smaller), centred
  // across if that is as close as any other place across (the overlays at the top may leave more
  // room to one side).
  let best: { d: number; view: CameraView } | null = null;
  for (const a of ACROSS) {
    let lo: number = FIT_DISTANCE[0], hi: number = best ? best.d : FIT_DISTANCE[1];
    let f = frameAt(hi, a);
    if (!f.fits) continue;
    for (let i = 0; i < 20 && hi - lo > 0.01; i++) {
      const mid = (lo + hi) / 2;
      const g = frameAt(mid, a);
      if (g.fits) {
        hi = mid;
        f = g;
      } else lo = mid;
    }
    // Another place across must bring the camera clearly closer to be taken.
    if (!best || hi < best.d * 0.97) best = { d: hi, view: f.view };
  }
  if (!best) return frameAt(Math.min(FIT_DISTANCE[1], Math.max(FIT_DISTANCE[0], d0)), 0.5).view;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { position: best.view.position.map(r) as [number, number, number], target: best.view.target.map(r) as [number, number, number] };
}
