/**
 * 1-D cuts through the loss landscape (SPEC §9), in float64 and exact (no interpolation from a
 * grid): L̂(w + t·d) for a unit direction d through a point w, t ∈ [−h, h], and L̂(a + u·(b − a)),
 * u ∈ [0, 1], between two points, reported against t = u·‖b − a‖. Both carry t as a signed
 * distance in weight units, so cuts of different kinds share one axis. The test loss along a cut
 * is the same loss on a fresh sample of the mixture (SPEC §9), filled in separately because it
 * costs N_test / n times the training loss.
 */
import { tr } from './words';
import { lossDerivatives, lossForward, type Sample } from './jets';
import { eigenSym2 } from './metrics';
import { PARAMS, inRange } from './params';

/** Most points a cut may have (each costs one loss evaluation per sample point). */
export const MAX_CUT_POINTS = PARAMS.cutPoints.max;
/** Fewest points a cut may have (its two ends). */
export const MIN_CUT_POINTS = PARAMS.cutPoints.min;
/** Largest half-width of a cut through a point, in weight units (the app's weights lie in [−50, 50]). */
export const MAX_CUT_HALF_WIDTH = PARAMS.cutHalfWidth.max;

/** A sampled cut: k points in struct-of-arrays form (t the signed distance, w the weights). */
export interface Cut {
  k: number;
  /** Signed distance from the cut's origin (the point it passes through, or `a`), weight units. */
  t: Float64Array;
  w1: Float64Array;
  w2: Float64Array;
  /** Training loss L̂ at each point. */
  loss: Float64Array;
  /** Test loss at each point (NaN until filled; null when there is no test sample). */
  testLoss: Float64Array | null;
}

/** The direction scaled to unit length; throws when it is not two finite numbers or has length 0. */
export function unitDirection(d: readonly number[]): [number, number] {
  if (d.length !== 2 || !Number.isFinite(d[0]) || !Number.isFinite(d[1])) throw new Error(tr('the direction must be two finite numbers [d1, d2]'));
  const r = Math.hypot(d[0], d[1]);
  if (!(r > 0)) throw new Error(tr('the direction must not be [0, 0]'));
  return [d[0] / r, d[1] / r];
}

/**
 * An eigenvector's sign made canonical, so a cut does not flip as its point moves: the first
 * coordinate positive (the second when the first is 0). The flip at d1 = 0 remains (any fixed
 * rule for an unsigned direction has one).
 */
export function canonicalSign(v: readonly [number, number]): [number, number] {
  return v[0] > 0 || (v[0] === 0 && v[1] >= 0) ? [v[0], v[1]] : [-v[0], -v[1]];
}

/** Eigen-pairs of a Hessian (ascending λ, as `eigenSym2` or a point report's `eigen`) as cut directions with canonical sign. */
export function eigenDirections(e: { values: [number, number]; vectors: [[number, number], [number, number]] }): { lambda: [number, number]; vmin: [number, number]; vmax: [number, number] } {
  return { lambda: [e.values[0], e.values[1]], vmin: canonicalSign(e.vectors[0]), vmax: canonicalSign(e.vectors[1]) };
}

/** The Hessian's eigen-pairs at w (ascending λ), eigenvectors unit with canonical sign. */
export function hessianDirections(sample: Sample, w1: number, w2: number, depth: number): { lambda: [number, number]; vmin: [number, number]; vmax: [number, number] } {
  const h = lossDerivatives(sample, w1, w2, depth, 2).hess;
  return eigenDirections(eigenSym2(h[0], h[1], h[2]));
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < MIN_CUT_POINTS || k > MAX_CUT_POINTS) throw new Error(tr('k must be an integer from {{min}} to {{max}}; got {{value}}', { min: MIN_CUT_POINTS, max: MAX_CUT_POINTS, value: k }));
}

function emptyCut(k: number, withTest: boolean): Cut {
  return { k, t: new Float64Array(k), w1: new Float64Array(k), w2: new Float64Array(k), loss: new Float64Array(k), testLoss: withTest ? new Float64Array(k).fill(NaN) : null };
}

