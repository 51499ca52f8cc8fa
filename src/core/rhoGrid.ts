/**
 * ρ over a grid (SPEC §4, grid mode), shared by the CPU grid and the WebGL engine so both follow
 * one rule:
 *
 * - ‖T‖_F is known on the grid extended by a margin of nodes on every side (so boxes of edge
 *   nodes are covered too).
 * - ρ at a node = max of ‖T‖ over the nodes inside its box B(w), plus the values on the box's
 *   edges interpolated (geometrically, see edgeInterp) between the two straddling nodes: a max
 *   filter along w1 for every extended row, then along w2 over the rows inside the box, plus the
 *   box's two w2-edge rows, each interpolated column by column before its w1-window max
 *   (rhoFromExtended). The interpolated edges recover maxima at the box's border, where ‖T‖
 *   usually peaks, far better than the nodes alone.
 * - Where the box is too coarse to hold a 3×3 block of nodes (half-window < 1 node along either
 *   axis), ρ falls back to the 5×5 stencil. κ = γ|w| + ε grows with |w|, so those nodes form one
 *   contiguous band of rows and one of columns (`bandR`, `bandC`).
 */
import type { GridJob } from './grid';

/** Half-window of the box in whole nodes along one axis (the shader uses the same rule). */
export function halfWindow(w: number, step: number, gamma: number, eps: number): number {
  return Math.floor((gamma * Math.abs(w) + eps) / step + 1e-4);
}

/** Layout of a grid job's ρ computation. */
export interface GridPlan {
  res: number;
  /** Node spacing along w1, w2. */
  step: [number, number];
  /** Extended-grid margin in nodes on each side along w1, w2. */
  margin: [number, number];
  /** Inclusive bands [lo, hi] of rows (w2) / columns (w1) using the 5×5 stencil; lo > hi when empty. */
  bandR: [number, number];
  bandC: [number, number];
}

/** Largest margin as a fraction of res (very large boxes are clipped at the extended grid). */
export const MAX_MARGIN_FRACTION = 0.5;

/**
 * Margins and stencil bands of a job. `stencilFallback: false` (used only for the quick preview)
 * keeps every node in grid mode and drops the margin (edge nodes' boxes clipped at the grid).
 */
export function planGrid(job: Pick<GridJob, 'w1' | 'w2' | 'res' | 'gamma' | 'eps'>, stencilFallback = true): GridPlan {
  const { res, gamma, eps } = job;
  const step: [number, number] = [(job.w1[1] - job.w1[0]) / (res - 1), (job.w2[1] - job.w2[0]) / (res - 1)];
  const axes = [job.w1, job.w2].map((range, a) => {
    let lo = res, hi = -1, maxH = 0;
    for (let i = 0; i < res; i++) {
      const w = range[0] + step[a] * i;
      if (stencilFallback && halfWindow(w, step[a], gamma, eps) < 1) {
        lo = Math.min(lo, i);
        hi = Math.max(hi, i);
      } else maxH = Math.max(maxH, (gamma * Math.abs(w) + eps) / step[a]);
    }
    // +1 so the node beyond the box edge (for the interpolation) exists too. The preview has no
    // margin: boxes of edge nodes are clipped at the grid (ρ there slightly low, transiently),
    // which saves ~30% of its order-3 work at 64².
    const margin = stencilFallback ? Math.min(Math.ceil(maxH) + 1, Math.ceil(res * MAX_MARGIN_FRACTION)) : 0;
    return { band: [lo, hi] as [number, number], margin };
  });
  return { res, step, margin: [axes[0].margin, axes[1].margin], bandR: axes[1].band, bandC: axes[0].band };
}

/**
 * ‖T‖ between two nodes at fraction t: geometric interpolation a^(1−t)·b^t. ‖T‖ > 0 and typically
 * rises exponentially towards the box rim, where linear interpolation overshoots (measured: up to
 * 1.02 × the supremum at depth 8) and the geometric one is exact.
 */
export function edgeInterp(a: number, b: number, t: number): number {
  if (t <= 0) return a;
  if (!(a > 0 && b > 0)) return (1 - t) * a + t * b;
  return a * Math.pow(b / a, t);
}

