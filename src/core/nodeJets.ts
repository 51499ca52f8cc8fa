/**
 * The per-node work of the TS grid engine, shared by the Web Workers and the in-thread path:
 * order-3 loss jets at many w, reduced to 7 numbers per node
 * [loss, ∂1, ∂2, H11, H12, H22, ‖T‖_F] (float64).
 */
import { lossJet, thirdNormFromJet, JET_SIZE, type Sample } from './jets';

export const NODE_STRIDE = 7;

const JET = new Float64Array(JET_SIZE);

function put(out: Float64Array, i: number): void {
  const o = i * NODE_STRIDE;
  out[o] = JET[0];
  out[o + 1] = JET[1];
  out[o + 2] = JET[2];
  out[o + 3] = 2 * JET[3];
  out[o + 4] = JET[4];
  out[o + 5] = 2 * JET[5];
  out[o + 6] = thirdNormFromJet(JET);
}

/** Nodes of a rectangle: w = origin + (col, row0 + r)·step, r < rows, col < cols; row-major. */
export function evalRect(sample: Sample, depth: number, origin: readonly [number, number], step: readonly [number, number], row0: number, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols * NODE_STRIDE);
  for (let r = 0; r < rows; r++) {
    const w2 = origin[1] + step[1] * (row0 + r);
    for (let c = 0; c < cols; c++) {
      lossJet(sample, origin[0] + step[0] * c, w2, depth, 3, JET);
      put(out, r * cols + c);
    }
  }
  return out;
}

/** Arbitrary points, pts = [w1, w2, w1, w2, ...]. */
export function evalPoints(sample: Sample, depth: number, pts: ArrayLike<number>): Float64Array {
  const k = pts.length >> 1;
  const out = new Float64Array(k * NODE_STRIDE);
  for (let i = 0; i < k; i++) {
    lossJet(sample, pts[2 * i], pts[2 * i + 1], depth, 3, JET);
    put(out, i);
  }
  return out;
}

/** Mean loss only (order 0) at the nodes of a rectangle, laid out as evalRect: one number per node. */
export function lossRect(sample: Sample, depth: number, origin: readonly [number, number], step: readonly [number, number], row0: number, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const w2 = origin[1] + step[1] * (row0 + r);
    for (let c = 0; c < cols; c++) out[r * cols + c] = lossJet(sample, origin[0] + step[0] * c, w2, depth, 0, JET)[0];
  }
  return out;
}
