import { describe, expect, it, vi } from 'vitest';
import * as tf from './tf';

describe('compute/tf', () => {
  it('registers only the kernels compute/ runs, the same on the CPU and WebGL backends', () => {
    const names = (backend: string) => tf.getKernelsForBackend(backend).map((k) => k.kernelName).sort();
    const expected = [...new Set(tf.KERNELS.map((k) => k.kernelName))].sort();
    expect(expected.length).toBeLessThan(30);
    expect(names('cpu')).toEqual(expected);
    expect(names('webgl')).toEqual(expected);
  });

  it('differentiates the training loss ops through the registered gradients', () => {
    const before = tf.memory().numTensors;
    const g = tf.tidy(() => {
      const f = (a: tf.Tensor) => tf.mean(tf.sub(tf.softplus(tf.sigmoid(tf.mul(a, a))), a)) as tf.Scalar;
      return tf.grad(f)(tf.scalar(0.5)).dataSync()[0];
    });
    // d/da [softplus(sigmoid(a²)) − a] = sigmoid(sigmoid(a²)) · sigmoid'(a²) · 2a − 1
    const s = (x: number) => 1 / (1 + Math.exp(-x));
    const a = 0.5, u = s(a * a);
    expect(g).toBeCloseTo(s(u) * u * (1 - u) * 2 * a - 1, 5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('registers its kernels once: evaluating the module again (a second bundle copy, a re-created backend) warns of nothing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      vi.resetModules();
      await import('./tf');
      expect(warn.mock.calls.map((c) => String(c[0])).filter((m) => /kernel .* already registered/.test(m))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });
});
