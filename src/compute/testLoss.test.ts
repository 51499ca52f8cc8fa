/**
 * The TS engine's test loss and gap (SPEC §9) against core/ over whole grids: several data sets,
 * depths 1, 3, 5, 8, every node (float64 rounded to float32, so within 1e-4 relative easily).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { generateDataset, paperToyMixture, parseDataFile, freshSample, type Dataset } from '../core/data';
import { lossAt, type Sample } from '../core/jets';
import { evaluateGridSync, testLossGridSync } from '../core/gridEval';
import { withTestLoss, type GridJob } from '../core/grid';
import { evaluateTestLossTs } from './cpuEngine';
import { evaluateGrid } from './index';

const toy = parseDataFile(readFileSync('test/fixtures/paper-toy.json', 'utf8'), 'paper-toy');
const toyMix = { ...toy, mixture: paperToyMixture(toy) } as Dataset;
const blobs = generateDataset({ means: [[-1.5, 0], [1.5, 0]], sd: 0.8, n: 100, seed: 3, labelRule: 'median' });
const parity = generateDataset({ means: [[-1.5, -1.5], [1.5, -1.5], [-1.5, 1.5], [1.5, 1.5]], sd: 0.7, n: 200, seed: 4, labelRule: 'parity' });

const CASES: { name: string; d: Dataset; depth: number; w1: [number, number]; w2: [number, number]; res: number }[] = [
  { name: 'paper-toy, depth 5', d: toyMix, depth: 5, w1: [-1.5, 4.5], w2: [-3.5, 2.5], res: 17 },
  { name: 'paper-toy, depth 1', d: toyMix, depth: 1, w1: [-4, 6], w2: [-6, 4], res: 12 },
  { name: 'two blobs, depth 3', d: blobs, depth: 3, w1: [-3, 3], w2: [-3, 3], res: 13 },
  { name: 'parity, depth 8', d: parity, depth: 8, w1: [-2, 2], w2: [-1, 3], res: 10 },
];

/** Largest |got − want| / (1e-4·|want|) and the gap's |got − want| / (1e-4·testLoss) over every node. */
function deviations(job: GridJob, test: Sample, tl: Float32Array, gap: Float32Array) {
  const step = [(job.w1[1] - job.w1[0]) / (job.res - 1), (job.w2[1] - job.w2[0]) / (job.res - 1)];
  let worstTl = 0, worstGap = 0;
  for (let r = 0; r < job.res; r++)
    for (let c = 0; c < job.res; c++) {
      const w1 = job.w1[0] + step[0] * c, w2 = job.w2[0] + step[1] * r;
      const t = lossAt(test, w1, w2, job.depth), l = lossAt(job, w1, w2, job.depth);
      const i = r * job.res + c;
      worstTl = Math.max(worstTl, Math.abs(tl[i] - t) / (1e-4 * Math.abs(t)));
      worstGap = Math.max(worstGap, Math.abs(gap[i] - (t - l)) / (1e-4 * Math.abs(t)));
    }
  return { worstTl, worstGap };
}

describe('test loss and gap over the grid (TS engine)', () => {
  it.each(CASES)('$name: every node within SPEC §10 of core', async ({ d, depth, w1, w2, res }) => {
    const job: GridJob = { n: d.n, x: d.x, y: d.y, w1, w2, res, depth, gamma: 0.1, eps: 0.1, delta: 0.05 };
    const test = freshSample(d.mixture!, 3000, 11);
    const f = withTestLoss(evaluateGridSync(job), await evaluateTestLossTs(job, test));
    const dev = deviations(job, test, f.testLoss!, f.gap!);
    expect(dev.worstTl).toBeLessThanOrEqual(1);
    expect(dev.worstGap).toBeLessThanOrEqual(1);
    // the engine equals the synchronous float64 rule exactly
    expect(f.testLoss).toEqual(testLossGridSync(job, test));
  });

  it('evaluateGrid attaches testLoss and gap only with a test sample, and cancels', async () => {
    const job: GridJob = { n: toy.n, x: toy.x, y: toy.y, w1: [0, 3], w2: [-2, 1], res: 9, depth: 5, gamma: 0.1, eps: 0.1, delta: 0.05 };
    const plain = await evaluateGrid(job, { engine: 'ts' });
    expect(plain.testLoss).toBeUndefined();
    const test = freshSample(toyMix.mixture!, 500, 2);
    const seen: number[] = [];
    const f = await evaluateGrid(job, { engine: 'ts', test, onProgress: (p) => seen.push(p) });
    expect(f.testLoss).toHaveLength(81);
    expect(f.gap![40]).toBeCloseTo(f.testLoss![40] - f.loss[40], 7);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    const ctl = new AbortController();
    const p = evaluateTestLossTs({ ...job, res: 40 }, freshSample(toyMix.mixture!, 5000, 2), { signal: ctl.signal, onProgress: () => ctl.abort() });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });
});
