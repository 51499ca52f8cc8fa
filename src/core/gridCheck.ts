/**
 * Checks a computed grid against core's float64 point evaluation at the SPEC §9 tolerances
 * (used by the unit tests of every engine and by the browser test of the WebGL engine).
 * Returns a list of failures (empty when everything is within tolerance).
 */
import type { GridFields, GridJob } from './grid';
import { lossJet, jetToDerivatives, thirdNormFromJet } from './jets';
import { kappaOf, metricFromParts, rhoStencil } from './metrics';
import { inStencilBand, planGrid } from './rhoGrid';

export interface CheckOptions {
  /** Check every `stride`-th node along each axis (default: ~8 per axis). */
  stride?: number;
  /** Also require grid-mode ρ ∈ rhoBand × the 21×21 stencil (SPEC: [0.9, 1.01]). */
  rhoSup?: boolean;
  rhoBand?: [number, number];
  /** Tolerance scale (1 = SPEC float32 tolerances). */
  scale?: number;
}

export interface CheckReport {
  failures: string[];
  checked: number;
  /** Largest error / tolerance per quantity. */
  worst: Record<string, number>;
  /** Range of ρ_grid / ρ21 over checked grid-mode nodes (when rhoSup). */
  rhoRatio: [number, number];
  /** Nodes that used the 5×5 stencil. */
  stencilNodes: number;
}

export function checkGrid(f: GridFields, job: GridJob, opts: CheckOptions = {}): CheckReport {
  const res = job.res;
  const stride = opts.stride ?? Math.max(1, Math.floor(res / 8));
  const sc = opts.scale ?? 1;
  const plan = planGrid(job);
  const rep: CheckReport = { failures: [], checked: 0, worst: {}, rhoRatio: [Infinity, -Infinity], stencilNodes: 0 };
  const cmp = (name: string, got: number, want: number, rel: number, abs: number, where: string) => {
    const e = Math.abs(got - want) / ((rel * Math.abs(want) + abs) * sc);
    if (!(e <= (rep.worst[name] ?? 0))) rep.worst[name] = e;
    if (!(e <= 1)) rep.failures.push(`${name} at ${where}: ${got} vs ${want}`);
  };
  const step = plan.step;
  const rows = new Set<number>();
  for (let r = 0; r < res; r += stride) rows.add(r);
  rows.add(res - 1);
  // Include the stencil bands so the fallback is checked too.
  if (plan.bandR[0] <= plan.bandR[1]) rows.add(plan.bandR[0]);
  for (const r of rows) {
    const cols = new Set<number>();
    for (let c = 0; c < res; c += stride) cols.add(c);
    cols.add(res - 1);
    if (plan.bandC[0] <= plan.bandC[1]) cols.add(plan.bandC[1]);
    for (const c of cols) {
      const i = r * res + c;
      const w1 = job.w1[0] + step[0] * c, w2 = job.w2[0] + step[1] * r;
      const where = `(${w1.toFixed(4)}, ${w2.toFixed(4)})`;
      const jet = lossJet(job, w1, w2, job.depth, 3);
      const d = jetToDerivatives(jet);
      cmp('loss', f.loss[i], d.loss, 1e-4, 0, where);
      cmp('grad', f.grad[2 * i], d.grad[0], 1e-3, 1e-4, where);
      cmp('grad', f.grad[2 * i + 1], d.grad[1], 1e-3, 1e-4, where);
      for (let h = 0; h < 3; h++) cmp('hessian', f.hess[3 * i + h], d.hess[h], 1e-3, 1e-4, where);
      cmp('thirdNorm', f.thirdNorm[i], thirdNormFromJet(jet), 1e-2, 1e-4, where);
      const k1 = kappaOf(w1, job.gamma, job.eps), k2 = kappaOf(w2, job.gamma, job.eps);
      const rho = f.rho[i];
      if (inStencilBand(plan, r, c)) {
        rep.stencilNodes++;
        cmp('rho5', rho, rhoStencil(job, w1, w2, k1, k2, job.depth, 5), 1e-2, 1e-4, where);
      } else if (opts.rhoSup) {
        const sup = rhoStencil(job, w1, w2, k1, k2, job.depth, 21);
        const q = rho / sup;
        rep.rhoRatio = [Math.min(rep.rhoRatio[0], q), Math.max(rep.rhoRatio[1], q)];
        const [lo, hi] = opts.rhoBand ?? [0.9, 1.01];
        if (!(q >= lo && q <= hi)) rep.failures.push(`rho at ${where}: ${rho} is ${q.toFixed(4)} × rho21 ${sup}`);
      }
      // Ψ, bound and σ* from the grid's own ρ and core's loss/Hessian.
      const m = metricFromParts(w1, w2, d.loss, d.hess[0], d.hess[2], rho, job.n, job);
      cmp('psi', f.psi[i], m.psi, 0, 2e-2, where);
      cmp('bound', f.bound[i], m.bound, 0, 2e-3, where);
      cmp('sigmaStar', f.sigmaStar[2 * i], m.sigmaStar[0], 2e-2, 0, where);
      cmp('sigmaStar', f.sigmaStar[2 * i + 1], m.sigmaStar[1], 2e-2, 0, where);
      const lmax = 0.5 * (d.hess[0] + d.hess[2]) + Math.hypot(0.5 * (d.hess[0] - d.hess[2]), d.hess[1]);
      cmp('lambdaMax', f.lambdaMax[i], lmax, 1e-3, 1e-4, where);
      rep.checked++;
    }
  }
  return rep;
}
