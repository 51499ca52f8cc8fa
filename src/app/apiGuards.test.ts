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
    ['importText', [42], /text must be a string/],
    ['setData', [null], /the data must be an object/],
  ] as [string, unknown[], RegExp][])('%s(%j)', (name, args, re) => {
    calls.length = 0;
    expect(() => (guarded(name, spy) as (...a: unknown[]) => unknown)(...args)).toThrow(re);
    expect(calls).toEqual([]);
  });
  it.each([
    ['descend', [NaN, NaN], /pacscape\.descend: w1 .* got NaN/],
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
    await expect((guarded('evaluateGrid', spy) as (...a: unknown[]) => Promise<unknown>)({ w1: [-1, 1], w2: [-1, 1], res: 64, data: [1, 2] })).rejects.toThrow(/data must be an object \{x, y\}, got an array of 2/);
    expect(() => (guarded('surfaceScreen', spy) as (...a: unknown[]) => unknown)(1, NaN)).toThrow(/w2 must be a finite number, got NaN/);
    expect(() => (guarded('frameCost', spy) as (...a: unknown[]) => unknown)(['a'], 0)).toThrow(/k must be an integer from 1 to 100, got 0/);
    expect(calls.length).toBe(0);
  });
});
