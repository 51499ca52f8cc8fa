/**
 * The longest main-thread task of three large jobs, as a user starts them (called by
 * scripts/bench.ts; `BENCH_ONLY=tasks` prints only these lines). Each job runs BENCH_TASK_RUNS (3)
 * times on a page at the paper-toy preset; a PerformanceObserver "longtask" records every task of
 * 50 ms or more from the start of the job to its end (the page idle again + 300 ms). One JSON line
 * per job: `{"main_thread_job", "outcome", "max_task_ms", "long_tasks", "runs", "per_run_max_ms"}` —
 * max_task_ms and long_tasks are medians over the runs (0: no task reached 50 ms); an import that
 * loads splits its tasks at the moment the data set is in: `max_task_ms` until then (reading,
 * parsing, checking), `then_recompute_max_task_ms` for the landscape of the new data after it.
 *
 * - `import_csv_20mb`: a 20 MB CSV through the data panel's file input (refused by its size before
 *   a byte is read).
 * - `import_csv_1mib`: the largest file accepted (1 MiB: 1000 rows and comment lines), read, parsed
 *   and checked in the data worker, then the landscape recomputed for the new data.
 * - `link_n100000`: the link `data=gen&n=100000` (n is limited to 1000: refused) and
 *   `link_n1000`: the largest generated data set a link may ask for, computed at 128².
 * - `recompute_256`: a 256² recompute of the full field set after a depth change.
 * - `train_100`: a 100-step GD run (`pacscape.train`) with its test loss on the 20 000 test points
 *   and its bound at every step.
 *
 * Variants side by side: BENCH_TASK_VARIANTS="name=dist-dir,…" serves each other build (e.g. the
 * main branch's before a change) beside this one, and every run of every job goes to each variant
 * in turn, so all see the same machine load; each line then carries its `variant` ("this" for
 * the build under test).
 */
import type { Page } from 'playwright-core';
import { preview } from 'vite';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type W = any;
const RUNS = Number(process.env.BENCH_TASK_RUNS ?? 3);

const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
};

async function observe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as W;
    w.__taskObs?.disconnect();
    w.__tasks = [] as [number, number][];
    w.__taskObs = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__tasks.push([e.startTime, e.duration]);
    });
    w.__taskObs.observe({ type: 'longtask' });
  });
}

/** The long tasks [start, duration] from observe() to the page idle again + 300 ms. */
async function collect(page: Page): Promise<[number, number][]> {
  await page.evaluate(() => (window as W).pacscape.idle());
  await page.waitForTimeout(300);
  return page.evaluate(() => {
    const w = window as W;
    w.__taskObs.disconnect();
    return w.__tasks as [number, number][];
  });
}

/** The page's clock now (to split a job's tasks into before and after a moment). */
const now = (page: Page) => page.evaluate(() => performance.now());

async function open(page: Page, url: string, hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url + hash);
  await page.waitForFunction(() => typeof (window as W).pacscape?.idle === 'function', undefined, { timeout: 120_000 });
  await page.evaluate(() => (window as W).pacscape.idle());
}

const message = (page: Page) => page.evaluate(() => document.querySelector('[data-testid=message]')?.textContent ?? '');
const dismiss = async (page: Page) => {
  const b = page.getByRole('button', { name: 'Dismiss message' });
  if (await b.count()) await b.click();
};

/** A valid CSV of 1000 rows padded with comment lines to `bytes`. */
function paddedCsv(bytes: number): string {
  const rows = ['x1,x2,y'];
  for (let i = 0; i < 1000; i++) rows.push(`${((i % 97) / 10 - 4.8).toFixed(2)},${((i % 89) / 10 - 4.4).toFixed(2)},${i % 2}`);
  let text = rows.join('\n') + '\n';
  const comment = '# ' + 'padding '.repeat(12) + '\n';
  while (text.length + comment.length <= bytes) text += comment;
  return text;
}

interface Job {
  name: string;
  hash: string;
  /** The outcome in words, and (for an import) when the data set was loaded: tasks after it are the recompute's. */
  run: (page: Page) => Promise<{ outcome: string; split?: number }>;
}

