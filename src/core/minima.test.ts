import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { datasetFromObject } from './data';
import { linspace } from './grid';
import { lossAt, lossDerivatives } from './jets';
import { DEFAULT_PARAMS } from './metrics';
import { classifyMinima, findMinima, gridMinimaCandidates, isNearConstant, majorityRate, newtonMinimum, trainingPredictions, type LocalMinimum } from './minima';
import { accuracy } from './reconstruct';

const data = datasetFromObject(JSON.parse(readFileSync('test/fixtures/paper-toy.json', 'utf8')));
const ref = JSON.parse(readFileSync('test/fixtures/paper-toy.points.json', 'utf8')) as { points: { w: [number, number]; loss: number; psi: number }[] };
const GLOBAL = ref.points[0];
const FLAT = ref.points[1];

/** The loss over a grid as the GPU would deliver it (float32). */
function lossGrid(w1r: [number, number], w2r: [number, number], res: number) {
  const w1 = linspace(w1r[0], w1r[1], res);
  const w2 = linspace(w2r[0], w2r[1], res);
  const loss = new Float32Array(res * res);
  for (let r = 0; r < res; r++) for (let c = 0; c < res; c++) loss[r * res + c] = lossAt(data, w1[c], w2[r], DEFAULT_PARAMS.depth);
  return { w1, w2, loss };
}

describe('gridMinimaCandidates', () => {
  it('finds interior nodes ≤ all neighbours, lowest first, and skips the boundary', () => {
    // 4×5 grid: minima at (1,1)=0 and (2,3)=-1; boundary node (3,0)=-5 is not a candidate
    const v = Float32Array.from([3, 3, 3, 3, 3, 3, 0, 3, 3, 3, 3, 3, 3, -1, 3, -5, 3, 3, 3, 3]);
    expect(gridMinimaCandidates(v, 4, 5)).toEqual([13, 6]);
  });
  it('keeps ties (flat valleys) as candidates', () => {
    const v = Float32Array.from([1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1]);
    expect(gridMinimaCandidates(v, 3, 4).sort()).toEqual([5, 6]);
  });
});

describe('newtonMinimum', () => {
  it('converges to the reference global minimum in float64', () => {
    const m = newtonMinimum(data, 2.6, -1.5, 5, 0.1, 1)!;
    expect(m).not.toBeNull();
    expect(m.w[0]).toBeCloseTo(GLOBAL.w[0], 8);
    expect(m.w[1]).toBeCloseTo(GLOBAL.w[1], 8);
    expect(Math.abs(m.loss - GLOBAL.loss)).toBeLessThan(1e-12);
  });
  it('rejects a start that leaves the trust region (saddle at the origin)', () => {
    const d = lossDerivatives(data, 0, 0, 5, 2);
    expect(d.hess[0] * d.hess[2] - d.hess[1] ** 2).toBeLessThan(1e-9);
    expect(newtonMinimum(data, 3.5, 3.5, 5, 0.05, 0.1)).toBeNull();
  });
});

describe('findMinima on paper-toy', () => {
  const res = 96;
  const g = lossGrid([-4, 6], [-6, 4], res);
  const minima = findMinima(data, g.loss, g.w1, g.w2, DEFAULT_PARAMS);
  const cell = 10 / (res - 1);

  it('finds the two reference minima within one grid cell, the global one first and sharper', () => {
    const global = minima.find((m) => m.global)!;
    expect(Math.abs(global.w[0] - GLOBAL.w[0])).toBeLessThan(cell);
    expect(Math.abs(global.w[1] - GLOBAL.w[1])).toBeLessThan(cell);
    expect(global.character).toBe('sharp');
    expect(global.psi).toBeCloseTo(GLOBAL.psi, 6);
    const flat = minima.find((m) => Math.hypot(m.w[0] - FLAT.w[0], m.w[1] - FLAT.w[1]) < cell);
    expect(flat).toBeDefined();
    expect(flat!.global).toBe(false);
    expect(flat!.character).toBe('flat');
    expect(flat!.psi).toBeLessThan(global.psi);
    expect(flat!.lambdaMax).toBeLessThan(global.lambdaMax);
    expect(minima[0]).toBe(global);
  });

  it('says what each minimum predicts: the flat one is the near-constant predictor, the sharp one is not', () => {
    const global = minima.find((m) => m.global)!;
    const flat = minima.find((m) => Math.hypot(m.w[0] - FLAT.w[0], m.w[1] - FLAT.w[1]) < cell)!;
    expect(global.majorityRate).toBe(majorityRate(data));
    for (const m of [global, flat]) {
      expect(m.trainAcc).toBe(accuracy(data, m.w[0], m.w[1], 5));
      expect(m.constantShare).toBe(trainingPredictions(data, m.w[0], m.w[1], 5).constantShare);
      expect(m.psiScale + m.psiCurvature).toBeCloseTo(m.psi, 12);
    }
    expect(flat.nearConstant).toBe(true);
    expect(flat.flatAlongOne).toBe(true);
    expect(global.nearConstant).toBe(false);
    expect(global.lambdaMaxRatio).toBeGreaterThan(1);
    expect(flat.lambdaMaxRatio).toBe(1);
  });

  it('reports only true minima (zero gradient, positive-definite Hessian)', () => {
    for (const m of minima) {
      const d = lossDerivatives(data, m.w[0], m.w[1], 5, 2);
      expect(Math.hypot(d.grad[0], d.grad[1])).toBeLessThan(1e-7);
      expect(m.lambdaMin).toBeGreaterThan(0);
    }
  });
});

describe('classifyMinima', () => {
  const mk = (loss: number, psi: number, lambdaMax: number): LocalMinimum => ({
    w: [0, 0],
    loss,
    psi,
    bound: 0,
    psiScale: psi,
    psiCurvature: 0,
    lambdaMin: 0,
    lambdaMax,
    lambdaMaxRatio: 1,
    flatAlongOne: true,
    trainAcc: 0.5,
    majorityRate: 0.5,
    constantShare: 1,
    nearConstant: true,
    global: false,
    character: 'flat',
    node: 0,
  });
  it('marks the lowest loss global and names by λmax, not by Ψ', () => {
    const ms = classifyMinima([mk(0.6, 4.1, 0.3), mk(0.5, 2.9, 0.9)]);
    expect(ms.map((m) => [m.global, m.character])).toEqual([
      [false, 'flat'],
      [true, 'sharp'],
    ]);
    expect(ms.map((m) => m.lambdaMaxRatio)).toEqual([1, 3]);
  });
  it('splits three minima at the geometric midpoint of λmax; a lone minimum is "only"; equal λmax are all flat', () => {
    expect(classifyMinima([mk(0.6, 3, 0.01), mk(0.5, 3, 0.5), mk(0.7, 3, 0.2)]).map((m) => m.character)).toEqual(['flat', 'sharp', 'sharp']);
    expect(classifyMinima([mk(0.6, 2.5, 0.1)])[0].character).toBe('only');
    expect(classifyMinima([mk(0.6, 2.5, 0.1), mk(0.5, 3, 0.1)]).map((m) => m.character)).toEqual(['flat', 'flat']);
  });
});

describe('what a minimum predicts', () => {
  it('majority rate, accuracy and the near-constant flag', () => {
    expect(majorityRate({ n: 4, x: new Float64Array(8), y: Uint8Array.from([1, 0, 0, 0]) })).toBe(0.75);
    expect(isNearConstant(0.7, 0.65)).toBe(false);
    expect(isNearConstant(0.69, 0.65)).toBe(true);
  });
});
