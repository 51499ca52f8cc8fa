/**
 * The guided story's words, built from the live facts of the view (core/storyFacts), never from
 * constants: every number is a fact's value, every verdict ("the sharp minimum tests better", "Ψ
 * predicted the smaller gap") is decided here from the numbers, and a sentence whose claim the
 * numbers do not support is replaced by the one they do. Pure: no DOM, no store.
 *
 * Each step also names what it points at (`targets`, highlighted on the canvas and kept clear of
 * the card), the panel it refers to, and the view it sets (field, bound plane, marker, pins).
 */
import type { MinimumFacts, RunGroupFacts, StoryFacts } from './storyFacts';
import { fmtQ, pairQ, wPair } from './format';

export type StoryTarget = 'min-low' | 'min-other' | 'marker' | 'bound-plane' | 'sigma-box' | 'start' | 'endpoints';
export type StoryPanel = 'inspector' | 'psi-terms' | 'bound-parts' | 'sigma' | 'pins' | 'decision' | 'training' | null;
export type StoryStepId = 'landscape' | 'minima' | 'psi' | 'bound' | 'sigma' | 'test' | 'training';

/** The view a step sets; `marker` names a role whose position the UI looks up. */
export interface StoryView {
  field: 'loss' | 'psi' | 'bound';
  showBoundPlane: boolean;
  marker: 'low' | 'other' | 'start' | null;
  /** Pin the two compared minima (true) or clear the pins (false). */
  pinMinima: boolean;
}

/** A small table of the step's numbers: column heads, then labelled rows of cells. */
export interface StoryTable {
  head: string[];
  rows: { label: string; cells: string[] }[];
}

export interface StoryStepText {
  id: StoryStepId;
  title: string;
  /** What the numbers show (the verdicts), always on the card. */
  lead: string[];
  /** The numbers the lead is decided from. */
  table?: StoryTable;
  /** Definitions and background, behind a "more" toggle on the card. */
  notes: string[];
  targets: StoryTarget[];
  panel: StoryPanel;
  view: StoryView;
  /** Step 7 offers to run the seeds. */
  action?: 'runs';
}

/** Number of steps of the story (the same on every preset). */
export const STORY_STEP_COUNT = 7;
/** Seeds per training method in step 7. */
export const STORY_RUNS_PER_METHOD = 32;
/** Steps and learning rate of every step-7 run. */
export const STORY_RUN_STEPS = 300;
export const STORY_RUN_LR = 1;
/** "Flat along one direction": λmin below this fraction of λmax. */
export const FLAT_DIRECTION_RATIO = 0.01;

const MINUS = '\u2212';

/** `v` with `sig` significant digits (exponent notation below 1e-3), true minus sign. */
export function storySig(v: number, sig = 3): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  const s = a !== 0 && a < 1e-3 ? v.toExponential(sig - 1).replace(/\.?0+e/, 'e').replace('e-', 'e−') : Number(v.toPrecision(sig)).toString();
  return s.replace(/^-/, MINUS);
}

/** A fraction as a percentage with one decimal. */
export function storyPct(v: number): string {
  return Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '—';
}

const wText = (w: readonly [number, number]) => wPair(w);
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** Percentage points between two fractions, one decimal (the number; the sentence says "points"). */
const pp = (v: number) => (100 * Math.abs(v)).toFixed(1);

/**
 * The words of the story: a sentence template (its English text, `{{name}}` for a live value) →
 * the sentence in the reader's language. The UI passes src/i18n's catalogue; the default is
 * English. Every number and every verdict is decided here, before the words are chosen, so each
 * language says the same thing.
 */
export type StoryTranslate = (template: string, vars?: Record<string, string | number>) => string;

/** The English words: the template itself with its values filled in. */
export const englishStory: StoryTranslate = (s, vars) => (vars ? s.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s);

/** The words in use during one synchronous `storySteps` call. */
let tr: StoryTranslate = englishStory;

/** Sentences joined by a space, except after full-width punctuation (Chinese runs on). */
const joinS = (parts: (string | null | undefined | false)[]) =>
  parts
    .filter((p): p is string => !!p)
    .join(' ')
    .replace(/([。；：！？）])\s+/g, '$1');

