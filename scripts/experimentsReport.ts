/**
 * Runs the paper's two sweeps and plain vs perturbed on every preset (core/presets) in the built
 * app (headless Chromium, WebGL), saves a screenshot of the Experiments view per design under
 * docs/experiments/, and prints one JSON line per design (with the longest main-thread task while
 * it ran) with the per-configuration means and
 * 95 % intervals of Ψ and the gap, Spearman's ρ of Ψ vs gap, test accuracy and basin fractions.
 * Also measures how far perturbed endpoints with the grid-interpolated σ* move from the exact-σ*
 * runs (`--sigma-check`). `npx tsx scripts/experimentsReport.ts [--only=preset] [--sigma-check]`
 * after `npm run build`.
 */
import { preview } from 'vite';
import { openSession } from '../test/e2e/harness';
import { summarize } from '../src/core/experiment';
import { spearman } from '../src/core/stats';

const PRESETS = ['paper-figure', 'paper-toy', 'psi-right', 'psi-wrong'];
const arg = (k: string) => process.argv.find((a) => a.startsWith(`--${k}`));
const only = arg('only')?.split('=')[1];
const R = Number(process.env.XP_REPEATS ?? 64);
const STEPS = Number(process.env.XP_STEPS ?? 500);

// Strings: tsx would wrap named inner functions in helpers the page does not have.
const OBSERVE_JS = `(() => {
  window.__xpTasks = [];
  window.__xpObs = new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__xpTasks.push(e.duration); });
  window.__xpObs.observe({ type: 'longtask' });
})()`;
const TASKS_JS = `(() => { window.__xpObs.disconnect(); return window.__xpTasks; })()`;

type Row = { config: number; run: number; end: [number, number]; psi: number; gap: number; trainLoss: number; testLoss: number; bound: number; lambdaMax: number; trainAcc: number; testAcc: number; basin: number | null };

function designs(n: number) {
  const common = { steps: STEPS, repeats: R, seed: 1, starts: 'random', resample: false, testN: 20000 };
  return [
    { name: 'batch', design: { ...common, method: 'sgd', lr: 1, batch: 16, sweep: { param: 'batch', values: [1, 4, 16, 64, n] } } },
    { name: 'lr', design: { ...common, method: 'sgd', lr: 1, batch: 16, sweep: { param: 'lr', values: [0.1, 0.3, 1, 3] } } },
    { name: 'perturbed', design: { ...common, method: 'gd', lr: 1, batch: 16, sweep: { param: 'method', values: ['gd', 'perturbed'] } } },
  ];
}

