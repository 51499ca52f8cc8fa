/**
 * Local minima of the loss landscape: candidates from the grid (float32), refined with Newton's
 * method on the exact float64 derivatives of core/jets, then described by core/metrics (Ψ, bound,
 * λ(H)) and named sharp or flat.
 *
 * Why candidates are "≤ all 8 neighbours" (not strict): along a very flat valley (the paper-toy
 * flat minimum has λmin(H) ≈ 6e-5) neighbouring float32 grid values tie, and a strict test would
 * miss the basin; ties give several candidates in one basin, which Newton merges into one point.
 */
import { lossDerivatives, predictProba, type Sample } from './jets';
import { DEFAULT_PARAMS, pointReport, type MetricParams } from './metrics';

/** Most grid candidates refined per grid (lowest loss first); plateaus of ties can be huge. */
export const MAX_MINIMA_CANDIDATES = 48;
/** Newton iterations per candidate. */
export const NEWTON_MAX_ITERATIONS = 40;
/** A refined point is a minimum when ‖∇L̂‖ is below this. */
export const NEWTON_GRAD_TOL = 1e-9;

/** A local minimum of L̂ found on the grid and refined in float64. */
export interface LocalMinimum {
  /** Refined position. */
  w: [number, number];
  loss: number;
  psi: number;
  bound: number;
  /** Ψ's two parts (SPEC §5), summed over the coordinates: Σ log(1 + |wᵢ|/κᵢ) and Σ max(0, log(κᵢ√sᵢ)). */
  psiScale: number;
  psiCurvature: number;
  /** Eigenvalues of the Hessian at w. */
  lambdaMin: number;
  lambdaMax: number;
  /** λmax / the smallest λmax of the minima found (1 for the flattest; 1 for a lone minimum). */
  lambdaMaxRatio: number;
  /** λmin < FLAT_DIRECTION_RATIO · λmax: a valley, flat along the λmin eigenvector only. */
  flatAlongOne: boolean;
  /** Fraction of the training points classified correctly by [p(x) > ½], in [0, 1]. */
  trainAcc: number;
  /** Fraction of the training points in the more common class: the accuracy of a constant guess. */
  majorityRate: number;
  /** Fraction of the training points given the more common prediction (1: one class everywhere). */
  constantShare: number;
  /** trainAcc < majorityRate + NEAR_CONSTANT_MARGIN: no better than always guessing the majority class. */
  nearConstant: boolean;
  /** Lowest loss of the minima found. */
  global: boolean;
  /**
   * By λmax, relative to the other minima found: 'sharp' above the geometric midpoint of their
   * λmax range, 'flat' at or below it; 'only' for a lone minimum (nothing to compare with).
   */
  character: 'sharp' | 'flat' | 'only';
  /** The grid node the refinement started from (row · cols + col). */
  node: number;
}

/** λmin/λmax below this: the minimum is "flat along one direction" (a valley floor). */
export const FLAT_DIRECTION_RATIO = 0.01;
/** A minimum whose train accuracy is less than this above the majority rate is "near-constant". */
export const NEAR_CONSTANT_MARGIN = 0.05;

/** trainAcc < majority + NEAR_CONSTANT_MARGIN, with a 1e-9 slack for accuracies like 0.7 vs 0.65 + 0.05. */
export function isNearConstant(trainAcc: number, majority: number): boolean {
  return trainAcc < majority + NEAR_CONSTANT_MARGIN - 1e-9;
}

/** Fraction of labels in the more common class (the accuracy of always guessing it). */
export function majorityRate(sample: Sample): number {
  let ones = 0;
  for (let j = 0; j < sample.n; j++) ones += sample.y[j];
  return sample.n ? Math.max(ones, sample.n - ones) / sample.n : NaN;
}

/**
 * What the model at w predicts on the training points: the accuracy of [p(x) > ½] and the share
 * of the points given the more common prediction.
 */
export function trainingPredictions(sample: Sample, w1: number, w2: number, depth: number): { trainAcc: number; constantShare: number } {
  const p = predictProba(sample.x, sample.n, w1, w2, depth);
  let hits = 0, ones = 0;
  for (let j = 0; j < sample.n; j++) {
    const yh = p[j] > 0.5 ? 1 : 0;
    ones += yh;
    if (yh === sample.y[j]) hits++;
  }
  return { trainAcc: hits / sample.n, constantShare: Math.max(ones, sample.n - ones) / sample.n };
}