/** How the story names the two minima. */
export interface Names {
  low: string;
  other: string;
  /** Table heads: "lowest", "flatter" / "other". */
  lowShort: string;
  otherShort: string;
}

/** "the lowest minimum" and "the flatter minimum" (or "the other minimum" when it is not flatter). */
export function minimaNames(f: StoryFacts): Names {
  const flatter = f.low && f.other && f.other.lambdaMax < f.low.lambdaMax;
  return { low: tr('the lowest minimum'), other: flatter ? tr('the flatter minimum') : tr('the other minimum'), lowShort: tr('lowest'), otherShort: flatter ? tr('flatter') : tr('other') };
}

/** "sharper" / "flatter" for a role, by λmax (the larger λmax is the sharper). */
function sharpWord(f: StoryFacts, role: 'low' | 'other'): string {
  const a = f.low!, b = f.other!;
  const isLowSharper = a.lambdaMax >= b.lambdaMax;
  return (role === 'low') === isLowSharper ? tr('sharper') : tr('flatter');
}

function roleOf(f: StoryFacts, pick: (m: MinimumFacts) => number): 'low' | 'other' {
  return pick(f.low!) <= pick(f.other!) ? 'low' : 'other';
}

const VIEW = (field: StoryView['field'], showBoundPlane: boolean, marker: StoryView['marker'], pinMinima: boolean): StoryView => ({ field, showBoundPlane, marker, pinMinima });

/** A two-column table of the compared minima (lowest first), or one column with a single minimum. */
function minimaTable(f: StoryFacts, names: Names, rows: [string, (m: MinimumFacts) => string][]): StoryTable {
  const ms = [f.low, f.other].filter((m): m is MinimumFacts => !!m);
  const head = f.other ? [names.lowShort, names.otherShort] : [tr('minimum')];
  return { head, rows: rows.map(([label, v]) => ({ label, cells: ms.map(v) })) };
}

function landscapeStep(f: StoryFacts): StoryStepText {
  const vars = { depth: f.depth, n: f.n, data: f.dataName };
  const first = f.lossRange
    ? tr('Each point of this surface is one network — depth {{depth}}, every layer sharing the two weights w₁, w₂ — fit to the {{n}} points of “{{data}}”. Its height is the training loss L̂(w), here from {{lo}} to {{hi}}.', { ...vars, lo: fmtQ('value', f.lossRange[0]), hi: fmtQ('value', f.lossRange[1]) })
    : tr('Each point of this surface is one network — depth {{depth}}, every layer sharing the two weights w₁, w₂ — fit to the {{n}} points of “{{data}}”. Its height is the training loss L̂(w).', vars);
  const count = f.minimaCount === 0 ? tr('No local minimum lies inside this window.') : f.minimaCount === 1 ? tr('One local minimum lies inside this window.') : tr('{{count}} local minima lie inside this window.', { count: f.minimaCount });
  return {
    id: 'landscape',
    title: tr('A loss landscape you can hold'),
    lead: [first, joinS([tr('The ball is the marker: drag it to inspect a network, drag the background to orbit.'), count])],
    notes: [],
    targets: ['marker'],
    panel: 'inspector',
    view: VIEW('loss', false, f.start ? 'start' : f.low ? 'low' : null, false),
  };
}

function classifierSentences(f: StoryFacts, names: Names): string[] {
  const out: string[] = [];
  for (const [m, name] of [[f.low!, names.low], [f.other!, names.other]] as const) {
    if (!m.nearConstant) continue;
    const oneClass = m.oneClassShare >= 0.97;
    const atMajority = Math.abs(m.trainAcc - f.majority) < 0.005;
    const vars = { Name: cap(name), pct: storyPct(m.oneClassShare) };
    out.push(
      oneClass
        ? atMajority
          ? tr('{{Name}} is a near-constant predictor: it puts {{pct}} of the points in one class, and its accuracy is the majority rate.', vars)
          : tr('{{Name}} is a near-constant predictor: it puts {{pct}} of the points in one class, and its accuracy is within 5 points of the majority rate.', vars)
        : atMajority
          ? tr('{{Name}} is a near-constant predictor: its accuracy is the majority rate.', vars)
          : tr('{{Name}} is a near-constant predictor: its accuracy is within 5 points of the majority rate.', vars),
    );
  }
  if (!f.otherIsReal && !f.other!.nearConstant) out.push(tr('None of the other minima found is a real classifier, so the story compares the flattest of them.'));
  else if (f.otherIsReal && f.low!.realClassifier) out.push(tr('Both are real classifiers.'));
  return out;
}

