import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { guarded, param } from './apiGuards';
import { PARAMS, checkParam, inRange, type ParamKey } from '../core/params';

const calls: unknown[][] = [];
const spy = (...a: unknown[]) => {
  calls.push(a);
  return 'ran';
};

describe('window.pacscape entrances refuse bad arguments, naming them, before the app runs', () => {
  it.each([
    ['setMarker', [60, 0], /pacscape\.setMarker: w1 must be a number within ±20, got 60/],
    ['setMarker', [1e6, -1e6], /w1 must be a number within ±20/],
    ['setMarker', [NaN, 0], /w1 .* got NaN/],
    ['setMarker', [0, '1'], /w2 .* got "1"/],
    ['pin', [1e6, 1e6], /pacscape\.pin: w1/],
    ['exportText', ['grid.xml'], /kind must be one of 'grid.csv'/],
    ['setData', [null], /pacscape\.setData: The data must be a JSON object with keys "x" and "y"; this is null/],
  ] as [string, unknown[], RegExp][])('%s(%j)', (name, args, re) => {
    calls.length = 0;
    expect(() => (guarded(name, spy) as (...a: unknown[]) => unknown)(...args)).toThrow(re);
    expect(calls).toEqual([]);
  });
  it.each([
    ['descend', [NaN, NaN], /pacscape\.descend: w1 .* got NaN/],
    ['importText', [42], /text must be a string/],
    ['evaluateGrid', [], /the argument must be an object/],
    ['evaluateGrid', [{ w1: [-1, 1], w2: [-1, 1], res: 2 }], /res \(the grid resolution\) must be an integer from 8 to 512, got 2/],
    ['evaluateGrid', [{ w1: [-1, 1], w2: [-1, 1], res: 64, gamma: 1e308 }], /gamma must be a number from 0 to 10/],
    ['evaluateGrid', [{ w1: [-1, 1], w2: [-1, 1], res: 64, resolution: 64 }], /unknown key "resolution"/],
    ['train', [{ lr: 1000 }], /lr must be a number greater than 0 and at most 100/],
    ['train', [{ start: [60, 0] }], /start's w1/],
    ['train', [{ method: 'adam' }], /method must be one of/],
    ['capture', ['scene', 3], /scale must be 1 or 2, got 3/],
  ] as [string, unknown[], RegExp][])('%s(%j) rejects', async (name, args, re) => {
    calls.length = 0;
    await expect((guarded(name, spy) as (...a: unknown[]) => Promise<unknown>)(...args)).rejects.toThrow(re);
    expect(calls).toEqual([]);
  });
  it('passes good calls through unchanged', () => {
    expect((guarded('setMarker', spy) as (...a: unknown[]) => unknown)(20, -20)).toBe('ran');
    expect((guarded('descend', spy) as (...a: unknown[]) => unknown)()).toBe('ran');
    expect((guarded('unguarded', spy) as (...a: unknown[]) => unknown)(1e9)).toBe('ran');
  });
});

describe('the schemas are the parameter table', () => {
  it('param(key) accepts exactly what core/params accepts, with checkParam\'s message', () => {
    for (const key of Object.keys(PARAMS) as ParamKey[]) {
      const q = PARAMS[key];
      const span = q.max - q.min;
      const probes: unknown[] = [q.min, q.max, q.min - 1e-9 * Math.max(1, span), q.max + 1e-9 * Math.max(1, span), (q.min + q.max) / 2, q.min + 0.5, NaN, Infinity, -Infinity, String(q.max), null, undefined, [q.min]];
      for (const x of probes) {
        const r = v.safeParse(param(key), x, { abortEarly: true });
        expect(r.success, `${key} ${String(x)}`).toBe(inRange(key, x));
        if (!r.success) expect(r.issues[0].message).toBe(checkParam(key, x));
      }
    }
  });
  it('options objects name an unknown key and the known ones', async () => {
    calls.length = 0;
    await expect((guarded('train', spy) as (...a: unknown[]) => Promise<unknown>)({ lr: 1, step: 5 })).rejects.toThrow(/pacscape\.train: the argument has unknown key "step"; known: start, method, lr, batch, steps, seed\./);
    await expect((guarded('train', spy) as (...a: unknown[]) => Promise<unknown>)({ start: 'here' })).rejects.toThrow(/start needs two numbers \(w1, w2\), got "here"/);
    await expect((guarded('evaluateGrid', spy) as (...a: unknown[]) => Promise<unknown>)({ w1: [1, -1], w2: [-1, 1], res: 64 })).rejects.toThrow(/w1 must go from low to high and span at least 0\.05, got \[1, -1\]/);
    await expect((guarded('evaluateGrid', spy) as (...a: unknown[]) => Promise<unknown>)({ w1: [-1, 1], w2: [-1, 1], res: 64, data: [1, 2] })).rejects.toThrow(/data: The data must be a JSON object with keys "x" and "y"; this is an array/);
    expect(() => (guarded('surfaceScreen', spy) as (...a: unknown[]) => unknown)(1, NaN)).toThrow(/w2 must be a finite number, got NaN/);
    expect(() => (guarded('frameCost', spy) as (...a: unknown[]) => unknown)(['a'], 0)).toThrow(/k must be an integer from 1 to 100, got 0/);
    expect(calls.length).toBe(0);
  });
});

describe('every entrance has a schema', () => {
  const refuse = (name: string, args: unknown[], re: RegExp) => {
    calls.length = 0;
    const g = guarded(name, spy) as (...a: unknown[]) => unknown;
    let out: unknown;
    try {
      out = g(...args);
    } catch (e) {
      expect((e as Error).message, `${name}(${JSON.stringify(args)})`).toMatch(re);
      expect(calls).toEqual([]);
      return;
    }
    expect(out, `${name}(${JSON.stringify(args)}) must be refused`).toBeInstanceOf(Promise);
    return (out as Promise<unknown>).then(
      () => expect.unreachable(`${name} accepted ${JSON.stringify(args)}`),
      (e: Error) => {
        expect(e.message).toMatch(re);
        expect(calls).toEqual([]);
      },
    );
  };
  it.each([
    ['cut', [{ through: [60, 0] }], /pacscape\.cut: through's w1 must be a number within ±50, got 60/],
    ['cut', [{ k: 1 }], /k must be an integer from 2 to 2001, got 1/],
    ['cut', [{ k: NaN }], /k must be an integer from 2 to 2001, got NaN/],
    ['cut', [{ halfWidth: 0 }], /halfWidth must be a number greater than 0 and at most 100, got 0/],
    ['cut', [{ direction: [0, 0] }], /direction must be 'vmin', 'vmax' or a non-zero/],
    ['cut', [{ thru: [0, 0] }], /unknown key "thru"; known: through, direction, halfWidth, k/],
    ['cut', ['vmax'], /the argument must be an object/],
    ['cutBetween', [[0, 0]], /b needs two numbers \(w1, w2\), got nothing/],
    ['cutBetween', [[0, 0], [1, 1], 1e9], /k must be an integer from 2 to 2001, got 1000000000/],
    ['cutBetween', [[0, 'x'], [1, 1]], /a's w2 must be a number within ±50, got "x"/],
    ['setField', ['nope'], /name must be one of 'loss'/],
    ['setPsiGapMeasure', ['gap'], /measure must be one of 'psi', 'boundComplexity', 'lambdaMax', got "gap"/],
    ['setTheme', ['blue'], /theme must be one of 'dark', 'light'/],
    ['openExperiments', ['yes'], /open must be true or false, got "yes"/],
    ['story', ['2'], /n must be a story step number \(or null to close the story\), got "2"/],
    ['storyText', [], /n must be a story step number, got nothing/],
    ['setMarker', [1, 2, 3], /setMarker: it takes at most 2 arguments, got 3/],
    ['state', [1], /pacscape\.state: it takes no arguments, got 1/],
    ['marker', [1, 2], /marker: it takes no arguments, got 2/],
  ] as [string, unknown[], RegExp][])('%s(%j)', (name, args, re) => refuse(name, args, re));
  it.each([
    ['loadPreset', ['nope'], /pacscape\.loadPreset: id must be one of 'paper-figure'/],
    ['loadPreset', [], /id must be one of .* got nothing/],
    ['experiment', [{ lr: 0 }], /lr must be a number greater than 0 and at most 100, got 0/],
    ['experiment', [{ repeats: 5000 }], /repeats must be an integer from 1 to 4096, got 5000/],
    ['experiment', [{ testN: 1e6 }], /testN must be an integer from 1 to 100000/],
    ['experiment', [{ starts: [[30, 0]] }], /starts must be 'random' or a non-empty list of \[w1, w2\] pairs with \|w\| ≤ 20/],
    ['experiment', [{ sweep: { param: 'lr', values: [1, 1000] } }], /sweep\.values \(lr\) must be a number greater than 0 and at most 100, got 1000/],
    ['experiment', [{ sweep: { param: 'depth', values: [1] } }], /sweep\.param must be one of 'batch', 'lr', 'method'/],
    ['experiment', [{ method: 'adam' }], /method must be one of 'gd', 'sgd', 'perturbed'/],
    ['experiment', [{ repeat: 3 }], /unknown key "repeat"/],
    ['evaluateGrid', [{ w1: [-1, 1], w2: [-1, 1], res: 64, test: { x: [[0, 0]], y: [0] } }], /test: The data needs at least 2 points; it has 1/],
    ['capture', ['scene', 1, { overlay: false }], /unknown key "overlay"; known: overlays/],
    ['idle', [true], /idle: it takes no arguments/],
  ] as [string, unknown[], RegExp][])('%s(%j) rejects', (name, args, re) => refuse(name, args, re));
  it('passes the calls the page and its tests make', () => {
    const ok: [string, unknown[]][] = [
      ['cut', []],
      ['cut', [{ through: [40, -40], direction: 'vmin', halfWidth: 2, k: 2001 }]],
      ['cutBetween', [[0, 0], [1, 1]]],
      ['story', [null]],
      ['story', [3]],
      ['story', [NaN]],
      ['storyText', [NaN]],
      ['storyText', [9]],
      ['storyTextIn', [2, 'en']],
      ['experiment', [{ method: 'sgd', repeats: 8, steps: 50, starts: 'random', sweep: { param: 'method', values: ['gd', 'perturbed'] }, sigma: 'exact', schedule: 'cosine', resample: true }]],
      ['loadPreset', ['paper-figure']],
      ['capture', ['scene', 2, { overlays: false }]],
      ['state', []],
      ['idle', [undefined]],
    ];
    for (const [name, args] of ok) {
      calls.length = 0;
      const out = (guarded(name, spy) as (...a: unknown[]) => unknown)(...args);
      expect(out, `${name}(${JSON.stringify(args)})`).toBe('ran');
    }
  });
});

describe('pacscape.bench members are guarded like the rest', () => {
  const bench = () => {
    calls.length = 0;
    const f = async (...a: unknown[]) => spy(...a);
    return guarded('bench', { grid: f, testLoss: f, naive: f, chunkBudget: spy }) as Record<string, (...a: unknown[]) => unknown>;
  };
  const GOOD = { w1: [-1, 1], w2: [-1, 1], res: 16 };
  it.each([
    ['grid', [], /pacscape\.bench\.grid: the argument must be an object/],
    ['grid', [{ ...GOOD, res: 1e9 }], /pacscape\.bench\.grid: res \(the grid resolution\) must be an integer from 8 to 512/],
    ['grid', [GOOD, 'cuda'], /engine must be one of 'webgl', 'ts', got "cuda"/],
    ['grid', [{ ...GOOD, w1: [NaN, 1] }], /w1 needs two finite numbers/],
    ['testLoss', [GOOD], /pacscape\.bench\.testLoss: the argument needs a test sample/],
    ['testLoss', [{ ...GOOD, test: { x: [[0, 0]], y: [0] } }], /pacscape\.bench\.testLoss: test: The data needs at least 2 points; it has 1/],
    ['naive', [{ ...GOOD, depth: 99 }], /pacscape\.bench\.naive: depth must be an integer from 1 to 8, got 99/],
  ] as [string, unknown[], RegExp][])('bench.%s(%j) rejects', async (name, args, re) => {
    const b = bench();
    await expect(b[name](...args) as Promise<unknown>).rejects.toThrow(re);
    expect(calls).toEqual([]);
  });
  it('bench.chunkBudget refuses what is not a work budget (NaN made every draw size NaN)', () => {
    const b = bench();
    for (const bad of [NaN, Infinity, -1, 0, 1e3, 1e12, '1e6']) expect(() => b.chunkBudget(bad), String(bad)).toThrow(/pacscape\.bench\.chunkBudget: units must be a number from 10000 to 100000000/);
    expect(() => b.chunkBudget(1e6, 2)).toThrow(/at most 1 arguments?/);
    expect(calls).toEqual([]);
    expect(b.chunkBudget()).toBe('ran');
    expect(b.chunkBudget(2e5)).toBe('ran');
  });
  it('passes good bench calls through', async () => {
    const b = bench();
    await expect(b.grid(GOOD, 'ts')).resolves.toBe('ran');
    await expect(b.testLoss({ ...GOOD, test: { x: [[0, 0], [1, 1]], y: [0, 1] } })).resolves.toBe('ran');
  });
});
