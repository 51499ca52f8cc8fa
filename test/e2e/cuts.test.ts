/**
 * Cuts and the Ψ-vs-gap panel in the browser: the cut chart follows a marker drag while the
 * button is held (its numbers equal core/ at the dragged point), `pacscape.cut` / `cutBetween`
 * equal core/'s cuts computed here in Node, bad arguments are refused with a message naming them,
 * the Ψ-vs-gap panel's Spearman value equals one computed here from the exported grid, and no
 * console error or leaked tensor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { appUrl, openApp, openSession, waitForIdle, PAPER_TOY_LINK, type Session } from './harness';
import { parseDataFile, withPaperToyMixture } from '../../src/core/data';
import { lossAt } from '../../src/core/jets';
import { testSampleOf } from '../../src/core/reconstruct';
import { hessianDirections, lineCut, segmentCut } from '../../src/core/cuts';

// The paper-toy preset as the page loads it: the shipped file with its known mixture.
const data = withPaperToyMixture(parseDataFile(readFileSync('public/data/paper-toy.json', 'utf8'), 'paper-toy'));
const DEPTH = 5;
/** SPEC §10: cut values to 1e-4 relative (page and Node run the same float64 code: far tighter). */
const REL = 1e-4;
const near = (a: number, b: number, rel = REL) => Math.abs(a - b) <= rel * Math.abs(b) + 1e-12;

interface ChartState {
  version: number;
  marker: [number, number];
  open: boolean;
  hasTest: boolean;
  testPending: number;
  cuts: { id: string; kind: string; origin: [number, number]; direction: [number, number]; t: number[]; loss: number[]; testLoss: number[] | null; marks: { kind: string; t: number; loss: number }[] }[];
}
interface Row {
  t: number;
  w: [number, number];
  loss: number;
  testLoss?: number;
}

let s: Session;
let tensors0 = 0;

beforeAll(async () => {
  s = await openSession({ width: 1280, height: 720 });
  await openApp(s, PAPER_TOY_LINK);
  tensors0 = await api<number>('numTensors');
});

afterAll(async () => {
  await s?.close();
});

