import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { datasetFromObject, generateDataset, withPaperToyMixture, DEFAULT_GENERATOR } from './data';
import { lossAt, lossDerivatives, lossForward } from './jets';
import { testSampleOf } from './reconstruct';
import { pointReport, eigenSym2 } from './metrics';
import { boxExit, canonicalSign, checkCutOptions, checkCutPoints, checkPoint, cutRows, eigenDirections, fillTestLoss, hessianDirections, lineCut, lineCutPoints, segmentCut, unitDirection } from './cuts';

const paperToy = withPaperToyMixture(datasetFromObject(JSON.parse(readFileSync('test/fixtures/paper-toy.json', 'utf8')), 'paper-toy'));
const SHARP: [number, number] = [2.6634, -1.5684];
const FLAT: [number, number] = [0.4773, 0.4773];
/** SPEC §10: cut values to 1e-4 relative (float64 against float64 is far tighter; we ask 1e-12). */
const REL = 1e-12;

function close(a: number, b: number, rel = REL) {
  expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(rel * Math.abs(b) + 1e-15);
}

describe('lossForward (what the cuts evaluate) is lossAt', () => {
  const gen = generateDataset({ ...DEFAULT_GENERATOR, seed: 5 });
  for (const depth of [1, 3, 5, 8])
    it(`to 1e-12 relative at depth ${depth} over a spread of w (incl. saturating |w|)`, () => {
      for (const w of [SHARP, FLAT, [0, 0], [-4, 3.5], [12, -9], [-40, 40], [1e-9, -2]] as [number, number][]) {
        close(lossForward(paperToy, w[0], w[1], depth), lossAt(paperToy, w[0], w[1], depth));
        close(lossForward(gen, w[0], w[1], depth), lossAt(gen, w[0], w[1], depth));
      }
    });
});

describe('cuts match core point evaluations (SPEC §9, §10)', () => {
  const test = testSampleOf(paperToy, 500, 7)!;
  it('a cut along vmax through the sharp minimum: every point is lossAt at through + t·d, t evenly spaced', () => {
    const { vmax } = hessianDirections(paperToy, SHARP[0], SHARP[1], 5);
    const c = lineCut(paperToy, SHARP, vmax, 1.2, 101, 5, test);
    expect(c.k).toBe(101);
    expect(c.t[0]).toBeCloseTo(-1.2, 15);
    expect(c.t[100]).toBeCloseTo(1.2, 15);
    close(c.t[50], 0);
    for (let i = 0; i < c.k; i++) {
      close(c.t[i], -1.2 + (2.4 * i) / 100);
      close(c.w1[i], SHARP[0] + c.t[i] * vmax[0]);
      close(c.w2[i], SHARP[1] + c.t[i] * vmax[1]);
      close(c.loss[i], lossAt(paperToy, c.w1[i], c.w2[i], 5));
      close(c.testLoss![i], lossAt(test, c.w1[i], c.w2[i], 5));
    }
    // The centre is the point itself: the inspector's loss there.
    close(c.loss[50], pointReport(paperToy, SHARP[0], SHARP[1]).loss);
  });
  it('the segment between the minima: t = u·‖b − a‖, w = a + u(b − a), ends at the two points', () => {
    const c = segmentCut(paperToy, SHARP, FLAT, 41, 3, test);
    const len = Math.hypot(FLAT[0] - SHARP[0], FLAT[1] - SHARP[1]);
    for (let i = 0; i < c.k; i++) {
      const u = i / 40;
      close(c.t[i], u * len);
      close(c.w1[i], SHARP[0] + u * (FLAT[0] - SHARP[0]));
      close(c.loss[i], lossAt(paperToy, c.w1[i], c.w2[i], 3));
      close(c.testLoss![i], lossAt(test, c.w1[i], c.w2[i], 3));
    }
    expect([c.w1[40], c.w2[40]]).toEqual([FLAT[0], FLAT[1]]);
    close(c.loss[0], lossAt(paperToy, SHARP[0], SHARP[1], 3));
  });
  it('the sharp minimum curves up more along vmax than along vmin, and more than the flat one does', () => {
    // A second difference at t = ±0.3 along each eigenvector tracks its eigenvalue.
    const rise = (w: [number, number], d: [number, number]) => {
      const c = lineCut(paperToy, w, d, 0.3, 3, 5);
      return c.loss[0] + c.loss[2] - 2 * c.loss[1];
    };
    const s = hessianDirections(paperToy, SHARP[0], SHARP[1], 5);
    const f = hessianDirections(paperToy, FLAT[0], FLAT[1], 5);
    expect(rise(SHARP, s.vmax)).toBeGreaterThan(rise(SHARP, s.vmin));
    expect(rise(SHARP, s.vmax)).toBeGreaterThan(rise(FLAT, f.vmax));
    // … and the second difference agrees with λ·t² to the cubic term's size.
    expect(rise(SHARP, s.vmax) / 0.09).toBeGreaterThan(0.5 * s.lambda[1]);
    expect(rise(SHARP, s.vmax) / 0.09).toBeLessThan(2 * s.lambda[1]);
  });
  it('test loss can be filled in slices with the same values', () => {
    const whole = lineCut(paperToy, FLAT, [1, 2], 2, 31, 5, test);
    const sliced = lineCutPoints(paperToy, FLAT, unitDirection([1, 2]), 2, 31, 5, test);
    expect(Number.isNaN(sliced.testLoss![0])).toBe(true);
    for (let i = 0; i < 31; i += 7) fillTestLoss(sliced, test, 5, i, i + 7);
    // lineCut was handed [1, 2] un-normalised on purpose: the rows differ unless normalised.
    const unit = lineCut(paperToy, FLAT, unitDirection([1, 2]), 2, 31, 5, test);
    expect(Array.from(sliced.testLoss!)).toEqual(Array.from(unit.testLoss!));
    expect(Array.from(sliced.loss)).toEqual(Array.from(unit.loss));
    expect(whole.w1[0]).not.toBe(unit.w1[0]);
  });
  it('rows carry testLoss only with a test sample', () => {
    const rows = cutRows(lineCut(paperToy, FLAT, [1, 0], 1, 3, 5));
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual({ t: 0, w: [FLAT[0], FLAT[1]], loss: lossAt(paperToy, FLAT[0], FLAT[1], 5) });
    expect('testLoss' in rows[0]).toBe(false);
    expect(cutRows(lineCut(paperToy, FLAT, [1, 0], 1, 3, 5, test))[0].testLoss).toBeGreaterThan(0);
  });
});

