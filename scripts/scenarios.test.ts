import { describe, expect, it } from 'vitest';
import { checkClaims, claimsFromJson, parseArgs, presetWindow, randomGenerator, runSearch, SEARCH_DEFAULTS, searchOne, UsageError, withParams } from './scenarios';
import { generateDataset } from '../src/core/data';
import { landscapeFacts } from '../src/core/claims';
import { pointReport } from '../src/core/metrics';
import type { LocalMinimum } from '../src/core/minima';

const file = (o: unknown) => () => JSON.stringify(o);

describe('parseArgs', () => {
  it('reads the claims file, its search defaults and the flags (flags win)', () => {
    const o = parseArgs(['--claims', 'c.json', '--n', '12', '--seed=5', '--gamma', '0.1,0.5', '--all'], file({ claims: ['psi(global) > 0', { expr: 'count >= 2', text: 'two' }], search: { eps: [0.2], gamma: [1] } }));
    expect(o.claims).toEqual([{ expr: 'psi(global) > 0' }, { expr: 'count >= 2', text: 'two' }]);
    expect(o).toMatchObject({ n: 12, seed: 5, gamma: [0.1, 0.5], eps: [0.2], all: true, points: 100, depth: 5 });
  });
  it('refuses a missing file, a bad claim and bad numbers with a UsageError', () => {
    expect(() => parseArgs([])).toThrow(UsageError);
    expect(() => parseArgs(['--claims', 'c.json'], file({ claims: ['psi(nowhere) > 0'] }))).toThrow(/unknown minimum/);
    expect(() => parseArgs(['--claims', 'c.json'], file([]))).toThrow(/non-empty/);
    expect(() => parseArgs(['--claims', 'c.json', '--n', 'x'], file(['count > 0']))).toThrow(/--n must be an integer/);
    expect(() => parseArgs(['--claims', 'c.json', '--sd', '2,1'], file(['count > 0']))).toThrow(/increasing/);
    expect(() => parseArgs(['--claims', 'c.json', '--k', '1'], file(['count > 0']))).toThrow(/--k/);
    expect(() => parseArgs(['--claims', 'c.json'], () => '{')).toThrow(/cannot read/);
  });
  it('fixes the means and the sd when asked, so only the draw varies', () => {
    const o = parseArgs(['--claims', 'c.json', '--means', '0.96,-1.53;1.61,-1.73;1.99,-2.62', '--sd', '0.88'], file(['count > 0']));
    expect(o.means).toEqual([[0.96, -1.53], [1.61, -1.73], [1.99, -2.62]]);
    const a = randomGenerator(o, 1), b = randomGenerator(o, 2);
    expect(a.means).toEqual(o.means);
    expect(a.sd).toBe(0.88);
    expect(a.seed).not.toBe(b.seed);
    expect(() => parseArgs(['--claims', 'c.json', '--means', '1,2'], file(['count > 0']))).toThrow(/--means/);
  });
  it('accepts a bare array of claims', () => {
    expect(claimsFromJson(['count >= 1']).claims).toEqual([{ expr: 'count >= 1' }]);
  });
});

describe('randomGenerator', () => {
  const o = { ...SEARCH_DEFAULTS, k: [3], sd: [0.5, 1] as [number, number], spread: 2 };
  it('is deterministic in (seed, trial) and stays in the asked ranges', () => {
    expect(randomGenerator(o, 4)).toEqual(randomGenerator(o, 4));
    expect(randomGenerator(o, 4)).not.toEqual(randomGenerator(o, 5));
    expect(randomGenerator({ ...o, seed: 2 }, 4)).not.toEqual(randomGenerator(o, 4));
    for (let i = 0; i < 50; i++) {
      const g = randomGenerator(o, i);
      expect(g.means.length).toBe(3);
      expect(g.sd).toBeGreaterThanOrEqual(0.5);
      expect(g.sd).toBeLessThanOrEqual(1);
      for (const m of g.means) for (const v of m) expect(Math.abs(v)).toBeLessThanOrEqual(2);
      expect(g.n).toBe(100);
    }
  });
});

