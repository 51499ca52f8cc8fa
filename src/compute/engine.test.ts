import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as tf from './tf';
import { parseDataFile } from '../core/data';
import { evaluateGridSync } from '../core/gridEval';
import { checkGrid } from '../core/gridCheck';
import { CASES } from '../core/gridCases';
import type { GridJob } from '../core/grid';
import { evaluateGridTs } from './cpuEngine';
import { availableEngines, calibrateEngine, engineName, evaluateGrid, initBackend, numTensors } from './index';

const d = parseDataFile(readFileSync('test/fixtures/paper-toy.json', 'utf8'), 'paper-toy');
const job = (p: Partial<GridJob>): GridJob => ({ n: d.n, x: d.x, y: d.y, w1: [-4, 6], w2: [-6, 4], res: 16, depth: 5, gamma: 0.1, eps: 0.1, delta: 0.05, ...p });

describe('TS engine', () => {
  it('equals the synchronous float64 grid exactly', async () => {
    for (const c of CASES.slice(0, 3)) {
      const j = job(c.job);
      const a = await evaluateGridTs(j);
      const b = evaluateGridSync(j);
      for (const k of ['loss', 'grad', 'hess', 'thirdNorm', 'rho', 'psi', 'bound', 'sigmaStar', 'lambdaMax'] as const) expect(a[k]).toEqual(b[k]);
    }
  });

  it('reports monotone progress up to 1', async () => {
    const seen: number[] = [];
    await evaluateGridTs(job({ res: 20 }), { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    expect(seen.at(-1)).toBe(1);
  });

  it('cancels with an AbortError', async () => {
    const ctl = new AbortController();
    const p = evaluateGridTs(job({ res: 48 }), { signal: ctl.signal, onProgress: () => ctl.abort() });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('compute/ on the tfjs cpu backend (Node)', () => {
  it('falls back to the TS engine and leaks no tensors', async () => {
    const backend = await initBackend(['cpu']);
    expect(backend).toBe('cpu');
    expect(availableEngines()).toEqual(['ts']);
    await calibrateEngine(d);
    expect(engineName()).toBe('ts');
    const before = numTensors();
    for (const c of CASES) {
      const j = job(c.job);
      const f = await evaluateGrid(j);
      const rep = checkGrid(f, j, { stride: Math.max(2, Math.floor(j.res / 5)) });
      expect(rep.failures).toEqual([]);
    }
    // the preview variant (grid mode everywhere) also matches core except ρ in the bands
    const pv = await evaluateGrid(job({ res: 12 }), { preview: true });
    expect(pv.res).toBe(12);
    expect(numTensors()).toBe(before);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('rejects bad jobs with a clear message', async () => {
    await expect(evaluateGrid(job({ res: 1000 }))).rejects.toThrow(/resolution/i);
    await expect(evaluateGrid(job({ w1: [1, 0] }))).rejects.toThrow(/range/);
  });
});