function minimaStep(f: StoryFacts, names: Names): StoryStepText {
  const base = { id: 'minima' as const, panel: 'pins' as const };
  if (!f.low) {
    return { ...base, title: tr('No minimum in this window'), lead: [tr('The minima finder found no local minimum of L̂ inside this window, so there is nothing to compare. Widen the grid range or load another preset.')], notes: [], targets: [], view: VIEW('loss', false, null, false) };
  }
  const L = f.low;
  const table = minimaTable(f, names, [
    ['w', (m) => wText(m.w)],
    [tr('train loss'), (m) => fmtQ('value', m.loss)],
    [tr('train acc'), (m) => storyPct(m.trainAcc)],
    ['λmax', (m) => fmtQ('value', m.lambdaMax)],
    ['λmin', (m) => fmtQ('value', m.lambdaMin)],
  ]);
  const notes = [
    joinS([
      tr('The majority rate — what always predicting the commoner label scores — is {{pct}}. A minimum whose train accuracy is less than 5 points above it is near-constant: no better than that guess.', { pct: storyPct(f.majority) }),
      f.other && !f.otherIsReal && tr('None of the other minima found is a real classifier, so the story compares the flattest of them.'),
    ]),
  ];
  if (!f.other) {
    return { ...base, title: tr('One minimum'), lead: [tr('This window holds one local minimum, so there is no sharp-versus-flat comparison; the next steps describe it alone. Widen the grid range or load another preset to compare two.')], table, notes, targets: ['min-low'], view: VIEW('loss', false, 'low', true) };
  }
  const O = f.other;
  const r = L.lambdaMax / O.lambdaMax;
  const lead: string[] = [
    Math.abs(Math.log(r)) < Math.log(1.05)
      ? tr('The two minima are about equally sharp: their λmax (largest curvature) differ by less than 5%.')
      : r >= 1
        ? tr('The lowest minimum (orange) is the sharper one: its λmax (largest curvature) is {{ratio}}× that of {{other}} (cyan).', { ratio: storySig(r, 2), other: names.other })
        : tr('Here the lowest minimum (orange) is also the flatter one: {{other}} (cyan) has a {{ratio}}× larger λmax.', { ratio: storySig(1 / r, 2), other: names.other }),
  ];
  for (const [m, name] of [[L, names.low], [O, names.other]] as const) {
    if (m.lambdaMin < FLAT_DIRECTION_RATIO * m.lambdaMax) lead.push(tr('At {{name}} the valley is flat along one direction (λmin {{ratio}}× below λmax).', { name, ratio: storySig(m.lambdaMax / m.lambdaMin, 2) }));
  }
  lead.push(...classifierSentences(f, names));
  return { ...base, title: tr('Two minima, compared'), lead: [joinS(lead)], table, notes, targets: ['min-low', 'min-other'], view: VIEW('loss', false, 'low', true) };
}

