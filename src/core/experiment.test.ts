import { describe, expect, it } from 'vitest';
import { configsOf, expandRuns, meanInterval, mixSeed, normalizeDesign, tQuantile975 } from './experiment';
import * as experiment from './experiment';
import { averageRanks, spearman } from './stats';

describe('experiment designs', () => {
  it('expands a batch sweep into configurations with shared seeds, starts and samples per repeat', () => {
    const d = normalizeDesign({ method: 'sgd', repeats: 3, seed: 9, sweep: { param: 'batch', values: [1, 4, 100] }, resample: true });
    const cs = configsOf(d);
    expect(cs.map((c) => c.batch)).toEqual([1, 4, 100]);
    const runs = expandRuns(d, [-1, 1], [2, 3]);
    expect(runs.length).toBe(9);
    for (let r = 0; r < 3; r++) {
      const same = runs.filter((x) => x.run === r);
      expect(new Set(same.map((x) => x.seed)).size).toBe(1);
      expect(new Set(same.map((x) => x.start.join())).size).toBe(1);
      expect(new Set(same.map((x) => x.sampleSeed)).size).toBe(1);
    }
    expect(new Set(runs.map((x) => x.seed)).size).toBe(3);
    for (const x of runs) {
      expect(x.start[0]).toBeGreaterThanOrEqual(-1);
      expect(x.start[0]).toBeLessThanOrEqual(1);
      expect(x.start[1]).toBeGreaterThanOrEqual(2);
      expect(x.start[1]).toBeLessThanOrEqual(3);
    }
    expect(expandRuns(d, [-1, 1], [2, 3])).toEqual(runs);
    expect(mixSeed(1, 0, 1)).not.toBe(mixSeed(1, 1, 1));
  });

  it('fixed starts are used in turn; bad designs are refused with a message', () => {
    const d = normalizeDesign({ starts: [[1, 2], [3, 4]], repeats: 3 });
    expect(expandRuns(d, [0, 1], [0, 1]).map((r) => r.start)).toEqual([[1, 2], [3, 4], [1, 2]]);
    expect(() => normalizeDesign({ lr: -1 })).toThrow(/learning rate/);
    expect(() => normalizeDesign({ sweep: { param: 'batch', values: [0] } })).toThrow(/batch/);
    expect(() => normalizeDesign({ starts: [[1, NaN]] })).toThrow(/starts/);
    expect(() => normalizeDesign({ repeats: 4096, sweep: { param: 'lr', values: [1, 2, 3] } })).toThrow(/At most/);
  });
});

describe('statistics', () => {
  it('mean and 95 % t interval', () => {
    const m = meanInterval([1, 2, 3, 4]);
    expect(m.mean).toBe(2.5);
    const sd = Math.sqrt(5 / 3);
    expect(m.hi - m.mean).toBeCloseTo(3.182 * (sd / 2), 10);
    expect(tQuantile975(1000)).toBeCloseTo(1.9623, 3);
    expect(tQuantile975(60)).toBeCloseTo(2.0003, 3);
  });

  it('Spearman is the one of core/stats (no second definition here): ranks with ties; monotone = 1, reversed = −1', () => {
    expect('spearman' in experiment).toBe(false);
    expect('ranks' in experiment).toBe(false);
    expect(Array.from(averageRanks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 16]).rho).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1]).rho).toBeCloseTo(-1, 12);
    // Σd² = 4 with n = 5: 1 − 6·4/(5·24) = 0.8
    expect(spearman([1, 2, 3, 4, 5], [1, 3, 2, 5, 4]).rho).toBeCloseTo(0.8, 12);
    expect(spearman([1, NaN, 3], [1, 2, 3]).n).toBe(2);
  });
});

describe('summaries and CSV', () => {
  it('summarises per configuration with basin fractions; CSV has one line per run', async () => {
    const { summarize, rowsToCsv } = await import('./experiment');
    const base = { trainLoss: 0.1, testLoss: 0.2, gap: 0.1, psi: 3, bound: 1, lambdaMax: 0.4, trainAcc: 0.9, testAcc: 0.8 };
    const rows = [
      { ...base, config: 0, basin: 0 },
      { ...base, config: 0, basin: null, psi: 5 },
      { ...base, config: 1, basin: 1 },
    ];
    const s = summarize(rows, 2);
    expect(s[0].runs).toBe(2);
    expect(s[0].stats.psi.mean).toBe(4);
    expect(s[0].basins).toEqual({ '0': 0.5, none: 0.5 });
    expect(s[1].basins).toEqual({ '1': 1 });
    const csv = rowsToCsv([{ config: 0, start: [1, 2], basin: null, psi: NaN }]);
    expect(csv).toBe('config,start_1,start_2,basin,psi\n0,1,2,,\n');
  });
});

describe('the design in a link', () => {
  it('round-trips designs and refuses bad ones', async () => {
    const { decodeDesign, encodeDesign, normalizeDesign } = await import('./experiment');
    const a = normalizeDesign({ method: 'sgd', lr: 0.3, sweep: { param: 'batch', values: [1, 4, 100] }, repeats: 32 });
    expect(encodeDesign(a)).toBe('sgd,0.3,16,500,32,1,r,0,20000,constant,batch,1;4;100');
    expect(decodeDesign(encodeDesign(a))).toEqual(a);
    const b = normalizeDesign({ method: 'gd', starts: [[1.5, -2], [0.25, 3]], resample: true, schedule: 'cosine', sweep: { param: 'method', values: ['gd', 'perturbed'] } });
    expect(decodeDesign(encodeDesign(b))).toEqual(b);
    const c = normalizeDesign({ method: 'perturbed', testN: 500 });
    expect(decodeDesign(encodeDesign(c))).toEqual(c);
    expect(() => decodeDesign('sgd,1,16')).toThrow(/fields/);
    expect(() => decodeDesign('sgd,x,16,500,64,1,r,0,20000,constant')).toThrow(/lr/);
    expect(() => decodeDesign('sgd,1,16,500,64,1,r,0,20000,constant,batch,0;4')).toThrow(/batch/);
  });
});