describe('directions and boxes', () => {
  it('Hessian directions are the unit eigenvectors of lossDerivatives’ Hessian, sign canonical', () => {
    for (const w of [SHARP, FLAT, [-1, 2]] as [number, number][]) {
      const h = lossDerivatives(paperToy, w[0], w[1], 5, 2).hess;
      const e = eigenSym2(h[0], h[1], h[2]);
      const dirs = hessianDirections(paperToy, w[0], w[1], 5);
      expect(dirs.lambda).toEqual(e.values);
      for (const [v, l] of [
        [dirs.vmin, e.values[0]],
        [dirs.vmax, e.values[1]],
      ] as [[number, number], number][]) {
        close(Math.hypot(v[0], v[1]), 1);
        // H v = λ v
        expect(Math.abs(h[0] * v[0] + h[1] * v[1] - l * v[0])).toBeLessThan(1e-12);
        expect(Math.abs(h[1] * v[0] + h[2] * v[1] - l * v[1])).toBeLessThan(1e-12);
        expect(v[0] > 0 || (v[0] === 0 && v[1] >= 0)).toBe(true);
      }
    }
    expect(canonicalSign([-0.6, 0.8])).toEqual([0.6, -0.8]);
    expect(canonicalSign([0, -1])).toEqual([-0, 1]);
  });
  it('the point report’s eigen-decomposition gives the same directions (what the chart uses)', () => {
    for (const w of [SHARP, FLAT, [-1, 2]] as [number, number][]) {
      const a = eigenDirections(pointReport(paperToy, w[0], w[1]).eigen), b = hessianDirections(paperToy, w[0], w[1], 5);
      for (const k of ['vmin', 'vmax'] as const) for (const i of [0, 1]) expect(Math.abs(a[k][i] - b[k][i])).toBeLessThan(1e-12);
      for (const i of [0, 1]) close(a.lambda[i], b.lambda[i], 1e-12);
    }
  });
  it('boxExit is where the ray leaves the box', () => {
    expect(boxExit([0.3, 0.1], [1, 0])).toBe(0.3);
    expect(boxExit([0.3, 0.1], [0, -1])).toBe(0.1);
    const d = unitDirection([1, 1]);
    close(boxExit([0.3, 0.1], d), 0.1 * Math.SQRT2);
  });
  it('refuses bad arguments with a message naming them', () => {
    expect(() => unitDirection([0, 0])).toThrow(/direction/);
    expect(() => unitDirection([1, NaN])).toThrow(/direction/);
    expect(() => lineCut(paperToy, FLAT, [1, 0], 0, 11, 5)).toThrow(/halfWidth/);
    expect(() => lineCut(paperToy, FLAT, [1, 0], 1, 1, 5)).toThrow(/k must/);
    expect(() => segmentCut(paperToy, FLAT, SHARP, 2.5, 5)).toThrow(/k must/);
  });
});

describe('the scripting API’s argument checks', () => {
  it('fills defaults and normalises a direction', () => {
    expect(checkCutOptions(undefined, [1, 2])).toEqual({ through: [1, 2], direction: 'vmax', halfWidth: 1, k: 101 });
    expect(checkCutOptions({ through: [0, 0], direction: [3, 4], halfWidth: 0.5, k: 11 }, [1, 2])).toEqual({ through: [0, 0], direction: [0.6, 0.8], halfWidth: 0.5, k: 11 });
    expect(checkCutOptions({ direction: 'vmin' }, [1, 2]).direction).toBe('vmin');
  });
  it('names the bad argument', () => {
    const bad: [unknown, RegExp][] = [
      [null, /cut\(options\)/],
      [[1, 2], /cut\(options\)/],
      [{ through: [1] }, /^through/],
      [{ through: [1, NaN] }, /^through/],
      [{ through: ['1', 2] }, /^through/],
      [{ through: [80, 0] }, /^through must lie/],
      [{ direction: 'up' }, /^direction/],
      [{ direction: [0, 0] }, /^direction/],
      [{ direction: [1, Infinity] }, /^direction/],
      [{ halfWidth: -1 }, /^halfWidth/],
      [{ halfWidth: '1' }, /^halfWidth/],
      [{ k: 1 }, /^k must/],
      [{ k: 10.5 }, /^k must/],
      [{ k: 1e6 }, /^k must/],
      [{ K: 3 }, /unknown option "K"/],
    ];
    for (const [o, re] of bad) expect(() => checkCutOptions(o, [0, 0]), JSON.stringify(o)).toThrow(re);
    expect(() => checkPoint(undefined, 'a')).toThrow(/^a must be a point/);
    expect(() => checkCutPoints('5')).toThrow(/^k must/);
  });
});