/**
 * Max of f over the window [ci − h, ci + h] (node units) of a line of N nodes: the nodes inside
 * plus both edges interpolated geometrically (clamped at the ends of the line).
 */
export function windowMax(get: (j: number) => number, N: number, ci: number, h: number): number {
  const k = Math.floor(h + 1e-4);
  let m = 0;
  const a = Math.max(0, ci - k), b = Math.min(N - 1, ci + k);
  for (let j = a; j <= b; j++) {
    const v = get(j);
    if (v > m) m = v;
  }
  for (const x of [ci - h, ci + h]) {
    const j0 = Math.floor(x);
    let v: number;
    if (j0 < 0) v = get(0);
    else if (j0 >= N - 1) v = get(N - 1);
    else {
      v = edgeInterp(get(j0), get(j0 + 1), x - j0);
    }
    if (v > m) m = v;
  }
  return m;
}

/**
 * Grid-mode ρ for every node of the main grid from ‖T‖ on the extended grid
 * (`tExt`, (res + 2·m2) rows × (res + 2·m1) columns, row-major, row = w2).
 */
export function rhoFromExtended(tExt: ArrayLike<number>, plan: GridPlan, job: Pick<GridJob, 'w1' | 'w2' | 'gamma' | 'eps'>): Float64Array {
  const { res, step, margin } = plan;
  const [m1, m2] = margin;
  const ce = res + 2 * m1, re = res + 2 * m2;
  const h1 = new Float64Array(res);
  for (let c = 0; c < res; c++) h1[c] = (job.gamma * Math.abs(job.w1[0] + c * step[0]) + job.eps) / step[0];
  // Pass 1: for every extended row, the max over main column c's w1 window.
  const rowMax = new Float64Array(re * res);
  for (let r = 0; r < re; r++) {
    for (let c = 0; c < res; c++) rowMax[r * res + c] = windowMax((j) => tExt[r * ce + j], ce, c + m1, h1[c]);
  }
  // Pass 2: for every main row, the max over the rows inside its w2 window, and over its box's two
  // w2 edges: each edge row is interpolated between its two straddling rows column by column, and
  // then maxed over the w1 window (edgeRowMax). Interpolating the two rows' maxima instead, as a
  // plain separable filter does, overshoots where they sit at different columns (measured up to
  // 1.02× the supremum at depth 5 and 1.12× at depth 8; now ≤ 1.011×).
  const out = new Float64Array(res * res);
  const edge = new Float64Array(2 * res);
  for (let r = 0; r < res; r++) {
    const h = (job.gamma * Math.abs(job.w2[0] + r * step[1]) + job.eps) / step[1];
    const ri = r + m2;
    const k = Math.floor(h + 1e-4);
    const lo = Math.max(0, ri - k), hi = Math.min(re - 1, ri + k);
    for (let e = 0; e < 2; e++) {
      const [ra, rb, t] = edgeRows(e === 0 ? ri - h : ri + h, re);
      for (let c = 0; c < res; c++) edge[e * res + c] = windowMax((j) => edgeInterp(tExt[ra * ce + j], tExt[rb * ce + j], t), ce, c + m1, h1[c]);
    }
    for (let c = 0; c < res; c++) {
      let m = Math.max(edge[c], edge[res + c]);
      for (let j = lo; j <= hi; j++) m = Math.max(m, rowMax[j * res + c]);
      out[r * res + c] = m;
    }
  }
  return out;
}

/**
 * The two rows straddling position y (in rows) of a line of N rows and the fraction between them,
 * clamped at the ends as windowMax clamps (the shader's edge program follows the same rule).
 */
export function edgeRows(y: number, N: number): [number, number, number] {
  const j0 = Math.floor(y);
  if (j0 < 0) return [0, 0, 0];
  if (j0 >= N - 1) return [N - 1, N - 1, 0];
  const t = y - j0;
  return t <= 0 ? [j0, j0, 0] : [j0, j0 + 1, t];
}

/** True when node (row, col) uses the 5×5 stencil instead of the grid. */
export function inStencilBand(plan: GridPlan, row: number, col: number): boolean {
  return (row >= plan.bandR[0] && row <= plan.bandR[1]) || (col >= plan.bandC[0] && col <= plan.bandC[1]);
}