describe('presetWindow', () => {
  const at = (w1: number, w2: number) => ({ w: [w1, w2] }) as LocalMinimum;
  it('pads the two lowest minima by ≥ 1.5 and rounds out to 0.5', () => {
    expect(presetWindow([at(2.66, -1.57), at(0.48, 0.48), at(40, 40)])).toEqual({ w1: [-1.5, 4.5], w2: [-3.5, 2] });
    expect(presetWindow([at(0, 0)])).toEqual({ w1: [-1.5, 1.5], w2: [-1.5, 1.5] });
    expect(presetWindow([at(-49.5, 0), at(49.5, 0)])).toEqual({ w1: [-50, 50], w2: [-49.5, 49.5] });
  });
});

describe('withParams and checkClaims', () => {
  const d = generateDataset({ means: [[0.96, -1.53], [1.61, -1.73], [1.99, -2.62]], sd: 0.88, n: 100, seed: 1, labelRule: 'median' });
  const p1 = { depth: 5, gamma: 0.1, eps: 0.1, delta: 0.05 };
  const f = landscapeFacts(d, d.mixture!, p1, { w1: [-6, 6], w2: [-6, 6], res: 48 });
  it('re-describes the same minima for other γ, ε exactly as a fresh point report', () => {
    const p2 = { ...p1, gamma: 0.5 };
    const m2 = withParams(d, f.minima, p2);
    expect(m2.map((m) => m.w)).toEqual(f.minima.map((m) => m.w));
    m2.forEach((m) => {
      const r = pointReport(d, m.w[0], m.w[1], p2);
      expect(m.psi).toBe(r.psi);
      expect(m.bound).toBe(r.bound);
    });
  });
  it('skips the test-sample claims once a cheap claim failed, and evaluates all when asked', () => {
    const claims = [{ expr: 'gap(global) > -10' }, { expr: 'count > 100' }];
    const quick = checkClaims({ ...f }, claims);
    expect(quick.holds).toBe(false);
    expect(quick.results[0].error).toMatch(/not evaluated/);
    const all = checkClaims({ ...f }, claims, false);
    expect(all.results[0].holds).toBe(true);
    expect(all.results[1]).toMatchObject({ holds: false, lhs: f.minima.length });
  });
});

describe('searchOne and runSearch', () => {
  const o = { ...SEARCH_DEFAULTS, claims: [{ expr: 'count >= 1' }], n: 3, gamma: [0.1], eps: [0.1], res: 24, window: [-4, 4] as [number, number] };
  it('returns candidates with their numbers, re-checked on the preset window', () => {
    let got = 0;
    for (let i = 0; i < 6 && !got; i++) {
      for (const c of searchOne(o, i)) {
        got++;
        expect(c.search[0]).toMatchObject({ expr: 'count >= 1', holds: true });
        expect(c.preset[0].lhs).toBeGreaterThanOrEqual(0);
        expect(c.params).toEqual({ depth: 5, gamma: 0.1, eps: 0.1, delta: 0.05 });
        expect(c.minima.length).toBeGreaterThan(0);
        expect(c.generator).toEqual(randomGenerator(o, i));
      }
    }
    expect(got).toBeGreaterThan(0);
  });
  it('prints JSON lines and a summary, and stops at the time limit', () => {
    const lines: string[] = [];
    let t = 0;
    const s = runSearch({ ...o, n: 50, time: 2 }, (l) => lines.push(l), () => (t += 1000));
    expect(s.tried).toBeLessThan(50);
    const last = JSON.parse(lines[lines.length - 1]);
    expect(last).toMatchObject({ summary: true, tried: s.tried });
    for (const l of lines.slice(0, -1)) expect(() => JSON.parse(l)).not.toThrow();
  });
});
