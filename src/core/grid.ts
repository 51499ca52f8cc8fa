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

/** Node coordinates: res points evenly spaced from lo to hi inclusive. */
export function linspace(lo: number, hi: number, res: number): Float32Array {
  const out = new Float32Array(res);
  for (let i = 0; i < res; i++) out[i] = res === 1 ? lo : lo + ((hi - lo) * i) / (res - 1);
  return out;
}
