/**
 * The first-load lines of scripts/benchLoad.ts for two builds in one run, load by load in turn
 * (so both see the same machine): `npx tsx scripts/benchLoadCompare.ts <other-dist> [dist]`, with
 * `<other-dist>` e.g. a build of an older commit (`git worktree add /tmp/old <commit>`, then
 * `npm ci && npx vite build` there). BENCH_LOADS loads per build per round (5), BENCH_ROUNDS rounds (1).
 * Prints one JSON line per build and round: {"build", "first_view_js_gzip_kb", "nav_to_first_landscape_ms", …}.
 */
import { resolve } from 'node:path';
import { preview } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/e2e/harness';
import { benchLoad } from './benchLoad';

const dirs = [process.argv[2], process.argv[3] ?? 'dist'].map((d) => {
  if (!d) throw new Error('usage: benchLoadCompare.ts <other-dist> [dist]');
  return resolve(d);
});
const servers = await Promise.all(dirs.map((outDir) => preview({ build: { outDir }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'error' })));
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
try {
  for (let round = 0; round < Number(process.env.BENCH_ROUNDS ?? 1); round++) {
    for (let i = 0; i < dirs.length; i++) {
      const [js, nav] = (await benchLoad(browser, servers[i].resolvedUrls!.local[0], dirs[i])) as Record<string, unknown>[];
      process.stdout.write(JSON.stringify({ build: dirs[i], round, ...js, ...nav }) + '\n');
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
