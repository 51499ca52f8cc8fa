/**
 * The engine in the browser: the page runs tfjs on WebGL and picks the fused WebGL engine
 * on this machine; `window.pacscape.evaluateGrid` (computed on the page) matches core/ computed in
 * Node at the SPEC §9 tolerances for several ranges, resolutions (one coarse enough for the 5×5
 * stencil fallback), depths and γ/ε; no tensors leak and the console stays clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openApp, openSession, PAPER_TOY_LINK, type Session } from './harness';
import { datasetFromObject, datasetToObject } from '../../src/core/data';
import { lossJet, jetToDerivatives, thirdNormFromJet } from '../../src/core/jets';
import { kappaOf, metricFromParts, rhoStencil } from '../../src/core/metrics';
import { inStencilBand, planGrid } from '../../src/core/rhoGrid';
import { evaluateGridSync } from '../../src/core/gridEval';
import type { GridJob } from '../../src/core/grid';
import type { GridJson } from '../../src/core/gridJson';
import type { GridRequest } from '../../src/app/startApp';
import { checkGrid } from '../../src/core/gridCheck';
import { FIELDS, fieldValues, gridFromJson } from '../../src/core/fields';
import { freshSample, withPaperToyMixture } from '../../src/core/data';

const data = datasetFromObject(JSON.parse(readFileSync('test/fixtures/paper-toy.json', 'utf8')), 'paper-toy');

let s: Session;
beforeAll(async () => {
  s = await openSession();
  // The page's own landscape at 64²: the engine is checked on the grids these tests ask for.
  await openApp(s, `${PAPER_TOY_LINK}&res=64`);
});
afterAll(async () => {
  await s?.close();
});

const evalPage = (o: GridRequest) => s.page.evaluate((a) => window.pacscape.evaluateGrid(a), o) as Promise<unknown> as Promise<GridJson>;
const tensors = () => s.page.evaluate(() => window.pacscape.memory());

type Case = { name: string; opts: { w1: [number, number]; w2: [number, number]; res: number; depth?: number; gamma?: number; eps?: number }; data?: boolean };
const CASES: Case[] = [
  { name: 'paper window 64² (stencil bands)', opts: { w1: [-4, 6], w2: [-6, 4], res: 64 } },
  { name: 'minimum 40², depth 3, γ 0.2, ε 0.05', opts: { w1: [1.8, 3.4], w2: [-2.2, -0.8], res: 40, depth: 3, gamma: 0.2, eps: 0.05 } },
  { name: 'centre 32², depth 1', opts: { w1: [-1, 1], w2: [-1, 1], res: 32, depth: 1 } },
  { name: 'centre 24², depth 8, γ 0.05, ε 0.2, data passed in', opts: { w1: [-1.5, 1.5], w2: [-1, 2], res: 24, depth: 8, gamma: 0.05, eps: 0.2 }, data: true },
];

describe('engine on the page', () => {
  it('runs tfjs on WebGL and picks the fused WebGL engine', async () => {
    const info = await s.page.evaluate(() => ({ backend: window.pacscape.backend, engine: window.pacscape.engine, cal: window.pacscape.calibration }));
    expect(info.backend).toBe('webgl');
    expect(info.engine).toBe('webgl');
    // Calibration timed both engines (which one is faster depends on the machine's load: not asserted).
    const cal = info.cal!;
    expect(cal.webgl).toBeGreaterThan(0);
    expect(cal.ts).toBeGreaterThan(0);
    expect(Number.isFinite(cal.webgl) && Number.isFinite(cal.ts)).toBe(true);
  });

  it.each(CASES)('$name matches core at the SPEC tolerances', async ({ opts, data: passData }) => {
    const job: GridJob = { n: data.n, x: data.x, y: data.y, depth: 5, gamma: 0.1, eps: 0.1, delta: 0.05, ...opts };
    const before = await tensors();
    const g = await evalPage({ ...opts, ...(passData ? { data: datasetToObject(data) } : {}) });
    expect(await tensors()).toBe(before);
    expect(g.res).toBe(opts.res);
    expect(g.loss).toHaveLength(opts.res * opts.res);
    const plan = planGrid(job);
    const fails: string[] = [];
    const check = (name: string, got: number, want: number, rel: number, abs: number, at: string) => {
      if (!(Math.abs(got - want) <= rel * Math.abs(want) + abs)) fails.push(`${name} at ${at}: ${got} vs ${want}`);
    };
    const stride = Math.max(1, Math.floor(opts.res / 7));
    let stencil = 0;
    for (let r = 0; r < opts.res; r += stride)
      for (let c = 0; c < opts.res; c += stride) {
        const i = r * opts.res + c;
        const w1 = job.w1[0] + plan.step[0] * c, w2 = job.w2[0] + plan.step[1] * r;
        const at = `(${w1.toFixed(3)}, ${w2.toFixed(3)})`;
        const jet = lossJet(data, w1, w2, job.depth, 3);
        const d = jetToDerivatives(jet);
        check('loss', g.loss[i], d.loss, 1e-4, 0, at);
        check('thirdNorm', g.thirdNorm[i], thirdNormFromJet(jet), 1e-2, 1e-4, at);
        if (inStencilBand(plan, r, c)) {
          stencil++;
          check('rho5', g.rho[i], rhoStencil(data, w1, w2, kappaOf(w1, job.gamma, job.eps), kappaOf(w2, job.gamma, job.eps), job.depth, 5), 1e-2, 1e-4, at);
        }
        const m = metricFromParts(w1, w2, d.loss, d.hess[0], d.hess[2], g.rho[i], data.n, job);
        check('psi', g.psi[i], m.psi, 0, 2e-2, at);
        check('bound', g.bound[i], m.bound, 0, 2e-3, at);
      }
    // ρ everywhere against the float64 grid with the same rule (1e-2 relative, as ‖T‖).
    const ref = evaluateGridSync(job);
    for (let i = 0; i < ref.rho.length; i++) check('rho', g.rho[i], ref.rho[i], 1e-2, 1e-4, `node ${i}`);
    expect(fails).toEqual([]);
    if (opts.res === 64) expect(stencil).toBeGreaterThan(0);
  });

  it.each(CASES)('$name: every field the engine computes passes core/gridCheck', async ({ opts, data: passData }) => {
    const job: GridJob = { n: data.n, x: data.x, y: data.y, depth: 5, gamma: 0.1, eps: 0.1, delta: 0.05, ...opts };
    // A test sample of the paper-toy mixture: testLoss and gap come back and are checked too.
    const test = freshSample(withPaperToyMixture(data).mixture!, 1200, 3);
    const testObj = { x: Array.from({ length: test.n }, (_, j) => [test.x[2 * j], test.x[2 * j + 1]]), y: Array.from(test.y) };
    const before = await tensors();
    const g = (await evalPage({ ...opts, test: testObj, ...(passData ? { data: datasetToObject(data) } : {}) })) as unknown as Record<string, (number | null)[]>;
    expect(await tensors()).toBe(before);
    const f = gridFromJson(g, { depth: job.depth, gamma: job.gamma, eps: job.eps, delta: job.delta, n: job.n });
    // Every registry field is in the result, and a derived one equals its value from the returned arrays.
    for (const d of FIELDS) {
      const key = typeof d.json === 'string' ? d.json : d.json[0];
      expect(g[key], d.id).toBeDefined();
      if (typeof d.json === 'string') expect(Float32Array.from(g[key], (v) => v ?? NaN), d.id).toEqual(fieldValues(f, d.id));
    }
    const rep = checkGrid(f, job, { test, stride: Math.max(1, Math.floor(opts.res / 7)) });
    console.log(`[engine] ${JSON.stringify(opts)}: ${rep.checked} nodes × ${rep.fields.length} fields; worst error/tolerance ${Object.entries(rep.worst).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}`);
    expect(rep.fields.length).toBe(FIELDS.length);
    expect(rep.failures).toEqual([]);
  });

  it('n = 1000, the largest data set (tiled draw calls, long sums) matches core', async () => {
    // The paper-toy points repeated 10×: the mean loss and every derivative equal those of n = 100,
    // while one grid row no longer fits a draw call's budget (the order-3 pass tiles columns).
    const big = datasetToObject(data);
    const rep = { x: Array.from({ length: 10 }, () => big.x).flat(), y: Array.from({ length: 10 }, () => big.y).flat() };
    const opts = { w1: [2, 3] as [number, number], w2: [-2, -1] as [number, number], res: 80 };
    const before = await tensors();
    const g = await evalPage({ ...opts, data: rep });
    expect(await tensors()).toBe(before);
    const ref = evaluateGridSync({ n: data.n, x: data.x, y: data.y, depth: 5, gamma: 0.1, eps: 0.1, delta: 0.05, ...opts });
    const fails: string[] = [];
    const check = (name: string, got: number[], want: ArrayLike<number>, rel: number, abs: number) => {
      for (let i = 0; i < want.length; i++) if (!(Math.abs(got[i] - want[i]) <= rel * Math.abs(want[i]) + abs)) fails.push(`${name}[${i}]: ${got[i]} vs ${want[i]}`);
    };
    check('loss', g.loss, ref.loss, 1e-4, 0);
    check('thirdNorm', g.thirdNorm, ref.thirdNorm, 1e-2, 1e-4);
    check('rho', g.rho, ref.rho, 1e-2, 1e-4);
    check('psi', g.psi, ref.psi, 0, 2e-2);
    expect(fails).toEqual([]);
  });

  it('concurrent jobs resolve independently, leak no tensors, console clean', async () => {
    const before = await tensors();
    const res = await s.page.evaluate(async () => {
      const p = window.pacscape;
      // Two overlapping jobs on the same engine.
      const a = p.evaluateGrid({ w1: [-2, 2], w2: [-2, 2], res: 96 });
      const b = p.evaluateGrid({ w1: [-2, 2], w2: [-2, 2], res: 32 });
      const [ra, rb] = await Promise.all([a, b]);
      return [ra.res, rb.res];
    });
    expect(res).toEqual([96, 32]);
    expect(await tensors()).toBe(before);
    expect(s.errors).toEqual([]);
  });
});
