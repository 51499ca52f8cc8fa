import { describe, expect, it } from 'vitest';
import { guarded } from './apiGuards';

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
