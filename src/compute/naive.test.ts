import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as tf from './tf';
import { parseDataFile } from '../core/data';
import { evaluateGridSync, planWork } from '../core/gridEval';
import type { GridJob } from '../core/grid';
import { evaluateGridNaive } from './naive';

const full = parseDataFile(readFileSync('test/fixtures/paper-toy.json', 'utf8'), 'paper-toy');
// The first 30 of its points: the comparison is of the derivative machinery, which does not need
// many points; the cost (nested tf.grads on the cpu backend) grows with nodes × points.
const N = 30;
const d = { n: N, x: full.x.slice(0, 2 * N), y: full.y.slice(0, N) };
const job = (p: Partial<GridJob>): GridJob => ({ n: d.n, x: d.x, y: d.y, w1: [-4, 6], w2: [-6, 4], res: 8, depth: 5, gamma: 0.1, eps: 0.1, delta: 0.05, ...p });

/** |a − b| ≤ rel·|b| + abs, elementwise; returns the worst excess (≤ 0 passes). */
function worst(a: ArrayLike<number>, b: ArrayLike<number>, rel: number, abs: number): number {
  let m = -Infinity;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) - rel * Math.abs(b[i]) - abs);
  return m;
}

describe('naive tfjs baseline (nested tf.grads) on the cpu backend', () => {
  it('computes the same fields as core (SPEC §9 tolerances), stencil bands included', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    // res 3 on the default window: every node in a stencil band; a small window: grid mode. Kept
    // small: nested tf.grads on the cpu backend are slow (≈ 20 s for these two jobs on 100 points,
    // quiet).
    const jobs = [job({ res: 3 }), job({ res: 6, w1: [2, 3], w2: [-2, -1], depth: 3 })];
    // The first job's every node takes ρ from the 5×5 stencil, the second's none.
    expect(planWork(jobs[0], Infinity).fallback.length).toBe(9);
    expect(planWork(jobs[1], Infinity).fallback.length).toBe(0);
    for (const j of jobs) {
      const a = await evaluateGridNaive(j, 1024);
      const b = evaluateGridSync(j);
      expect(worst(a.loss, b.loss, 1e-4, 0)).toBeLessThanOrEqual(0);
      expect(worst(a.grad, b.grad, 1e-3, 1e-4)).toBeLessThanOrEqual(0);
      expect(worst(a.hess, b.hess, 1e-3, 1e-4)).toBeLessThanOrEqual(0);
      expect(worst(a.thirdNorm, b.thirdNorm, 1e-2, 1e-4)).toBeLessThanOrEqual(0);
      expect(worst(a.rho, b.rho, 1e-2, 1e-4)).toBeLessThanOrEqual(0);
      expect(worst(a.psi, b.psi, 0, 2e-2)).toBeLessThanOrEqual(0);
    }
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);
});
