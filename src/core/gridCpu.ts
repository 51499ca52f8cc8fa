/**
 * The landscape grid in float64 on the CPU (the TS engine; also the reference the GPU engine is
 * tested against).
 *
 * ρ over a grid (SPEC §4, grid mode) is the max of ‖T‖_F over the grid nodes inside each node's
 * box, computed as a separable max filter. Measured on the paper-toy data, ‖T‖ often peaks at the
 * box's rim and rises steeply towards it (the inside nodes alone gave as little as 0.42 × the
 * supremum at 128²), so the filter also reads ‖T‖ at the exact box edges: it is evaluated on the
 * "rim lattice" whose columns are the node columns w1_i plus the edge columns w1_i ± κ1_i, and whose
 * rows are likewise w2_j and w2_j ± κ2_j (3·res × 3·res points). Each node's box then contributes
 * its inside nodes, the points of its four edges on node rows/columns, and its four exact corners.
 * Where the box is too coarse to hold a 3×3 block of nodes the node uses the 5×5 stencil instead.
 *
 * Phases: (1) jets on the lattice rows (order 3; loss/grad/Hessian kept at the nodes), (2) ρ,
 * (3) s, Ψ, bound and σ* per node.
 */
import { lossJet, thirdNormFromJet, JET_SIZE, type Sample } from './jets';
import { kappaOf, rhoStencil, metricFromParts, eigenSym2, type MetricParams } from './metrics';
import { linspace, type GridFields, type GridJob } from './grid';

/** Grid mode needs the box to hold nodes ±r with r ≥ this along both axes (a 3×3 block). */
export const MIN_FILTER_RADIUS = 1;

/** Geometry of a job: node axes, box half-widths, filter radii and the rim lattice. */
export interface GridLayout {
  res: number;
  w1: Float32Array;
  w2: Float32Array;
  h1: number;
  h2: number;
  /** κ per column (w1) and per row (w2). */
  k1: Float64Array;
  k2: Float64Array;
  /** Filter radius per column / row in nodes: nodes i ± r lie inside the box. */
  r1: Int32Array;
  r2: Int32Array;
  /** Lattice columns [3·res]: w1 nodes, then w1 − κ1, then w1 + κ1 (float64). */
  latCols: Float64Array;
  /** Lattice rows [3·res]: w2 nodes, then w2 − κ2, then w2 + κ2. */
  latRows: Float64Array;
}

/** Node coordinate i on [lo, hi] in float64 (the Float32 axes are for display). */
function nodeAt(lo: number, h: number, i: number): number {
  return lo + h * i;
}

/** Lays out a job: axes, spacing, per-node radii and the rim lattice. */
export function gridLayout(job: GridJob): GridLayout {
  const { res } = job;
  const h1 = res > 1 ? (job.w1[1] - job.w1[0]) / (res - 1) : 0;
  const h2 = res > 1 ? (job.w2[1] - job.w2[0]) / (res - 1) : 0;
  const k1 = new Float64Array(res), k2 = new Float64Array(res);
  const r1 = new Int32Array(res), r2 = new Int32Array(res);
  const latCols = new Float64Array(3 * res), latRows = new Float64Array(3 * res);
  for (let i = 0; i < res; i++) {
    const a = nodeAt(job.w1[0], h1, i), b = nodeAt(job.w2[0], h2, i);
    k1[i] = kappaOf(a, job.gamma, job.eps);
    k2[i] = kappaOf(b, job.gamma, job.eps);
    r1[i] = h1 > 0 ? Math.floor(k1[i] / h1 + 1e-9) : 0;
    r2[i] = h2 > 0 ? Math.floor(k2[i] / h2 + 1e-9) : 0;
    latCols[i] = a;
    latCols[res + i] = a - k1[i];
    latCols[2 * res + i] = a + k1[i];
    latRows[i] = b;
    latRows[res + i] = b - k2[i];
    latRows[2 * res + i] = b + k2[i];
  }
  return { res, w1: linspace(job.w1[0], job.w1[1], res), w2: linspace(job.w2[0], job.w2[1], res), h1, h2, k1, k2, r1, r2, latCols, latRows };
}

/** Raw per-node derivatives (float64): ‖T‖ on the rim lattice; loss/grad/Hessian at the nodes. */
export interface NodeFields {
  /** [3res, 3res] ‖T‖_F on the lattice, row-major */
  thirdNorm: Float64Array;
  /** [res*res] loss, [res*res*2] grad, [res*res*3] Hessian at the nodes */
  loss: Float64Array;
  grad: Float64Array;
  hess: Float64Array;
}

export function allocNodeFields(l: GridLayout): NodeFields {
  const g = l.res * l.res;
  return { thirdNorm: new Float64Array(9 * g), loss: new Float64Array(g), grad: new Float64Array(2 * g), hess: new Float64Array(3 * g) };
}

const JET = new Float64Array(JET_SIZE);

