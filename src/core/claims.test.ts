import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { datasetFromObject, freshSample, withPaperToyMixture } from './data';
import { CLAIM_TEST_SEED, CLAIM_TEST_SIZE, evaluateClaim, landscapeFacts, minimumOf, needsTestSample, parseClaim, type LandscapeFacts } from './claims';
import { lossAt, lossForward } from './jets';
import { accuracy } from './reconstruct';

const data = withPaperToyMixture(datasetFromObject(JSON.parse(readFileSync('public/data/paper-toy.json', 'utf8'))));
const params = { depth: 5, gamma: 0.5, eps: 0.1, delta: 0.05 };
const facts = landscapeFacts(data, data.mixture!, params, { w1: [-1.5, 4.5], w2: [-3.5, 2.5], res: 64 });

describe('lossForward', () => {
  it('is the jets loss, and its per-point losses average to it', () => {
    for (const [a, b] of [[2.66, -1.57], [0.48, 0.48], [-7, 12], [40, -40]]) {
      const per = new Float64Array(data.n);
      const v = lossForward(data, a, b, 5, per);
      expect(Math.abs(v - lossAt(data, a, b, 5))).toBeLessThan(1e-12 * Math.max(1, v));
      expect(per.reduce((s, x) => s + x, 0) / data.n).toBeCloseTo(v, 12);
    }
    expect(Math.abs(lossForward(data, 1, 2, 3) - lossAt(data, 1, 2, 3))).toBeLessThan(1e-12);
  });
});

describe('parseClaim', () => {
  it('parses arithmetic, functions, roles and comparisons', () => {
    for (const s of ['lambdaMax(global) / lambdaMax(local) >= 3', 'abs(bound(global) - bound(local)) <= 0.1', 'trainAcc(local) >= majority + 0.05', '-psi(sharp) < -1e-3 * (2 + count)', 'max(gap(lowPsi), 0) == min(1, n)', 'gapz(highPsi, lowPsi) >= 3']) {
      expect(() => parseClaim(s), s).not.toThrow();
    }
  });
  it('refuses unknown names, roles, missing comparisons and trailing tokens with a message', () => {
    expect(() => parseClaim('foo(global) > 1')).toThrow(/unknown name "foo"/);
    expect(() => parseClaim('psi(best) > 1')).toThrow(/unknown minimum "best"/);
    expect(() => parseClaim('psi(global) + 1')).toThrow(/ends early|comparison/);
    expect(() => parseClaim('psi(global) > 1 2')).toThrow(/unexpected "2"/);
    expect(() => parseClaim('psi(global) > 1 $')).toThrow(/unexpected "\$"/);
  });
  it('knows which claims need the fresh test sample', () => {
    expect(needsTestSample(parseClaim('psi(global) > 1'))).toBe(false);
    expect(needsTestSample(parseClaim('gap(global) > gap(local)'))).toBe(true);
    expect(needsTestSample(parseClaim('abs(testAcc(global)) > 0'))).toBe(true);
  });
});

describe('evaluateClaim on paper-toy at γ = 0.5, ε = 0.1', () => {
  const g = facts.minima[0], l = facts.minima[1];
  it('finds the two minima; roles pick them by loss, λmax and Ψ', () => {
    expect(facts.minima.length).toBe(2);
    expect(minimumOf(facts, 'global')).toBe(g);
    expect(minimumOf(facts, 'local')).toBe(l);
    expect(minimumOf(facts, 'sharp')).toBe(g.lambdaMax > l.lambdaMax ? g : l);
    expect(minimumOf(facts, 'lowPsi')).toBe(g.psi < l.psi ? g : l);
  });
  it('computes both sides from the minima', () => {
    const r = evaluateClaim(facts, 'lambdaMax(global) / lambdaMax(local) >= 3');
    expect(r.lhs).toBe(g.lambdaMax / l.lambdaMax);
    expect(r.rhs).toBe(3);
    expect(r.holds).toBe(r.lhs >= 3);
    const c = evaluateClaim(facts, 'psiCurv(global) / psi(global) >= 0.2');
    expect(c.lhs).toBeCloseTo(g.psiCurvature / g.psi, 12);
    expect(evaluateClaim(facts, 'abs(bound(global) - bound(local)) <= 0.1').lhs).toBe(Math.abs(g.bound - l.bound));
    expect(evaluateClaim(facts, 'trainAcc(local) >= majority + 0.05')).toMatchObject({ lhs: l.trainAcc, rhs: facts.majority + 0.05, holds: false });
  });
  it('measures the gap on a fresh 20 000-point sample of the mixture', () => {
    const ts = freshSample(data.mixture!, CLAIM_TEST_SIZE, CLAIM_TEST_SEED);
    const r = evaluateClaim(facts, 'gap(global) > gap(local)');
    expect(r.lhs).toBeCloseTo(lossAt(ts, g.w[0], g.w[1], 5) - g.loss, 12);
    expect(r.rhs).toBeCloseTo(lossAt(ts, l.w[0], l.w[1], 5) - l.loss, 12);
    expect(evaluateClaim(facts, 'testAcc(global) > 0').lhs).toBe(accuracy(ts, g.w[0], g.w[1], 5));
    const z = evaluateClaim(facts, 'gapz(global, local) > 0');
    expect(Math.sign(z.lhs)).toBe(Math.sign(r.lhs - r.rhs));
    expect(evaluateClaim(facts, 'gapz(local, global) > 0').lhs).toBeCloseTo(-z.lhs, 9);
  });
  it('a claim that cannot be evaluated does not hold and says why', () => {
    const one: LandscapeFacts = { ...facts, minima: [g] };
    expect(evaluateClaim(one, 'psi(local) > 0')).toMatchObject({ holds: false, error: expect.stringMatching(/no "local" minimum/) });
    const noMix: LandscapeFacts = { ...facts, mixture: null, test: undefined, testSample: undefined };
    expect(evaluateClaim(noMix, 'gap(global) > 0')).toMatchObject({ holds: false, error: expect.stringMatching(/no known mixture/) });
    expect(evaluateClaim(facts, 'nope > 1').error).toMatch(/unknown name/);
  });
});
