/**
 * Checks a computed grid against core's float64 point evaluation at the SPEC §10 tolerances
 * (used by the unit tests of every engine and by the browser test of the WebGL engine). Every
 * field of core/fields.ts is checked with its own tolerance, ρ by its grid rule (stencil bands
 * against rho5, elsewhere optionally against the 21×21 supremum), the test fields when a test
 * sample is given. Returns a list of failures (empty when everything is within tolerance).
 */
import type { GridFields, GridJob } from './grid';
import { lossAt, lossJet, jetToDerivatives, thirdNormFromJet, type Sample } from './jets';
import { kappaOf, reportFromParts, rhoStencil } from './metrics';
import { inStencilBand, planGrid } from './rhoGrid';
import { FIELDS, fieldValues, type FieldDef, type FieldPoint } from './fields';

export interface CheckOptions {
  /** Check every `stride`-th node along each axis (default: ~8 per axis). */
  stride?: number;
  /** Also require grid-mode ρ ∈ rhoBand × the 21×21 stencil (SPEC: [0.9, 1.01]). */
  rhoSup?: boolean;
  rhoBand?: [number, number];
  /** Tolerance scale (1 = SPEC float32 tolerances). */
  scale?: number;
  /** The test sample the grid's testLoss/gap were computed with; without it they are not checked. */
  test?: Sample;
}

export interface CheckReport {
  failures: string[];
  checked: number;
  /** Largest error / tolerance per field id (and 'rho5' for the stencil bands). */
  worst: Record<string, number>;
  /** Largest |grid − exact| per field id (the measured deviation). */
  maxAbs: Record<string, number>;
  /** Range of ρ_grid / ρ21 over checked grid-mode nodes (when rhoSup). */
  rhoRatio: [number, number];
  /** Nodes that used the 5×5 stencil. */
  stencilNodes: number;
  /** Field ids that were checked. */
  fields: string[];
}

export function checkGrid(f: GridFields, job: GridJob, opts: CheckOptions = {}): CheckReport {
  const res = job.res;
  const stride = opts.stride ?? Math.max(1, Math.floor(res / 8));
  const sc = opts.scale ?? 1;
  const plan = planGrid(job);
  const rep: CheckReport = { failures: [], checked: 0, worst: {}, maxAbs: {}, rhoRatio: [Infinity, -Infinity], stencilNodes: 0, fields: [] };
  const note = (name: string, got: number, want: number, tol: number, where: string) => {
    const err = Math.abs(got - want);
    const e = err / (tol * sc);
    if (!(e <= (rep.worst[name] ?? 0))) rep.worst[name] = e;
    if (!(err <= (rep.maxAbs[name] ?? 0))) rep.maxAbs[name] = err;
    if (!(e <= 1)) rep.failures.push(`${name} at ${where}: ${got} vs ${want}`);
  };
  // Every registry field the grid should have: all of them, the test fields only with a sample.
  const defs = (FIELDS as readonly FieldDef[]).filter((d) => !d.needsTest || opts.test);
  const values = new Map<string, Float32Array>();
  for (const d of defs) {
    const v = fieldValues(f, d.id);
    if (v) values.set(d.id, v);
    else rep.failures.push(`${d.id}: missing from the grid`);
  }
  rep.fields = [...values.keys()];
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
      const k1 = kappaOf(w1, job.gamma, job.eps), k2 = kappaOf(w2, job.gamma, job.eps);
      const rho = f.rho[i];
      if (inStencilBand(plan, r, c)) {
        rep.stencilNodes++;
        const rho5 = rhoStencil(job, w1, w2, k1, k2, job.depth, 5);
        note('rho5', rho, rho5, 1e-2 * rho5 + 1e-4, where);
      } else if (opts.rhoSup) {
        const sup = rhoStencil(job, w1, w2, k1, k2, job.depth, 21);
        const q = rho / sup;
        rep.rhoRatio = [Math.min(rep.rhoRatio[0], q), Math.max(rep.rhoRatio[1], q)];
        const [lo, hi] = opts.rhoBand ?? [0.9, 1.01];
        if (!(q >= lo && q <= hi)) rep.failures.push(`rho at ${where}: ${rho} is ${q.toFixed(4)} × rho21 ${sup}`);
      }
      // The exact point with the grid's own ρ (Ψ, the bound and σ* follow SPEC §5–§6 from it).
      const ref: FieldPoint = {
        ...reportFromParts(w1, w2, d, thirdNormFromJet(jet), rho, job.n, job),
        testLoss: opts.test ? lossAt(opts.test, w1, w2, job.depth) : undefined,
        n: job.n,
        delta: job.delta,
      };
      for (const def of defs) {
        const v = values.get(def.id);
        if (!v || def.tol === 'rho') continue;
        const want = def.point(ref);
        if (want === undefined) continue;
        note(def.id, v[i], want, def.tol(want, ref), where);
      }
      rep.checked++;
    }
  }
  return rep;
}
