/**
 * The longest main-thread task of three large jobs, as a user starts them (called by
 * scripts/bench.ts; `BENCH_ONLY=tasks` prints only these lines). Each job runs BENCH_TASK_RUNS (3)
 * times on a page at the paper-toy preset; a PerformanceObserver "longtask" records every task of
 * 50 ms or more from the start of the job to its end (the page idle again + 300 ms). One JSON line
 * per job: `{"main_thread_job", "outcome", "max_task_ms", "long_tasks", "runs", "per_run_max_ms"}` —
 * max_task_ms and long_tasks are medians over the runs (0: no task reached 50 ms).
 *
 * - `import_csv_20mb`: a 20 MB CSV through the data panel's file input (refused by its size before
 *   a byte is read).
 * - `import_csv_1mib`: the largest file accepted (1 MiB: 1000 rows and comment lines), read, parsed
 *   and checked in the data worker, then the landscape recomputed for the new data.
 * - `link_n100000`: the link `data=gen&n=100000` (n is limited to 1000: refused) and
 *   `link_n1000`: the largest generated data set a link may ask for, computed at 128².
 * - `recompute_256`: a 256² recompute of the full field set after a depth change.
 */
import type { Page } from 'playwright-core';

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
    w.__tasks = [] as number[];
    w.__taskObs = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__tasks.push(e.duration);
    });
    w.__taskObs.observe({ type: 'longtask' });
  });
}

async function collect(page: Page): Promise<number[]> {
  await page.evaluate(() => (window as W).pacscape.idle());
  await page.waitForTimeout(300);
  return page.evaluate(() => {
    const w = window as W;
    w.__taskObs.disconnect();
    return (w.__tasks as number[]).map((d) => Math.round(d));
  });
}

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
  run: (page: Page) => Promise<string>;
}

export async function benchTasks(page: Page, url: string): Promise<object[]> {
  const PAPER = '#v=1&data=paper-toy&res=256';
  const input = (page: Page) => page.locator('.export-panel input[type=file]');
  const twenty = Buffer.from('x1,x2,y\n' + '0.5,0.25,1\n'.repeat(Math.ceil(20e6 / 11)));
  const mib = Buffer.from(paddedCsv(1_048_576));
  const jobs: Job[] = [
    {
      name: 'import_csv_20mb',
      hash: PAPER,
      run: async (p) => {
        await input(p).setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: twenty });
        await p.waitForFunction(() => /limited to/.test(document.querySelector('[data-testid=message]')?.textContent ?? ''), undefined, { timeout: 60_000 });
        const m = await message(p);
        await dismiss(p);
        return /before reading/.test(m) ? 'refused by size before reading' : m.slice(0, 80);
      },
    },
    {
      name: 'import_csv_1mib',
      hash: PAPER,
      run: async (p) => {
        await input(p).setInputFiles({ name: 'largest.csv', mimeType: 'text/csv', buffer: mib });
        await p.waitForFunction(() => /Loaded 1000 points|not loaded/.test(document.querySelector('[data-testid=message]')?.textContent ?? ''), undefined, { timeout: 60_000 });
        const m = await message(p);
        return /Loaded 1000 points/.test(m) ? `loaded 1000 points from ${mib.length} bytes (worker), landscape recomputed` : m.slice(0, 120);
      },
    },
    {
      name: 'link_n100000',
      hash: PAPER,
      run: async (p) => {
        await p.evaluate(() => (location.hash = '#v=1&data=gen&n=100000&res=256'));
        await p.waitForFunction(() => /n must be/.test(document.querySelector('[data-testid=message]')?.textContent ?? ''), undefined, { timeout: 60_000 });
        await dismiss(p);
        return 'refused (n ≤ 1000)';
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
        return `computed at 128² for n = ${n}`;
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
        return `256² full field set, depth ${d} → ${d === 5 ? 4 : 5}`;
      },
    },
  ];
  const only = process.env.BENCH_TASK_JOBS?.split(',');
  const lines: object[] = [];
  for (const job of jobs) {
    if (only && !only.includes(job.name)) continue;
    const per: number[][] = [];
    let outcome = '';
    for (let r = 0; r < RUNS; r++) {
      await open(page, url, job.hash);
      await observe(page);
      outcome = await job.run(page);
      per.push(await collect(page));
    }
    const maxes = per.map((t) => (t.length ? Math.max(...t) : 0));
    lines.push({ main_thread_job: job.name, outcome, max_task_ms: median(maxes), long_tasks: median(per.map((t) => t.length)), runs: RUNS, per_run_max_ms: maxes });
  }
  return lines;
}
