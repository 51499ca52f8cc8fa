/**
 * The page stays responsive under long work: a long landscape job or test pass shows its progress
 * with an estimate of the time left and can be cancelled, which brings back the page as it was
 * (landscape, settings, link, tensors); training at the largest learning rate compiles no shader
 * program while its path grows and keeps every step in short tasks (a longtask
 * PerformanceObserver records what the main thread did).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, openSession, waitForIdle, type Session } from './harness';
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

/** What "the page as it was" means here: the view, its link, the grid's numbers and the live tensors. */
const snapshot = () =>
  s.page.evaluate(() => {
    const a = (window as W).pacscape;
    return { state: a.state(), link: a.link(), hash: location.hash, grid: a.exportText('grid.json') as string, tensors: a.numTensors() as number };
  });

describe('responsive', () => {
  it('a long grid job shows progress and the time left; Cancel brings back the previous landscape, settings and link', async () => {
    const p = s.page;
    const before = await snapshot();
    // n = 1000 generated points at 512²: the largest job the limits allow (minutes on software WebGL).
    await p.evaluate(([n, res]) => (location.hash = `#v=1&data=gen&n=${n}&res=${res}`), [PARAMS.n.max, PARAMS.res.max]);
    const eta = p.getByTestId('landscape-eta');
    await eta.waitFor({ timeout: 120_000 });
    expect(await eta.textContent()).toMatch(/^(about \d+ (s|min)|less than 5 s) left$/);
    expect(await p.getByTestId('progress').textContent()).toMatch(/computing .*% · (about|less than)/);
    expect(await p.evaluate(() => (window as W).pacscape.state().res)).toBe(PARAMS.res.max);
    await p.getByTestId('landscape-cancel').click();
    await waitForIdle(p);
    expect(await p.getByTestId('message').textContent()).toMatch(/Cancelled the .*the previous landscape and its settings are back/);
    await expect.poll(() => p.evaluate(() => location.hash)).toBe(before.hash);
    const after = await snapshot();
    expect(after.state).toEqual(before.state);
    expect(after.link).toBe(before.link);
    expect(after.grid === before.grid, 'the grid shown is the one from before').toBe(true);
    expect(after.tensors).toBe(before.tensors);
    expect(await p.getByTestId('landscape-progress').count()).toBe(0);
    // The page still works: a new job computes.
    await p.evaluate(() => (location.hash = '#v=1&res=32'));
    await waitForIdle(p);
    expect(await p.evaluate(() => (window as W).pacscape.state().res)).toBe(32);
    expect(s.errors).toEqual([]);
  });

  it('the test-loss pass over the grid shows progress and the time left, and Cancel keeps the landscape', async () => {
    const p = s.page;
    // The generator has a known mixture: its test pass draws 20 000 fresh points.
    await p.evaluate(() => (location.hash = '#v=1&data=gen&n=200&res=256'));
    await waitForIdle(p);
    const before = await snapshot();
    await p.evaluate(() => (window as W).pacscape.setField('gap'));
    const status = p.getByTestId('test-status');
    await p.waitForFunction(() => /left/.test(document.querySelector('[data-testid=test-status]')?.textContent ?? ''), undefined, { timeout: 120_000, polling: 50 });
    expect(await status.textContent()).toMatch(/computing over the grid… \d+% · (about \d+ (s|min)|less than 5 s) left/);
    await p.getByTestId('test-cancel').click();
    expect(await status.getAttribute('data-status')).toBe('off');
    expect(await status.textContent()).toMatch(/cancelled/);
    const after = await snapshot();
    expect(after.grid === before.grid, 'the main fields are untouched').toBe(true);
    expect(after.tensors).toBe(before.tensors);
    expect(s.errors).toEqual([]);
  });

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
