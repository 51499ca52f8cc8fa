import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from './tf';
import { readFileSync } from 'node:fs';
import { datasetFromObject, freshSample, withPaperToyMixture } from '../core/data';
import { DEFAULT_PARAMS, pointReport } from '../core/metrics';
import { trainPath, type TrainMethod } from './train';
import { lrFactor, trainEnsemble, type EnsembleJob } from './ensemble';

const data = withPaperToyMixture(datasetFromObject(JSON.parse(readFileSync('test/fixtures/paper-toy.json', 'utf8'))));

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const starts: [number, number][] = [
  [1, -3],
  [2.2, -1.1],
  [0.2, 0.9],
  [3.5, 1.5],
];

async function single(method: TrainMethod, start: [number, number], seed: number, lr: number, batch: number, steps: number, sample = data) {
  const path = await trainPath(sample, null, DEFAULT_PARAMS, { method, lr, batch, steps, seed }, start);
  return path[path.length - 1];
}

describe('ensemble (tfjs ops, cpu backend) = single runs', () => {
  for (const [method, batch] of [
    ['gd', 16],
    ['sgd', 7],
    ['sgd', 100],
    ['perturbed', 16],
  ] as [TrainMethod, number][]) {
    it(`${method} batch ${batch}: every run's endpoint equals the same run done alone`, async () => {
      const steps = 40, lr = 1;
      const job: EnsembleJob = {
        samples: [data],
        runs: starts.map((s, i) => ({ start: s, seed: 11 + i, sample: 0 })),
        method,
        lr,
        batch,
        steps,
        depth: 5,
        sigmaAt: (_k, w1, w2) => {
          const r = pointReport(data, w1, w2, DEFAULT_PARAMS);
          return { sigma: r.sigmaStar, kappa: r.kappa };
        },
      };
      const before = tf.memory().numTensors;
      const ends = await trainEnsemble(job, { generic: true });
      expect(tf.memory().numTensors).toBe(before);
      for (let k = 0; k < starts.length; k++) {
        const e = await single(method, starts[k], 11 + k, lr, batch, steps);
        expect(Math.abs(ends[2 * k] - e[0])).toBeLessThan(1e-4 * (1 + Math.abs(e[0])));
        expect(Math.abs(ends[2 * k + 1] - e[1])).toBeLessThan(1e-4 * (1 + Math.abs(e[1])));
      }
    });
  }

  it('runs on their own training samples equal single runs on those samples', async () => {
    const samples = [0, 1, 2].map((i) => freshSample(data.mixture!, data.n, 100 + i));
    const job: EnsembleJob = { samples, runs: samples.map((_, i) => ({ start: starts[i], seed: 5 + i, sample: i })), method: 'sgd', lr: 1, batch: 10, steps: 30, depth: 5 };
    const ends = await trainEnsemble(job, { generic: true });
    for (let k = 0; k < samples.length; k++) {
      const e = await single('sgd', starts[k], 5 + k, 1, 10, 30, { ...data, ...samples[k], name: 'r' } as typeof data);
      expect(Math.abs(ends[2 * k] - e[0])).toBeLessThan(1e-4);
      expect(Math.abs(ends[2 * k + 1] - e[1])).toBeLessThan(1e-4);
    }
    // different samples really give different endpoints
    const shared = await trainEnsemble({ ...job, samples: [data], runs: job.runs.map((r) => ({ ...r, sample: 0 })) }, { generic: true });
    expect(Math.abs(shared[0] - ends[0]) + Math.abs(shared[1] - ends[1])).toBeGreaterThan(1e-3);
  });

  it('a cancelled ensemble rejects with an AbortError and leaves no tensors', async () => {
    const ctl = new AbortController();
    const before = tf.memory().numTensors;
    const p = trainEnsemble({ samples: [data], runs: [{ start: [1, 1], seed: 1, sample: 0 }], method: 'gd', lr: 1, batch: 16, steps: 1000, depth: 5 }, { generic: true, signal: ctl.signal, onProgress: (d) => d === 5 && ctl.abort() });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('learning-rate schedules', () => {
    expect(lrFactor('constant', 7, 10)).toBe(1);
    expect(lrFactor('cosine', 0, 10)).toBe(1);
    expect(lrFactor('cosine', 5, 10)).toBeCloseTo(0.5, 12);
    expect(lrFactor('step', 4, 10)).toBe(1);
    expect(lrFactor('step', 5, 10)).toBe(0.1);
    expect(lrFactor('step', 8, 10)).toBe(0.01);
  });
});
