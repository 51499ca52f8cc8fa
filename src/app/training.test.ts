import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../compute/tf';
import { readFileSync } from 'node:fs';
import { datasetFromObject, withPaperToyMixture } from '../core/data';
import { useStore } from '../state/store';
import { MAX_PINS, pinnedRows, pinPoint, removeRun, resetRuns, setDataObject, startRun } from './training';
import { parseModelValues } from '../ui/ModelControls';

const raw = JSON.parse(readFileSync('test/fixtures/paper-toy.json', 'utf8'));
const ref = JSON.parse(readFileSync('test/fixtures/paper-toy.points.json', 'utf8')).points as { w: [number, number]; loss: number; psi: number; bound: number }[];

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  useStore.getState().setDataset(withPaperToyMixture(datasetFromObject(raw)), { kind: 'preset', id: 'paper-toy' });
  // The reference values are at the paper-toy view's parameters (γ = ε = 0.1, D = 5, δ = 0.05).
  useStore.getState().setModel({ depth: 5, gamma: 0.1, eps: 0.1, delta: 0.05 });
});

describe('app/training', () => {
  it('records a run with path, test loss and bound, and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const { id, done } = startRun({ start: [1, -3], settings: { method: 'perturbed', steps: 12, seed: 9 } });
    const path = await done;
    const run = useStore.getState().runs.find((r) => r.id === id)!;
    expect(run.status).toBe('done');
    expect(run.path).toEqual(path);
    expect(run.testLoss.length).toBe(13);
    expect(run.bound.length).toBe(13);
    expect(run.bound.every((b, i) => b > run.path[i][2])).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    removeRun(id);
    expect(useStore.getState().runs.some((r) => r.id === id)).toBe(false);
  });

  it('rejects bad settings before creating a run', () => {
    const n = useStore.getState().runs.length;
    expect(() => startRun({ settings: { lr: 0 } })).toThrow(/learning rate/);
    expect(useStore.getState().runs.length).toBe(n);
  });

  it('pins up to four points and reports reference values', () => {
    useStore.getState().setPins([]);
    pinPoint(...ref[0].w);
    pinPoint(...ref[1].w);
    const rows = pinnedRows();
    expect(rows[0].psi).toBeCloseTo(ref[0].psi, 8);
    expect(rows[1].bound).toBeCloseTo(ref[1].bound, 8);
    pinPoint(0, 0);
    pinPoint(1, 1);
    expect(() => pinPoint(2, 2)).toThrow(new RegExp(`At most ${MAX_PINS}`));
    useStore.getState().setPins([]);
  });

  it('setData validates and keeps the old data on error', async () => {
    const old = useStore.getState().dataset;
    expect(() => setDataObject({ x: [[1, 2]], y: [0, 1] })).toThrow(/labels/);
    expect(useStore.getState().dataset).toBe(old);
    resetRuns();
  });

  it('model values are validated as a whole', () => {
    expect(parseModelValues({ depth: '5', gamma: '0.1', eps: '0.1', delta: '0.05' })).toEqual({ depth: 5, gamma: 0.1, eps: 0.1, delta: 0.05 });
    expect(parseModelValues({ depth: '9', gamma: '0.1', eps: '0.1', delta: '0.05' })).toMatch(/Depth/);
    expect(parseModelValues({ depth: '5', gamma: '0.1', eps: '0', delta: '0.05' })).toMatch(/ε/);
    expect(parseModelValues({ depth: '5', gamma: '0.1', eps: '0.1', delta: '1' })).toMatch(/δ/);
  });
});

describe('a path point’s test loss in slices', () => {
  it('is lossAt bit for bit and yields between pieces (20 000 test points: never one long unit)', async () => {
    const { slicedTestLoss, TEST_PIECE } = await import('./training');
    const { lossAt } = await import('../core/jets');
    const { cachedTestSample } = await import('../core/reconstruct');
    const st = useStore.getState();
    const test = cachedTestSample(st.dataset!, 20_000, 3)!;
    expect(test.n).toBe(20_000);
    for (const [w1, w2, depth] of [[0.3, -0.2, 5], [2.66, -1.57, 8], [-4, 7, 1]] as const) {
      let yields = 0;
      const v = await slicedTestLoss(test, w1, w2, depth, async () => void yields++);
      expect(Object.is(v, lossAt(test, w1, w2, depth)), `(${w1}, ${w2}) D=${depth}`).toBe(true);
      expect(yields).toBe(Math.ceil(test.n / TEST_PIECE));
    }
    expect(Number.isNaN(await slicedTestLoss(null, 0, 0, 5, async () => undefined))).toBe(true);
  });
});