export async function benchTasks(page: Page, url: string): Promise<object[]> {
  const PAPER = '#v=1&data=paper-toy&res=256';
  const input = (page: Page) => page.locator('.export-panel input[type=file]');
  // Files on disk, given to the input by path (as a user picks them): a buffer would be decoded
  // by playwright's own script on the page's thread (4 s for 20 MB), which the app never does.
  const dir = mkdtempSync(join(tmpdir(), 'pacscape-bench-'));
  const twenty = join(dir, 'big.csv');
  writeFileSync(twenty, 'x1,x2,y\n' + '0.5,0.25,1\n'.repeat(Math.ceil(20e6 / 11)));
  const mibText = paddedCsv(1_048_576);
  const mib = join(dir, 'largest.csv');
  writeFileSync(mib, mibText);
  const jobs: Job[] = [
    {
      name: 'import_csv_20mb',
      hash: PAPER,
      run: async (p) => {
        await input(p).setInputFiles(twenty);
        await p.waitForFunction(() => /limited to/.test(document.querySelector('[data-testid=message]')?.textContent ?? ''), undefined, { timeout: 60_000 });
        const m = await message(p);
        await dismiss(p);
        return { outcome: /before reading/.test(m) ? 'refused by size before reading' : m.slice(0, 80) };
      },
    },
    {
      name: 'import_csv_1mib',
      hash: PAPER,
      run: async (p) => {
        await input(p).setInputFiles(mib);
        await p.waitForFunction(() => /Loaded 1000 points|not loaded/.test(document.querySelector('[data-testid=message]')?.textContent ?? ''), undefined, { timeout: 60_000, polling: 10 });
        const split = await now(p);
        const m = await message(p);
        return { outcome: /Loaded 1000 points/.test(m) ? `loaded 1000 points from ${mibText.length} bytes in the worker; then the 256² landscape of n = 1000` : m.slice(0, 120), split };
      },
    },
    {
      name: 'link_n100000',
      hash: PAPER,
      run: async (p) => {
        await p.evaluate(() => (location.hash = '#v=1&data=gen&n=100000&res=256'));
        await p.waitForFunction(() => /n must be/.test(document.querySelector('[data-testid=message]')?.textContent ?? ''), undefined, { timeout: 60_000 });
        await dismiss(p);
        return { outcome: 'refused (n ≤ 1000)' };
      },
    },
    {
      name: 'link_n1000',
      hash: '#v=1&data=paper-toy&res=128',
      run: async (p) => {
        await p.evaluate(() => (location.hash = '#v=1&data=gen&n=1000&res=128'));
        await p.waitForTimeout(50);
        await p.evaluate(() => (window as W).pacscape.idle());
        const n = await p.evaluate(() => JSON.parse((window as W).pacscape.exportText('data.json')).x.length);
        return { outcome: `computed at 128² for n = ${n}` };
      },
    },
    {
      name: 'train_100',
      hash: PAPER,
      run: async (p) => {
        const steps = await p.evaluate(async () => (await (window as W).pacscape.train({ steps: 100, method: 'gd' })).length);
        return { outcome: `GD run of ${steps - 1} steps, test loss on the test sample and bound at each` };
      },
    },
    {
      name: 'recompute_256',
      hash: PAPER,
      run: async (p) => {
        const d = await p.evaluate(() => (window as W).pacscape.state().depth);
        await p.evaluate((depth) => (location.hash = new URL((window as W).pacscape.link()).hash.replace(/depth=\d+/, `depth=${depth}`)), d === 5 ? 4 : 5);
        await p.waitForTimeout(50);
        await p.evaluate(() => (window as W).pacscape.idle());
        return { outcome: `256² full field set, depth ${d} → ${d === 5 ? 4 : 5}` };
      },
    },
  ];
  const only = process.env.BENCH_TASK_JOBS?.split(',');
  const lines: object[] = [];
  const longest = (t: [number, number][]) => (t.length ? Math.round(Math.max(...t.map((x) => x[1]))) : 0);
  const variants: { name: string; url: string; close?: () => Promise<void> }[] = [{ name: 'this', url }];
  try {
    for (const spec of (process.env.BENCH_TASK_VARIANTS ?? '').split(',').filter(Boolean)) {
      const [name, outDir] = spec.split('=');
      const server = await preview({ build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'error' });
      const u = server.resolvedUrls?.local[0];
      if (!u) throw new Error(`vite preview of ${outDir} did not report a URL`);
      variants.push({ name, url: u, close: () => server.close() });
    }
    for (const job of jobs) {
      if (only && !only.includes(job.name)) continue;
      const per = variants.map(() => ({ before: [] as [number, number][][], after: [] as [number, number][][], outcome: '', split: false }));
      for (let r = 0; r < RUNS; r++) {
        for (let v = 0; v < variants.length; v++) {
          const acc = per[v];
          await open(page, variants[v].url, job.hash);
          await observe(page);
          const res = await job.run(page);
          acc.outcome = res.outcome;
          const tasks = await collect(page);
          acc.split = res.split !== undefined;
          acc.before.push(tasks.filter(([t0]) => res.split === undefined || t0 < res.split));
          acc.after.push(tasks.filter(([t0]) => res.split !== undefined && t0 >= res.split));
        }
      }
      variants.forEach((variant, v) => {
        const { before, after, outcome, split } = per[v];
        const maxes = before.map(longest);
        const line = {
          main_thread_job: job.name,
          ...(variants.length > 1 ? { variant: variant.name } : {}),
          outcome,
          max_task_ms: median(maxes),
          long_tasks: median(before.map((t) => t.length)),
          runs: RUNS,
          per_run_max_ms: maxes,
          ...(split ? { then_recompute_max_task_ms: median(after.map(longest)), then_recompute_long_tasks: median(after.map((t) => t.length)), then_per_run_max_ms: after.map(longest) } : {}),
        };
        lines.push(line);
        // As each job ends, on the log channel too (the lines go to stdout once all jobs are done).
        process.stderr.write(`bench: ${JSON.stringify(line)}\n`);
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    for (const v of variants) await v.close?.();
  }
  return lines;
}
