/**
 * First-load benchmarks, called by scripts/bench.ts with the built app served at `url`:
 *
 * - `first_view_js_gzip_kb`: the JavaScript a visitor's browser fetched (page and workers) from
 *   navigation until the first landscape was on screen, gzip-compressed as a static server would
 *   send it (sizes of the files in dist/, gzip level 9), median over the loads (it varies only if
 *   a chunk is loaded on a race). `files` lists those chunks.
 * - `nav_to_first_landscape_ms`: navigation start → the first frame showing a landscape put on
 *   screen (the scene's `pacscape:first-landscape` mark), and to the first grid published
 *   (`first_grid_ms`),
 *   median over BENCH_LOADS (5) fresh browser contexts (empty cache each), with each load's value.
 *
 * Targets: ≤ 300 kB gzip and ≤ 800 ms on this box.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';

const MARKS_JS = `(() => {
  const m = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
  return { landscape: m('pacscape:first-landscape'), grid: m('pacscape:first-grid') };
})()`;

/**
 * The page's own scripts (its workers' included) it requested no later than the earliest of the
 * performance marks `marks`, as paths below `base` (its resource timing, read once the network is
 * idle: an entry appears only when its response is complete). The grid worker imports nothing, so
 * the page's timing holds every script the first view fetched.
 */
export async function scriptsRequestedBy(page: Page, base: URL, marks: string[]): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  const paths = await page.evaluate((marks) => {
    const t = Math.min(...marks.map((n) => performance.getEntriesByName(n)[0]?.startTime ?? Infinity));
    return performance.getEntriesByType('resource').filter((e) => e.startTime <= t).map((e) => e.name);
  }, marks);
  return paths.map((u) => new URL(u)).filter((u) => u.origin === base.origin && u.pathname.endsWith('.js')).map((u) => u.pathname.slice(base.pathname.length));
}

const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
};

/**
 * What test/e2e/firstLoad.test.ts lets the first view's JS (gzip, kB as above) grow to: the size
 * measured when it was last cut (388.9 kB, 2 Dec 20:15), plus ≈ 1.5 %. The target is 300 kB (not met: docs/PERFORMANCE.md);
 * lower this when the first view gets smaller, never raise it without saying why there.
 */
export const FIRST_VIEW_JS_BUDGET_KB = 395;

/** Gzip size (bytes) of a file of the build named by its URL path. */
export function gzipBytes(distDir: string, path: string): number {
  return gzipSync(readFileSync(`${distDir}/${path}`), { level: 9 }).length;
}

/** One cold load: the JS fetched until the first landscape is shown, and when that was. */
async function coldLoad(browser: Browser, url: string): Promise<{ ms: number | null; grid: number | null; files: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const base = new URL(url);
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('pacscape:first-landscape').length > 0, undefined, { timeout: 120_000, polling: 10 });
    const m = (await page.evaluate(MARKS_JS)) as { landscape: number | null; grid: number | null };
    return { ms: m.landscape, grid: m.grid, files: [...new Set(await scriptsRequestedBy(page, base, ['pacscape:first-landscape']))] };
  } finally {
    await context.close();
  }
}

/** The two lines for the build in `distDir` served at `url`. */
export async function benchLoad(browser: Browser, url: string, distDir = 'dist'): Promise<object[]> {
  const loads = Number(process.env.BENCH_LOADS ?? 5);
  const times: number[] = [];
  const grids: number[] = [];
  const sizes: number[] = [];
  let files: string[] = [];
  for (let i = 0; i < loads; i++) {
    const r = await coldLoad(browser, url);
    if (r.ms !== null) times.push(r.ms);
    if (r.grid !== null) grids.push(r.grid);
    sizes.push(r.files.reduce((s, f) => s + gzipBytes(distDir, f), 0));
    files = r.files;
  }
  return [
    { first_view_js_gzip_kb: Number((median(sizes) / 1000).toFixed(1)), files },
    { nav_to_first_landscape_ms: times.length ? Math.round(median(times)) : null, loads_ms: times.map(Math.round), first_grid_ms: grids.length ? Math.round(median(grids)) : null },
  ];
}
