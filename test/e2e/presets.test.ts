/**
 * The preset library in the page: a fresh page opens the default preset; `pacscape.presets()` lists
 * every preset with its data, view, mixture and claims; `pacscape.loadPreset(id)` loads each one and
 * resolves when its landscape is ready, and the claims recomputed from the page's own minima
 * (`pacscape.minima()`, with the gap on the same fresh sample in core/) hold with the numbers the
 * unit test gets from core/ alone. Screenshots of every preset at 1280×720 go to $PACSCAPE_SHOTS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openApp, openSession, type Session } from './harness';
import { DEFAULT_PRESET_ID, PRESETS, presetDataset } from '../../src/core/presets';
import { evaluateClaim, landscapeFacts, type LandscapeFacts } from '../../src/core/claims';
import { majorityRate, type LocalMinimum } from '../../src/core/minima';

type W = any;
const SHOTS = process.env.PACSCAPE_SHOTS ?? '/tmp';

let s: Session;
beforeAll(async () => {
  s = await openSession({ width: 1280, height: 720 });
  await openApp(s);
});
afterAll(async () => {
  await s?.close();
});

const api = <T,>(fn: string, ...args: unknown[]) => s.page.evaluate(([f, a]) => (window as W).pacscape[f as string](...(a as unknown[])), [fn, args] as const) as Promise<T>;

describe('presets in the page', () => {
  it('a fresh page opens the default preset with its view, and the data panel says what it shows', async () => {
    const p = PRESETS.find((q) => q.id === DEFAULT_PRESET_ID)!;
    const st = await api<{ data: { id: string }; gamma: number; eps: number; depth: number; w1Range: number[]; w2Range: number[] }>('state');
    expect(st.data).toEqual({ kind: 'preset', id: DEFAULT_PRESET_ID });
    expect(st).toMatchObject({ depth: p.params.depth, gamma: p.params.gamma, eps: p.params.eps, w1Range: p.window.w1, w2Range: p.window.w2 });
    expect(await s.page.getByTestId('preset-shows').innerText()).toBe(p.shows);
    expect(await s.page.getByLabel('data preset').inputValue()).toBe(DEFAULT_PRESET_ID);
    expect(s.errors).toEqual([]);
  });

  it('presets() lists every preset with its points, view, raw mixture, standardisation and claims', async () => {
    const list = await api<Record<string, any>[]>('presets');
    expect(list.map((p) => p.id)).toEqual(PRESETS.map((p) => p.id));
    for (const [i, p] of list.entries()) {
      const q = PRESETS[i];
      const d = presetDataset(q, JSON.parse(readFileSync(`public/${q.file}`, 'utf8')));
      expect(p).toMatchObject({ name: q.name, shows: q.shows, params: q.params, window: q.window, claims: q.claims });
      expect(p.data.x.length).toBe(d.n);
      expect(p.data.x[3]).toEqual([d.x[6], d.x[7]]);
      expect(p.data.y).toEqual(Array.from(d.y));
      expect(p.mixture === null ? null : { means: p.mixture.means, sd: p.mixture.sd, weights: p.mixture.weights }).toEqual(q.mixture && { means: q.mixture.means, sd: q.mixture.sd, weights: q.mixture.weights });
      expect(p.standardize).toEqual(q.standardize);
    }
  });

  it('loadPreset refuses an unknown id with a message and keeps the data', async () => {
    const before = await api<{ data: unknown }>('state');
    const err = await s.page.evaluate(() => (window as W).pacscape.loadPreset('no-such-preset').then(() => 'resolved', (e: Error) => e.message));
    expect(err).toMatch(/pacscape\.loadPreset: id must be one of .*'paper-toy'.*got "no-such-preset"/);
    expect((await api<{ data: unknown }>('state')).data).toEqual(before.data);
  });

  for (const p of PRESETS) {
    it(`${p.id}: loadPreset gives its view, and its claims hold on the page's minima with core's numbers`, async () => {
      await api('loadPreset', p.id);
      const st = await api<Record<string, any>>('state');
      expect(st).toMatchObject({ data: { kind: 'preset', id: p.id }, depth: p.params.depth, gamma: p.params.gamma, eps: p.params.eps, delta: p.params.delta, w1Range: p.window.w1, w2Range: p.window.w2 });
      const pageMinima = await api<Omit<LocalMinimum, 'node'>[]>('minima');
      const d = presetDataset(p, JSON.parse(readFileSync(`public/${p.file}`, 'utf8')));
      const fromPage: LandscapeFacts = { sample: d, mixture: d.mixture ?? null, params: p.params, minima: pageMinima.map((m) => ({ ...m, node: 0 })), majority: majorityRate(d) };
      const core = landscapeFacts(d, d.mixture ?? null, p.params, p.window);
      for (const c of p.claims) {
        const a = evaluateClaim(fromPage, c), b = evaluateClaim(core, c);
        expect(a.holds, `${p.id}: "${c.expr}" on the page: ${a.lhs} vs ${a.rhs} ${a.error ?? ''}`).toBe(true);
        expect(a.lhs, `${p.id}: "${c.expr}" lhs`).toBeCloseTo(b.lhs, 6);
        expect(a.rhs, `${p.id}: "${c.expr}" rhs`).toBeCloseTo(b.rhs, 6);
      }
      expect(await s.page.getByTestId('preset-shows').innerText()).toBe(p.shows);
      await s.page.waitForTimeout(600);
      await s.page.screenshot({ path: `${SHOTS}/pacscape-preset-${p.id}-1280.png` });
      expect(s.errors).toEqual([]);
    });
  }
});
