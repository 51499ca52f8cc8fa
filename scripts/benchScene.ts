/**
 * Scene benchmarks, called by scripts/bench.ts on a page with the app open and idle:
 *
 * - `drag_fps`: frames rendered per second while a scripted pointer drag moves the marker over the
 *   landscape (the scene is then in its light mode: decimated mesh, lower pixel ratio). Frames put on
 *   screen are counted by the scene itself (`pacscape.sceneFrames()`), over ~3 s of continuous moves.
 * - `longest_task_ms`: the longest main-thread task (PerformanceObserver "longtask") while a grid
 *   recomputes at the current resolution after a range change, from the change to idle + 300 ms;
 *   BENCH_RECOMPUTES (6) recomputes at three new ranges, with how many recomputes had a task over
 *   50 ms and in which phase each fell (docs/PERFORMANCE.md, "Long tasks", says what the tasks are).
 *
 * Both are measured as a user gets the page (the `present` key says how the scene reaches the
 * screen: 'async' where WebGL runs in software, as here — scene/presenter.ts) and, in the same run
 * on a fresh page, with the other presentation (`?present=`), as `drag_fps_variant` /
 * `longest_task_ms_variant` lines (BENCH_PRESENT_COMPARE=0 skips them).
 *
 * Returns `[{drag_fps}, {longest_task_ms}, {drag_fps_variant}, {longest_task_ms_variant}]` (plus
 * context keys on each line).
 */
import type { Page } from 'playwright-core';
import { openSession } from '../test/e2e/harness';

type W = any;

/** Duration of the scripted drag (ms). */
export const DRAG_MS = 3000;

async function idle(page: Page): Promise<void> {
  await page.evaluate(() => (window as W).pacscape.idle());
}

/** Frames per second during a scripted marker drag (circle of radius `r` px around the marker). */
export async function measureDragFps(page: Page, r = 70): Promise<{ fps: number; frames: number; moves: number; ms: number; res: number }> {
  await idle(page);
  const start = (await page.evaluate(() => (window as W).pacscape.markerScreen())) as [number, number] | null;
  if (!start) throw new Error('benchScene: the 3-D scene is not mounted (no WebGL?)');
  const res = await page.evaluate(() => (window as W).pacscape.state?.().res ?? 0);
  await page.mouse.move(start[0], start[1]);
  await page.mouse.down();
  // Warm up (the switch to the light scene resizes the canvas once).
  for (let i = 0; i < 5; i++) await page.mouse.move(start[0] + i * 3, start[1] + i * 2);
  await page.waitForTimeout(100);
  const f0 = (await page.evaluate(() => (window as W).pacscape.sceneFrames())) as number;
  const t0 = Date.now();
  let moves = 0;
  while (Date.now() - t0 < DRAG_MS) {
    const a = (moves / 40) * 2 * Math.PI;
    await page.mouse.move(start[0] + r * Math.sin(a), start[1] + 0.6 * r * (1 - Math.cos(a)));
    moves++;
  }
  const f1 = (await page.evaluate(() => (window as W).pacscape.sceneFrames())) as number;
  const ms = Date.now() - t0;
  await page.mouse.up();
  await page.waitForTimeout(400);
  return { fps: ((f1 - f0) * 1000) / ms, frames: f1 - f0, moves, ms, res };
}

/** Where a long task fell, from the app's timeline (state/timeline.ts). */
export type TaskPhase = 'preview frame' | 'computing' | 'final frame';

/**
 * The long main-thread tasks (PerformanceObserver "longtask") while the grid recomputes after a
 * small range change (w1's lower bound moved by `shift`), from the change to idle + 300 ms, each
 * with the phase it fell in: the frame that shows the 64² preview, the full grid's computation, or
 * the frame(s) after the final grid.
 */
