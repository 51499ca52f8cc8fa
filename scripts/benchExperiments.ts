/**
 * Experiments part of `npm run bench` (also runnable alone: `npx tsx scripts/benchExperiments.ts`):
 * K = 1024 SGD runs × 500 steps × batch 32 on paper-toy trained as one ensemble on the page's
 * GPU backend, beside the one-run-at-a-time path (compute/train's Trainer, the loop behind
 * `pacscape.train`) in the same page, with the longest main-thread task while the ensemble runs
 * and the tensor count before/after (BENCH_EXP_REPEATS ensemble runs, default 1: the median and
 * the long tasks of all; BENCH_EXP_SINGLE=0 skips the one-at-a-time path). Prints one JSON line:
 *   {"experiments_K","steps","batch","ensemble_ms","ensemble_run_steps_per_s","single_ms","single_runs",
 *    "single_run_steps_per_s","speedup","longest_task_ms","tasks_over_50ms","tensors_before","tensors_after"}
 */
import type { Page } from 'playwright-core';

const K = Number(process.env.BENCH_EXP_K ?? 1024);
const STEPS = Number(process.env.BENCH_EXP_STEPS ?? 500);
const BATCH = Number(process.env.BENCH_EXP_BATCH ?? 32);
const SINGLE_RUNS = Number(process.env.BENCH_EXP_SINGLE ?? 2);
const REPEATS = Number(process.env.BENCH_EXP_REPEATS ?? 1);

const log = (...a: unknown[]) => process.stderr.write(a.map(String).join(' ') + '\n');

// Strings: tsx would wrap named inner functions in helpers the page does not have.
const OBSERVE_JS = `(() => {
  window.__xpTasks = [];
  window.__xpObs = new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__xpTasks.push(e.duration); });
  window.__xpObs.observe({ type: 'longtask' });
})()`;
const TASKS_JS = `(() => { window.__xpObs.disconnect(); return window.__xpTasks; })()`;

/** Opens paper-toy (the design's data set; a fresh page opens another preset) and waits for its landscape. */
async function openPaperToy(page: Page, url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${url.replace(/#.*$/, '')}#v=1&data=paper-toy`);
  await page.waitForFunction(() => typeof (window as any).pacscape?.idle === 'function', undefined, { timeout: 120_000 });
  await page.evaluate(() => (window as any).pacscape.idle());
  const n = await page.evaluate(() => JSON.parse((window as any).pacscape.exportText('data.json')).x.length as number);
  if (n !== 100) throw new Error(`expected paper-toy's 100 points, the page has ${n}`);
}

export async function benchExperiments(page: Page, url: string): Promise<object[]> {
  await openPaperToy(page, url);
  const api = <T>(fn: string, arg: object) => page.evaluate(([f, a]) => (window as any).pacscape[f as string](a), [fn, arg] as const) as Promise<T>;
  // Warm-up: compiles the programs.
  await api('benchEnsemble', { runs: Number(process.env.BENCH_EXP_WARM_K ?? 64), steps: 20, batch: BATCH });
  type Ens = { ms: number; runSteps: number; tensorsBefore: number; tensorsAfter: number; finite: boolean; timings: Record<string, number> };
  // REPEATS runs of the design: the median wall time, the long tasks of all of them.
  const runsOf: Ens[] = [];
  const tasks: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    await page.evaluate(OBSERVE_JS);
    const e = await api<Ens>('benchEnsemble', { runs: K, steps: STEPS, batch: BATCH, budget: process.env.BENCH_EXP_BUDGET ? Number(process.env.BENCH_EXP_BUDGET) : undefined });
    const mine = (await page.evaluate(TASKS_JS)) as number[];
    tasks.push(...mine);
    log(`bench: ensemble run ${i + 1}/${REPEATS}: ${e.ms.toFixed(0)} ms, tasks over 50 ms: ${mine.filter((t) => t > 50).map((t) => t.toFixed(0)).join(' ') || 'none'}`);
    runsOf.push(e);
  }
  const ens = [...runsOf].sort((a, b) => a.ms - b.ms)[REPEATS >> 1];
  ens.tensorsAfter = runsOf[REPEATS - 1].tensorsAfter;
  ens.finite = runsOf.every((e) => e.finite);
  log(`bench: ensemble ${K} × ${STEPS} × b${BATCH}: ${ens.ms.toFixed(0)} ms, longest task ${Math.max(0, ...tasks).toFixed(0)} ms, tensors ${ens.tensorsBefore} → ${ens.tensorsAfter}; ${Object.entries(ens.timings).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}; tasks > 50 ms ${tasks.filter((t) => t > 50).map((t) => t.toFixed(0)).join(' ')}`);
  if (SINGLE_RUNS < 1) return [{ experiments_K: K, steps: STEPS, batch: BATCH, ensemble_ms: Number(ens.ms.toFixed(0)), longest_task_ms: Number(Math.max(0, ...tasks).toFixed(0)), tasks_over_50ms: tasks.filter((t) => t > 50).length }];
  await api('benchSingle', { runs: 1, steps: 20, batch: BATCH });
  const one = await api<{ ms: number; runSteps: number }>('benchSingle', { runs: SINGLE_RUNS, steps: STEPS, batch: BATCH });
  log(`bench: one at a time ${SINGLE_RUNS} × ${STEPS}: ${one.ms.toFixed(0)} ms`);
  const ensRate = ens.runSteps / (ens.ms / 1000), oneRate = one.runSteps / (one.ms / 1000);
  return [
    {
      experiments_K: K,
      steps: STEPS,
      batch: BATCH,
      ensemble_ms: Number(ens.ms.toFixed(0)),
      ensemble_run_steps_per_s: Math.round(ensRate),
      single_ms: Number(one.ms.toFixed(0)),
      single_runs: SINGLE_RUNS,
      single_run_steps_per_s: Math.round(oneRate),
      speedup: Number((ensRate / oneRate).toFixed(1)),
      longest_task_ms: Number(Math.max(0, ...tasks).toFixed(0)),
      tasks_over_50ms: tasks.filter((t) => t > 50).length,
      tensors_before: ens.tensorsBefore,
      tensors_after: ens.tensorsAfter,
      endpoints_finite: ens.finite,
    },
  ];
}

async function standalone() {
  const { preview } = await import('vite');
  const { openSession } = await import('../test/e2e/harness');
  const server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'error' });
  const url = server.resolvedUrls!.local[0];
  process.env.PACSCAPE_URL = url;
  const s = await openSession();
  try {
    for (const line of await benchExperiments(s.page, url)) process.stdout.write(JSON.stringify(line) + '\n');
    if (s.errors.length) log(`bench: page errors: ${s.errors.join(' | ')}`);
  } finally {
    await s.close();
    await server.close();
  }
}

if (process.argv[1]?.endsWith('benchExperiments.ts')) {
  standalone().then(
    () => process.exit(0),
    (e) => {
      log(`bench: ${(e as Error).stack ?? e}`);
      process.exit(1);
    },
  );
}