/** Phase 1 for lattice rows [rowStart, rowEnd) of 3·res: order-3 jets at every lattice point. */
export function evaluateNodeRows(job: GridJob, l: GridLayout, out: NodeFields, rowStart: number, rowEnd: number): void {
  const sample: Sample = job;
  const { res } = l;
  const W = 3 * res;
  for (let a = rowStart; a < rowEnd; a++) {
    const v2 = l.latRows[a];
    for (let b = 0; b < W; b++) {
      lossJet(sample, l.latCols[b], v2, job.depth, 3, JET);
      out.thirdNorm[a * W + b] = thirdNormFromJet(JET);
      if (a < res && b < res) {
        const g = a * res + b;
        out.loss[g] = JET[0];
        out.grad[2 * g] = JET[1];
        out.grad[2 * g + 1] = JET[2];
        out.hess[3 * g] = 2 * JET[3];
        out.hess[3 * g + 1] = JET[4];
        out.hess[3 * g + 2] = 2 * JET[5];
      }
    }
  }
}

/** Phase 2: ρ per node — separable max over the box's lattice points, or the 5×5 stencil. */
export function rhoGrid(job: GridJob, l: GridLayout, thirdNorm: Float64Array): Float64Array {
  const { res } = l;
  const W = 3 * res;
  // Pass 1 along w1, for every lattice row: [3res, res].
  const p1 = new Float64Array(W * res);
  for (let a = 0; a < W; a++) {
    const row = a * W;
    for (let i = 0; i < res; i++) {
      const r = l.r1[i];
      let m = Math.max(thirdNorm[row + res + i], thirdNorm[row + 2 * res + i]);
      const lo = Math.max(0, i - r), hi = Math.min(res - 1, i + r);
      for (let c = lo; c <= hi; c++) m = Math.max(m, thirdNorm[row + c]);
      p1[a * res + i] = m;
    }
  }
  const rho = new Float64Array(res * res);
  for (let j = 0; j < res; j++) {
    const r = l.r2[j];
    const lo = Math.max(0, j - r), hi = Math.min(res - 1, j + r);
    for (let i = 0; i < res; i++) {
      if (r < MIN_FILTER_RADIUS || l.r1[i] < MIN_FILTER_RADIUS) {
        rho[j * res + i] = rhoStencil(job, l.latCols[i], l.latRows[j], l.k1[i], l.k2[j], job.depth, 5);
        continue;
      }
      let m = Math.max(p1[(res + j) * res + i], p1[(2 * res + j) * res + i]);
      for (let q = lo; q <= hi; q++) m = Math.max(m, p1[q * res + i]);
      rho[j * res + i] = m;
    }
  }
  return rho;
}

/** Phase 3: assembles every output field (float32) from the node fields and ρ. */
export function assembleFields(job: GridJob, l: GridLayout, nodes: NodeFields, rho: Float64Array, p: MetricParams = job): GridFields {
  const { res } = l;
  const g = res * res;
  const W = 3 * res;
  const f: GridFields = {
    res,
    w1: l.w1,
    w2: l.w2,
    loss: new Float32Array(g),
    grad: new Float32Array(2 * g),
    hess: new Float32Array(3 * g),
    thirdNorm: new Float32Array(g),
    rho: new Float32Array(g),
    psi: new Float32Array(g),
    bound: new Float32Array(g),
    sigmaStar: new Float32Array(2 * g),
    lambdaMax: new Float32Array(g),
  };
  for (let j = 0; j < res; j++) {
    for (let i = 0; i < res; i++) {
      const k = j * res + i;
      const h11 = nodes.hess[3 * k], h12 = nodes.hess[3 * k + 1], h22 = nodes.hess[3 * k + 2];
      const m = metricFromParts(l.latCols[i], l.latRows[j], nodes.loss[k], h11, h22, rho[k], job.n, p);
      f.loss[k] = nodes.loss[k];
      f.grad[2 * k] = nodes.grad[2 * k];
      f.grad[2 * k + 1] = nodes.grad[2 * k + 1];
      f.hess[3 * k] = h11;
      f.hess[3 * k + 1] = h12;
      f.hess[3 * k + 2] = h22;
      f.thirdNorm[k] = nodes.thirdNorm[j * W + i];
      f.rho[k] = rho[k];
      f.psi[k] = m.psi;
      f.bound[k] = m.bound;
      f.sigmaStar[2 * k] = m.sigmaStar[0];
      f.sigmaStar[2 * k + 1] = m.sigmaStar[1];
      f.lambdaMax[k] = eigenSym2(h11, h12, h22).values[1];
    }
  }
  return f;
}

/** The whole grid synchronously (Node, tests, CLI). */
export function evaluateGridCpu(job: GridJob): GridFields {
  const l = gridLayout(job);
  const nodes = allocNodeFields(l);
  evaluateNodeRows(job, l, nodes, 0, 3 * l.res);
  return assembleFields(job, l, nodes, rhoGrid(job, l, nodes.thirdNorm));
}

/** Throws a clear error when a job is out of range (resolution, ranges, hyper-parameters). */
export function validateJob(job: GridJob, maxRes = 512, minRes = 2): void {
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