/**
 * Grid nodes whose value is ≤ all of their 8 neighbours (interior nodes only: a boundary node is
 * a minimum of the window, not of the landscape), sorted by value ascending, at most `max`.
 * `values` is row-major [rows, cols].
 */
export function gridMinimaCandidates(values: ArrayLike<number>, rows: number, cols: number, max = MAX_MINIMA_CANDIDATES): number[] {
  const found: number[] = [];
  for (let r = 1; r < rows - 1; r++) {
    for (let c = 1; c < cols - 1; c++) {
      const i = r * cols + c;
      const v = values[i];
      if (!Number.isFinite(v)) continue;
      let isMin = true;
      for (let dr = -1; dr <= 1 && isMin; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          if (dr === 0 && dc === 0) continue;
          const u = values[i + dr * cols + dc];
          if (u < v || !Number.isFinite(u)) {
            isMin = false;
            break;
          }
        }
      }
      if (isMin) found.push(i);
    }
  }
  found.sort((a, b) => values[a] - values[b]);
  return found.slice(0, max);
}

/**
 * Newton's method for ∇L̂ = 0 from (w1, w2) in float64, with the step clipped to `maxStep` (a
 * trust radius; a few grid cells) and a gradient step where H is not positive definite.
 * Returns the point, or null if it did not converge to a minimum (λmin(H) > 0, ‖∇L̂‖ < tol)
 * within `maxTravel` of the start.
 */
