/**
 * The true loss and the gap on the page (SPEC §9): the fused WebGL engine's testLoss and gap match
 * core/ at every node of whole grids (several data sets, depths 1, 3, 5, 8) at the SPEC §10
 * tolerances; the fields render and toggle with colour bars whose ranges are the exported grid's;
 * the plane shows the bound or the test loss; the link carries the sample; an imported file has no
 * known mixture and the UI says so; no tensor leaks, no console error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openApp, openSession, type Session } from './harness';
import type { PacscapeApi } from '../../src/app/api';
import { datasetFromObject, datasetToObject, freshSample, generateDataset, withPaperToyMixture, type Dataset } from '../../src/core/data';
import { lossAt } from '../../src/core/jets';

const toy = withPaperToyMixture(datasetFromObject(JSON.parse(readFileSync('test/fixtures/paper-toy.json', 'utf8')), 'paper-toy'));
const blobs = generateDataset({ means: [[-1.5, 0], [1.5, 0]], sd: 0.8, n: 100, seed: 3, labelRule: 'median' });
const parity = generateDataset({ means: [[-1.5, -1.5], [1.5, -1.5], [-1.5, 1.5], [1.5, 1.5]], sd: 0.7, n: 200, seed: 4, labelRule: 'parity' });

let s: Session;
beforeAll(async () => {
  s = await openSession();
  // A small grid and test sample keep the page's own passes short on software WebGL.
  await openApp(s, '#v=1&res=32&tn=1500');
});
afterAll(async () => {
  await s?.close();
});

const api = <T,>(name: keyof PacscapeApi, ...args: unknown[]) => s.page.evaluate(([n, a]) => (window.pacscape[n] as (...x: unknown[]) => unknown)(...a), [name, args] as const) as Promise<T>;
const tensors = () => api<number>('memory');
const xyOf = (d: { n: number; x: ArrayLike<number>; y: ArrayLike<number> }) => ({ x: Array.from({ length: d.n }, (_, j) => [d.x[2 * j], d.x[2 * j + 1]]), y: Array.from(d.y) });

type Case = { name: string; d: Dataset; depth: number; w1: [number, number]; w2: [number, number]; res: number; testN: number };
const CASES: Case[] = [
  { name: 'paper-toy 20², depth 5', d: toy, depth: 5, w1: [-1.5, 4.5], w2: [-3.5, 2.5], res: 20, testN: 2000 },
  { name: 'paper-toy 14², depth 1', d: toy, depth: 1, w1: [-4, 6], w2: [-6, 4], res: 14, testN: 1500 },
  { name: 'two blobs 15², depth 3', d: blobs, depth: 3, w1: [-3, 3], w2: [-3, 3], res: 15, testN: 1500 },
  { name: 'parity 12², depth 8', d: parity, depth: 8, w1: [-2, 2], w2: [-1, 3], res: 12, testN: 1000 },
];

describe('true loss and gap on the GPU', () => {
  it('the page runs tfjs on WebGL (the engine is the calibrated pick: webgl unless the machine is loaded)', async () => {
    const [backend, engine] = await s.page.evaluate(() => [window.pacscape.backend, window.pacscape.engine]);
    console.log(`[fields] engine in use: ${engine}`);
    expect(backend).toBe('webgl');
  });

  it.each(CASES)('$name: testLoss and gap match core at every node', async ({ d, depth, w1, w2, res, testN }) => {
    const test = freshSample(d.mixture!, testN, 5);
    const before = await tensors();
    const g = await api<Record<string, number[]>>('evaluateGrid', { data: datasetToObject(d), test: xyOf(test), w1, w2, res, depth });
    expect(await tensors()).toBe(before);
    expect(g.testLoss).toHaveLength(res * res);
    expect(g.gap).toHaveLength(res * res);
    const step = [(w1[1] - w1[0]) / (res - 1), (w2[1] - w2[0]) / (res - 1)];
    let worstTl = 0, worstGap = 0, maxAbs = 0;
    const fails: string[] = [];
    for (let r = 0; r < res; r++)
      for (let c = 0; c < res; c++) {
        const i = r * res + c;
        const a = w1[0] + step[0] * c, b = w2[0] + step[1] * r;
        const t = lossAt(test, a, b, depth), l = lossAt(d, a, b, depth);
        const eT = Math.abs(g.testLoss[i] - t) / (1e-4 * Math.abs(t));
        const eG = Math.abs(g.gap[i] - (t - l)) / (1e-4 * Math.abs(t));
        worstTl = Math.max(worstTl, eT);
        worstGap = Math.max(worstGap, eG);
        maxAbs = Math.max(maxAbs, Math.abs(g.testLoss[i] - t) / Math.abs(t));
        if (!(eT <= 1 && eG <= 1)) fails.push(`(${a.toFixed(3)}, ${b.toFixed(3)}): testLoss ${g.testLoss[i]} vs ${t}, gap ${g.gap[i]} vs ${t - l}`);
      }
    console.log(`[fields] ${d.name} depth ${depth} ${res}² n_test ${testN}: max rel. dev. of testLoss ${maxAbs.toExponential(2)}; worst error/tolerance testLoss ${worstTl.toFixed(3)}, gap ${worstGap.toFixed(3)}`);
    expect(fails).toEqual([]);
  });

  it('without a test sample the fields are absent', async () => {
    const g = await api<Record<string, unknown>>('evaluateGrid', { w1: [0, 1], w2: [0, 1], res: 8 });
    expect(g.testLoss).toBeUndefined();
    expect(g.gap).toBeUndefined();
    expect(g.lambdaMin).toHaveLength(64);
  });
});

/** The text of an element's attribute, polled until `ok` holds. */
async function waitAttr(sel: string, attr: string, ok: (v: string | null) => boolean, timeout = 120_000): Promise<string | null> {
  const get = () => s.page.locator(sel).first().getAttribute(attr, { timeout: 1000 }).catch(() => null);
  await expect.poll(async () => ok(await get()), { timeout, interval: 200 }).toBe(true);
  return get();
}

