import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { datasetFromObject, withPaperToyMixture } from './data';
import { accuracy, decisionField, inputWindow, pinRow, testSampleOf } from './reconstruct';
import { descendPath } from './descend';
import { DEFAULT_PARAMS } from './metrics';

const data = withPaperToyMixture(datasetFromObject(JSON.parse(readFileSync('test/fixtures/paper-toy.json', 'utf8'))));
const ref = JSON.parse(readFileSync('test/fixtures/paper-toy.points.json', 'utf8')).points as { w: [number, number]; loss: number; psi: number; bound: number }[];

describe('reconstruct', () => {
  it('accuracy counts thresholded predictions', () => {
    // Depth 1: z = w1 x1 + w2 x2, so w = (1, 1) predicts 1 for (1, 1) and 0 for (−1, −1).
    const s = { n: 3, x: [1, 1, -1, -1, 2, 1], y: [1, 0, 0] };
    expect(accuracy(s, 1, 1, 1)).toBeCloseTo(2 / 3, 12);
    expect(accuracy(s, -1, -1, 1)).toBeCloseTo(1 / 3, 12);
  });

  it('pin rows tell the paper story on paper-toy (global sharper, better fit; flat local lower Ψ)', () => {
    const test = testSampleOf(data, 2000, 7);
    expect(test).not.toBeNull();
    const [g, l] = [ref[0], ref[1]].map((p) => pinRow(data, p.w[0], p.w[1], DEFAULT_PARAMS, test));
    expect(g.loss).toBeCloseTo(ref[0].loss, 10);
    expect(g.psi).toBeCloseTo(ref[0].psi, 8);
    expect(l.bound).toBeCloseTo(ref[1].bound, 8);
    expect(g.lambdaMax).toBeGreaterThan(l.lambdaMax);
    expect(g.trainAcc).toBeGreaterThan(l.trainAcc);
    expect(g.loss).toBeLessThan(l.loss);
    expect(l.psi).toBeLessThan(g.psi);
    expect(g.testAcc).toBeGreaterThan(0.6);
    expect(Math.abs(g.gapLoss - (g.testLoss - g.loss))).toBeLessThan(1e-12);
  });

  it('same seed gives the same test sample', () => {
    const a = testSampleOf(data, 50, 3)!, b = testSampleOf(data, 50, 3)!, c = testSampleOf(data, 50, 4)!;
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
  });

  it('decision field is p(x) in [0, 1] and changes with w', () => {
    const win = inputWindow(data.x, data.n);
    const f1 = decisionField(win, 16, ref[0].w[0], ref[0].w[1], 5);
    const f2 = decisionField(win, 16, ref[1].w[0], ref[1].w[1], 5);
    expect(f1.length).toBe(256);
    expect(f1.every((v) => v >= 0 && v <= 1)).toBe(true);
    let diff = 0;
    for (let i = 0; i < 256; i++) diff = Math.max(diff, Math.abs(f1[i] - f2[i]));
    expect(diff).toBeGreaterThan(0.05);
  });

  it('descend reaches the nearest minimum without climbing', () => {
    const path = descendPath(data, 2.4, -1.3, 5);
    const end = path[path.length - 1];
    expect(Math.hypot(end[0] - ref[0].w[0], end[1] - ref[0].w[1])).toBeLessThan(1e-6);
    for (let i = 1; i < path.length; i++) expect(path[i][2]).toBeLessThanOrEqual(path[i - 1][2]);
    const p2 = descendPath(data, 0.5, 0.4, 5);
    const e2 = p2[p2.length - 1];
    expect(Math.hypot(e2[0] - ref[1].w[0], e2[1] - ref[1].w[1])).toBeLessThan(1e-5);
  });
});
