/**
 * Experiments in the browser: batched runs on the GPU equal the same runs done alone
 * (`pacscape.train`) for plain GD, SGD and perturbed training; endpoint metrics equal core/'s at
 * the endpoints; a seeded design gives the same table on two page loads; cancelling leaves no
 * tensors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUrl, openApp, openSession, waitForIdle, type Session } from './harness';

type Row = { config: number; run: number; seed: number; start: [number, number]; end: [number, number]; trainLoss: number; testLoss: number; gap: number; psi: number; bound: number; lambdaMax: number; basin: number | null; method: string; lr: number; batch: number; steps: number; trainAcc: number; testAcc: number };
type Path = [number, number, number][];

const LINK = '#v=1&tn=2000&res=64';
let s: Session;

beforeAll(async () => {
  s = await openSession({ width: 1280, height: 720 });
  // The store's test sample at 2000 points (the link's tn), as the designs' testN below; the
  // landscape at 64² (an experiment measures its endpoints at the points; basins need the minima,
  // which are refined from the grid's).
  await openApp(s, LINK);
});

afterAll(async () => {
  await s?.close();
});

const api = <T>(fn: string, ...args: unknown[]): Promise<T> => s.page.evaluate(([f, a]) => (window as any).pacscape[f as string](...(a as unknown[])), [fn, args] as const) as Promise<T>;

const STARTS: [number, number][] = [
  [1, -3],
  [2.2, -1.1],
  [0.2, 0.9],
  [3.5, 1.5],
  [-1, 2],
  [4, -3],
];

describe('experiments', () => {
  it('runs on webgl; batched GD, SGD and perturbed runs equal the same runs done alone', async () => {
    expect(await s.page.evaluate(() => (window as any).pacscape.backend)).toBe('webgl');
    const design = { method: 'sgd', lr: 1, batch: 16, steps: 60, repeats: STARTS.length, seed: 4, starts: STARTS, resample: false, testN: 2000, sigma: 'exact', sweep: { param: 'method', values: ['gd', 'sgd', 'perturbed'] } };
    const rows = await api<Row[]>('experiment', design);
    expect(rows.length).toBe(3 * STARTS.length);
    let worst = 0;
    for (const r of rows) {
      const path = await api<Path>('train', { start: r.start, method: r.method, lr: r.lr, batch: r.batch, steps: r.steps, seed: r.seed });
      const e = path[path.length - 1];
      const d = Math.max(Math.abs(e[0] - r.end[0]), Math.abs(e[1] - r.end[1]));
      worst = Math.max(worst, d);
      expect(d, `${r.method} run ${r.run}`).toBeLessThan(1e-4 * (1 + Math.hypot(e[0], e[1])));
    }
    // The three methods really differ (so the comparison above is not vacuous).
    const byMethod = (m: string) => rows.filter((r) => r.method === m).map((r) => r.end);
    const diff = (a: [number, number][], b: [number, number][]) => Math.max(...a.map((p, i) => Math.hypot(p[0] - b[i][0], p[1] - b[i][1])));
    expect(diff(byMethod('gd'), byMethod('sgd'))).toBeGreaterThan(1e-3);
    expect(diff(byMethod('gd'), byMethod('perturbed'))).toBeGreaterThan(1e-3);
    console.log(`batched vs single: largest endpoint difference ${worst.toExponential(2)}`);
    await api('clearRuns');
  });

  it('mini-batches drawn on the GPU equal the ones drawn on the CPU and uploaded (the path for large n)', async () => {
    type Bench = { ends: number[]; timings: { draws: number }; tensorsBefore: number; tensorsAfter: number };
    const o = { runs: 48, steps: 90, batch: 7, ends: true };
    const gpu = await api<Bench>('benchEnsemble', o);
    const cpu = await api<Bench>('benchEnsemble', { ...o, cpuIndices: true });
    expect(gpu.ends.length).toBe(96);
    expect(gpu.ends.every(Number.isFinite)).toBe(true);
    // The same integers, the same float32 arithmetic: the same endpoints.
    expect(gpu.ends).toEqual(cpu.ends);
    // Mini-batching moves the endpoints (the comparison is not vacuous).
    const full = await api<Bench>('benchEnsemble', { ...o, batch: 100 });
    expect(Math.max(...full.ends.map((v, i) => Math.abs(v - gpu.ends[i])))).toBeGreaterThan(1e-3);
    expect(gpu.tensorsAfter).toBe(gpu.tensorsBefore);
  });

  it('perturbed runs with the σ* grid draw their noise on the GPU and are read back once: they equal the per-step path (noise from the CPU), runs handed back at the grid edge too', async () => {
    type Bench = { ends: number[]; timings: { draws: number; reads: number; handed?: number }; tensorsBefore: number; tensorsAfter: number };
    const close = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) < 1e-4 * (1 + Math.abs(b[i])));
    const o = { runs: 24, steps: 150, batch: 100, method: 'perturbed', lr: 1, ends: true };
    const gpu = await api<Bench>('benchEnsemble', o);
    const cpu = await api<Bench>('benchEnsemble', { ...o, cpuNoise: true });
    // One read-back in all (the endpoints) against one per step.
    expect(gpu.timings.reads).toBe(1);
    expect(cpu.timings.reads).toBe(o.steps + 1);
    expect(gpu.timings.handed).toBe(0);
    expect(gpu.ends.every(Number.isFinite)).toBe(true);
    expect(close(gpu.ends, cpu.ends)).toBe(true);
    // The noise moves the endpoints (the comparison is not vacuous).
    const plain = await api<Bench>('benchEnsemble', { ...o, method: 'gd' });
    expect(Math.max(...plain.ends.map((v, i) => Math.abs(v - gpu.ends[i])))).toBeGreaterThan(1e-3);
    // A σ* grid over a quarter of the window: runs that leave it go on with the per-step path
    // from where they stand (their stream resumed) and end where the per-step path ends them.
    const st = await api<{ w1Range: [number, number]; w2Range: [number, number] }>('state');
    const mid = (r: [number, number]) => [r[0] + 0.25 * (r[1] - r[0]), r[0] + 0.75 * (r[1] - r[0])];
    const o2 = { ...o, runs: 12, steps: 60, sigmaWindow: { w1: mid(st.w1Range), w2: mid(st.w2Range) } };
    const gpu2 = await api<Bench>('benchEnsemble', o2);
    const cpu2 = await api<Bench>('benchEnsemble', { ...o2, cpuNoise: true });
    expect(gpu2.timings.handed).toBeGreaterThan(0);
    expect(close(gpu2.ends, cpu2.ends)).toBe(true);
    expect(gpu2.tensorsAfter).toBe(gpu2.tensorsBefore);
  });

  it('a design of a new size compiles its programs ahead: no synchronous shader compile on the page while it runs', async () => {
    // tfjs checks a shader's compile status right after compiling it (a blocking call, 50–170 ms
    // for a program on software WebGL) unless it compiles ahead (compile-only mode, then waits for
    // the link without blocking). Count those checks on tfjs's canvas (not in the page; the 3-D
    // view's canvas is) while a design whose run count no earlier test used runs: its step,
    // endpoint and read-back programs are all new.
    await s.page.evaluate(() => {
      const w = window as any;
      w.__syncCompiles = 0;
      const orig = WebGL2RenderingContext.prototype.getShaderParameter;
      w.__origGetShaderParameter = orig;
      WebGL2RenderingContext.prototype.getShaderParameter = function (this: WebGL2RenderingContext, sh: WebGLShader, pname: number) {
        if (pname === this.COMPILE_STATUS && !(this.canvas as HTMLCanvasElement).isConnected) w.__syncCompiles++;
        return orig.call(this, sh, pname);
      };
    });
    try {
      const rows = await api<Row[]>('experiment', { method: 'sgd', lr: 1, batch: 8, steps: 40, repeats: 7, seed: 5, starts: 'random', resample: false, testN: 2000, sweep: { param: 'batch', values: [8, 100] } });
      expect(rows.length).toBe(14);
      expect(await s.page.evaluate(() => (window as any).__syncCompiles)).toBe(0);
    } finally {
      await s.page.evaluate(() => {
        WebGL2RenderingContext.prototype.getShaderParameter = (window as any).__origGetShaderParameter;
      });
    }
  });

  it('the 3-D view copies no frame while the experiment has draws in flight (state/gpuTurns), and still shows frames', async () => {
    // A frame copy (getBufferSubData on the scene's canvas) issued while a compute draw is queued
    // in the GPU process waits for that draw on the page's thread. Record the compute draws in
    // flight at every copy while the view redraws all along (the marker moves every 30 ms).
    const present = await api<string>('presentMode');
    await s.page.evaluate(() => {
      const w = window as any;
      w.__copies = [];
      const orig = WebGL2RenderingContext.prototype.getBufferSubData;
      w.__origGetBufferSubData = orig;
      WebGL2RenderingContext.prototype.getBufferSubData = function (this: WebGL2RenderingContext, ...a: unknown[]) {
        if ((this.canvas as HTMLCanvasElement).isConnected) w.__copies.push(w.pacscape.gpuTurns().inFlight);
        return (orig as (...x: unknown[]) => void).apply(this, a);
      } as typeof orig;
      let k = 0;
      w.__mover = setInterval(() => w.pacscape.setMarker(1 + 0.02 * (k++ % 40), -1), 30);
    });
    try {
      const before = await api<{ turnsGiven: number; frameReads: number }>('gpuTurns');
      const rows = await api<Row[]>('experiment', { method: 'sgd', lr: 1, batch: 8, steps: 400, repeats: 64, seed: 3, starts: 'random', resample: false, testN: 2000, sweep: { param: 'batch', values: [8, 100] } });
      expect(rows.length).toBe(128);
      const copies = await s.page.evaluate(() => (window as any).__copies as number[]);
      const after = await api<{ turnsGiven: number; frameReads: number; frameReadsWhileBusy: number }>('gpuTurns');
      if (present === 'async') {
        // Frames were copied during the experiment, frames waited for a turn, and none was copied
        // with a compute draw in flight.
        expect(copies.length).toBeGreaterThan(0);
        expect(after.turnsGiven).toBeGreaterThan(before.turnsGiven);
        expect(copies.filter((n) => n > 0)).toEqual([]);
        expect(after.frameReadsWhileBusy).toBe(0);
      }
    } finally {
      await s.page.evaluate(() => {
        const w = window as any;
        clearInterval(w.__mover);
        WebGL2RenderingContext.prototype.getBufferSubData = w.__origGetBufferSubData;
      });
    }
  });

  it('endpoint metrics equal core/ at the endpoints (SPEC §10 tolerances)', async () => {
    const rows = await api<Row[]>('experiment', { method: 'sgd', lr: 1, batch: 8, steps: 120, repeats: 6, seed: 2, starts: 'random', resample: false, testN: 2000 });
    const minima = await api<{ w: [number, number] }[]>('minima');
    expect(minima.length).toBeGreaterThan(0);
    await api('unpinAll');
    for (const r of rows) {
      const m = await api<{ loss: number; psi: number; bound: number; lambdaMax: number }>('setMarker', r.end[0], r.end[1]);
      expect(Math.abs(r.trainLoss - m.loss)).toBeLessThan(1e-4 * m.loss);
      expect(Math.abs(r.psi - m.psi)).toBeLessThan(2e-2);
      expect(Math.abs(r.bound - m.bound)).toBeLessThan(2e-3);
      expect(Math.abs(r.lambdaMax - m.lambdaMax)).toBeLessThan(1e-3 * Math.abs(m.lambdaMax) + 1e-4);
      await api('pin', r.end[0], r.end[1]);
      const p = (await api<{ testLoss: number; trainAcc: number; testAcc: number; gapLoss: number }[]>('pinned')).at(-1)!;
      await api('unpinAll');
      // The store's test sample is 2000 points with the same seed: the same sample as testN = 2000.
      expect(Math.abs(r.testLoss - p.testLoss)).toBeLessThan(1e-4 * p.testLoss);
      expect(Math.abs(r.gap - p.gapLoss)).toBeLessThan(1e-4 * p.testLoss);
      expect(Math.abs(r.trainAcc - p.trainAcc)).toBeLessThanOrEqual(0.011);
      expect(Math.abs(r.testAcc - p.testAcc)).toBeLessThanOrEqual(0.002);
      if (r.basin !== null) {
        const b = minima[r.basin].w;
        expect(Math.hypot(b[0] - r.end[0], b[1] - r.end[1])).toBeLessThan(1);
      }
    }
    expect(rows.some((r) => r.basin !== null)).toBe(true);
  });

  it('the same seeded design gives the same table on two page loads', async () => {
    const design = { method: 'sgd', lr: 1, steps: 80, repeats: 8, seed: 17, starts: 'random', resample: true, testN: 4000, sweep: { param: 'batch', values: [4, 32] } };
    const a = await api<Row[]>('experiment', design);
    await openApp(s, LINK);
    const b = await api<Row[]>('experiment', design);
    expect(b).toEqual(a);
    expect(a.length).toBe(16);
  });

  it('the Experiments view runs a design from its form and shows the figures, the table and the endpoints', async () => {
    const page = s.page;
    await page.getByRole('button', { name: 'Experiments' }).click();
    const view = page.getByTestId('experiments');
    await expect.poll(() => view.isVisible()).toBe(true);
    await view.getByLabel('Batch sizes').fill('2, 16, 100');
    await view.getByLabel('Repeats R').fill('12');
    await view.getByLabel('Steps').fill('150');
    await view.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => api<{ status: string }>('experimentResult').then((r) => r.status), { timeout: 120_000 }).toBe('done');
    const res = await api<{ rows: Row[]; configs: { batch: number }[] }>('experimentResult');
    expect(res.configs.map((c) => c.batch)).toEqual([2, 16, 100]);
    expect(res.rows.length).toBe(36);
    await expect.poll(() => page.getByTestId('xp-chart-psi').locator('circle').count()).toBe(3);
    expect(await page.getByTestId('xp-chart-gap').locator('circle').count()).toBe(3);
    expect(await page.getByTestId('xp-scatter').locator('svg > circle').count()).toBe(36);
    // The Spearman correlation shown is the one of the rows' Ψ and gap.
    const shown = Number(await page.getByTestId('xp-scatter').getAttribute('data-spearman'));
    const rank = (v: number[]) => v.map((x) => v.filter((y) => y < x).length + (v.filter((y) => y === x).length + 1) / 2);
    const a = rank(res.rows.map((r) => r.psi)), b = rank(res.rows.map((r) => r.gap));
    const m = (a.length + 1) / 2;
    const cov = a.reduce((t, v, i) => t + (v - m) * (b[i] - m), 0), va = a.reduce((t, v) => t + (v - m) ** 2, 0), vb = b.reduce((t, v) => t + (v - m) ** 2, 0);
    expect(shown).toBeCloseTo(cov / Math.sqrt(va * vb), 3);
    expect(await page.getByTestId('xp-table').locator('tbody tr').count()).toBe(3);
    await expect.poll(() => api<string[]>('sceneObjects')).toContain('experiment-endpoints');
    // The view states how an ensemble gets σ* (and that a single run keeps the exact one).
    expect(await view.locator('.xp-note').textContent()).toMatch(/σ\* for perturbed runs: interpolated .*128² grid.*exact.*single run \(Train\) uses the exact σ\*/);
    // Exports: one row per run (CSV with a header line; JSON with the design and its rows).
    const [csv] = await Promise.all([page.waitForEvent('download'), view.getByRole('button', { name: 'Export CSV' }).click()]);
    const csvText = await new Promise<string>((res, rej) => csv.createReadStream().then((st) => { let t = ''; st.on('data', (c) => (t += c)); st.on('end', () => res(t)); st.on('error', rej); }, rej));
    expect(csvText.trim().split('\n').length).toBe(1 + 36);
    const [json] = await Promise.all([page.waitForEvent('download'), view.getByRole('button', { name: 'Export JSON' }).click()]);
    const jsonText = await new Promise<string>((res, rej) => json.createReadStream().then((st) => { let t = ''; st.on('data', (c) => (t += c)); st.on('end', () => res(t)); st.on('error', rej); }, rej));
    const exported = JSON.parse(jsonText) as { design: { repeats: number }; rows: Row[] };
    expect(exported.rows.length).toBe(36);
    expect(exported.rows.map((r) => r.end)).toEqual(res.rows.map((r) => r.end));
    expect(exported.design.repeats).toBe(12);
    await page.screenshot({ path: '/tmp/experiments-view.png' });
    await view.getByRole('button', { name: 'Close the experiments view' }).click();
    await expect.poll(() => view.count()).toBe(0);
    expect(s.errors).toEqual([]);
  });

  it('the design is in the link (not the results): a link opens the view with its design', async () => {
    const xp = 'sgd,1,4,50,3,9,r,0,2000,constant,lr,0.5;2';
    await s.page.goto('about:blank');
    await s.page.goto(appUrl(`#v=1&res=64&xp=${xp}`));
    await waitForIdle(s.page);
    const view = s.page.getByTestId('experiments');
    await expect.poll(() => view.isVisible()).toBe(true);
    expect(await view.getByLabel('Learning rates').inputValue()).toBe('0.5, 2');
    expect(await view.getByLabel('Repeats R').inputValue()).toBe('3');
    expect(await api<string>('link')).toContain(`xp=${xp}`);
    await view.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => api<{ status: string }>('experimentResult').then((r) => r.status), { timeout: 120_000 }).toBe('done');
    const rows = (await api<{ rows: Row[] }>('experimentResult')).rows;
    expect(rows.map((r) => r.lr)).toEqual([0.5, 0.5, 0.5, 2, 2, 2]);
    // The results are not in the link; closing the view takes the design out of it.
    expect(await api<string>('link')).toContain(`xp=${xp}`);
    await view.getByRole('button', { name: 'Close the experiments view' }).click();
    await expect.poll(() => api<string>('link')).not.toContain('xp=');
    expect(s.errors).toEqual([]);
  });

  it('cancel stops an experiment and leaves no tensors', async () => {
    const before = await api<number>('numTensors');
    const started = s.page.evaluate(() =>
      (window as any).pacscape.experiment({ method: 'sgd', lr: 1, batch: 4, steps: 5000, repeats: 512, seed: 3, starts: 'random', resample: false, testN: 2000 }).then(
        () => 'finished',
        (e: Error) => e.name,
      ),
    );
    await expect.poll(() => api<{ status: string; progress: number }>('experimentResult').then((r) => r.status === 'running' && r.progress > 0), { timeout: 60_000 }).toBe(true);
    expect(await api<boolean>('cancelExperiment')).toBe(true);
    expect(await started).toBe('AbortError');
    await expect.poll(() => api<number>('numTensors')).toBe(before);
    expect((await api<{ status: string }>('experimentResult')).status).toBe('cancelled');
    expect(s.errors).toEqual([]);
  });
});
