/**
 * Grid jobs and results shared by compute/, app/, the CLI and tests (pure types + CPU helpers).
 * Grids are row-major Float32Arrays: index = row · res + col, row = w2 index, col = w1 index.
 */
import { tr } from './words';
import type { MetricParams } from './metrics';
import { PARAMS, checkParam, checkRangePair } from './params';

/** Largest grid resolution the app accepts (res × res nodes; core/params). */
export const MAX_GRID_RES = PARAMS.res.max;
/** Smallest grid resolution the app accepts (core/params). */
export const MIN_GRID_RES = PARAMS.res.min;

/** One landscape computation: a res×res grid over [w1Lo, w1Hi] × [w2Lo, w2Hi]. */
export interface GridJob extends MetricParams {
  /** Training sample: x [n, 2] row-major, y 0/1. */
  n: number;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  w1: [number, number];
  w2: [number, number];
  res: number;
}

/** Every field over the grid, each res*res floats (σ* and gradient interleaved ×2, Hessian ×3). */
export interface GridFields {
  res: number;
  /** Node coordinates along w1 (columns) and w2 (rows). */
  w1: Float32Array;
  w2: Float32Array;
  loss: Float32Array;
  /** [res*res, 2] interleaved ∂1, ∂2 */
  grad: Float32Array;
  /** [res*res, 3] interleaved H11, H12, H22 */
  hess: Float32Array;
  thirdNorm: Float32Array;
  rho: Float32Array;
  psi: Float32Array;
  bound: Float32Array;
  /** [res*res, 2] interleaved σ*1, σ*2 */
  sigmaStar: Float32Array;
  /** λmax(H) per node */
  lambdaMax: Float32Array;
  /**
   * SPEC §9: the mean loss on a fresh sample of the data set's mixture (the true loss) and
   * gap = testLoss − loss, per node. Absent until the test pass ran (it runs after the other
   * fields, and only where the mixture is known); see `withTestLoss`.
   */
  testLoss?: Float32Array;
  gap?: Float32Array;
  /** The job's hyper-parameters and sample size (derived fields of core/fields.ts need them). */
  params?: { depth: number; gamma: number; eps: number; delta: number; n: number };
}

/** Attaches a test-loss grid to `f` with gap = testLoss − loss (float64 difference of the two float32 values); returns f. */
export function withTestLoss(f: GridFields, testLoss: Float32Array): GridFields {
  const nn = f.res * f.res;
  if (testLoss.length !== nn) throw new Error(tr('test-loss grid has {{n}} values; expected {{need}}', { n: testLoss.length, need: nn }));
  const gap = new Float32Array(nn);
  for (let i = 0; i < nn; i++) gap[i] = testLoss[i] - f.loss[i];
  f.testLoss = testLoss;
  f.gap = gap;
  return f;
}

/** Zero-filled fields for a res×res job over its ranges (every engine fills these). */
export function allocGridFields(job: Pick<GridJob, 'res' | 'w1' | 'w2'> & Partial<GridJob>): GridFields {
  const res = job.res, nn = res * res;
  const { depth, gamma, eps, delta, n } = job;
  return {
    ...(depth !== undefined && gamma !== undefined && eps !== undefined && delta !== undefined && n !== undefined ? { params: { depth, gamma, eps, delta, n } } : {}),
    res,
    w1: linspace(job.w1[0], job.w1[1], res),
    w2: linspace(job.w2[0], job.w2[1], res),
    loss: new Float32Array(nn),
    grad: new Float32Array(2 * nn),
    hess: new Float32Array(3 * nn),
    thirdNorm: new Float32Array(nn),
    rho: new Float32Array(nn),
    psi: new Float32Array(nn),
    bound: new Float32Array(nn),
    sigmaStar: new Float32Array(2 * nn),
    lambdaMax: new Float32Array(nn),
  };
}

/** Node coordinates: res points evenly spaced from lo to hi inclusive. */
export function linspace(lo: number, hi: number, res: number): Float32Array {
  const out = new Float32Array(res);
  for (let i = 0; i < res; i++) out[i] = res === 1 ? lo : lo + ((hi - lo) * i) / (res - 1);
  return out;
}

/**
 * The first problem of a job (resolution, ranges, hyper-parameters, sample), or null; bounds and
 * wording from core/params, the one table every entrance uses.
 */
export function jobProblem(job: GridJob): string | null {
  if (typeof job !== 'object' || job === null) return tr('The grid job must be an object.');
  return (
    checkParam('res', job.res) ??
    checkRangePair(job.w1, tr('The w1 range')) ??
    checkRangePair(job.w2, tr('The w2 range')) ??
    checkParam('depth', job.depth) ??
    checkParam('gamma', job.gamma) ??
    checkParam('eps', job.eps) ??
    checkParam('delta', job.delta) ??
    checkParam('n', job.n, tr('The number of data points')) ??
    (job.x?.length === 2 * job.n && job.y?.length === job.n ? null : tr('The data arrays do not match n.'))
  );
}

/** Throws a RangeError with jobProblem's message when a job is out of range. */
export function validateJob(job: GridJob): void {
  const m = jobProblem(job);
  if (m) throw new RangeError(m);
}
