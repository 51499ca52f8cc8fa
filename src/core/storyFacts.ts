/**
 * The facts the guided story is told from (core/storyText builds the words): for the current data
 * set, model and metric parameters, the two minima the story compares — chosen by character, never
 * by coordinates — with every number the story quotes, computed exactly as the inspector and the
 * pin table compute them (core/metrics pointReport, core/reconstruct pinRow), in float64.
 *
 * Roles:
 * - `low`: the minimum with the lowest training loss (the global one of those found);
 * - `other`: among the remaining minima, the flattest (lowest λmax) that is a *real classifier*
 *   (not near-constant in core/minima's sense: train accuracy at least NEAR_CONSTANT_MARGIN above
 *   the majority rate); when none of them is, the flattest of them, with `otherIsReal = false`.
 */
import type { Sample } from './jets';
import type { MetricParams } from './metrics';
import { pinRow } from './reconstruct';
import type { Dataset } from './data';
import { isNearConstant, majorityRate, trainingPredictions } from './minima';

/** Everything the story says about one minimum. Accuracies are fractions; losses mean BCE (nats). */
export interface MinimumFacts {
  w: [number, number];
  loss: number;
  psi: number;
  /** Σ_i log(1 + |w_i|/κ_i) and Σ_i max(0, log(κ_i √s_i)) (SPEC §5): psi = psiScale + psiCurvature. */
  psiScale: number;
  psiCurvature: number;
  bound: number;
  /** The bound's parts at σ*: bound = loss + boundCurvature + boundComplexity (SPEC §6). */
  boundCurvature: number;
  boundComplexity: number;
  sigmaStar: [number, number];
  kappa: [number, number];
  lambdaMin: number;
  lambdaMax: number;
  trainAcc: number;
  /** NaN when there is no fresh test sample. */
  testAcc: number;
  testLoss: number;
  /** testLoss − loss (NaN without a test sample). */
  gap: number;
  /** Largest share of the training points predicted as one class, in [0.5, 1] (core/minima constantShare). */
  oneClassShare: number;
  /** No better than guessing the majority class (core/minima isNearConstant), as the minima tags say. */
  nearConstant: boolean;
  /** Not near-constant. */
  realClassifier: boolean;
}

/** Where the runs of one training method ended (step 7). Fractions in [0, 1]. */
export interface RunGroupFacts {
  method: 'gd' | 'perturbed';
  runs: number;
  /** Share of runs that ended in the basin of `low`, of `other`, and anywhere else. */
  atLow: number;
  atOther: number;
  elsewhere: number;
  meanTestLoss: number;
  meanTrainLoss: number;
}

export interface RunsFacts {
  start: [number, number];
  steps: number;
  lr: number;
  plain: RunGroupFacts;
  perturbed: RunGroupFacts;
  /** Which engine ran them. */
  source: 'experiments' | 'single-runs';
  /** How the perturbed runs got σ* (said in the notes), or ''. */
  sigmaNote?: string;
}

export interface StoryFacts {
  dataName: string;
  n: number;
  depth: number;
  gamma: number;
  eps: number;
  delta: number;
  /** Share of the most frequent training label. */
  majority: number;
  /** Loss range over the grid now shown (null before a grid). */
  lossRange: [number, number] | null;
  minimaCount: number;
  low: MinimumFacts | null;
  other: MinimumFacts | null;
  otherIsReal: boolean;
  /** Size of the fresh test sample (0: none, the data set's mixture is unknown). */
  testN: number;
  /** The common start of the step-7 runs: halfway between `low` and `other` (null with < 2 minima). */
  start: [number, number] | null;
  /** Step 7: not yet run (null), running (progress in [0, 1]), done or failed. */
  runs: RunsFacts | null;
  runsProgress: number | null;
  runsError: string | null;
  /** Whether the app has an Experiments view to point to (step 7 mentions it only then). */
  experimentsView: boolean;
}

/** The facts of one minimum at w (train sample `sample`, fresh test sample `test` or null). */
export function minimumFacts(sample: Sample, w: readonly [number, number], p: MetricParams, test: Sample | null, majority = majorityRate(sample)): MinimumFacts {
  // pinRow's report is pointReport's at w (one computation of the 26 order-3 jets, not two).
  const row = pinRow(sample as Dataset, w[0], w[1], p, test);
  const r = row.point;
  const share = trainingPredictions(sample, w[0], w[1], p.depth).constantShare;
  const nearConstant = isNearConstant(row.trainAcc, majority);
  return {
    w: [w[0], w[1]],
    loss: r.loss,
    psi: r.psi,
    psiScale: r.psiTerms[0].scale + r.psiTerms[1].scale,
    psiCurvature: r.psiTerms[0].curvature + r.psiTerms[1].curvature,
    bound: r.bound,
    boundCurvature: r.boundParts.curvature,
    boundComplexity: r.boundParts.complexity,
    sigmaStar: [r.sigmaStar[0], r.sigmaStar[1]],
    kappa: [r.kappa[0], r.kappa[1]],
    lambdaMin: r.eigen.values[0],
    lambdaMax: r.eigen.values[1],
    trainAcc: row.trainAcc,
    testAcc: row.testAcc,
    testLoss: row.testLoss,
    gap: row.gapLoss,
    oneClassShare: share,
    nearConstant,
    realClassifier: !nearConstant,
  };
}