export function newtonMinimum(sample: Sample, w1: number, w2: number, depth: number, maxStep: number, maxTravel: number): { w: [number, number]; loss: number } | null {
  const it = newtonMinimumSteps(sample, w1, w2, depth, maxStep, maxTravel);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/** newtonMinimum as a generator that yields after each iteration (one order-2 jet pass over the sample). */
export function* newtonMinimumSteps(sample: Sample, w1: number, w2: number, depth: number, maxStep: number, maxTravel: number): Generator<void, { w: [number, number]; loss: number } | null, unknown> {
  let x = w1, y = w2;
  for (let it = 0; it < NEWTON_MAX_ITERATIONS; it++) {
    if (it > 0) yield;
    const d = lossDerivatives(sample, x, y, depth, 2);
    const [g1, g2] = d.grad;
    const [a, b, c] = d.hess;
    const gn = Math.hypot(g1, g2);
    const det = a * c - b * b;
    if (gn < NEWTON_GRAD_TOL) {
      if (a > 0 && det > 0) return { w: [x, y], loss: d.loss };
      return null;
    }
    let s1: number, s2: number;
    if (a > 0 && det > 0) {
      // Δ = −H⁻¹ g
      s1 = -(c * g1 - b * g2) / det;
      s2 = -(-b * g1 + a * g2) / det;
    } else {
      const l = Math.max(Math.abs(a) + Math.abs(b), Math.abs(b) + Math.abs(c), 1e-6);
      s1 = -g1 / l;
      s2 = -g2 / l;
    }
    const len = Math.hypot(s1, s2);
    if (len > maxStep) {
      s1 *= maxStep / len;
      s2 *= maxStep / len;
    }
    x += s1;
    y += s2;
    if (!Number.isFinite(x) || !Number.isFinite(y) || Math.hypot(x - w1, y - w2) > maxTravel) return null;
  }
  const d = lossDerivatives(sample, x, y, depth, 2);
  const [a, b, c] = d.hess;
  if (Math.hypot(d.grad[0], d.grad[1]) < 1e-7 && a > 0 && a * c - b * b > 0) return { w: [x, y], loss: d.loss };
  return null;
}

/**
 * Names each minimum sharp or flat by its curvature (in place), marks the global one and sets
 * λmax ratios. Sharpness is λmax(H), the curvature along the steepest direction, compared among
 * the minima found: 'sharp' above the geometric midpoint √(λlo·λhi) of their λmax range, 'flat'
 * at or below it (so of two minima the one with the larger λmax is sharp); a lone minimum is
 * 'only'. Ψ is not used: it also counts the scale |w| (SPEC §5) and is shown beside the name.
 */
export function classifyMinima(minima: LocalMinimum[]): LocalMinimum[] {
  if (minima.length === 0) return minima;
  let best = 0;
  let lmLo = Infinity, lmHi = -Infinity;
  minima.forEach((m, i) => {
    if (m.loss < minima[best].loss) best = i;
    lmLo = Math.min(lmLo, m.lambdaMax);
    lmHi = Math.max(lmHi, m.lambdaMax);
  });
  const mid = Math.sqrt(Math.max(lmLo, 0) * lmHi);
  minima.forEach((m, i) => {
    m.global = i === best;
    m.lambdaMaxRatio = lmLo > 0 ? m.lambdaMax / lmLo : NaN;
    if (minima.length === 1) m.character = 'only';
    else m.character = lmHi > lmLo && m.lambdaMax > mid ? 'sharp' : 'flat';
  });
  return minima;
}

/**
 * Local minima of the loss over a grid: candidates from `loss` ([rows, cols] row-major, row = w2
 * index, at coordinates `w1` (cols) and `w2` (rows)), refined by Newton in float64, merged when
 * they converge to the same point, sorted by loss (the global minimum first) and classified.
 */
export function findMinima(sample: Sample, loss: ArrayLike<number>, w1: ArrayLike<number>, w2: ArrayLike<number>, p: MetricParams = DEFAULT_PARAMS, maxMinima = 8): LocalMinimum[] {
  const it = findMinimaSteps(sample, loss, w1, w2, p, maxMinima);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/**
 * findMinima as a generator that yields after the candidate scan, after each Newton iteration and
 * between a minimum's point report and its predictions (each a pass or a few over the sample), so a
 * caller can spread the work over short tasks; returns the minima.
 */
export function* findMinimaSteps(sample: Sample, loss: ArrayLike<number>, w1: ArrayLike<number>, w2: ArrayLike<number>, p: MetricParams = DEFAULT_PARAMS, maxMinima = 8): Generator<void, LocalMinimum[], unknown> {
  const cols = w1.length, rows = w2.length;
  if (cols < 3 || rows < 3) return [];
  const dx = Math.abs(w1[cols - 1] - w1[0]) / (cols - 1);
  const dy = Math.abs(w2[rows - 1] - w2[0]) / (rows - 1);
  const cell = Math.max(dx, dy);
  const lo1 = Math.min(w1[0], w1[cols - 1]), hi1 = Math.max(w1[0], w1[cols - 1]);
  const lo2 = Math.min(w2[0], w2[rows - 1]), hi2 = Math.max(w2[0], w2[rows - 1]);
  const out: LocalMinimum[] = [];
  const majority = majorityRate(sample);
  const candidates = gridMinimaCandidates(loss, rows, cols);
  for (const node of candidates) {
    yield;
    const r = Math.floor(node / cols), c = node - r * cols;
    const res = yield* newtonMinimumSteps(sample, w1[c], w2[r], p.depth, 2 * cell, 6 * cell);
    if (!res) continue;
    const [x, y] = res.w;
    if (x < lo1 || x > hi1 || y < lo2 || y > hi2) continue;
    if (out.some((m) => Math.hypot(m.w[0] - x, m.w[1] - y) < 0.5 * cell)) continue;
    yield;
    const rep = pointReport(sample, x, y, p);
    yield;
    const pred = trainingPredictions(sample, x, y, p.depth);
    const [lambdaMin, lambdaMax] = rep.eigen.values;
    out.push({
      w: [x, y],
      loss: res.loss,
      psi: rep.psi,
      bound: rep.bound,
      psiScale: rep.psiTerms[0].scale + rep.psiTerms[1].scale,
      psiCurvature: rep.psiTerms[0].curvature + rep.psiTerms[1].curvature,
      lambdaMin,
      lambdaMax,
      lambdaMaxRatio: 1,
      flatAlongOne: lambdaMin < FLAT_DIRECTION_RATIO * lambdaMax,
      trainAcc: pred.trainAcc,
      majorityRate: majority,
      constantShare: pred.constantShare,
      nearConstant: isNearConstant(pred.trainAcc, majority),
      global: false,
      character: 'flat',
      node,
    });
    if (out.length >= maxMinima) break;
  }
  out.sort((a, b) => a.loss - b.loss);
  return classifyMinima(out);
}
