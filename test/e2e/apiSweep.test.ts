/**
 * Every entrance of `window.pacscape` against bad values (NaN, strings, huge numbers, missing and
 * extra arguments, unknown option keys): each call is refused with a message that names the
 * function and the argument (and the limit, where there is one), and the page is left as it was —
 * the same state, and a landscape that still recomputes afterwards. The list of entrances is read
 * from the page, so a function registered without a schema fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, openSession, waitForIdle, type Session } from './harness';
import { API_GUARDS } from '../../src/app/apiGuards';
import { PARAMS } from '../../src/core/params';

type W = any;
let s: Session;

beforeAll(async () => {
  s = await openSession({ width: 1280, height: 720 });
  await openApp(s, '#v=1&res=64');
  await s.page.evaluate(() => (window as W).pacscape.diagnostics());
});
afterAll(async () => {
  await s?.close();
});

const W_MAX = PARAMS.w.max;
const BIG = 1e308;

/** Per entrance: bad argument lists and what the refusal must name. */
const BAD: Record<string, [unknown[], RegExp][]> = {
  setMarker: [[[NaN, 0], /w1 must be a number within ±20, got NaN/], [['1', 0], /w1 .*got "1"/], [[0, BIG], /w2 .*got 1e\+308/], [[], /w1 .*got nothing/], [[0, 0, 0], /at most 2 arguments/]],
  pin: [[[NaN, NaN], /w1 .*NaN/], [[W_MAX + 1, 0], /w1 must be a number within ±20, got 21/], [[0], /w2 .*got nothing/]],
  descend: [[[NaN, NaN], /w1 .*NaN/], [[0, 'x'], /w2 .*"x"/], [[BIG, 0], /w1 .*1e\+308/]],
  surfaceScreen: [[[NaN, 0], /w1 must be a finite number, got NaN/], [[0], /w2 must be a finite number, got nothing/]],
  planeScreen: [[['a', 0], /w1 must be a finite number, got "a"/]],
  setField: [[['nope'], /name must be one of 'loss'/], [[NaN], /name must be one of .*got NaN/], [[], /name .*got nothing/]],
  exportText: [[['grid.exe'], /kind must be one of/], [[], /kind .*got nothing/]],
  importText: [[[null], /text must be a string/], [[BIG], /text must be a string .*1e\+308/], [['x', 5], /name must be a string, got 5/]],
  capture: [[['scene', 3], /scale must be 1 or 2, got 3/], [['scene', NaN], /scale .*NaN/], [['scene', 1, { overlay: true }], /unknown key "overlay"; known: overlays/], [[42], /id must be a view id/]],
  captureBlob: [[['scene', BIG], /scale .*1e\+308/]],
  setData: [[[null], /The data must be a JSON object with keys "x" and "y"; this is null/], [[{ x: [[NaN, 0], [0, 1]], y: [0, 1] }], /Point 1 of "x": x1 is NaN, not a finite number/], [[{ x: [[0, 0], [1, 1]], y: [0, 'yes'] }], /Entry 2 of "y" is "yes"/]],
  frameCost: [[['a'], /hide must be an array of object names/], [[[], BIG], /k must be an integer from 1 to 100/]],
  evaluateGrid: [
    [[], /the argument must be an object/],
    [[{ w1: [-1, 1], w2: [-1, 1], res: NaN }], /res \(the grid resolution\) must be an integer from 8 to 512, got NaN/],
    [[{ w1: [-1, 1], w2: [-1, 1], res: 64, depth: '3' }], /depth must be an integer from 1 to 8, got "3"/],
    [[{ w1: [-1, 1], w2: [-1, 1], res: 64, delta: BIG }], /delta must be a number from 1e-10 to 0.5/],
    [[{ w1: [-1, 1], w2: [-1, 1], res: 64, extra: 1 }], /unknown key "extra"/],
  ],
  train: [[[{ lr: NaN }], /lr must be a number greater than 0 and at most 100, got NaN/], [[{ steps: BIG }], /steps must be an integer from 1 to 5000/], [[{ batch: 'x' }], /batch .*"x"/], [[{ lrate: 1 }], /unknown key "lrate"/], [['fast'], /the argument must be an object/]],
  cut: [[[{ through: [NaN, 0] }], /through's w1 must be a number within ±50, got NaN/], [[{ k: BIG }], /k must be an integer from 2 to 2001/], [[{ halfWidth: -1 }], /halfWidth must be a number greater than 0/], [[{ dir: 'vmax' }], /unknown key "dir"/], [[{ direction: 'up' }], /direction must be 'vmin', 'vmax'/]],
  cutBetween: [[[], /a needs two numbers \(w1, w2\), got nothing/], [[[0, 0], [NaN, 1]], /b's w1 .*NaN/], [[[0, 0], [1, 1], 'many'], /k must be an integer from 2 to 2001, got "many"/], [[[0, 0], [BIG, 0]], /b's w1 must be a number within ±50/]],
  experiment: [[[{ lr: NaN }], /lr must be/], [[{ repeats: BIG }], /repeats must be an integer from 1 to 4096/], [[{ starts: [[BIG, 0]] }], /starts must be 'random' or a non-empty list/], [[{ method: 5 }], /method must be one of/], [[{ reps: 2 }], /unknown key "reps"/]],
  loadPreset: [[['nope'], /id must be one of 'paper-figure'/], [[], /id must be one of .*got nothing/], [[NaN], /id .*got NaN/]],
  setPsiGapMeasure: [[['gap'], /measure must be one of 'psi'/], [[], /measure .*got nothing/]],
  openExperiments: [[['yes'], /open must be true or false, got "yes"/]],
  setTheme: [[['blue'], /theme must be one of 'dark', 'light', got "blue"/], [[], /theme .*got nothing/]],
  timeline: [[['on'], /on must be true or false, got "on"/]],
  story: [[['2'], /n must be a story step number/], [[{}], /n must be a story step number/]],
  storyText: [[['1'], /n must be a story step number, got "1"/], [[], /n must be a story step number, got nothing/]],
  storyTextIn: [[[1, 'zh'], /lang must be one of 'en'/]],
  benchEnsemble: [[[null], /the argument must be an object, got null/]],
  benchSingle: [[[NaN], /the argument must be an object, got NaN/]],
  // pacscape.bench (registered by diagnostics()): its members as bench.<name>.
  'bench.grid': [[[], /the argument must be an object/], [[{ w1: [-1, 1], w2: [-1, 1], res: 64 }, 'gpu'], /engine must be one of 'webgl', 'ts', got "gpu"/]],
  'bench.testLoss': [[[{ w1: [-1, 1], w2: [-1, 1], res: 64 }], /needs a test sample/]],
  'bench.naive': [[[{ w1: [-1, 1], w2: [-1, 1], res: BIG }], /res \(the grid resolution\) must be an integer/]],
  'bench.chunkBudget': [[[NaN], /units must be a number from 10000 to 100000000, got NaN/], [[-1], /units must be .*got -1/]],
};

describe('every window.pacscape entrance refuses bad values, naming the argument, and the page keeps working', () => {
  it('has a schema for every function the page registers', async () => {
    const names: string[] = await s.page.evaluate(() => Object.entries((window as W).pacscape).flatMap(([k, f]) => (typeof f === 'function' ? [k] : f && typeof f === 'object' && !Array.isArray(f) ? Object.keys(f).filter((m) => typeof (f as W)[m] === 'function').map((m) => `${k}.${m}`) : [])));
    expect(names.length).toBeGreaterThan(50);
    expect(names.filter((n) => !API_GUARDS[n])).toEqual([]);
    // The diagnostics' namespace is listed member by member.
    expect(names).toEqual(expect.arrayContaining(['bench.grid', 'bench.testLoss', 'bench.naive', 'bench.chunkBudget']));
  });

  it('refuses each bad call with pacscape.<name>: and the argument, and leaves the page as it was', async () => {
    const p = s.page;
    await waitForIdle(p);
    const snapshot = () => p.evaluate(() => ({ state: (window as W).pacscape.state(), n: JSON.parse((window as W).pacscape.exportText('data.json')).x.length, runs: (window as W).pacscape.runs().length, gridVersion: (window as W).pacscape.gridVersion() }));
    const before = await snapshot();
    const names: string[] = await p.evaluate(() => Object.entries((window as W).pacscape).flatMap(([k, f]) => (typeof f === 'function' ? [k] : f && typeof f === 'object' && !Array.isArray(f) ? Object.keys(f).filter((m) => typeof (f as W)[m] === 'function').map((m) => `${k}.${m}`) : [])));
    const calls: [string, unknown[], RegExp][] = [];
    for (const name of names) {
      for (const [args, re] of BAD[name] ?? []) calls.push([name, args, re]);
      // Every entrance refuses an argument beyond those it takes.
      calls.push([name, [1, 2, 3, 4, 5], /takes (no|at most \d+) arguments?, got 5/]);
    }
    const out: { name: string; args: string; result: string }[] = await p.evaluate(
      async (calls) => {
        const api = (window as W).pacscape;
        const res: { name: string; args: string; result: string }[] = [];
        for (const [name, args] of calls as [string, unknown[]][]) {
          let result: string;
          try {
            const [head, member] = name.split('.');
            const v = member ? api[head][member](...args) : api[name](...args);
            if (v && typeof v.then === 'function') await v;
            result = 'accepted';
          } catch (e) {
            result = `refused: ${(e as Error).message}`;
          }
          res.push({ name, args: JSON.stringify(args), result });
        }
        return res;
      },
      calls.map(([n, a]) => [n, a]),
    );
    expect(out.length).toBe(calls.length);
    for (let i = 0; i < calls.length; i++) {
      const [name, , re] = calls[i];
      const r = out[i];
      expect(r.result, `${name}(${r.args})`).toMatch(new RegExp(`^refused: pacscape\\.${name.replace('.', '\\.')}: `));
      expect(r.result, `${name}(${r.args})`).toMatch(re);
    }
    await waitForIdle(p);
    expect(await snapshot()).toEqual(before);
    expect(s.errors).toEqual([]);
  });

  it('after the sweep a landscape recomputes and reads out finite numbers', async () => {
    const p = s.page;
    const v0 = await p.evaluate(() => (window as W).pacscape.gridVersion());
    await p.evaluate(() => (location.hash = '#v=1&res=64&depth=3&m=0.5,-0.5'));
    await waitForIdle(p);
    const after = await p.evaluate(() => {
      const api = (window as W).pacscape;
      const g = JSON.parse(api.exportText('grid.json'));
      const m = api.marker();
      return { version: api.gridVersion(), depth: api.state().depth, finite: g.loss.length === 64 * 64 && g.loss.every((x: number | null) => x !== null && Number.isFinite(x)), marker: [m.loss, m.psi, m.bound].every(Number.isFinite) };
    });
    expect(after.version).toBeGreaterThan(v0);
    expect([after.depth, after.finite, after.marker]).toEqual([3, true, true]);
    expect(s.errors).toEqual([]);
  });
});

describe('a run that leaves the limits while the marker follows it', () => {
  it('says so once for the run (dismissed, it does not come back), the marker stays inside ±20', async () => {
    const p = s.page;
    await p.evaluate(() => (location.hash = '#v=1&data=paper-toy&res=64&m=0.5,1.5'));
    await waitForIdle(p);
    const panel = p.getByTestId('training-panel');
    await panel.getByLabel('learning rate').fill('100');
    await panel.getByLabel('steps').fill('400');
    await panel.getByLabel('marker follows').check();
    await p.getByTestId('train-start').click();
    const msg = () => p.evaluate(() => document.querySelector('[data-testid=message]')?.textContent ?? '');
    await expect.poll(msg, { timeout: 60_000 }).toMatch(/The run left the landscape’s limits \(±20 in each weight\) at step \d+; the marker stays at its last point inside/);
    await p.getByRole('button', { name: 'Dismiss message' }).click();
    // The run goes on outside the limits: every flush used to repeat the marker's refusal.
    const seen: string[] = [];
    const count = () => p.evaluate(() => (window as W).pacscape.runs().at(-1).points as number);
    const at = await count();
    await expect.poll(async () => {
      const m = await msg();
      if (m) seen.push(m);
      return (await count()) - at;
    }, { timeout: 60_000 }).toBeGreaterThan(60);
    expect(seen).toEqual([]);
    const m = await p.evaluate(() => (window as W).pacscape.state().marker as number[]);
    expect(Math.max(Math.abs(m[0]), Math.abs(m[1]))).toBeLessThanOrEqual(PARAMS.w.max);
    await p.evaluate(() => (window as W).pacscape.clearRuns());
    expect(s.errors).toEqual([]);
  });
});


describe('the app run is disposed and made again (pacscape.remount: app/createApp, main.tsx)', () => {
  it('leaves no listener, tensor or error behind: one key press acts once, a link applies, the landscape recomputes', async () => {
    const p = s.page;
    const tensors = () => p.evaluate(() => (window as W).pacscape.memory() as number);
    const view = () => p.evaluate(() => (window as W).pacscape.state() as { heightScale: string; depth: number });
    await waitForIdle(p);
    const tensors0 = await tensors();
    // Window and document listeners added minus removed over a remount, by event type: the new run
    // adds what the old one removed (a listener the old run left behind counts +1).
    await p.evaluate(() => {
      const net: Record<string, number> = ((window as W).__netListeners = {});
      for (const target of [window, document] as EventTarget[]) {
        const add = target.addEventListener.bind(target);
        const remove = target.removeEventListener.bind(target);
        const name = target === window ? 'window' : 'document';
        target.addEventListener = (type: string, ...rest: [never, never?]) => {
          net[`${name}:${type}`] = (net[`${name}:${type}`] ?? 0) + 1;
          add(type, ...rest);
        };
        target.removeEventListener = (type: string, ...rest: [never, never?]) => {
          net[`${name}:${type}`] = (net[`${name}:${type}`] ?? 0) - 1;
          remove(type, ...rest);
        };
      }
    });
    await p.evaluate(() => (window as W).pacscape.remount());
    await waitForIdle(p);
    const leaked = await p.evaluate(() => Object.entries((window as W).__netListeners as Record<string, number>).filter(([, n]) => n > 0));
    expect(leaked).toEqual([]);
    expect(await tensors()).toBe(tensors0);
    // The new run's key handler and URL sync work: 'g' toggles the height scale, a link applies.
    await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const h0 = (await view()).heightScale;
    await p.keyboard.press('g');
    await expect.poll(async () => (await view()).heightScale).not.toBe(h0);
    await p.keyboard.press('g');
    await expect.poll(async () => (await view()).heightScale).toBe(h0);
    const v0 = await p.evaluate(() => (window as W).pacscape.gridVersion() as number);
    await p.evaluate(() => (location.hash = '#v=1&res=64&depth=2&m=0.25,-0.5'));
    await waitForIdle(p);
    expect((await view()).depth).toBe(2);
    expect(await p.evaluate(() => (window as W).pacscape.gridVersion())).toBeGreaterThan(v0);
    // The panels read the new run's models (the cut chart follows the new marker).
    await expect.poll(() => p.evaluate(() => (window as W).pacscape.cutChart().marker), { timeout: 30_000 }).toEqual([0.25, -0.5]);
    expect(await tensors()).toBe(tensors0);
    expect(s.errors).toEqual([]);
  });
});