/**
 * The points of a cut through `through` along unit `d`: t_i = −h + 2h·i/(k−1), w_i = through + t_i·d,
 * training loss filled, test loss (when `test` is given) left NaN for `fillTestLoss`.
 */
export function lineCutPoints(sample: Sample, through: readonly [number, number], d: readonly [number, number], halfWidth: number, k: number, depth: number, test: Sample | null = null): Cut {
  checkK(k);
  if (!(halfWidth > 0 && halfWidth <= MAX_CUT_HALF_WIDTH)) throw new Error(tr('halfWidth must be a number in (0, {{max}}]; got {{value}}', { max: MAX_CUT_HALF_WIDTH, value: halfWidth }));
  const c = emptyCut(k, !!test);
  for (let i = 0; i < k; i++) {
    const t = -halfWidth + (2 * halfWidth * i) / (k - 1);
    c.t[i] = t;
    c.w1[i] = through[0] + t * d[0];
    c.w2[i] = through[1] + t * d[1];
    c.loss[i] = lossForward(sample, c.w1[i], c.w2[i], depth);
  }
  return c;
}

/**
 * The points of the segment from a to b: u_i = i/(k−1), w_i = (1 − u_i)·a + u_i·b, t_i = u_i·‖b − a‖;
 * training loss filled, test loss left NaN for `fillTestLoss`. a = b gives k copies of a at t = 0.
 */
export function segmentCutPoints(sample: Sample, a: readonly [number, number], b: readonly [number, number], k: number, depth: number, test: Sample | null = null): Cut {
  checkK(k);
  const c = emptyCut(k, !!test);
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  for (let i = 0; i < k; i++) {
    const u = i / (k - 1);
    c.t[i] = u * len;
    // (1 − u)·a + u·b: exactly a at u = 0 and exactly b at u = 1.
    c.w1[i] = (1 - u) * a[0] + u * b[0];
    c.w2[i] = (1 - u) * a[1] + u * b[1];
    c.loss[i] = lossForward(sample, c.w1[i], c.w2[i], depth);
  }
  return c;
}

/** Fills the test loss of points [from, to) of a cut (for slicing the work across tasks). */
export function fillTestLoss(c: Cut, test: Sample, depth: number, from = 0, to = c.k): void {
  if (!c.testLoss) return;
  for (let i = Math.max(0, from); i < Math.min(to, c.k); i++) c.testLoss[i] = lossForward(test, c.w1[i], c.w2[i], depth);
}

/** A cut through a point along unit `d`, test loss filled (when a test sample is given). */
export function lineCut(sample: Sample, through: readonly [number, number], d: readonly [number, number], halfWidth: number, k: number, depth: number, test: Sample | null = null): Cut {
  const c = lineCutPoints(sample, through, d, halfWidth, k, depth, test);
  if (test) fillTestLoss(c, test, depth);
  return c;
}

/** The segment cut from a to b, test loss filled (when a test sample is given). */
export function segmentCut(sample: Sample, a: readonly [number, number], b: readonly [number, number], k: number, depth: number, test: Sample | null = null): Cut {
  const c = segmentCutPoints(sample, a, b, k, depth, test);
  if (test) fillTestLoss(c, test, depth);
  return c;
}

/**
 * Distance from the centre of the box [−h1, h1] × [−h2, h2] to its edge along unit d:
 * min over coordinates with d_i ≠ 0 of h_i / |d_i| (where a cut through the centre leaves the
 * σ* box or the κ neighbourhood).
 */
export function boxExit(half: readonly [number, number], d: readonly [number, number]): number {
  let t = Infinity;
  for (let i = 0; i < 2; i++) if (d[i] !== 0) t = Math.min(t, half[i] / Math.abs(d[i]));
  return t;
}

/** A cut as the scripting API's rows: `[{t, w: [w1, w2], loss, testLoss?}]`. */
export function cutRows(c: Cut): { t: number; w: [number, number]; loss: number; testLoss?: number }[] {
  const out: { t: number; w: [number, number]; loss: number; testLoss?: number }[] = [];
  for (let i = 0; i < c.k; i++) {
    const row: { t: number; w: [number, number]; loss: number; testLoss?: number } = { t: c.t[i], w: [c.w1[i], c.w2[i]], loss: c.loss[i] };
    if (c.testLoss) row.testLoss = c.testLoss[i];
    out.push(row);
  }
  return out;
}

