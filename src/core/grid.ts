/**
 * Grid jobs and results shared by compute/, app/, the CLI and tests (pure types + CPU helpers).
 * Grids are row-major Float32Arrays: index = row · res + col, row = w2 index, col = w1 index.
 */
import type { MetricParams } from './metrics';

/** Largest grid resolution the app accepts (res × res nodes). */
export const MAX_GRID_RES = 512;
/** Smallest grid resolution the app accepts. */
export const MIN_GRID_RES = 8;

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
}

/** Zero-filled fields for a res×res job over its ranges (every engine fills these). */
export function allocGridFields(job: Pick<GridJob, 'res' | 'w1' | 'w2'>): GridFields {
  const res = job.res, nn = res * res;
  return {
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

/** Throws a clear error when a job is out of range (resolution, ranges, hyper-parameters). */
export function validateJob(job: GridJob, maxRes = MAX_GRID_RES, minRes = 2): void {
  if (!Number.isInteger(job.res) || job.res < minRes || job.res > maxRes) throw new Error(`Grid resolution must be an integer from ${minRes} to ${maxRes}; got ${job.res}.`);
  for (const [name, r] of [['w1', job.w1], ['w2', job.w2]] as const) {
    if (!Array.isArray(r) || r.length !== 2 || !r.every(Number.isFinite) || !(r[0] < r[1])) throw new Error(`The ${name} range must be two finite numbers lo < hi.`);
    if (Math.max(Math.abs(r[0]), Math.abs(r[1])) > 50) throw new Error(`The ${name} range must lie within [−50, 50].`);
  }
  if (!Number.isInteger(job.depth) || job.depth < 1 || job.depth > 8) throw new Error(`Depth must be an integer from 1 to 8; got ${job.depth}.`);
  if (!(job.gamma >= 0 && job.gamma <= 10)) throw new Error(`γ must be in [0, 10]; got ${job.gamma}.`);
  if (!(job.eps > 0 && job.eps <= 10)) throw new Error(`ε must be in (0, 10]; got ${job.eps}.`);
  if (!(job.delta > 0 && job.delta < 1)) throw new Error(`δ must be in (0, 1); got ${job.delta}.`);
  if (!(job.n >= 2)) throw new Error('The data set needs at least 2 points.');
}
