import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { STORY_STEP_COUNT, storyPct, storySig, storyStepText, storySteps } from './storyText';
import { fmtQ, wPair } from './format';
import { gatherStoryFacts, pickRoles, type MinimumFacts, type RunGroupFacts, type StoryFacts } from './storyFacts';
import { datasetFromObject, paperToyMixture } from './data';
import { DEFAULT_PARAMS } from './metrics';
import { cachedTestSample } from './reconstruct';

const M = (o: Partial<MinimumFacts> = {}): MinimumFacts => ({
  w: [2, -1],
  loss: 0.5,
  psi: 4,
  psiScale: 4,
  psiCurvature: 0,
  bound: 0.8,
  boundCurvature: 0.01,
  boundComplexity: 0.29,
  sigmaStar: [0.1, 0.1],
  kappa: [0.3, 0.2],
  lambdaMin: 0.1,
  lambdaMax: 0.5,
  trainAcc: 0.8,
  testAcc: 0.75,
  testLoss: 0.55,
  gap: 0.05,
  oneClassShare: 0.6,
  nearConstant: false,
  realClassifier: true,
  ...o,
});

const F = (low: Partial<MinimumFacts> | null, other: Partial<MinimumFacts> | null, o: Partial<StoryFacts> = {}): StoryFacts => ({
  dataName: 'synthetic',
  n: 100,
  depth: 5,
  gamma: 0.1,
  eps: 0.1,
  delta: 0.05,
  majority: 0.6,
  lossRange: [0.5, 2],
  minimaCount: (low ? 1 : 0) + (other ? 1 : 0),
  low: low ? M(low) : null,
  other: other ? M({ w: [0.5, 0.5], ...other }) : null,
  otherIsReal: true,
  testN: 2000,
  start: low && other ? [1.25, -0.25] : null,
  runs: null,
  runsProgress: null,
  runsError: null,
  experimentsView: false,
  ...o,
});

const text = (f: StoryFacts, n: number) => storyStepText(f, n)!;

describe('story number formats', () => {
  it('uses a true minus sign and fixed decimals', () => {
    expect(storySig(5.726e-5)).toBe('5.73e−5');
    expect(storyPct(0.715)).toBe('71.5%');
  });
});