const api = <T>(fn: string, ...args: unknown[]): Promise<T> => s.page.evaluate(([f, a]) => (window as any).pacscape[f as string](...(a as unknown[])), [fn, args] as const) as Promise<T>;
/** The error message a call rejects with, or null when it resolves. */
const refusal = (fn: string, ...args: unknown[]) =>
  s.page.evaluate(([f, a]) => {
    try {
      (window as any).pacscape[f as string](...(a as unknown[]));
      return null;
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
  }, [fn, args] as const);

/** The page logged no console error and holds no more tensors than after it loaded. */
async function expectClean() {
  expect(s.errors).toEqual([]);
  expect(await api<number>('numTensors')).toBe(tensors0);
}

/** Opens a new view of the app after checking the current page is clean. */
async function reopen(hash: string) {
  await expectClean();
  await s.page.goto(appUrl(hash));
  await waitForIdle(s.page);
  tensors0 = await api<number>('numTensors');
}

/** The fresh sample the page's cuts use, drawn here from its size and seed. */
async function testSample() {
  const t = (await api<{ test: { size: number; seed: number } | null }>('cutChart')).test;
  expect(t).not.toBeNull();
  return testSampleOf(data, t!.size, t!.seed)!;
}

/** Every point of the marker's chart cuts is core's loss at that w (the cuts pass through `w`). */
function expectMarkerCutsAt(st: ChartState, w: [number, number]) {
  const cuts = st.cuts.filter((c) => c.id.startsWith('marker-'));
  expect(cuts.map((c) => c.kind).sort()).toEqual(['vmax', 'vmin']);
  const dirs = hessianDirections(data, w[0], w[1], DEPTH);
  for (const c of cuts) {
    expect(c.origin).toEqual(w);
    const d = c.kind === 'vmax' ? dirs.vmax : dirs.vmin;
    expect(Math.abs(c.direction[0] - d[0]) + Math.abs(c.direction[1] - d[1])).toBeLessThan(1e-9);
    expect(c.loss).toHaveLength(101);
    for (const i of [0, 17, 50, 83, 100]) expect(near(c.loss[i], lossAt(data, w[0] + c.t[i] * d[0], w[1] + c.t[i] * d[1], DEPTH)), `${c.id}[${i}]`).toBe(true);
  }
}

describe('the cut chart', () => {
  it('shows the cuts through the marker and the pins, with σ* and κ marks and the test loss', async () => {
    await api('setMarker', 2.66, -1.57);
    await api('pin', 2.6634, -1.5684);
    await api('pin', 0.4773, 0.4773);
    await expect.poll(async () => (await api<ChartState>('cutChart')).cuts.length, { timeout: 20_000 }).toBe(7);
    const st = await api<ChartState>('cutChart');
    expect(st.open).toBe(true);
    expect(st.cuts.map((c) => c.id).sort()).toEqual(['marker-vmax', 'marker-vmin', 'pin1-vmax', 'pin1-vmin', 'pin2-vmax', 'pin2-vmin', 'segment']);
    expectMarkerCutsAt(st, [2.66, -1.57]);
    // The segment runs from pin 1 to pin 2, t up to their distance.
    const seg = st.cuts.find((c) => c.id === 'segment')!;
    expect(seg.t.at(-1)).toBeCloseTo(Math.hypot(0.4773 - 2.6634, 0.4773 + 1.5684), 12);
    expect(seg.loss[0]).toBeCloseTo(lossAt(data, 2.6634, -1.5684, DEPTH), 12);
    expect(seg.loss[100]).toBeCloseTo(lossAt(data, 0.4773, 0.4773, DEPTH), 12);
    // σ* and κ marks on each cut through a point, on the curve (exact loss at the mark).
    const pin1 = st.cuts.find((c) => c.id === 'pin1-vmax')!;
    expect(pin1.marks.map((m) => m.kind).sort()).toEqual(['kappa', 'kappa', 'sigmaStar', 'sigmaStar']);
    for (const m of pin1.marks) expect(m.loss).toBeCloseTo(lossAt(data, pin1.origin[0] + m.t * pin1.direction[0], pin1.origin[1] + m.t * pin1.direction[1], DEPTH), 12);
    // The test loss fills in (idle time) and equals core's on the same fresh sample.
    await expect.poll(async () => (await api<ChartState>('cutChart')).testPending, { timeout: 90_000, interval: 500 }).toBe(0);
    const done = await api<ChartState>('cutChart');
    const test = await testSample();
    for (const c of done.cuts) {
      expect(c.testLoss, c.id).not.toBeNull();
      for (const i of [0, 50, 100]) {
        const w1 = c.origin[0] + c.t[i] * c.direction[0], w2 = c.origin[1] + c.t[i] * c.direction[1];
        expect(near(c.testLoss![i], lossAt(test, w1, w2, DEPTH)), `${c.id} test[${i}]`).toBe(true);
      }
    }
    // On the page: one train path per cut and a dotted test path per cut.
    const chart = s.page.getByTestId('cut-chart');
    await expect.poll(() => chart.locator('path[data-test-loss]').count()).toBe(7);
    expect(await chart.locator('g[data-cut] > path:not([data-test-loss])').count()).toBe(7);
  });

  it('follows a marker drag while the button is held: new numbers, equal to core at the dragged point', async () => {
    const page = s.page;
    const chart = page.getByTestId('cut-chart');
    const st0 = await api<ChartState>('cutChart');
    const d0 = await chart.locator('g[data-cut="marker-vmax"] > path').first().getAttribute('d');
    const start = await api<[number, number]>('markerScreen');
    await page.mouse.move(start[0], start[1]);
    await page.mouse.down();
    const seen: ChartState[] = [];
    for (let i = 1; i <= 3; i++) {
      for (let j = 1; j <= 4; j++) await page.mouse.move(start[0] - 10 * (4 * (i - 1) + j), start[1] - 4 * (4 * (i - 1) + j));
      // Still held: the chart has drawn a model for a new marker position.
      const prev = seen.at(-1) ?? st0;
      await expect.poll(async () => (await api<ChartState>('cutChart')).marker.join(), { timeout: 10_000 }).not.toBe(prev.marker.join());
      seen.push(await api<ChartState>('cutChart'));
    }
    const mid = seen.at(-1)!;
    const d1 = await chart.locator('g[data-cut="marker-vmax"] > path').first().getAttribute('d');
    await page.mouse.up();
    expect(d1).not.toBe(d0);
    expect(mid.version).toBeGreaterThan(st0.version);
    for (const st of seen) expectMarkerCutsAt(st, st.marker);
    // The pins' cuts did not change during the drag (cached, not recomputed).
    expect(mid.cuts.find((c) => c.id === 'pin2-vmax')!.loss).toEqual(st0.cuts.find((c) => c.id === 'pin2-vmax')!.loss);
  });
});

describe('pacscape.cut and cutBetween', () => {
  it('equal core’s cuts on the loaded data, test loss included', async () => {
    const test = await testSample();
    const through: [number, number] = [0.4773, 0.4773];
    for (const direction of ['vmax', 'vmin', [1, -2]] as const) {
      const rows = await api<Row[]>('cut', { through, direction, halfWidth: 0.8, k: 21 });
      const d = typeof direction === 'string' ? hessianDirections(data, through[0], through[1], DEPTH)[direction] : ([1 / Math.sqrt(5), -2 / Math.sqrt(5)] as [number, number]);
      const ref = lineCut(data, through, d, 0.8, 21, DEPTH, test);
      expect(rows).toHaveLength(21);
      rows.forEach((r, i) => {
        expect(r.t).toBeCloseTo(ref.t[i], 12);
        expect(r.w[0]).toBeCloseTo(ref.w1[i], 12);
        expect(r.w[1]).toBeCloseTo(ref.w2[i], 12);
        expect(near(r.loss, ref.loss[i])).toBe(true);
        expect(near(r.testLoss!, ref.testLoss![i])).toBe(true);
      });
    }
    const a: [number, number] = [2.6634, -1.5684], b: [number, number] = [0.4773, 0.4773];
    const rows = await api<Row[]>('cutBetween', a, b, 11);
    const ref = segmentCut(data, a, b, 11, DEPTH, test);
    expect(rows).toHaveLength(11);
    rows.forEach((r, i) => {
      expect(r.t).toBeCloseTo(ref.t[i], 12);
      expect(near(r.loss, ref.loss[i])).toBe(true);
      expect(near(r.testLoss!, ref.testLoss![i])).toBe(true);
    });
    expect(rows[10].w).toEqual(b);
    // Defaults: through the marker along v_max, 101 points, ±1.
    const def = await api<Row[]>('cut');
    expect(def).toHaveLength(101);
    expect(def[0].t).toBeCloseTo(-1, 12);
    expect(def[50].w).toEqual((await api<{ w: [number, number] }>('marker')).w);
  });

  it('refuses bad arguments with a message naming the argument, and the page keeps working', async () => {
    // Refused by the entrances' schemas (app/apiGuards): the function, the argument and its limit.
    const cases: [string, unknown[], RegExp][] = [
      ['cut', [42], /^RangeError: pacscape\.cut: the argument must be an object .*got 42/],
      ['cut', [{ through: [1] }], /pacscape\.cut: through needs two numbers \(w1, w2\), got an array of 1/],
      ['cut', [{ through: 'marker' }], /pacscape\.cut: through needs two numbers .*got "marker"/],
      ['cut', [{ direction: 'sideways' }], /pacscape\.cut: direction must be 'vmin', 'vmax' or a non-zero \[d1, d2\].*got "sideways"/],
      ['cut', [{ direction: [0, 0] }], /pacscape\.cut: direction must be .*non-zero/],
      ['cut', [{ halfWidth: 0 }], /pacscape\.cut: halfWidth must be a number greater than 0 and at most \d+, got 0/],
      ['cut', [{ k: 1 }], /pacscape\.cut: k must be an integer from 2 to \d+, got 1/],
      ['cut', [{ k: 'many' }], /pacscape\.cut: k must be an integer .*got "many"/],
      ['cut', [{ kk: 5 }], /pacscape\.cut: the argument has unknown key "kk"/],
      ['cutBetween', [], /pacscape\.cutBetween: a needs two numbers .*got nothing/],
      ['cutBetween', [[0, 0]], /pacscape\.cutBetween: b needs two numbers .*got nothing/],
      ['cutBetween', [[0, 0], [1, null]], /pacscape\.cutBetween: b's w2 must be a number within ±50, got null/],
      ['cutBetween', [[0, 0], [1, 1], 0], /pacscape\.cutBetween: k must be an integer from 2 to \d+, got 0/],
    ];
    for (const [fn, args, re] of cases) expect(await refusal(fn, ...args), `${fn}(${JSON.stringify(args)})`).toMatch(re);
    expect((await api<Row[]>('cut', { k: 3 })).length).toBe(3);
    expect(await api<{ w: [number, number] }>('marker')).toHaveProperty('loss');
  });
});

/** Spearman's ρ_s written out independently of core/stats: sort indices, average tied ranks, Pearson. */
function spearmanRef(xs: (number | null)[], ys: (number | null)[]): { rho: number; n: number } {
  const pairs: [number, number][] = [];
  xs.forEach((x, i) => {
    const y = ys[i];
    if (x !== null && y !== null && Number.isFinite(x) && Number.isFinite(y)) pairs.push([x, y]);
  });
  const rank = (v: number[]) => {
    const idx = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
    const r = new Array<number>(v.length);
    for (let i = 0; i < idx.length; ) {
      let j = i;
      while (j + 1 < idx.length && v[idx[j + 1]] === v[idx[i]]) j++;
      for (let k = i; k <= j; k++) r[idx[k]] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return r;
  };
  const rx = rank(pairs.map((p) => p[0])), ry = rank(pairs.map((p) => p[1]));
  const n = pairs.length, mean = (n + 1) / 2;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) ** 2;
    syy += (ry[i] - mean) ** 2;
  }
  return { rho: sxy / Math.sqrt(sxx * syy), n };
}

interface PsiGapState {
  measure: string;
  gridVersion: number;
  gridRes: number;
  spearman: number | null;
  n: number;
  unavailable: string | null;
  canRequest: boolean;
  points: { label: string; kind: string; w: [number, number]; gap: number; value: number }[];
}

describe('the Ψ-vs-gap panel', () => {
  it('says why it waits, computes the gap on request, and its Spearman ρ_s equals one computed from the exported grid', async () => {
    // A 128² grid and 4 000 fresh points keep the GPU's test pass short on software WebGL.
    await reopen(PAPER_TOY_LINK + '&res=128&tn=4000&pins=2.6634,-1.5684;0.4773,0.4773');
    const page = s.page;
    const panel = page.getByTestId('psigap-panel');
    await panel.scrollIntoViewIfNeeded();
    await expect.poll(() => api<PsiGapState>('psiGap').then((p) => p.canRequest)).toBe(true);
    expect((await api<PsiGapState>('psiGap')).unavailable).toMatch(/not computed over the grid/);
    expect(await panel.getByTestId('psigap-unavailable').innerText()).toMatch(/^Unavailable: the test loss and the gap are not computed over the grid/);
    await panel.getByTestId('psigap-compute').click();
    await expect.poll(() => api<PsiGapState>('psiGap').then((p) => p.spearman !== null), { timeout: 150_000, interval: 1000 }).toBe(true);
    const grid = JSON.parse(await api<string>('exportText', 'grid.json'));
    expect(grid.gap).toHaveLength(grid.res * grid.res);
    for (const [measure, key] of [
      ['psi', 'psi'],
      ['lambdaMax', 'lambdaMax'],
      ['boundComplexity', 'boundComplexity'],
    ] as const) {
      await api('setPsiGapMeasure', measure);
      await expect.poll(() => api<PsiGapState>('psiGap').then((p) => p.measure)).toBe(measure);
      const st = await api<PsiGapState>('psiGap');
      expect(st.gridVersion).toBe(await api<number>('gridVersion'));
      const ref = spearmanRef(grid.gap, grid[key]);
      expect(st.n, measure).toBe(ref.n);
      expect(st.n).toBeGreaterThan(0.9 * grid.res * grid.res);
      expect(Math.abs(st.spearman! - ref.rho), measure).toBeLessThan(1e-12);
      // The printed value is the same number to its three decimals.
      await expect.poll(() => panel.getByTestId('psigap-spearman').locator('strong').innerText()).toBe(ref.rho.toFixed(3).replace('-', '−'));
    }
    await api('setPsiGapMeasure', 'psi');
    // The two pinned minima are highlighted at their exact points: gap = test − train loss there.
    const st = await api<PsiGapState>('psiGap');
    const test = testSampleOf(data, grid.test.size, grid.test.seed)!;
    const pin2 = st.points.find((p) => p.label === 'pin 2')!;
    expect(pin2.gap).toBeCloseTo(lossAt(test, pin2.w[0], pin2.w[1], DEPTH) - lossAt(data, pin2.w[0], pin2.w[1], DEPTH), 10);
    expect(st.points.some((p) => p.kind === 'minimum')).toBe(true);
    await page.screenshot({ path: '/tmp/cuts-psigap.png' });
  });

  it('an imported data set: no mixture, so the panel says why and the cuts have no test loss', async () => {
    const csv = ['x1,x2,y', ...Array.from({ length: 60 }, (_, i) => `${Math.cos(i) * 2},${Math.sin(1.7 * i) * 2},${i % 2}`)].join('\n');
    expect(await api<boolean>('importText', csv, 'points.csv')).toBe(true);
    await waitForIdle(s.page);
    await expect.poll(() => api<PsiGapState>('psiGap').then((p) => p.unavailable ?? '')).toMatch(/imported from a file/);
    expect((await api<PsiGapState>('psiGap')).canRequest).toBe(false);
    expect(await s.page.getByTestId('psigap-unavailable').innerText()).toMatch(/imported from a file/);
    await expect.poll(() => api<ChartState>('cutChart').then((c) => c.hasTest)).toBe(false);
    expect(await s.page.getByTestId('cut-test-note').innerText()).toMatch(/no known mixture/);
    const rows = await api<Row[]>('cut', { k: 5 });
    expect(rows[0]).not.toHaveProperty('testLoss');
  });
});

describe('collapsing the panels', () => {
  it('a link can collapse them; the h key leaves them collapsed; show reopens', async () => {
    const page = s.page;
    await reopen(PAPER_TOY_LINK + '&hide=cuts,psigap');
    expect(await page.getByTestId('cut-chart').count()).toBe(0);
    expect((await api<ChartState>('cutChart')).open).toBe(false);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('h');
    await expect.poll(() => api<{ hiddenPanels: string[] }>('state').then((v) => [...v.hiddenPanels].sort().join())).toBe('cuts,left,psigap,right');
    await page.keyboard.press('h');
    await expect.poll(() => api<{ hiddenPanels: string[] }>('state').then((v) => [...v.hiddenPanels].sort().join())).toBe('cuts,psigap');
    await page.getByTestId('cut-panel').getByRole('button', { name: 'show' }).click();
    await expect.poll(() => api<ChartState>('cutChart').then((c) => c.open && c.cuts.length)).toBe(2);
    expect(await page.getByTestId('cut-chart').count()).toBe(1);
    expect((await api<{ hiddenPanels: string[] }>('state')).hiddenPanels).toEqual(['psigap']);
  });
});

describe('the half-width', () => {
  it('is set in the chart, kept in the link, opened from a link, and a bad value is refused by name', async () => {
    const page = s.page;
    const input = page.getByLabel('cut half-width');
    await input.fill('2.5');
    await input.blur();
    await expect.poll(() => api<ChartState & { halfWidth: number }>('cutChart').then((c) => c.halfWidth)).toBe(2.5);
    const c = await api<ChartState>('cutChart');
    // The cuts span ±2.5 weight units now.
    expect(c.cuts[0].t[0]).toBeCloseTo(-2.5, 12);
    expect(c.cuts[0].t[c.cuts[0].t.length - 1]).toBeCloseTo(2.5, 12);
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/[#&]ch=2\.5(&|$)/);
    expect(await api<string>('link')).toMatch(/[#&]ch=2\.5(&|$)/);
    // A value outside the table's range: refused with its name, the chart keeps 2.5.
    await input.fill('0');
    await input.blur();
    await expect.poll(() => page.getByTestId('cut-panel').innerText()).toMatch(/cut half-width must be a number greater than 0 and at most 100, got 0/);
    expect((await api<ChartState & { halfWidth: number }>('cutChart')).halfWidth).toBe(2.5);
    // A link carries it to a fresh page; the field shows it.
    await reopen(PAPER_TOY_LINK + '&ch=0.4');
    await expect.poll(() => api<ChartState & { halfWidth: number }>('cutChart').then((v) => v.halfWidth)).toBe(0.4);
    expect(await page.getByLabel('cut half-width').inputValue()).toBe('0.4');
  });
});

describe('the session', () => {
  it('logged no console error and leaked no tensor', async () => {
    await expectClean();
  });
});