export async function measureLongestTask(page: Page, shift = 0.25): Promise<{ longest: number; tasks: { ms: number; phase: TaskPhase }[]; ms: number }> {
  await idle(page);
  await page.evaluate(() => (window as W).pacscape.diagnostics());
  await page.evaluate(() => {
    const w = window as W;
    w.pacscape.timeline(true);
    w.__benchLongTasks = [] as [number, number][];
    w.__benchObserver?.disconnect();
    w.__benchObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__benchLongTasks.push([e.startTime, e.duration]);
    });
    w.__benchObserver.observe({ type: 'longtask' });
  });
  const t0 = Date.now();
  // Shift the w1 range by a little through the view controls (a user's recompute).
  const lo = page.getByTestId('grid-w1lo');
  const v = Number(await lo.inputValue());
  await lo.fill(String(Math.round((v - shift) * 1000) / 1000));
  await page.getByTestId('grid-apply').click();
  await page.waitForTimeout(50);
  await idle(page);
  await page.waitForTimeout(300);
  const { lt, ev } = (await page.evaluate(() => {
    const w = window as W;
    w.__benchObserver.disconnect();
    return { lt: w.__benchLongTasks, ev: w.pacscape.timeline(false) };
  })) as { lt: [number, number][]; ev: [number, string][] };
  const ms = Date.now() - t0;
  // Put the range back for whoever measures next.
  await lo.fill(String(v));
  await page.getByTestId('grid-apply').click();
  await page.waitForTimeout(50);
  await idle(page);
  const at = (what: string) => ev.find((e) => e[1] === what)?.[0] ?? Infinity;
  const previewAt = ev.find((e) => e[1].startsWith('grid ') && e[0] < at('compute end'))?.[0] ?? -Infinity;
  const endAt = at('compute end');
  const phase = (start: number, dur: number): TaskPhase => {
    if (start + dur >= endAt) return 'final frame';
    // The preview's frame is the first frame after the preview grid (the full grid waits for it).
    const frame = ev.find((e) => e[1] === 'frame start' && e[0] >= previewAt)?.[0] ?? Infinity;
    return start <= frame + 1 && start + dur >= frame ? 'preview frame' : 'computing';
  };
  const tasks = lt.map(([s0, d]) => ({ ms: Math.round(d), phase: phase(s0, d) }));
  return { longest: tasks.length ? Math.max(...tasks.map((t) => t.ms)) : 0, tasks, ms };
}

/** Recomputes measured by `longest_task_ms` (shifts cycle through three new ranges). */
export const LONG_TASK_RECOMPUTES = Number(process.env.BENCH_RECOMPUTES ?? 6);

/** The two lines for one page: drag frame rate, then long tasks over the recomputes. */
async function benchPage(page: Page): Promise<[Record<string, unknown>, Record<string, unknown>]> {
  const present = (await page.evaluate(() => (window as W).pacscape.presentMode?.() ?? 'direct')) as string;
  const drag = await measureDragFps(page);
  // Recomputes at new ranges (each may compile shape-specific GPU programs: the worst case a user
  // meets); longest_task_ms is the longest task of all, per_recompute_ms each one's longest.
  const runs = [];
  for (let i = 0; i < LONG_TASK_RECOMPUTES; i++) runs.push(await measureLongestTask(page, 0.25 * (1 + (i % 3))));
  const all = runs.flatMap((r) => r.tasks);
  const per = runs.map((r) => r.longest);
  const phases: Record<string, number> = {};
  for (const t of all) if (t.ms > 50) phases[t.phase] = (phases[t.phase] ?? 0) + 1;
  const sorted = [...per].sort((a, b) => a - b);
  return [
    { drag_fps: Math.round(drag.fps * 10) / 10, present, frames: drag.frames, moves: drag.moves, res: drag.res },
    {
      longest_task_ms: Math.round(Math.max(...per)),
      present,
      median_recompute_longest_ms: sorted[sorted.length >> 1],
      per_recompute_ms: per,
      recomputes_over_50_ms: per.filter((x) => x > 50).length,
      over_50_ms_by_phase: phases,
      recompute_ms: runs.map((r) => r.ms),
    },
  ];
}

export async function benchScene(page: Page): Promise<object[]> {
  const [drag, tasks] = await benchPage(page);
  if (process.env.BENCH_PRESENT_COMPARE === '0') return [drag, tasks];
  // The same measurements with the other presentation, on a fresh page of the same build.
  const other = drag.present === 'async' ? 'direct' : 'async';
  const url = new URL(page.url());
  url.searchParams.set('present', other);
  const s = await openSession();
  try {
    await s.page.goto(url.toString());
    await s.page.waitForFunction(() => typeof (window as W).pacscape?.idle === 'function', undefined, { timeout: 120_000 });
    await idle(s.page);
    await s.page.waitForTimeout(1000);
    const [d2, t2] = await benchPage(s.page);
    const { drag_fps, ...dRest } = d2;
    const { longest_task_ms, ...tRest } = t2;
    return [drag, tasks, { drag_fps_variant: drag_fps, ...dRest }, { longest_task_ms_variant: longest_task_ms, ...tRest }];
  } finally {
    await s.close();
  }
}
