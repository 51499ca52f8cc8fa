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
import type { Browser } from 'playwright-core';

const MARKS_JS = `(() => {
  const m = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
  return { landscape: m('pacscape:first-landscape'), grid: m('pacscape:first-grid') };
})()`;

/**
 * Paths of the resources the page requested after its first landscape was on screen (its resource
 * timing): a request seen before the recorder stopped may still be one of those (tfjs loads right
 * after that frame). A worker's own imports are not in the page's timing; the grid worker has none.
 */
export const REQUESTED_AFTER_FIRST_LANDSCAPE_JS = `(() => {
  const t = performance.getEntriesByName('pacscape:first-landscape')[0]?.startTime ?? Infinity;
  return performance.getEntriesByType('resource').filter((e) => e.startTime > t).map((e) => new URL(e.name).pathname);
})()`;

const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
};

/**
 * What test/e2e/firstLoad.test.ts lets the first view's JS (gzip, kB as above) grow to: the size
 * measured when it was last cut, plus ≈ 1 %. The target is 300 kB (not met: docs/PERFORMANCE.md);
 * lower this when the first view gets smaller, never raise it without saying why there.
 */
export const FIRST_VIEW_JS_BUDGET_KB = 390;

/** Gzip size (bytes) of a file of the build named by its URL path. */
export function gzipBytes(distDir: string, path: string): number {
  return gzipSync(readFileSync(`${distDir}/${path}`), { level: 9 }).length;
}

/** One cold load: the JS fetched until the first landscape is shown, and when that was. */
async function coldLoad(browser: Browser, url: string): Promise<{ ms: number | null; grid: number | null; files: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const base = new URL(url);
  const fetched: string[] = [];
  let recording = true;
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (recording && u.origin === base.origin && u.pathname.endsWith('.js')) fetched.push(u.pathname.slice(base.pathname.length));
  });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('pacscape:first-landscape').length > 0, undefined, { timeout: 120_000, polling: 10 });
    recording = false;
    const m = (await page.evaluate(MARKS_JS)) as { landscape: number | null; grid: number | null };
    const late = new Set((await page.evaluate(REQUESTED_AFTER_FIRST_LANDSCAPE_JS)) as string[]);
    return { ms: m.landscape, grid: m.grid, files: [...new Set(fetched)].filter((f) => !late.has(base.pathname + f)) };
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
