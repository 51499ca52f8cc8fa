/**
 * The landscape grid in float64 on the CPU (the TS engine; also the reference the GPU engine is
 * tested against). Phases: (1) order-3 jets at every node of the grid padded by the largest box
 * half-width, (2) ρ by the separable max filter of SPEC §4 (5×5 stencil where the grid is too
 * coarse for the box), (3) s, Ψ, bound and σ* per node.
 */
import { lossJet, thirdNormFromJet, JET_SIZE, type Sample } from './jets';
import { kappaOf, rhoStencil, metricFromParts, eigenSym2, type MetricParams } from './metrics';
import { linspace, type GridFields, type GridJob } from './grid';

/**
 * Grid mode needs the box to hold at least (2r+1) nodes along each axis with r ≥ this radius
 * (SPEC §4: a 3×3 block); below it the node uses the 5×5 stencil.
 */
export const MIN_FILTER_RADIUS = 1;

/** Geometry of a job: node axes, spacing and the padding the max filter needs. */
export interface GridLayout {
  res: number;
  w1: Float32Array;
  w2: Float32Array;
  h1: number;
  h2: number;
  /** Extra nodes on each side along w1 (columns) and w2 (rows). */
  pad1: number;
  pad2: number;
  /** Padded grid size. */
  cols: number;
  rows: number;
  /** Filter radius per column (w1) and per row (w2), in nodes; < MIN_FILTER_RADIUS ⇒ stencil. */
  r1: Int32Array;
  r2: Int32Array;
  /** Fraction of a node spacing by which the box edge lies beyond node ±r: κ/h − r ∈ [0, 1). */
  t1: Float64Array;
  t2: Float64Array;
}

/** Filter radius (in nodes) of the box half-width κ on an axis of spacing h. */
function radius(kappa: number, h: number): number {
  return h > 0 ? Math.floor(kappa / h + 1e-9) : 0;
}

/** Lays out a job: axes, spacing, per-node filter radii and the padding they need. */
export function gridLayout(job: GridJob): GridLayout {
  const { res } = job;
  const w1 = linspace(job.w1[0], job.w1[1], res);
  const w2 = linspace(job.w2[0], job.w2[1], res);
  const h1 = res > 1 ? (job.w1[1] - job.w1[0]) / (res - 1) : 0;
  const h2 = res > 1 ? (job.w2[1] - job.w2[0]) / (res - 1) : 0;
  const r1 = new Int32Array(res);
  const r2 = new Int32Array(res);
  const t1 = new Float64Array(res);
  const t2 = new Float64Array(res);
  let pad1 = 0, pad2 = 0;
  for (let i = 0; i < res; i++) {
    const k1 = kappaOf(job.w1[0] + h1 * i, job.gamma, job.eps);
    const k2 = kappaOf(job.w2[0] + h2 * i, job.gamma, job.eps);
    r1[i] = radius(k1, h1);
    r2[i] = radius(k2, h2);
    t1[i] = h1 > 0 ? Math.min(1, Math.max(0, k1 / h1 - r1[i])) : 0;
    t2[i] = h2 > 0 ? Math.min(1, Math.max(0, k2 / h2 - r2[i])) : 0;
    // One node beyond the radius is read to interpolate the value at the box edge.
    if (r1[i] >= MIN_FILTER_RADIUS) pad1 = Math.max(pad1, r1[i] + 1 - i, r1[i] + 1 - (res - 1 - i));
    if (r2[i] >= MIN_FILTER_RADIUS) pad2 = Math.max(pad2, r2[i] + 1 - i, r2[i] + 1 - (res - 1 - i));
  }
  return { res, w1, w2, h1, h2, pad1, pad2, cols: res + 2 * pad1, rows: res + 2 * pad2, r1, r2, t1, t2 };
}

/** Raw per-node derivatives of the padded grid (float64), filled row by row. */
export interface NodeFields {
  /** [rows*cols] ‖T‖_F on the padded grid */
  thirdNorm: Float64Array;
  /** [res*res] loss, [res*res*2] grad, [res*res*3] Hessian on the interior grid */
  loss: Float64Array;
  grad: Float64Array;
  hess: Float64Array;
}

export function allocNodeFields(l: GridLayout): NodeFields {
  const g = l.res * l.res;
  return { thirdNorm: new Float64Array(l.rows * l.cols), loss: new Float64Array(g), grad: new Float64Array(2 * g), hess: new Float64Array(3 * g) };
}

const JET = new Float64Array(JET_SIZE);

