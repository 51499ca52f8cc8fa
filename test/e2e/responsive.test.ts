/**
 * The page stays responsive under long work: training at the largest learning rate compiles no
 * shader program while its path grows and keeps every step in short tasks (a longtask
 * PerformanceObserver records what the main thread did).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, openSession, type Session } from './harness';
import { PARAMS } from '../../src/core/params';

type W = any;
let s: Session;

/** Before the app's code: a longtask observer and a count of WebGL program links. */
const instrument = () => {
  const w = window as W;
  w.__lt = [];
  w.__links = 0;
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) w.__lt.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  for (const C of [w.WebGL2RenderingContext, w.WebGLRenderingContext]) {
    const orig = C.prototype.linkProgram;
    C.prototype.linkProgram = function (this: unknown, p: unknown) {
      w.__links++;
      return orig.call(this, p);
    };
  }
};

beforeAll(async () => {
  s = await openSession({ width: 1280, height: 720 });
  await s.context.addInitScript(instrument);
  await openApp(s, '#v=1&res=64');
});
afterAll(async () => {
  await s?.close();
});

const resetCounters = () => s.page.evaluate(() => ((window as W).__lt.length = 0, ((window as W).__links = 0)));
const counters = () => s.page.evaluate(() => ({ lt: ((window as W).__lt as number[]).map(Math.round), links: (window as W).__links as number }));
const stats = (lt: number[]) => ({ count: lt.length, max: Math.max(0, ...lt), total: lt.reduce((a, b) => a + b, 0) });

async function trainInUi(lr: number, steps: number, speed: number) {
  const p = s.page;
  await p.getByLabel('learning rate').fill(String(lr));
  await p.getByLabel('steps', { exact: true }).fill(String(steps));
  await p.getByLabel('speed').selectOption(String(speed));
  const follow = p.getByLabel('marker follows');
  if (!(await follow.isChecked())) await follow.click();
  const before = await p.evaluate(() => (window as W).pacscape.runs().length);
  await p.getByTestId('train-start').click();
  await p.waitForFunction((n) => {
    const r = (window as W).pacscape.runs();
    return r.length > n && r[r.length - 1].status === 'done';
  }, before, { timeout: 120_000, polling: 100 });
  return p.evaluate(() => (window as W).pacscape.runs().at(-1));
}

describe('responsive', () => {
  it(`training at lr = ${PARAMS.lr.max} compiles no shader as its path grows and keeps each step in short tasks`, async () => {
    // Warm-up: the first path compiles the wide-line shader once.
    await trainInUi(PARAMS.lr.max, 30, 25);
    await resetCounters();
    const ui = await trainInUi(PARAMS.lr.max, 300, 25);
    expect(ui.points).toBe(301);
    const a = await counters();
    // drei's <Line> disposed its material on every rebuild: one program link per path per flush.
    expect(a.links, 'WebGL programs linked while the path grew').toBe(0);
    await resetCounters();
    const path = await s.page.evaluate(() => (window as W).pacscape.train({ lr: 100, steps: 300 }));
    expect(path).toHaveLength(301);
    const b = await counters();
    expect(b.links).toBe(0);
    console.log('long tasks: UI run', JSON.stringify(stats(a.lt)), 'API run', JSON.stringify(stats(b.lt)));
    expect(s.errors).toEqual([]);
  });
});
