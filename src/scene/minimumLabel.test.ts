import { describe, expect, it } from 'vitest';
import type { LocalMinimum } from '../core/minima';
import { minimumLabelText } from './minimumLabel';

const base: LocalMinimum = {
  w: [2.66, -1.57],
  loss: 0.5121,
  psi: 4.07,
  bound: 0.9,
  psiScale: 4.07,
  psiCurvature: 0,
  lambdaMin: 0.05,
  lambdaMax: 0.46,
  lambdaMaxRatio: 9.2,
  flatAlongOne: false,
  trainAcc: 0.74,
  majorityRate: 0.65,
  constantShare: 0.6,
  nearConstant: false,
  global: true,
  character: 'sharp',
  node: 0,
};

describe('minimumLabelText', () => {
  it('names a sharp minimum by its λmax ratio and adds no warning for a real classifier', () => {
    const t = minimumLabelText(base);
    expect(t.title).toBe('global min · sharp');
    expect(t.lines).toEqual(['λmax 0.4600 = 9.2× the flattest', 'Ψ 4.070 · loss 0.5121']);
    expect(t.detail).toMatch(/measured by λmax/);
  });
  it('says "flat along one direction" and "near-constant predictor" where the facts say so', () => {
    const t = minimumLabelText({ ...base, global: false, character: 'flat', lambdaMaxRatio: 1, lambdaMin: 5.7e-5, lambdaMax: 0.05, flatAlongOne: true, trainAcc: 0.65, nearConstant: true });
    expect(t.title).toBe('local min · flat');
    expect(t.lines).toEqual(['λmax 0.05000, the flattest', 'Ψ 4.070 · loss 0.5121', 'flat along one direction (λmin 5.700e\u22125)', 'near-constant: train acc 65.0% ≈ majority 65.0%']);
    expect(t.detail).toMatch(/no better than that/);
  });
  it('gives a lone minimum no sharp/flat name', () => {
    expect(minimumLabelText({ ...base, character: 'only', lambdaMaxRatio: 1 }).title).toBe('global min');
  });
});
