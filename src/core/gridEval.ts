/**
 * The landscape grid in float64 with the ρ rule of core/rhoGrid.ts (the one the WebGL engine
 * follows too), split into tasks so the TS engine can spread them over Web Workers:
 *
 *  1. `rect` tasks: order-3 jets on row blocks of the grid extended by the plan's margins
 *     (7 numbers per node, core/nodeJets.ts);
 *  2. `points` tasks: the 5×5 stencil of the nodes in the fallback bands;
 *  3. `assembleGrid`: ρ (max filter with interpolated box edges + stencil bands), s, Ψ, the bound, σ*, λmax.
 */
import type { GridFields, GridJob } from './grid';
import { allocGridFields } from './grid';
import { kappaOf, metricFromParts, STENCIL5, type MetricParams } from './metrics';
import { evalPoints, evalRect, lossRect, NODE_STRIDE } from './nodeJets';
import { inStencilBand, planGrid, rhoFromExtended, type GridPlan } from './rhoGrid';
import type { Sample } from './jets';

export type GridTask =
  | { type: 'rect'; depth: number; origin: [number, number]; step: [number, number]; row0: number; rows: number; cols: number }
  | { type: 'points'; depth: number; pts: Float64Array }
  | { type: 'loss'; depth: number; origin: [number, number]; step: [number, number]; row0: number; rows: number; cols: number };

/** Runs one task on a sample (in a worker or in-thread). */
export function runGridTask(sample: Sample, t: GridTask): Float64Array {
  if (t.type === 'loss') return lossRect(sample, t.depth, t.origin, t.step, t.row0, t.rows, t.cols);
  return t.type === 'rect' ? evalRect(sample, t.depth, t.origin, t.step, t.row0, t.rows, t.cols) : evalPoints(sample, t.depth, t.pts);
}

/** A job's tasks and the buffers their results go into. */
export interface GridWork {
  job: GridJob;
  plan: GridPlan;
  /** [re·ce·7] node values on the extended grid */
  ext: Float64Array;
  /** fallback node indices (row·res + col) and their stencil ρ */
  fallback: Int32Array;
  stencilRho: Float64Array;
  tasks: { task: GridTask; units: number; store: (d: Float64Array) => void }[];
}

/** Node·sample·layer evaluations per task (~30 ms of core's jets). */
export const TASK_BUDGET = 4e5;

/** Splits a job into tasks (see the file comment). */
export function planWork(job: GridJob, budget = TASK_BUDGET, stencilFallback = true): GridWork {
  const plan = planGrid(job, stencilFallback);
  const { res, step } = plan;
  const [m1, m2] = plan.margin;
  const ce = res + 2 * m1, re = res + 2 * m2;
  const ext = new Float64Array(re * ce * NODE_STRIDE);
  const perNode = job.n * Math.max(1, job.depth);
  const tasks: GridWork['tasks'] = [];
  const origin: [number, number] = [job.w1[0] - m1 * step[0], job.w2[0] - m2 * step[1]];
  const rowsPer = Math.max(1, Math.floor(budget / (perNode * ce)));
  for (let row0 = 0; row0 < re; row0 += rowsPer) {
    const rows = Math.min(rowsPer, re - row0);
    tasks.push({
      task: { type: 'rect', depth: job.depth, origin, step, row0, rows, cols: ce },
      units: rows * ce,
      store: (d) => ext.set(d, row0 * ce * NODE_STRIDE),
    });
  }
  const fb: number[] = [];
  for (let r = 0; r < res; r++) for (let c = 0; c < res; c++) if (inStencilBand(plan, r, c)) fb.push(r * res + c);
  const fallback = Int32Array.from(fb);
  const stencilRho = new Float64Array(fallback.length);
  const nodesPer = Math.max(1, Math.floor(budget / (perNode * 25)));
  for (let f0 = 0; f0 < fallback.length; f0 += nodesPer) {
    const count = Math.min(nodesPer, fallback.length - f0);
    const pts = new Float64Array(count * 50);
    let p = 0;
    for (let i = 0; i < count; i++) {
      const g = fallback[f0 + i];
      const w1 = job.w1[0] + step[0] * (g % res), w2 = job.w2[0] + step[1] * Math.floor(g / res);
      const k1 = kappaOf(w1, job.gamma, job.eps), k2 = kappaOf(w2, job.gamma, job.eps);
      for (const a of STENCIL5)
        for (const b of STENCIL5) {
          pts[p++] = w1 + a * k1;
          pts[p++] = w2 + b * k2;
        }
    }
    tasks.push({
      task: { type: 'points', depth: job.depth, pts },
      units: count * 25,
      store: (d) => {
        for (let i = 0; i < count; i++) {
          let m = 0;
          for (let s = 0; s < 25; s++) m = Math.max(m, d[(i * 25 + s) * NODE_STRIDE + 6]);
          stencilRho[f0 + i] = m;
        }
      },
    });
  }
  return { job, plan, ext, fallback, stencilRho, tasks };
}