function range(a: (number | null)[]) {
  let min = Infinity, max = -Infinity;
  for (const v of a)
    if (v !== null && Number.isFinite(v)) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  return { min, max };
}

describe('true loss and gap in the app', () => {
  it('colour by gap: the pass runs after the landscape, the colour bar spans the exported gap', async () => {
    const before = await tensors();
    await api('setField', 'gap');
    // Until the pass is done the bar says why there is no ramp; then the ramp of the gap.
    await waitAttr('[data-testid="test-status"]', 'data-status', (v) => v === 'ready');
    await waitAttr('[data-testid="colorbar-surface"]', 'data-min', (v) => v !== null);
    const bar = s.page.locator('[data-testid="colorbar-surface"]');
    expect(await bar.getAttribute('data-field')).toBe('gap');
    const grid = JSON.parse(await api<string>('exportText', 'grid.json'));
    expect(grid.test).toEqual({ size: 1500, seed: 7 });
    expect(grid.gap).toHaveLength(32 * 32);
    const r = range(grid.gap);
    expect(Number(await bar.getAttribute('data-min'))).toBeCloseTo(r.min, 6);
    expect(Number(await bar.getAttribute('data-max'))).toBeCloseTo(r.max, 6);
    // gap = testLoss − loss node by node in the export; the CSV has both columns
    for (let i = 0; i < grid.gap.length; i += 37) expect(grid.gap[i]).toBeCloseTo(grid.testLoss[i] - grid.loss[i], 6);
    const csv = (await api<string>('exportText', 'grid.csv')).split('\n');
    const head = csv[0].split(',');
    const row = csv[1].split(',');
    expect(Number(row[head.indexOf('gap')])).toBeCloseTo(grid.gap[0], 6);
    expect(Number(row[head.indexOf('testLoss')])).toBeCloseTo(grid.testLoss[0], 6);
    // the marker's exact values (float64) and the link
    const m = await api<{ loss: number; testLoss: number; gap: number }>('marker');
    expect(m.gap).toBeCloseTo(m.testLoss - m.loss, 12);
    expect(await api<string>('link')).toMatch(/field=gap.*tn=1500/);
    expect(await s.page.locator('[data-testid="ins-gap"]').innerText()).not.toContain('—');
    expect(await tensors()).toBe(before);
  });

  it('the plane toggles between the bound and the test loss, each with its colour bar', async () => {
    await s.page.click('[data-testid="plane-testLoss"]');
    await waitAttr('[data-testid="colorbar-bound"]', 'data-field', (v) => v === 'testLoss');
    const grid = JSON.parse(await api<string>('exportText', 'grid.json'));
    const r = range(grid.testLoss);
    const bar = s.page.locator('[data-testid="colorbar-bound"]');
    expect(Number(await bar.getAttribute('data-min'))).toBeCloseTo(r.min, 6);
    expect(Number(await bar.getAttribute('data-max'))).toBeCloseTo(r.max, 6);
    expect(await api<string>('link')).toMatch(/pf=test/);
    await s.page.click('[data-testid="plane-bound"]');
    await waitAttr('[data-testid="colorbar-bound"]', 'data-field', (v) => v === 'bound');
    expect(Number(await bar.getAttribute('data-max'))).toBeCloseTo(range(grid.bound).max, 6);
    await api('setField', 'testLoss');
    await waitAttr('[data-testid="colorbar-surface"]', 'data-field', (v) => v === 'testLoss');
    expect(Number(await s.page.locator('[data-testid="colorbar-surface"]').getAttribute('data-min'))).toBeCloseTo(r.min, 6);
  });

  it('a new test seed reruns only the test pass, and the numbers change with the sample', async () => {
    const a = JSON.parse(await api<string>('exportText', 'grid.json'));
    await s.page.fill('[data-testid="test-seed"]', '11');
    await s.page.press('[data-testid="test-seed"]', 'Tab');
    await s.page.waitForFunction(() => JSON.parse(window.pacscape.exportText('grid.json')).test?.seed === 11, undefined, { timeout: 120_000 });
    const b = JSON.parse(await api<string>('exportText', 'grid.json'));
    expect(b.loss).toEqual(a.loss);
    expect(b.testLoss).not.toEqual(a.testLoss);
    expect(await api<string>('link')).toMatch(/tseed=11/);
  });

  it('an imported file has no known mixture: the test fields are unavailable and the UI says why', async () => {
    const d = datasetToObject(toy);
    const csv = 'x1,x2,y\n' + d.x.map((p, j) => `${p[0]},${p[1]},${d.y[j]}`).join('\n');
    expect(await api('importText', csv, 'mine.csv')).toBe(true);
    await waitAttr('[data-testid="test-status"]', 'data-status', (v) => v === 'unavailable');
    expect(await s.page.locator('[data-testid="test-status"]').innerText()).toMatch(/imported from a file.*mixture.*unknown/s);
    expect(await s.page.locator('[data-testid="colorbar-surface-why"]').innerText()).toMatch(/mixture/);
    expect(await s.page.locator('[data-testid="plane-testLoss"]').isDisabled()).toBe(true);
    const m = await api<Record<string, unknown>>('marker');
    expect(m.testLoss).toBeUndefined();
    const csvOut = (await api<string>('exportText', 'grid.csv')).split('\n');
    const col = csvOut[0].split(',').indexOf('testLoss');
    expect(csvOut[1].split(',')[col]).toBe('');
    expect(s.errors).toEqual([]);
  });
});
