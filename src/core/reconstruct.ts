/**
 * Model reconstruction and the pin table (SPEC §8), in float64: accuracy of ŷ = [p(x) > ½],
 * test loss and accuracy on a fresh seeded sample of the same mixture, the decision field p(x)
 * over a 2-D grid of inputs, and the one-row summary the comparison table shows for a pinned w.
 */
import { lossAt, predictProba, type Sample } from './jets';
import { freshSample, type Dataset } from './data';
import { pointReport, type MetricParams } from './metrics';
import type { FieldPoint } from './fields';

/** Fraction of points whose thresholded prediction [p(x) > ½] equals the label, in [0, 1]. */
export function accuracy(sample: Sample, w1: number, w2: number, depth: number): number {
  if (sample.n === 0) return NaN;
  const p = predictProba(sample.x, sample.n, w1, w2, depth);
  let hits = 0;
  for (let j = 0; j < sample.n; j++) if ((p[j] > 0.5 ? 1 : 0) === sample.y[j]) hits++;
  return hits / sample.n;
}

/** Default size and seed of the fresh test sample (SPEC §8–§9): one sample for the grid's test loss and gap, the inspector, the pin table, the decision view and the training charts. */
export const DEFAULT_TEST_SIZE = 20_000;
export const DEFAULT_TEST_SEED = 7;
/** Largest test sample the UI accepts (each costs O(size·depth) per evaluation). */
export const MAX_TEST_SIZE = 100_000;
/** Smallest test sample the UI and links accept. */
export const MIN_TEST_SIZE = 10;

/** A fresh labelled sample of `size` points from the data set's mixture, or null when unknown. */
export function testSampleOf(d: Dataset, size: number, seed: number): Sample | null {
  if (!d.mixture || !(size >= 1)) return null;
  return freshSample(d.mixture, Math.round(size), seed >>> 0);
}

/** One row of the pin/compare table. Accuracies in [0, 1]; losses are mean BCE (nats). */
export interface PinRow {
  w: [number, number];
  loss: number;
  psi: number;
  bound: number;
  lambdaMax: number;
  trainAcc: number;
  /** NaN when the data set has no known mixture (no fresh sample possible). */
  testAcc: number;
  testLoss: number;
  /** Generalization gap in loss, test − train (nats). */
  gapLoss: number;
  /** Generalization gap in accuracy, train − test. */
  gapAcc: number;
  /** Every registry field's exact value at w (core/fields.ts; the pin table's generated rows). */
  point: FieldPoint;
}

/** Everything the pin table shows for one w (ρ from the 5×5 stencil as in the inspector). */
export function pinRow(d: Dataset, w1: number, w2: number, p: MetricParams, test: Sample | null): PinRow {
  const r = pointReport(d, w1, w2, p);
  const trainAcc = accuracy(d, w1, w2, p.depth);
  const testAcc = test ? accuracy(test, w1, w2, p.depth) : NaN;
  const testLoss = test ? lossAt(test, w1, w2, p.depth) : NaN;
  return {
    w: [w1, w2],
    loss: r.loss,
    psi: r.psi,
    bound: r.bound,
    lambdaMax: r.eigen.values[1],
    trainAcc,
    testAcc,
    testLoss,
    gapLoss: testLoss - r.loss,
    gapAcc: trainAcc - testAcc,
    point: { ...r, n: d.n, delta: p.delta, testLoss: test ? testLoss : undefined },
  };
}

/** Axis-aligned window over input space: [x1Lo, x1Hi] × [x2Lo, x2Hi]. */
export interface InputWindow {
  x1: [number, number];
  x2: [number, number];
}

/** A square window around the points (`margin` × the larger half-range added on each side). */
export function inputWindow(x: ArrayLike<number>, n: number, margin = 0.15): InputWindow {
  let lo1 = Infinity, hi1 = -Infinity, lo2 = Infinity, hi2 = -Infinity;
  for (let j = 0; j < n; j++) {
    const a = x[2 * j], b = x[2 * j + 1];
    if (a < lo1) lo1 = a;
    if (a > hi1) hi1 = a;
    if (b < lo2) lo2 = b;
    if (b > hi2) hi2 = b;
  }
  if (!(hi1 >= lo1) || !(hi2 >= lo2)) return { x1: [-3, 3], x2: [-3, 3] };
  const c1 = 0.5 * (lo1 + hi1), c2 = 0.5 * (lo2 + hi2);
  const half = Math.max(0.5 * (hi1 - lo1), 0.5 * (hi2 - lo2), 0.5) * (1 + margin);
  return { x1: [c1 - half, c1 + half], x2: [c2 - half, c2 + half] };
}

/**
 * p(x) on a res×res grid of inputs over the window, row-major with row = x2 index from the top
 * (x2 high → low, as an image) and column = x1 index (low → high).
 */
export function decisionField(win: InputWindow, res: number, w1: number, w2: number, depth: number): Float64Array {
  const xs = new Float64Array(2 * res * res);
  for (let r = 0; r < res; r++) {
    const x2 = win.x2[1] - ((win.x2[1] - win.x2[0]) * (r + 0.5)) / res;
    for (let c = 0; c < res; c++) {
      const i = r * res + c;
      xs[2 * i] = win.x1[0] + ((win.x1[1] - win.x1[0]) * (c + 0.5)) / res;
      xs[2 * i + 1] = x2;
    }
  }
  return predictProba(xs, res * res, w1, w2, depth);
}

const testCache = new WeakMap<Dataset, { size: number; seed: number; sample: Sample | null }>();

/** `testSampleOf` remembered per data set for the last (size, seed) asked (the UI asks often). */
export function cachedTestSample(d: Dataset, size: number, seed: number): Sample | null {
  const hit = testCache.get(d);
  if (hit && hit.size === size && hit.seed === seed) return hit.sample;
  const sample = testSampleOf(d, size, seed);
  testCache.set(d, { size, seed, sample });
  return sample;
}