/** Phase 1 for padded rows [rowStart, rowEnd): jets at each node. */
export function evaluateNodeRows(job: GridJob, l: GridLayout, out: NodeFields, rowStart: number, rowEnd: number): void {
  const sample: Sample = job;
  for (let pr = rowStart; pr < rowEnd; pr++) {
    const row = pr - l.pad2;
    const v2 = job.w2[0] + l.h2 * row;
    const interiorRow = row >= 0 && row < l.res;
    for (let pc = 0; pc < l.cols; pc++) {
      const col = pc - l.pad1;
      const v1 = job.w1[0] + l.h1 * col;
      const interior = interiorRow && col >= 0 && col < l.res;
      // Padding nodes only feed the max filter: order 3 is still needed for ‖T‖.
      lossJet(sample, v1, v2, job.depth, 3, JET);
      out.thirdNorm[pr * l.cols + pc] = thirdNormFromJet(JET);
      if (interior) {
        const g = row * l.res + col;
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

/**
 * Phase 2: ρ per interior node — separable max of ‖T‖ over the nodes inside the node's box
 * (columns within r1, then rows within r2), or the 5×5 stencil where a radius is too small.
 * The box edge rarely falls on a node, and on this landscape ‖T‖ often peaks at the box's corner
 * and grows steeply towards it (measured: the inside nodes alone gave as little as 0.42 × the
 * supremum), so each pass also takes the value at exactly ±κ, linearly interpolated between
 * node r and node r + 1.
 */
export function rhoGrid(job: GridJob, l: GridLayout, thirdNorm: Float64Array): Float64Array {
  const { res, cols, pad1, pad2 } = l;
  // Pass 1 (along w1) for every padded row, interior columns only: [rows, res].
  const rowMax = new Float64Array(l.rows * res);
  for (let pr = 0; pr < l.rows; pr++) {
    for (let c = 0; c < res; c++) {
      const r = l.r1[c];
      if (r < MIN_FILTER_RADIUS) continue;
      let m = 0;
      const base = pr * cols + pad1 + c;
      for (let d = -r; d <= r; d++) m = Math.max(m, thirdNorm[base + d]);
      const t = l.t1[c];
      m = Math.max(m, (1 - t) * thirdNorm[base - r] + t * thirdNorm[base - r - 1], (1 - t) * thirdNorm[base + r] + t * thirdNorm[base + r + 1]);
      rowMax[pr * res + c] = m;
    }
  }
  const rho = new Float64Array(res * res);
  for (let row = 0; row < res; row++) {
    const r = l.r2[row];
    for (let c = 0; c < res; c++) {
      if (r < MIN_FILTER_RADIUS || l.r1[c] < MIN_FILTER_RADIUS) {
        const w1 = job.w1[0] + l.h1 * c;
        const w2 = job.w2[0] + l.h2 * row;
        rho[row * res + c] = rhoStencil(job, w1, w2, kappaOf(w1, job.gamma, job.eps), kappaOf(w2, job.gamma, job.eps), job.depth, 5);
        continue;
      }
      let m = 0;
      const base = (row + pad2) * res + c;
      for (let d = -r; d <= r; d++) m = Math.max(m, rowMax[base + d * res]);
      const t = l.t2[row];
      m = Math.max(m, (1 - t) * rowMax[base - r * res] + t * rowMax[base - (r + 1) * res], (1 - t) * rowMax[base + r * res] + t * rowMax[base + (r + 1) * res]);
      rho[row * res + c] = m;
    }
  }
  return rho;
}

/** Phase 3: assembles every output field (float32) from the node fields and ρ. */
export function assembleFields(job: GridJob, l: GridLayout, nodes: NodeFields, rho: Float64Array, p: MetricParams = job): GridFields {
  const { res } = l;
  const g = res * res;
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
  for (let row = 0; row < res; row++) {
    for (let c = 0; c < res; c++) {
      const k = row * res + c;
      const w1 = job.w1[0] + l.h1 * c;
      const w2 = job.w2[0] + l.h2 * row;
      const h11 = nodes.hess[3 * k], h12 = nodes.hess[3 * k + 1], h22 = nodes.hess[3 * k + 2];
      const m = metricFromParts(w1, w2, nodes.loss[k], h11, h22, rho[k], job.n, p);
      f.loss[k] = nodes.loss[k];
      f.grad[2 * k] = nodes.grad[2 * k];
      f.grad[2 * k + 1] = nodes.grad[2 * k + 1];
      f.hess[3 * k] = h11;
      f.hess[3 * k + 1] = h12;
      f.hess[3 * k + 2] = h22;
      f.thirdNorm[k] = nodes.thirdNorm[(row + l.pad2) * l.cols + c + l.pad1];
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
  evaluateNodeRows(job, l, nodes, 0, l.rows);
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
