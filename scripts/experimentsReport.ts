/**
 * Runs the paper's two sweeps and plain vs perturbed on every preset (core/presets) in the built
 * app (headless Chromium, WebGL), saves a screenshot of the Experiments view per design under
 * docs/experiments/, and prints one JSON line per design (with the main-thread tasks over 50 ms
 * while it ran and until its result was drawn, each with the pipeline step it fell in and the
 * scripts that ran in it) with the per-configuration means and
 * 95 % intervals of Ψ and the gap, Spearman's ρ of Ψ vs gap, test accuracy and basin fractions.
 * Also measures how far perturbed endpoints with the grid-interpolated σ* move from the exact-σ*
 * runs (`--sigma-check`). `npx tsx scripts/experimentsReport.ts [--only=preset] [--sigma-check] [--no-shots]
 * [--variants=,?gpuTurns=off]`
 * after `npm run build`.
 */
import { preview } from 'vite';
import { openSession } from '../test/e2e/harness';
import { summarize } from '../src/core/experiment';
import { spearman } from '../src/core/stats';

const PRESETS = ['paper-figure', 'paper-toy', 'psi-right', 'psi-wrong'];
const arg = (k: string) => process.argv.find((a) => a.startsWith(`--${k}`));
const only = arg('only')?.split('=')[1];
const noShots = !!arg('no-shots');
// `--variants=,?gpuTurns=off`: each preset's designs once per page query, on pages of their own
// and in turn (the machine's load then weighs on both alike); the lines name their variant.
const variants = (arg('variants')?.split('=').slice(1).join('=') ?? '').split(',');
const R = Number(process.env.XP_REPEATS ?? 64);
const STEPS = Number(process.env.XP_STEPS ?? 500);

// Strings: tsx would wrap named inner functions in helpers the page does not have.
// Long tasks ('longtask') with their start, and long animation frames (LoAF, > 50 ms) with their
// script attribution (invoker, source, function), to say what ran in each long task.
const OBSERVE_JS = `(() => {
  window.__xpTasks = [];
  window.__xpLoaf = [];
  window.__xpObs = new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__xpTasks.push({ start: e.startTime, dur: e.duration }); });
  window.__xpObs.observe({ type: 'longtask' });
  window.__xpObs2 = new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (e.duration > 50) window.__xpLoaf.push({ start: e.startTime, dur: e.duration, render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
      scripts: e.scripts.map((s) => ({ invoker: s.invoker, fn: s.sourceFunctionName, src: (s.sourceURL || '').split('/').pop().replace(/-[A-Za-z0-9_]{8}\\.js$/, '.js'), ms: Math.round(s.duration) })) });
  });
  window.__xpObs2.observe({ type: 'long-animation-frame' });
})()`;
const TASKS_JS = `(() => {
  window.__xpObs.disconnect(); window.__xpObs2.disconnect();
  const spans = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('xp:')).map((m) => ({ name: m.name.slice(3), start: m.startTime, end: m.startTime + m.duration, detail: m.detail }));
  return { tasks: window.__xpTasks, loaf: window.__xpLoaf, spans };
})()`;

type Span = { name: string; start: number; end: number; detail?: Record<string, unknown> };
type Loaf = { start: number; dur: number; render: number; scripts: { invoker: string; fn: string; src: string; ms: number }[] };

/**
 * Each long task with the pipeline step it fell in: the span (runExperiment's phases, the
 * ensemble's compile and first step, the endpoint pass) it overlaps most, or "between" when none
 * (a render or commit between steps), and the scripts of the long animation frame it belongs to.
 */
function attribute(tasks: { start: number; dur: number }[], spans: Span[], loaf: Loaf[]) {
  return tasks.map((t) => {
    const a = t.start, b = t.start + t.dur;
    const inner = ['step-compile', 'first-step', 'endpoint-compile', 'endpoint-pass'];
    let best: Span | null = null, bestO = 0;
    for (const sp of spans) {
      const o = Math.min(b, sp.end) - Math.max(a, sp.start);
      // The finer spans (inside train / endpoints) win when they overlap.
      const w = o + (inner.includes(sp.name) && o > 0 ? 1e6 : 0);
      if (o > 0 && w > bestO) {
        bestO = w;
        best = sp;
      }
    }
    const frame = loaf.find((f) => f.start <= a + 1 && f.start + f.dur >= b - 1);
    return {
      ms: Math.round(t.dur),
      phase: best ? best.name + (best.detail && 'config' in best.detail ? `#${best.detail.config}` : '') : 'between',
      scripts: frame ? frame.scripts.filter((s) => s.ms > 5).map((s) => `${s.invoker} ${s.src}${s.fn ? ' ' + s.fn : ''} ${s.ms}ms`) : [],
      renderMs: frame ? Math.round(frame.render) : undefined,
    };
  });
}

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
    for (const preset of PRESETS) for (const variant of variants) {
      if (only && only !== preset) continue;
      await page.goto('about:blank');
      await page.goto(url + variant);
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
        // The tasks until the view has drawn the result (its last commit and frames) count too.
        await page.waitForTimeout(600);
        const obs = (await page.evaluate(TASKS_JS)) as { tasks: { start: number; dur: number }[]; loaf: Loaf[]; spans: Span[] };
        const tasks = obs.tasks.map((t) => t.dur);
        const longTasks = attribute(obs.tasks.filter((t) => t.dur > 50), obs.spans, obs.loaf);
        const res = await page.evaluate(() => (window as any).pacscape.experimentResult());
        if (!noShots) await page.screenshot({ path: `docs/experiments/${preset}-${name}.png` });
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
        process.stdout.write(JSON.stringify({ preset, ...(variants.length > 1 ? { variant: variant || 'default' } : {}), n: nPts, data: n, view, design: name, ms, longestTaskMs: Math.round(Math.max(0, ...tasks)), tasksOver50: tasks.filter((t) => t > 50).length, longTasks, spearman: Number(sp.rho.toFixed(3)), spearmanWithin: within, minima: res.minima, configs: per, sigmaNote: res.sigmaNote }) + '\n');
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