describe('story steps', () => {
  it('has seven steps and refuses other step numbers', () => {
    const f = F({}, { lambdaMax: 0.3 });
    expect(storySteps(f)).toHaveLength(STORY_STEP_COUNT);
    for (const n of [0, 8, -1, 2.5, NaN, Infinity]) expect(storyStepText(f, n)).toBeNull();
    expect(storyStepText(f, 1)).toContain('synthetic');
  });

  it('step 1 and 2 point at different things', () => {
    const s = storySteps(F({}, { lambdaMax: 0.3 }));
    expect(s[0].targets).toEqual(['marker']);
    expect(s[1].targets).toEqual(['min-low', 'min-other']);
    expect(s[1].view.pinMinima).toBe(true);
    expect(s[0].view.pinMinima).toBe(false);
  });

  it('names the sharper minimum by λmax, both ways', () => {
    const sharpLow = text(F({ lambdaMax: 0.6 }, { lambdaMax: 0.2 }), 2);
    expect(sharpLow).toContain('The lowest minimum (orange) is the sharper one');
    expect(sharpLow).toContain('is 3× that of the flatter minimum');
    expect(sharpLow).toContain('the flatter minimum');
    const flatLow = text(F({ lambdaMax: 0.2 }, { lambdaMax: 0.6 }), 2);
    expect(flatLow).toContain('Here the lowest minimum (orange) is also the flatter one');
    expect(flatLow).toContain('the other minimum (cyan) has a 3× larger λmax');
    expect(flatLow).not.toContain('flatter minimum (cyan');
    const even = text(F({ lambdaMax: 0.3 }, { lambdaMax: 0.31 }), 2);
    expect(even).toContain('about equally sharp');
    expect(even).not.toContain('sharper one');
  });

  it('says "flat along one direction" only where λmin ≪ λmax', () => {
    expect(text(F({}, { lambdaMin: 5.7e-5, lambdaMax: 0.3 }), 2)).toContain('flat along one direction (λmin 5300× below λmax)');
    expect(text(F({}, { lambdaMin: 0.1, lambdaMax: 0.3 }), 2)).not.toContain('flat along one direction');
  });

  it('labels a near-constant predictor and a comparison without a real classifier', () => {
    const t = text(F({}, { lambdaMax: 0.3, nearConstant: true, realClassifier: false, trainAcc: 0.6, oneClassShare: 1 }, { otherIsReal: false }), 2);
    expect(t).toContain('near-constant predictor');
    expect(t).toContain('it puts 100.0% of the points in one class, and its accuracy is the majority rate');
    const t2 = text(F({}, { lambdaMax: 0.3, nearConstant: true, realClassifier: false, trainAcc: 0.63, oneClassShare: 0.8 }, { otherIsReal: false }), 2);
    expect(t2).toContain('near-constant predictor: its accuracy is within 5 points of the majority rate');
    expect(t2).not.toContain('in one class');
    expect(t).toContain('None of the other minima found is a real classifier');
    expect(t).toContain('majority rate');
    const real = text(F({}, { lambdaMax: 0.3 }), 2);
    expect(real).toContain('Both are real classifiers.');
    expect(real).not.toContain('near-constant predictor');
  });

  it('Ψ verdicts: which is lower, agreement with λmax, scale-only or curvature share', () => {
    const scale = text(F({ psi: 4.07, psiScale: 4.07 }, { psi: 2.88, psiScale: 2.88, lambdaMax: 0.3 }), 3);
    expect(scale).toContain('Ψ is lower at the flatter minimum');
    expect(scale).toContain('Ψ and λmax agree');
    expect(scale).toContain('The curvature part is 0 at both minima');
    const curv = text(F({ psi: 3.76, psiScale: 2.07, psiCurvature: 1.69 }, { psi: 3.9, psiScale: 3.9, lambdaMax: 0.3 }), 3);
    expect(curv).toContain('Ψ is lower at the lowest minimum');
    expect(curv).toContain('Ψ and λmax disagree: the sharper minimum has the lower Ψ');
    expect(curv).toContain('the curvature part is 44.9% of Ψ');
    expect(curv).not.toContain('0 at both');
    expect(text(F({ psi: 3 }, { psi: 3.001, lambdaMax: 0.3 }), 3)).toContain('does not separate');
  });

  it('bound verdicts: which is lower and why, agreement with Ψ', () => {
    const byLoss = text(F({ loss: 0.558, bound: 0.839, boundCurvature: 0.009, boundComplexity: 0.271, psi: 4.07 }, { loss: 0.647, bound: 0.891, boundCurvature: 0.006, boundComplexity: 0.238, psi: 2.88, lambdaMax: 0.3 }), 4);
    expect(byLoss).toContain('The bound is lower at the lowest minimum, by 0.052');
    expect(byLoss).toContain('its lower training loss (by 0.08900) outweighs its larger curvature + complexity (by 0.03600)');
    expect(byLoss).toContain('bound | 0.8390 | 0.8910');
    expect(byLoss).toContain('Ψ and the bound disagree');
    const byTerms = text(F({ loss: 0.5, bound: 0.9, boundCurvature: 0.1, boundComplexity: 0.3, psi: 4 }, { loss: 0.52, bound: 0.8, boundCurvature: 0.01, boundComplexity: 0.27, psi: 3, lambdaMax: 0.3 }), 4);
    expect(byTerms).toContain('The bound is lower at the flatter minimum');
    expect(byTerms).toContain('its smaller curvature + complexity (by 0.1200) outweighs its higher training loss (by 0.02000)');
    const both = text(F({ loss: 0.427, bound: 0.731, boundCurvature: 0.009, boundComplexity: 0.296 }, { loss: 0.491, bound: 0.804, boundCurvature: 0.008, boundComplexity: 0.305, lambdaMax: 0.3 }), 4);
    expect(both).toContain('it has both the lower training loss (by 0.06400) and the smaller curvature + complexity (by 0.008000)');
    const tie = text(F({ loss: 0.1291, bound: 0.465, boundCurvature: 0.008, boundComplexity: 0.329 }, { loss: 0.1293, bound: 0.459, boundCurvature: 0.008, boundComplexity: 0.322, lambdaMax: 0.3 }), 4);
    expect(tie).toContain('the training losses are equal to three decimals, and its curvature + complexity is smaller by 0.007');
    expect(tie).not.toContain('by 0.000');
    expect(byTerms).toContain('Ψ and the bound prefer the same minimum');
  });

  it('σ* verdicts: capped by κ, which tolerates more noise', () => {
    const t = text(F({ sigmaStar: [0.104, 0.099], kappa: [0.366, 0.257] }, { sigmaStar: [0.148, 0.148], kappa: [0.148, 0.148], lambdaMax: 0.3 }), 5);
    expect(t).toContain('At the flatter minimum σ* equals κ');
    expect(t).toContain('σ* | (0.104, 0.0990) | (0.148, 0.148)');
    expect(t).toContain('The flatter minimum tolerates the wider noise');
    expect(t).not.toContain('At the lowest minimum σ* equals κ');
    const t2 = text(F({ sigmaStar: [0.3, 0.2], kappa: [0.3, 0.4] }, { sigmaStar: [0.1, 0.1], kappa: [0.2, 0.2], lambdaMax: 0.3 }), 5);
    expect(t2).toContain('σ*₁ equals κ₁');
    expect(t2).toContain('The lowest minimum tolerates the wider noise');
    expect(t2).toContain('it is the sharper of the two');
  });

  it('test verdicts: which tests better, whether Ψ predicted the gap, what the bound preferred', () => {
    const sharpWins = text(F({ testAcc: 0.715, testLoss: 0.534, gap: -0.024, psi: 4.07, bound: 0.839 }, { testAcc: 0.668, testLoss: 0.636, gap: -0.011, psi: 2.88, bound: 0.891, lambdaMax: 0.3 }), 6);
    expect(sharpWins).toContain('On 2000 fresh points the sharper minimum tests better');
    expect(sharpWins).toContain('lower test loss and higher test accuracy');
    expect(sharpWins).toContain('test acc | 71.5% | 66.8%');
    expect(sharpWins).toContain('Ψ predicted the smaller gap at the flatter minimum, but it is smaller at the lowest minimum');
    expect(sharpWins).toContain('prefers the lowest minimum, which does have the lower test loss');
    expect(sharpWins).toContain('gap | −0.02400 | −0.01100');
    const flatWins = text(F({ testAcc: 0.7, testLoss: 0.6, gap: 0.1, psi: 4, bound: 0.8 }, { testAcc: 0.69, testLoss: 0.55, gap: 0.03, psi: 3, bound: 0.85, lambdaMax: 0.3 }), 6);
    expect(flatWins).toContain('the flatter minimum tests better');
    expect(flatWins).toContain('although its test accuracy is lower');
    expect(flatWins).toContain('Ψ predicted the smaller gap at the flatter minimum, and it is smaller there');
    expect(flatWins).toContain('which does not have the lower test loss');
    const none = text(F({}, { lambdaMax: 0.3 }, { testN: 0 }), 6);
    expect(none).toContain('no fresh sample');
  });

  it('training step: prompt, progress, error and both outcomes of the basin verdict', () => {
    const base = F({ testLoss: 0.53 }, { lambdaMax: 0.3 });
    expect(text(base, 7)).toContain('Press “Run 32 + 32 seeds”');
    expect(text({ ...base, runsProgress: 0.25 }, 7)).toContain('Running: 25.0% done');
    expect(text({ ...base, runsError: 'GPU lost.' }, 7)).toContain('The runs failed: GPU lost.');
    const g = (o: Partial<RunGroupFacts>): RunGroupFacts => ({ method: 'gd', runs: 32, atLow: 1, atOther: 0, elsewhere: 0, meanTestLoss: 0.534, meanTrainLoss: 0.558, ...o });
    const same = text({ ...base, runs: { start: [1.25, -0.25], steps: 300, lr: 1, plain: g({}), perturbed: g({ method: 'perturbed', meanTestLoss: 0.536 }), source: 'single-runs' } }, 7);
    expect(same).toContain('Perturbation did not change how often training ends at the flatter minimum');
    expect(same).toContain('plain ×32 | 100.0% | 0.0% | 0.0% | 0.534');
    expect(same).toContain('higher by 0.002');
    const moved = text({ ...base, runs: { start: [1.25, -0.25], steps: 300, lr: 1, plain: g({}), perturbed: g({ method: 'perturbed', atLow: 0.5, atOther: 0.5, meanTestLoss: 0.5 }), source: 'single-runs' } }, 7);
    expect(moved).toContain('Perturbation sent 50.0 points more of the runs to the flatter minimum');
    expect(moved).toContain('perturbed ×32 | 50.0% | 50.0% | 0.0% | 0.500');
    expect(moved).toContain('lower by 0.034');
    expect(moved).not.toContain('Experiments view');
    expect(text({ ...base, experimentsView: true }, 7)).toContain('Experiments view');
  });

  it('one minimum or none: no comparison is claimed', () => {
    const one = F({}, null);
    for (let n = 2; n <= 7; n++) {
      const t = text(one, n);
      expect(t).not.toMatch(/tests better|is lower at|sharper one/);
    }
    expect(text(one, 2)).toContain('This window holds one local minimum');
    expect(text(F(null, null), 2)).toContain('no local minimum');
  });
});