function psiStep(f: StoryFacts, names: Names): StoryStepText {
  const notes = [tr('Ψ(w) = Σᵢ log(τᵢ/σ°ᵢ) splits into a scale part Σᵢ log(1 + |wᵢ|/κᵢ) and a curvature part Σᵢ max(0, log(κᵢ√sᵢ)); the curvature part appears only where (Hᵢᵢ + ρ√2·κᵢ)·κᵢ² > 1.')];
  const step = { id: 'psi' as const, title: tr('Colour by Ψ: the PAC-Bayes sharpness'), panel: 'psi-terms' as const, notes };
  if (!f.low) return { ...step, lead: [tr('Lower Ψ predicts a smaller generalization gap. No minimum was found in this window to read it at.')], targets: [], view: VIEW('psi', false, null, false) };
  const L = f.low;
  const table = minimaTable(f, names, [
    ['Ψ', (m) => fmtQ('value', m.psi)],
    [tr('scale part'), (m) => fmtQ('value', m.psiScale)],
    [tr('curvature part'), (m) => fmtQ('value', m.psiCurvature)],
  ]);
  const scaleOnly = (m: MinimumFacts) => !(m.psiCurvature > 0);
  const kappa = `κᵢ = γ|wᵢ| + ε (γ = ${storySig(f.gamma)}, ε = ${storySig(f.eps)})`;
  if (!f.other) {
    const lead = [tr('Lower Ψ predicts a smaller generalization gap.')];
    if (scaleOnly(L)) lead.push(tr('At this minimum the curvature part is 0: Ψ measures only the size of the weights against {{kappa}}.', { kappa }));
    return { ...step, lead: [joinS(lead)], table, targets: ['min-low'], view: VIEW('psi', false, 'low', true) };
  }
  const O = f.other;
  const v: string[] = [];
  if (Math.abs(L.psi - O.psi) < 0.005) v.push(tr('Lower Ψ predicts a smaller gap, but the two values of Ψ are equal to two decimals: Ψ does not separate these minima.'));
  else {
    const lower = roleOf(f, (m) => m.psi);
    v.push(tr('Ψ is lower at {{name}}, so Ψ predicts the smaller generalization gap there.', { name: names[lower] }));
    v.push(lower === roleOf(f, (m) => m.lambdaMax) ? tr('Ψ and λmax agree: the flatter minimum has the lower Ψ.') : tr('Ψ and λmax disagree: the sharper minimum has the lower Ψ.'));
  }
  if (scaleOnly(L) && scaleOnly(O)) v.push(tr('The curvature part is 0 at both minima: here Ψ measures only the size of the weights against {{kappa}}, not the curvature.', { kappa }));
  else for (const [m, name] of [[L, names.low], [O, names.other]] as const) v.push(scaleOnly(m) ? tr('At {{name}} the curvature part is 0.', { name }) : tr('At {{name}} the curvature part is {{pct}} of Ψ.', { name, pct: storyPct(m.psiCurvature / m.psi) }));
  return { ...step, lead: [joinS(v)], table, targets: ['min-low', 'min-other'], view: VIEW('psi', false, 'other', true) };
}

function boundStep(f: StoryFacts, names: Names): StoryStepText {
  const notes = [tr('bound = L̂(w) + ½Σᵢ sᵢσ*ᵢ² + √((Σᵢ log(τᵢ/σ*ᵢ) + log(2n/δ)) / (2(n−1))): the training loss, a curvature term and a complexity term, at the best posterior width σ*.')];
  const step = { id: 'bound' as const, title: tr('The bound plane'), panel: 'bound-parts' as const, targets: ['bound-plane' as const], notes };
  const intro = tr('The plane under the surface is coloured by the approximate PAC-Bayes bound on the test loss.');
  if (!f.low) return { ...step, lead: [intro], view: VIEW('bound', true, null, false) };
  const table = minimaTable(f, names, [
    [tr('bound'), (m) => fmtQ('value', m.bound)],
    [tr('train loss'), (m) => fmtQ('value', m.loss)],
    [tr('+ curvature'), (m) => fmtQ('value', m.boundCurvature)],
    [tr('+ complexity'), (m) => fmtQ('value', m.boundComplexity)],
  ]);
  if (!f.other) return { ...step, lead: [intro], table, view: VIEW('bound', true, 'low', true) };
  const L = f.low, O = f.other;
  const win = roleOf(f, (m) => m.bound);
  const W = win === 'low' ? L : O, X = win === 'low' ? O : L;
  const dLoss = W.loss - X.loss;
  const dTerms = W.boundCurvature + W.boundComplexity - (X.boundCurvature + X.boundComplexity);
  const v: string[] = [intro];
  if (Math.abs(W.bound - X.bound) < 0.0005) v.push(tr('The two bounds are equal to three decimals.'));
  else {
    v.push(tr('The bound is lower at {{name}}, by {{d}}:', { name: names[win], d: fmtQ('value', X.bound - W.bound) }));
    const ab = { a: fmtQ('value', Math.abs(dLoss)), b: fmtQ('value', Math.abs(dTerms)) };
    if (Math.abs(dLoss) < 0.0005) v.push(tr('the training losses are equal to three decimals, and its curvature + complexity is smaller by {{b}}.', ab));
    else if (dLoss < 0 && dTerms > 0) v.push(tr('its lower training loss (by {{a}}) outweighs its larger curvature + complexity (by {{b}}).', ab));
    else if (dLoss < 0) v.push(tr('it has both the lower training loss (by {{a}}) and the smaller curvature + complexity (by {{b}}).', ab));
    else v.push(tr('its smaller curvature + complexity (by {{b}}) outweighs its higher training loss (by {{a}}).', ab));
    const psiWin = roleOf(f, (m) => m.psi);
    v.push(psiWin === win ? tr('Ψ and the bound prefer the same minimum.') : tr('Ψ and the bound disagree: Ψ prefers {{name}}.', { name: names[psiWin] }));
  }
  return { ...step, lead: [joinS(v)], table, view: VIEW('bound', true, 'low', true) };
}