/** The two roles among minima given as positions with their loss and λmax (see the module comment). */
export function pickRoles<M extends { loss: number; lambdaMax: number }>(minima: readonly M[], isReal: (m: M) => boolean): { low: M | null; other: M | null; otherIsReal: boolean } {
  if (minima.length === 0) return { low: null, other: null, otherIsReal: false };
  let low = minima[0];
  for (const m of minima) if (m.loss < low.loss) low = m;
  const rest = minima.filter((m) => m !== low);
  if (rest.length === 0) return { low, other: null, otherIsReal: false };
  const flattest = (ms: M[]) => ms.reduce((a, b) => (b.lambdaMax < a.lambdaMax ? b : a));
  const real = rest.filter(isReal);
  if (real.length) return { low, other: flattest(real), otherIsReal: true };
  return { low, other: flattest(rest), otherIsReal: false };
}

/** Inputs of gatherStoryFacts: the live view, as plain values. */
export interface StoryInputs {
  sample: Sample;
  dataName: string;
  params: MetricParams;
  /** Positions of the minima the app found (refined in float64). */
  minima: readonly { w: readonly [number, number] }[];
  test: Sample | null;
  lossRange: [number, number] | null;
  runs?: RunsFacts | null;
  runsProgress?: number | null;
  runsError?: string | null;
  experimentsView?: boolean;
}

/** Computes the story's facts for the live view (a few pointReports: ~ms). */
export function gatherStoryFacts(inp: StoryInputs): StoryFacts {
  const { sample, params: p, test } = inp;
  const majority = majorityRate(sample);
  const all = inp.minima.map((m) => minimumFacts(sample, m.w, p, test, majority));
  const { low, other, otherIsReal } = pickRoles(all, (m) => m.realClassifier);
  const start: [number, number] | null = low && other ? [0.5 * (low.w[0] + other.w[0]), 0.5 * (low.w[1] + other.w[1])] : null;
  return {
    dataName: inp.dataName,
    n: sample.n,
    depth: p.depth,
    gamma: p.gamma,
    eps: p.eps,
    delta: p.delta,
    majority,
    lossRange: inp.lossRange,
    minimaCount: all.length,
    low,
    other,
    otherIsReal,
    testN: test ? test.n : 0,
    start,
    runs: inp.runs ?? null,
    runsProgress: inp.runsProgress ?? null,
    runsError: inp.runsError ?? null,
    experimentsView: inp.experimentsView ?? false,
  };
}

/** Where one run ended: the basin it reached (of the two compared minima, or elsewhere) and its losses. */
export interface RunEndpoint {
  method: 'gd' | 'perturbed';
  w: [number, number];
  basin: 'low' | 'other' | 'elsewhere';
  trainLoss: number;
  testLoss: number;
}

/** Two minima closer than this are the same point. */
export const SAME_POINT_TOL = 1e-6;

/**
 * Which of the two compared minima a basin index (into `minima`, as experiment rows give it; null:
 * Newton reached none of them) stands for.
 */
export function basinRole(basin: number | null, minima: readonly { w: readonly [number, number] }[], low: readonly [number, number], other: readonly [number, number]): RunEndpoint['basin'] {
  if (basin === null || !minima[basin]) return 'elsewhere';
  const w = minima[basin].w;
  if (Math.hypot(w[0] - low[0], w[1] - low[1]) < SAME_POINT_TOL) return 'low';
  if (Math.hypot(w[0] - other[0], w[1] - other[1]) < SAME_POINT_TOL) return 'other';
  return 'elsewhere';
}

/** Fractions per basin and mean losses of each method's endpoints. */
export function summarizeRuns(ends: readonly RunEndpoint[], start: [number, number], steps: number, lr: number, source: RunsFacts['source']): RunsFacts {
  const group = (method: 'gd' | 'perturbed'): RunGroupFacts => {
    const es = ends.filter((e) => e.method === method);
    const k = es.length;
    const count = { low: 0, other: 0, elsewhere: 0 };
    let test = 0, train = 0;
    for (const e of es) {
      count[e.basin]++;
      test += e.testLoss;
      train += e.trainLoss;
    }
    return { method, runs: k, atLow: count.low / k, atOther: count.other / k, elsewhere: count.elsewhere / k, meanTestLoss: test / k, meanTrainLoss: train / k };
  };
  return { start, steps, lr, plain: group('gd'), perturbed: group('perturbed'), source };
}
