import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from './tf';
import { readFileSync } from 'node:fs';
import { datasetFromObject, withPaperToyMixture } from '../core/data';
import { lossAt } from '../core/jets';
import { DEFAULT_PARAMS } from '../core/metrics';
import { testSampleOf } from '../core/reconstruct';
import { DEFAULT_TRAIN_SETTINGS, Trainer, trainPath, validateTrainSettings, type TrainSettings } from './train';

const data = withPaperToyMixture(datasetFromObject(JSON.parse(readFileSync('test/fixtures/paper-toy.json', 'utf8'))));
const GLOBAL: [number, number] = [2.6634355634573876, -1.568444352602456];
const test = testSampleOf(data, 500, 7);

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const run = (s: Partial<TrainSettings>, start: [number, number]) => trainPath(data, test, DEFAULT_PARAMS, { ...DEFAULT_TRAIN_SETTINGS, ...s }, start);

describe('train (tfjs cpu backend)', () => {
  it('loss from tfjs matches the float64 core', async () => {
    const t = new Trainer(data, test, DEFAULT_PARAMS, DEFAULT_TRAIN_SETTINGS, [1, -3]);
    const p = await t.init();
    t.dispose();
    expect(Math.abs(p.loss - lossAt(data, 1, -3, 5)) / lossAt(data, 1, -3, 5)).toBeLessThan(1e-5);
    expect(p.testLoss).toBe(lossAt(test!, 1, -3, 5));
  });

  it('plain GD with default settings from within 0.2 of the global minimum ends within 1e-2', async () => {
    for (const start of [[GLOBAL[0] + 0.14, GLOBAL[1] - 0.14], [GLOBAL[0] - 0.2, GLOBAL[1]], [GLOBAL[0], GLOBAL[1] + 0.2]] as [number, number][]) {
      const path = await run({}, start);
      expect(path.length).toBe(DEFAULT_TRAIN_SETTINGS.steps + 1);
      const end = path[path.length - 1];
      expect(Math.hypot(end[0] - GLOBAL[0], end[1] - GLOBAL[1])).toBeLessThan(1e-2);
      expect(end[2]).toBeLessThan(path[0][2]);
    }
  });

  it('same seed and settings reproduce the path exactly; perturbed differs from plain', async () => {
    const start: [number, number] = [1, -3];
    const a = await run({ method: 'perturbed', steps: 30, seed: 5 }, start);
    const b = await run({ method: 'perturbed', steps: 30, seed: 5 }, start);
    const c = await run({ method: 'perturbed', steps: 30, seed: 6 }, start);
    const g = await run({ method: 'gd', steps: 30, seed: 5 }, start);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    const dist = Math.hypot(a[30][0] - g[30][0], a[30][1] - g[30][1]);
    expect(dist).toBeGreaterThan(1e-3);
    expect(a[30][2]).toBeLessThan(a[0][2]);
    const s1 = await run({ method: 'sgd', steps: 20, batch: 10, seed: 2 }, start);
    const s2 = await run({ method: 'sgd', steps: 20, batch: 10, seed: 2 }, start);
    expect(s2).toEqual(s1);
    expect(s1).not.toEqual(g.slice(0, 21));
  });

  it('leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    await run({ method: 'sgd', steps: 5, batch: 7 }, [0.3, 2.2]);
    await run({ method: 'perturbed', steps: 5 }, [0.3, 2.2]);
    const t = new Trainer(data, null, DEFAULT_PARAMS, DEFAULT_TRAIN_SETTINGS, [0, 0]);
    await t.step();
    t.dispose();
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad settings with a clear message', () => {
    expect(() => validateTrainSettings({ ...DEFAULT_TRAIN_SETTINGS, lr: -1 })).toThrow(/learning rate/);
    expect(() => validateTrainSettings({ ...DEFAULT_TRAIN_SETTINGS, steps: 0 })).toThrow(/Steps/);
    expect(() => validateTrainSettings({ ...DEFAULT_TRAIN_SETTINGS, method: 'adam' as never })).toThrow(/method/);
  });
});