function sigmaStep(f: StoryFacts, names: Names): StoryStepText {
  const notes = [tr('σ* is the posterior width that minimises the bound: the noise the network tolerates along each weight. It is capped by the box half-width κᵢ = γ|wᵢ| + ε.')];
  const step = { id: 'sigma' as const, title: tr('σ*: how much noise a minimum tolerates'), panel: 'sigma' as const, targets: ['sigma-box' as const, 'marker' as const], notes };
  const intro = tr('The box around the marker is σ*, the noise the network tolerates along each weight.');
  if (!f.low) return { ...step, lead: [intro], view: VIEW('psi', true, null, false) };
  const table = minimaTable(f, names, [
    ['σ*', (m) => pairQ('width', m.sigmaStar)],
    ['κ', (m) => pairQ('width', m.kappa)],
  ]);
  const capped = (m: MinimumFacts, name: string): string | null => {
    const at = [0, 1].filter((i) => m.sigmaStar[i] >= m.kappa[i] * (1 - 1e-9));
    if (at.length === 2) return tr('At {{name}} σ* equals κ: the box (γ, ε), not the curvature, sets the width.', { name });
    if (at.length === 1) return tr('At {{name}} σ*{{i}} equals κ{{i}}: along w{{i}} the box, not the curvature, sets the width.', { name, i: at[0] === 0 ? '₁' : '₂' });
    return null;
  };
  const L = f.low;
  if (!f.other) {
    const c = capped(L, tr('the minimum'));
    return { ...step, lead: [joinS([intro, c])], table, view: VIEW('psi', true, 'low', true) };
  }
  const O = f.other;
  const v: string[] = [tr('The box around the marker is σ* at {{name}}: the noise the network tolerates along each weight.', { name: names.other })];
  const aL = L.sigmaStar[0] * L.sigmaStar[1], aO = O.sigmaStar[0] * O.sigmaStar[1];
  if (Math.abs(aL - aO) <= 1e-6 * Math.max(aL, aO)) v.push(tr('Both tolerate the same noise.'));
  else {
    const wide = aL > aO ? 'low' : 'other';
    v.push(tr('{{Name}} tolerates the wider noise (σ*₁·σ*₂ {{a}} against {{b}}); by λmax it is the {{sharp}} of the two.', { Name: cap(names[wide]), a: fmtQ('width', Math.max(aL, aO)), b: fmtQ('width', Math.min(aL, aO)), sharp: sharpWord(f, wide) }));
  }
  for (const [m, name] of [[L, names.low], [O, names.other]] as const) {
    const c = capped(m, name);
    if (c) v.push(c);
  }
  return { ...step, lead: [joinS(v)], table, view: VIEW('psi', true, 'other', true) };
}