async function main() {
  const server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'error' });
  const url = server.resolvedUrls!.local[0];
  process.env.PACSCAPE_URL = url;
  const s = await openSession({ width: 1440, height: 1000 });
  const { page } = s;
  try {
    for (const preset of PRESETS) {
      if (only && only !== preset) continue;
      await page.goto('about:blank');
      await page.goto(url);
      await page.waitForFunction(() => typeof (window as any).pacscape?.idle === 'function', undefined, { timeout: 120_000 });
      await page.evaluate(() => (window as any).pacscape.idle());
      // The preset's whole view (data, depth, γ, ε, δ, window, marker), as the data panel loads it.
      await page.evaluate((id) => (window as any).pacscape.loadPreset(id), preset);
      await page.evaluate(() => (window as any).pacscape.idle());
      const view = await page.evaluate(() => {
        const st = (window as any).pacscape.state();
        return { depth: st.depth, gamma: st.gamma, eps: st.eps, delta: st.delta, w1: st.w1Range, w2: st.w2Range };
      });
      const n = (await page.evaluate(() => (window as any).pacscape.state().data)) as unknown;
      const nPts = await page.evaluate(() => JSON.parse((window as any).pacscape.exportText('data.json')).x.length as number);
      await page.evaluate(() => (window as any).pacscape.openExperiments(true));
      for (const { name, design } of designs(nPts)) {
        await page.evaluate(OBSERVE_JS);
        const t0 = Date.now();
        const rows = (await page.evaluate((d) => (window as any).pacscape.experiment(d), design)) as Row[];
        const ms = Date.now() - t0;
        const tasks = (await page.evaluate(TASKS_JS)) as number[];
        const res = await page.evaluate(() => (window as any).pacscape.experimentResult());
        await page.waitForTimeout(600);
        await page.screenshot({ path: `docs/experiments/${preset}-${name}.png` });
        const sum = summarize(rows, res.configs.length);
        const sp = spearman(rows.map((r) => r.psi), rows.map((r) => r.gap));
        const per = sum.map((c, i) => ({
          config: res.configs[i].label,
          psi: [c.stats.psi.mean, c.stats.psi.lo, c.stats.psi.hi].map((v) => Number(v.toFixed(4))),
          gap: [c.stats.gap.mean, c.stats.gap.lo, c.stats.gap.hi].map((v) => Number(v.toFixed(5))),
          trainLoss: Number(c.stats.trainLoss.mean.toFixed(4)),
          testLoss: Number(c.stats.testLoss.mean.toFixed(4)),
          testAcc: Number(c.stats.testAcc.mean.toFixed(4)),
          basins: Object.fromEntries(Object.entries(c.basins).map(([k, v]) => [k, Number(v.toFixed(3))])),
        }));
        // Spearman within each configuration too (the pooled one mixes configurations).
        const within = sum.map((_, i) => {
          const rs = rows.filter((r) => r.config === i);
          return Number(spearman(rs.map((r) => r.psi), rs.map((r) => r.gap)).rho.toFixed(3));
        });
        process.stdout.write(JSON.stringify({ preset, n: nPts, data: n, view, design: name, ms, longestTaskMs: Math.round(Math.max(0, ...tasks)), tasksOver50: tasks.filter((t) => t > 50).length, spearman: Number(sp.rho.toFixed(3)), spearmanWithin: within, minima: res.minima, configs: per, sigmaNote: res.sigmaNote }) + '\n');
      }
      if (arg('sigma-check')) {
        const K = Number(process.env.XP_SIGMA_K ?? 16);
        const d = { steps: STEPS, repeats: K, seed: 5, starts: 'random', resample: false, testN: 20000, method: 'perturbed', lr: 1, batch: 16 };
        const a = (await page.evaluate((x) => (window as any).pacscape.experiment({ ...x, sigma: 'grid' }), d)) as Row[];
        const t0 = Date.now();
        const b = (await page.evaluate((x) => (window as any).pacscape.experiment({ ...x, sigma: 'exact' }), d)) as Row[];
        const ms = Date.now() - t0;
        const dist = a.map((r, i) => Math.hypot(r.end[0] - b[i].end[0], r.end[1] - b[i].end[1])).sort((x, y) => x - y);
        const dpsi = a.map((r, i) => Math.abs(r.psi - b[i].psi)).sort((x, y) => x - y);
        const dgap = a.map((r, i) => Math.abs(r.gap - b[i].gap)).sort((x, y) => x - y);
        const sameBasin = a.filter((r, i) => r.basin === b[i].basin).length / a.length;
        const q = (v: number[], f: number) => Number(v[Math.min(v.length - 1, Math.floor(f * v.length))].toExponential(2));
        process.stdout.write(JSON.stringify({ preset, sigmaCheck: { runs: K, steps: STEPS, exactMs: ms, endDist: { median: q(dist, 0.5), p90: q(dist, 0.9), max: q(dist, 1) }, psiDiff: { median: q(dpsi, 0.5), max: q(dpsi, 1) }, gapDiff: { median: q(dgap, 0.5), max: q(dgap, 1) }, sameBasin } }) + '\n');
      }
    }
    if (s.errors.length) process.stderr.write(`page errors: ${s.errors.join(' | ')}\n`);
  } finally {
    await s.close();
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(1);
  },
);
