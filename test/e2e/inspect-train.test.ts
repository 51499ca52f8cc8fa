/**
 * Training in the browser: runs (plain, perturbed, reproducible across loads, GD reaches
 * the global minimum), pinning the reference minima, the decision view, and no console errors or
 * leaked tensors across a scripted session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openApp, openSession, waitForIdle, PAPER_TOY_LINK, type Session } from './harness';

const REF = JSON.parse(readFileSync('test/fixtures/paper-toy.points.json', 'utf8')).points as { w: [number, number]; loss: number; psi: number; bound: number; hessian: number[][] }[];
const GLOBAL = REF[0].w;
type Path = [number, number, number][];

let s: Session;

// At 64²: training, pins, labels and the decision view are computed at points; the minima are
// refined from the grid's (any resolution that finds them).
beforeAll(async () => {
  s = await openSession({ width: 1440, height: 900 });
  await openApp(s, `${PAPER_TOY_LINK}&res=64`);
});

afterAll(async () => {
  await s?.close();
});

const api = <T>(fn: string, ...args: unknown[]): Promise<T> => s.page.evaluate(([f, a]) => (window as any).pacscape[f as string](...(a as unknown[])), [fn, args] as const) as Promise<T>;

const maxDiff = (a: Path, b: Path) => Math.max(...a.map((p, i) => Math.max(Math.abs(p[0] - b[i][0]), Math.abs(p[1] - b[i][1]))));

describe('inspect, train, reconstruct', () => {
  it('runs on the webgl backend and a plain run lowers the loss and draws a path', async () => {
    const stage = s.page.locator('main.stage canvas').first();
    await s.page.getByTestId('minimum-local').waitFor({ state: 'visible' });
    const before = await stage.screenshot();
    const path = await api<Path>('train', { start: [1, -3], method: 'gd', lr: 1, steps: 80, seed: 1 });
    expect(path.length).toBe(81);
    expect(path[80][2]).toBeLessThan(path[0][2] - 0.05);
    const runs = await api<{ id: number; points: number; status: string }[]>('runs');
    expect(runs.at(-1)).toMatchObject({ points: 81, status: 'done' });
    // The run's path is in the 3-D scene (on the surface and on the bound plane) and on screen.
    await expect.poll(() => api<string[]>('sceneObjects')).toContain(`run-${runs.at(-1)!.id}`);
    // The picture changes once a frame with the path is on screen.
    await expect.poll(async () => Buffer.compare(before, await stage.screenshot())).not.toBe(0);
    await s.page.screenshot({ path: '/tmp/inspect-train-run.png' });
    // The bound along the path is charted per step: one point per step, its range holding the
    // bound at the path's end as the inspector computes it there.
    const id = runs.at(-1)!.id;
    const chart = s.page.getByTestId('bound-chart');
    const d = await chart.locator(`g[data-run="${id}"] path`).first().getAttribute('d');
    expect(d!.split(/[ML]/).filter(Boolean)).toHaveLength(81);
    await api('setMarker', path[80][0], path[80][1]);
    const end = await api<{ bound: number }>('marker');
    const lo = Number(await chart.getAttribute('data-lo')), hi = Number(await chart.getAttribute('data-hi'));
    expect(end.bound).toBeGreaterThan(lo);
    expect(end.bound).toBeLessThan(hi);
    expect(hi - lo).toBeLessThan(10 * Math.max(1e-3, end.bound));
  });

  it('a perturbed run from the same start and seed takes a different path; same settings reproduce it', async () => {
    const opts = { start: [1, -3], lr: 1, steps: 60, seed: 3 };
    const plain = await api<Path>('train', { ...opts, method: 'gd' });
    const pert = await api<Path>('train', { ...opts, method: 'perturbed' });
    const pert2 = await api<Path>('train', { ...opts, method: 'perturbed' });
    expect(maxDiff(plain, pert)).toBeGreaterThan(1e-3);
    expect(maxDiff(pert, pert2)).toBe(0);
  });

  it('the same start, seed and settings reproduce the path across page loads (float32)', async () => {
    const opts = { start: [0.3, 2.2], lr: 0.8, steps: 40, seed: 11 };
    const a = await api<Path>('train', { ...opts, method: 'perturbed' });
    const sa = await api<Path>('train', { ...opts, method: 'sgd', batch: 10 });
    await s.page.reload();
    await waitForIdle(s.page);
    const b = await api<Path>('train', { ...opts, method: 'perturbed' });
    const sb = await api<Path>('train', { ...opts, method: 'sgd', batch: 10 });
    for (const [x, y] of [
      [a, b],
      [sa, sb],
    ]) {
      expect(x.length).toBe(y.length);
      for (let i = 0; i < x.length; i++) for (let k = 0; k < 3; k++) expect(Math.abs(x[i][k] - y[i][k])).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(x[i][k])));
    }
  });

  it('plain GD with default settings from within 0.2 of the global minimum ends within 1e-2 of it', async () => {
    for (const [d1, d2] of [
      [0.14, -0.14],
      [-0.05, 0.19],
    ]) {
      const path = await api<Path>('train', { start: [GLOBAL[0] + d1, GLOBAL[1] + d2], method: 'gd' });
      const end = path[path.length - 1];
      expect(Math.hypot(end[0] - GLOBAL[0], end[1] - GLOBAL[1])).toBeLessThan(1e-2);
    }
  });

  it('pinning the two reference minima shows the paper story with the reference values', async () => {
    await api('clearRuns');
    await api('unpinAll');
    await api('pin', ...REF[0].w);
    await api('pin', ...REF[1].w);
    const rows = await api<{ loss: number; psi: number; bound: number; lambdaMax: number; trainAcc: number; testAcc: number; testLoss: number }[]>('pinned');
    expect(rows.length).toBe(2);
    for (let i = 0; i < 2; i++) {
      expect(Math.abs(rows[i].loss - REF[i].loss) / REF[i].loss).toBeLessThan(1e-4);
      expect(Math.abs(rows[i].psi - REF[i].psi)).toBeLessThan(2e-2);
      expect(Math.abs(rows[i].bound - REF[i].bound)).toBeLessThan(2e-3);
    }
    const [g, l] = rows;
    expect(g.lambdaMax).toBeGreaterThan(l.lambdaMax); // global is sharper
    expect(g.loss).toBeLessThan(l.loss); // and fits the training labels better
    expect(g.trainAcc).toBeGreaterThan(l.trainAcc);
    expect(l.psi).toBeLessThan(g.psi); // the flat local minimum has the lower Ψ
    expect(Number.isFinite(g.testAcc) && Number.isFinite(l.testLoss)).toBe(true);
    const table = s.page.getByTestId('pin-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThanOrEqual(9);
    const psiRow = await table.locator('tr[data-metric="psi"]').innerText();
    expect(psiRow).toContain(REF[0].psi.toPrecision(4));
    expect(psiRow).toContain(REF[1].psi.toPrecision(4));
    // The three panels of the paper: true labels and the two pinned predictions.
    await expect.poll(() => s.page.getByTestId('decision-compare-canvas').count()).toBe(3);
    await s.page.screenshot({ path: '/tmp/inspect-train-pins.png' });
  });

  it('Shift+clicking a minimum label moves the marker there and pins it; a plain click only moves', async () => {
    await api('unpinAll');
    const label = s.page.getByTestId('minimum-local');
    await expect.poll(() => label.isVisible()).toBe(true);
    const w = [Number(await label.getAttribute('data-w1')), Number(await label.getAttribute('data-w2'))];
    await label.click();
    await expect.poll(() => api<{ w: number[] }>('marker').then((m) => m.w)).toEqual(w);
    expect(await api<unknown[]>('pinned')).toHaveLength(0);
    await s.page.getByTestId('minimum-global').click({ modifiers: ['Shift'] });
    const g = [Number(await s.page.getByTestId('minimum-global').getAttribute('data-w1')), Number(await s.page.getByTestId('minimum-global').getAttribute('data-w2'))];
    await expect.poll(() => api<{ w: number[] }>('marker').then((m) => m.w)).toEqual(g);
    const rows = await api<{ w: number[] }[]>('pinned');
    expect(rows).toHaveLength(1);
    expect(rows[0].w).toEqual(g);
    await expect.poll(() => s.page.getByTestId('pin-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await api('unpinAll');
  });

  it('the decision view renders for the marker and changes when the marker moves', async () => {
    const canvas = s.page.getByTestId('decision-canvas');
    await api('setMarker', ...REF[0].w);
    await expect.poll(() => canvas.getAttribute('data-checksum')).not.toBe('0.000000');
    const c1 = await canvas.getAttribute('data-checksum');
    const img1 = await canvas.screenshot();
    await api('setMarker', ...REF[1].w);
    await expect.poll(() => canvas.getAttribute('data-checksum')).not.toBe(c1);
    const img2 = await canvas.screenshot();
    expect(Buffer.compare(img1, img2)).not.toBe(0);
  });

  it('no console errors and no leaked tensors across training, pinning and changing data', async () => {
    await waitForIdle(s.page);
    const before = await api<number>('numTensors');
    await api('train', { start: [-2, 1.5], method: 'sgd', batch: 8, steps: 20, seed: 4 });
    await api('train', { start: [-2, 1.5], method: 'perturbed', steps: 20, seed: 4 });
    await api('descend', 1, -3);
    await api('unpinAll');
    await api('pin', 0.5, 0.5);
    await api('pinned');
    const data = JSON.parse(readFileSync('test/fixtures/paper-toy.json', 'utf8'));
    const small = { x: data.x.slice(0, 60), y: data.y.slice(0, 60) };
    // Bad data is refused with a clear message and the old data stays.
    await expect(api('setData', { x: [[1, 2], [3]], y: [0, 1] })).rejects.toThrow(/pair/);
    await api('setData', small);
    await waitForIdle(s.page);
    await api('train', { start: [1, 1], method: 'gd', steps: 10, seed: 1 });
    await api('pinned');
    await api('setData', data);
    await waitForIdle(s.page);
    await api('clearRuns');
    await api('unpinAll');
    await expect.poll(() => api<number>('numTensors')).toBe(before);
    expect(s.errors).toEqual([]);
  });
});