function testStep(f: StoryFacts, names: Names): StoryStepText {
  const step = { id: 'test' as const, title: tr('Model reconstruction: the test'), panel: 'pins' as const };
  const notes = [
    f.testN > 0
      ? tr('The pin table tests the pinned networks on a fresh sample of {{n}} points from the same mixture; the decision view below it draws where each predicts p(x) > ½. The gap is test loss − training loss; a negative gap means the test loss is below the training loss.', { n: f.testN })
      : tr('The pin table tests the pinned networks on a fresh sample from the same mixture; the decision view below it draws where each predicts p(x) > ½. The gap is test loss − training loss; a negative gap means the test loss is below the training loss.'),
  ];
  if (!f.low) return { ...step, lead: [tr('What do the networks predict on new data? No minimum was found in this window to test.')], notes, targets: [], view: VIEW('psi', true, null, false) };
  const L = f.low;
  if (!(f.testN > 0)) {
    const table = minimaTable(f, names, [[tr('train acc'), (m) => storyPct(m.trainAcc)]]);
    return { ...step, lead: [tr('This data set has no known mixture, so there is no fresh sample to test on and no gap to compare.')], table, notes, targets: f.other ? ['min-low', 'min-other'] : ['min-low'], view: VIEW('psi', true, 'low', true) };
  }
  const table = minimaTable(f, names, [
    [tr('test acc'), (m) => storyPct(m.testAcc)],
    [tr('test loss'), (m) => fmtQ('value', m.testLoss)],
    [tr('gap'), (m) => fmtQ('value', m.gap)],
  ]);
  if (!f.other) return { ...step, lead: [tr('On {{n}} fresh points of the same mixture.', { n: f.testN })], table, notes, targets: ['min-low'], view: VIEW('psi', true, 'low', true) };
  const O = f.other;
  const v: string[] = [];
  const better = roleOf(f, (m) => m.testLoss);
  const B = better === 'low' ? L : O, Wr = better === 'low' ? O : L;
  if (Math.abs(B.testLoss - Wr.testLoss) < 0.0005) v.push(tr('On {{n}} fresh points both have the same test loss to three decimals.', { n: f.testN }));
  else {
    const vars = { n: f.testN, sharp: sharpWord(f, better) };
    v.push(
      B.testAcc > Wr.testAcc
        ? tr('On {{n}} fresh points the {{sharp}} minimum tests better: lower test loss and higher test accuracy.', vars)
        : B.testAcc < Wr.testAcc
          ? tr('On {{n}} fresh points the {{sharp}} minimum tests better: lower test loss although its test accuracy is lower.', vars)
          : tr('On {{n}} fresh points the {{sharp}} minimum tests better: lower test loss with the same test accuracy.', vars),
    );
  }
  if (Math.abs(L.psi - O.psi) >= 0.005 && Math.abs(L.gap - O.gap) >= 0.0005) {
    const psiSays = roleOf(f, (m) => m.psi);
    const gapIs = roleOf(f, (m) => m.gap);
    v.push(psiSays === gapIs ? tr('Ψ predicted the smaller gap at {{name}}, and it is smaller there.', { name: names[psiSays] }) : tr('Ψ predicted the smaller gap at {{name}}, but it is smaller at {{other}}.', { name: names[psiSays], other: names[gapIs] }));
  } else v.push(tr('Ψ or the gap does not separate the two here.'));
  if (Math.abs(L.bound - O.bound) >= 0.0005) {
    const bWin = roleOf(f, (m) => m.bound);
    v.push(bWin === better ? tr('The bound, which adds the training loss, prefers {{name}}, which does have the lower test loss.', { name: names[bWin] }) : tr('The bound, which adds the training loss, prefers {{name}}, which does not have the lower test loss.', { name: names[bWin] }));
  }
  return { ...step, lead: [joinS(v)], table, notes, targets: ['min-low', 'min-other'], view: VIEW('psi', true, 'low', true) };
}