/** Defaults of the scripting API's `cut` (and the chart): half-width in weight units, points. */
export const DEFAULT_CUT_HALF_WIDTH = PARAMS.cutHalfWidth.default;
export const DEFAULT_CUT_POINTS = PARAMS.cutPoints.default;

/** `cut`'s options once checked: a direction is a unit vector or the name of a Hessian eigenvector. */
export interface CutOptions {
  through: [number, number];
  direction: [number, number] | 'vmin' | 'vmax';
  halfWidth: number;
  k: number;
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `"${v.slice(0, 40)}"`;
  try {
    return JSON.stringify(v)?.slice(0, 60) ?? String(v);
  } catch {
    return String(v);
  }
}

/** A point [w1, w2] of two finite numbers, or an error naming the argument. */
export function checkPoint(v: unknown, name: string): [number, number] {
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'number' || typeof v[1] !== 'number' || !Number.isFinite(v[0]) || !Number.isFinite(v[1])) throw new Error(tr('{{what}} must be a point [w1, w2] of two finite numbers; got {{value}}', { what: name, value: describe(v) }));
  if (!inRange('cutPoint', v[0]) || !inRange('cutPoint', v[1])) throw new Error(tr('{{what}} must lie within ±{{max}} in each weight; got {{value}}', { what: name, max: PARAMS.cutPoint.max, value: describe(v) }));
  return [v[0], v[1]];
}

/** k, the number of points of a cut, or an error naming it. */
export function checkCutPoints(v: unknown, name = 'k'): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < MIN_CUT_POINTS || v > MAX_CUT_POINTS) throw new Error(tr('{{what}} must be an integer from {{min}} to {{max}}; got {{value}}', { what: name, min: MIN_CUT_POINTS, max: MAX_CUT_POINTS, value: describe(v) }));
  return v;
}

/**
 * Checks `cut`'s options object (`through` defaults to `fallbackThrough`, the marker; direction to
 * 'vmax'; halfWidth and k to the defaults) and throws an Error naming the first bad argument.
 */
export function checkCutOptions(o: unknown, fallbackThrough: [number, number]): CutOptions {
  if (o === undefined) o = {};
  if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new Error(tr('cut(options) needs an object {through, direction, halfWidth, k}; got {{value}}', { value: describe(o) }));
  const r = o as Record<string, unknown>;
  const known = ['through', 'direction', 'halfWidth', 'k'];
  const extra = Object.keys(r).find((key) => !known.includes(key));
  if (extra !== undefined) throw new Error(tr('cut: unknown option "{{value}}"; the options are {{options}}', { value: extra.slice(0, 40), options: known.join(', ') }));
  const through = r.through === undefined ? fallbackThrough : checkPoint(r.through, 'through');
  let direction: CutOptions['direction'] = 'vmax';
  if (r.direction !== undefined) {
    if (r.direction === 'vmin' || r.direction === 'vmax') direction = r.direction;
    else if (Array.isArray(r.direction) && r.direction.length === 2 && r.direction.every((x) => typeof x === 'number' && Number.isFinite(x)) && Math.hypot(r.direction[0], r.direction[1]) > 0) direction = unitDirection(r.direction as number[]);
    else throw new Error(tr("direction must be 'vmin', 'vmax' or a non-zero [d1, d2] of finite numbers; got {{value}}", { value: describe(r.direction) }));
  }
  let halfWidth = DEFAULT_CUT_HALF_WIDTH;
  if (r.halfWidth !== undefined) {
    if (typeof r.halfWidth !== 'number' || !(r.halfWidth > 0 && r.halfWidth <= MAX_CUT_HALF_WIDTH)) throw new Error(tr('halfWidth must be a number in (0, {{max}}]; got {{value}}', { max: MAX_CUT_HALF_WIDTH, value: describe(r.halfWidth) }));
    halfWidth = r.halfWidth;
  }
  const k = r.k === undefined ? DEFAULT_CUT_POINTS : checkCutPoints(r.k);
  return { through, direction, halfWidth, k };
}