describe('story roles', () => {
  it('picks the lowest loss and the flattest real classifier, never by position', () => {
    const ms = [
      { id: 'a', loss: 0.6, lambdaMax: 0.1, real: false },
      { id: 'b', loss: 0.5, lambdaMax: 0.5, real: true },
      { id: 'c', loss: 0.7, lambdaMax: 0.2, real: true },
      { id: 'd', loss: 0.65, lambdaMax: 0.3, real: true },
    ];
    const r = pickRoles(ms, (m) => m.real);
    expect(r.low?.id).toBe('b');
    expect(r.other?.id).toBe('c');
    expect(r.otherIsReal).toBe(true);
    const r2 = pickRoles(ms.map((m) => ({ ...m, real: m.id === 'b' })), (m) => m.real);
    expect(r2.other?.id).toBe('a');
    expect(r2.otherIsReal).toBe(false);
  });

  it('on the paper-toy data: the flat minimum is the near-constant predictor, the sharp one tests better', () => {
    const raw = datasetFromObject(JSON.parse(readFileSync('public/data/paper-toy.json', 'utf8')), 'paper-toy');
    const d = { ...raw, mixture: paperToyMixture(raw) };
    const f = gatherStoryFacts({ sample: d, dataName: 'paper-toy', params: DEFAULT_PARAMS, minima: [{ w: [0.4773430912694241, 0.4773430912711841] }, { w: [2.663435563457388, -1.5684443526024556] }], test: cachedTestSample(d, 2000, 7), lossRange: null });
    expect(f.low!.w[0]).toBeCloseTo(2.6634, 3);
    expect(f.other!.nearConstant).toBe(true);
    expect(f.otherIsReal).toBe(false);
    expect(f.low!.psiCurvature).toBe(0);
    expect(f.majority).toBe(0.65);
    const t6 = storyStepText(f, 6)!;
    expect(t6).toContain('the sharper minimum tests better');
    expect(t6).toContain(storyPct(f.low!.testAcc));
    expect(storyStepText(f, 3)).toContain(`Ψ | ${fmtQ('value', f.low!.psi)} | ${fmtQ('value', f.other!.psi)}`);
    // The story writes each number as the inspector, pin table and labels do (core/format: one
    // precision rule per quantity): four significant digits, weights to three decimals.
    const t2 = storyStepText(f, 2)!;
    expect(t2).toContain(wPair(f.low!.w));
    expect(t2).toContain(fmtQ('value', f.low!.loss));
    expect(fmtQ('value', f.low!.loss)).toMatch(/^\d\.\d{4}$|^0\.\d{4}/);
  });
});