/** ρ, Ψ, the bound, σ* and the rest from the finished tasks (float32 fields). */
export function assembleGrid(w: GridWork, p: MetricParams = w.job): GridFields {
  const { job, plan, ext } = w;
  const { res, step } = plan;
  const [m1, m2] = plan.margin;
  const ce = res + 2 * m1, re = res + 2 * m2;
  const tExt = new Float64Array(re * ce);
  for (let i = 0; i < tExt.length; i++) tExt[i] = ext[i * NODE_STRIDE + 6];
  const rho = rhoFromExtended(tExt, plan, job);
  w.fallback.forEach((g, i) => (rho[g] = w.stencilRho[i]));
  const f: GridFields = allocGridFields(job);
  for (let r = 0; r < res; r++) {
    const w2 = job.w2[0] + step[1] * r;
    for (let c = 0; c < res; c++) {
      const k = r * res + c;
      const o = ((r + m2) * ce + c + m1) * NODE_STRIDE;
      const w1 = job.w1[0] + step[0] * c;
      const loss = ext[o], h11 = ext[o + 3], h12 = ext[o + 4], h22 = ext[o + 5];
      const m = metricFromParts(w1, w2, loss, h11, h22, rho[k], job.n, p);
      f.loss[k] = loss;
      f.grad[2 * k] = ext[o + 1];
      f.grad[2 * k + 1] = ext[o + 2];
      f.hess[3 * k] = h11;
      f.hess[3 * k + 1] = h12;
      f.hess[3 * k + 2] = h22;
      f.thirdNorm[k] = ext[o + 6];
      f.rho[k] = rho[k];
      f.psi[k] = m.psi;
      f.bound[k] = m.bound;
      f.sigmaStar[2 * k] = m.sigmaStar[0];
      f.sigmaStar[2 * k + 1] = m.sigmaStar[1];
      f.lambdaMax[k] = 0.5 * (h11 + h22) + Math.hypot(0.5 * (h11 - h22), h12);
    }
  }
  return f;
}

/** The whole grid synchronously (Node, tests, CLI). */
export function evaluateGridSync(job: GridJob): GridFields {
  const w = planWork(job, Infinity);
  for (const t of w.tasks) t.store(runGridTask(job, t.task));
  return assembleGrid(w);
}

/**
 * The test-loss pass (SPEC §9) as tasks on the test sample: the mean loss at every main-grid node
 * (order 0, no margins), row blocks of about `budget` node·sample·layer evaluations.
 * Node coordinates are those of the main grid (lo + step·index).
 */
export function planTestWork(job: GridJob, testN: number, budget = TASK_BUDGET): { out: Float32Array; tasks: GridWork['tasks'] } {
  const res = job.res;
  const step: [number, number] = res > 1 ? [(job.w1[1] - job.w1[0]) / (res - 1), (job.w2[1] - job.w2[0]) / (res - 1)] : [0, 0];
  const out = new Float32Array(res * res);
  const perNode = testN * Math.max(1, job.depth);
  // order 0 costs about a third of an order-3 node (no jet arithmetic)
  const rowsPer = Math.max(1, Math.floor((3 * budget) / (perNode * res)));
  const tasks: GridWork['tasks'] = [];
  const origin: [number, number] = [job.w1[0], job.w2[0]];
  for (let row0 = 0; row0 < res; row0 += rowsPer) {
    const rows = Math.min(rowsPer, res - row0);
    tasks.push({ task: { type: 'loss', depth: job.depth, origin, step, row0, rows, cols: res }, units: rows * res, store: (d) => out.set(d, row0 * res) });
  }
  return { out, tasks };
}

/** The test-loss grid synchronously, float64 rounded to float32 (Node, tests). */
export function testLossGridSync(job: GridJob, test: Sample): Float32Array {
  const w = planTestWork(job, test.n, Infinity);
  for (const t of w.tasks) t.store(runGridTask(test, t.task));
  return w.out;
}