function trainingStep(f: StoryFacts, names: Names): StoryStepText {
  const step = { id: 'training' as const, title: tr('Perturbed training: where do runs end?'), panel: 'training' as const };
  const notes = [tr('Perturbed optimization (the paper’s): before every gradient step the weights are shaken by noise drawn with σ* at the current w, truncated to the box κ. Plain gradient descent on the full sample draws no random numbers, so all its seeds give the same run.')];
  if (f.experimentsView) notes.push(tr('The Experiments view (“Open the Experiments view”) runs such comparisons with other starts, learning rates, batch sizes and numbers of seeds; right after “Run 32 + 32 seeds” it holds these runs.'));
  if (!f.start || !f.low || !f.other) return { ...step, lead: [tr('The runs start halfway between two minima; with fewer than two minima in this window there is no such start.')], notes, targets: ['marker'], view: VIEW('loss', true, f.low ? 'low' : null, false) };
  const K = STORY_RUNS_PER_METHOD;
  const r = f.runs;
  const lead = [tr('Does noise of size σ* send training to the flatter basin more often? {{k}} seeds each of plain and perturbed gradient descent start at the marker, halfway between the minima (w = {{w}}), {{steps}} steps at learning rate {{lr}}.', { k: K, w: wText(f.start), steps: r ? r.steps : STORY_RUN_STEPS, lr: storySig(r ? r.lr : STORY_RUN_LR) })];
  let table: StoryTable | undefined;
  if (f.runsError) lead.push(tr('The runs failed: {{error}}', { error: f.runsError }));
  else if (!r && f.runsProgress !== null) lead.push(tr('Running: {{pct}} done.', { pct: storyPct(f.runsProgress) }));
  else if (!r) lead.push(tr('Press “Run {{k}} + {{k}} seeds”; their endpoints are drawn on the surface.', { k: K }));
  else {
    const flat = f.other.lambdaMax < f.low.lambdaMax ? 'other' : 'low';
    const at = (g: RunGroupFacts) => (flat === 'other' ? g.atOther : g.atLow);
    const d = at(r.perturbed) - at(r.plain);
    lead.push(Math.abs(d) < 0.5 / K ? tr('Perturbation did not change how often training ends at the flatter minimum.') : d > 0 ? tr('Perturbation sent {{pp}} points more of the runs to the flatter minimum.', { pp: pp(d) }) : tr('Perturbation sent {{pp}} points fewer of the runs to the flatter minimum.', { pp: pp(d) }));
    const dt = r.perturbed.meanTestLoss - r.plain.meanTestLoss;
    if (Number.isFinite(dt)) lead.push(Math.abs(dt) < 0.0005 ? tr('Their mean test losses are equal to three decimals.') : dt < 0 ? tr('The perturbed runs’ mean test loss is lower by {{d}}.', { d: fmtQ('value', Math.abs(dt)) }) : tr('The perturbed runs’ mean test loss is higher by {{d}}.', { d: fmtQ('value', Math.abs(dt)) }));
    // Where the runs ended (share per basin) and their mean test loss.
    const row = (label: string, g: RunGroupFacts) => ({ label, cells: [storyPct(g.atLow), storyPct(g.atOther), storyPct(g.elsewhere), fmtQ('value', g.meanTestLoss)] });
    lead.push(tr('On the surface: plain endpoints white, perturbed magenta.'));
    if (r.sigmaNote) notes.push(r.sigmaNote);
    table = { head: [names.lowShort, names.otherShort, tr('elsewhere'), tr('test loss')], rows: [row(tr('plain ×{{n}}', { n: r.plain.runs }), r.plain), row(tr('perturbed ×{{n}}', { n: r.perturbed.runs }), r.perturbed)] };
  }
  return { ...step, lead: [joinS(lead)], table, notes, targets: r ? ['start', 'endpoints'] : ['start'], view: VIEW('loss', true, 'start', true), action: 'runs' };
}

/** The seven steps of the story for these facts, in the words of `words` (English by default). */
export function storySteps(f: StoryFacts, words: StoryTranslate = englishStory): StoryStepText[] {
  const before = tr;
  tr = words;
  try {
    const names = minimaNames(f);
    return [landscapeStep(f), minimaStep(f, names), psiStep(f, names), boundStep(f, names), sigmaStep(f, names), testStep(f, names), trainingStep(f, names)];
  } finally {
    tr = before;
  }
}

/** The rendered text of step `n` (1-based): title, lead, table rows and notes, as the card shows them. */
export function storyStepText(f: StoryFacts, n: number, words: StoryTranslate = englishStory): string | null {
  if (!Number.isInteger(n) || n < 1 || n > STORY_STEP_COUNT) return null;
  const s = storySteps(f, words)[n - 1];
  const table = s.table ? [`| ${s.table.head.join(' | ')}`, ...s.table.rows.map((r) => `${r.label} | ${r.cells.join(' | ')}`)] : [];
  return [s.title, ...s.lead, ...table, ...s.notes].join('\n');
}
