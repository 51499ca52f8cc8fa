/**
 * The preset library: scenarios that each ship their points (public/data/<id>.json), depth, γ, ε,
 * δ, grid window, the mixture they were drawn from (raw units, before standardisation) with the
 * standardisation, a one-line "what this shows" and machine-checkable claims (core/claims.ts)
 * that src/core/presets.test.ts recomputes. docs/PRESETS.md says how each was found.
 *
 * Also the generator-only data sets older links may name (`DATA_SETS`): data, no view, no claims.
 */
import { datasetFromObject, generateDataset, labelComponents, PAPER_TOY_MIXTURE, sampleMixture, standardisation, type Dataset, type GeneratorParams, type Mixture } from './data';
import { createRng } from './rng';
import { STARTUP_PRESET } from './startupPreset';
import type { Claim } from './claims';
import type { MetricParams } from './metrics';

/** The mixture in raw units (before standardisation): equal-weight isotropic components. */
export interface PresetMixture {
  means: [number, number][];
  sd: number;
  weights: number[];
  /** Label rule: y = 1 when the component index ≥ this (the median of the sample's indices). */
  labelThreshold: number;
}

/** x_std = (x_raw − mean) / std per axis. */
export interface Standardize {
  mean: [number, number];
  std: [number, number];
}

export interface Preset {
  id: string;
  name: string;
  /** One line: what this scenario shows. */
  shows: string;
  /** The points, relative to the page (and to public/ in the repository). */
  file: string;
  params: MetricParams;
  window: { w1: [number, number]; w2: [number, number] };
  /** Where the marker starts (the global minimum, rounded). */
  marker: [number, number];
  mixture: PresetMixture | null;
  standardize: Standardize | null;
  /** The seeded generator that drew the points (null: a shipped file of unknown seed). */
  generator: GeneratorParams | null;
  claims: Claim[];
}

const equal = (k: number) => Array.from({ length: k }, () => 1 / k);

/** Mixture and standardisation of a generated preset (exactly what generateDataset used). */
function fromGenerator(g: GeneratorParams): { mixture: PresetMixture; standardize: Standardize } {
  const { x, c } = sampleMixture(createRng(g.seed), g.means, g.sd, g.n);
  const { threshold } = labelComponents(c, g.labelRule);
  return { mixture: { means: g.means.map((v) => [v[0], v[1]]), sd: g.sd, weights: equal(g.means.length), labelThreshold: threshold }, standardize: standardisation(x, g.n) };
}

const PAPER_FIGURE_GEN: GeneratorParams = {
  means: [
    [1.72, -1.85],
    [-2.34, -0.41],
  ],
  sd: 0.81,
  n: 100,
  seed: 470232,
  labelRule: 'median',
};
const PSI_WRONG_GEN: GeneratorParams = {
  means: [
    [1.03, 0.24],
    [-1.66, 0.28],
    [0.26, -1.58],
    [2.46, -1.17],
  ],
  sd: 1.29,
  n: 100,
  seed: 308853,
  labelRule: 'median',
};
const PSI_RIGHT_GEN: GeneratorParams = { means: [[2.04, -1.45], [-0.82, -0.1]], sd: 0.79, n: 100, seed: 927569, labelRule: 'median' };

export const PRESETS: readonly Preset[] = [
  {
    id: STARTUP_PRESET.id,
    name: 'Paper figure: sharp global vs flat local minimum',
    shows: "The paper's Fig. 1: a sharp global minimum and a flatter local one (λmax ≥ 3× smaller), both classifying ≥ 95 % of the training points; at γ = 0.5 Ψ is higher at the sharp one, ≥ 20 % of it from curvature, and the bounds are within 0.1. On 20 000 fresh points the flat minimum has the smaller gap and the higher test accuracy.",
    file: STARTUP_PRESET.file,
    params: { depth: 5, gamma: 0.5, eps: 0.1, delta: 0.05 },
    window: { w1: [-4.5, -1], w2: [3, 7.5] },
    marker: [-2.86, 5.67],
    ...fromGenerator(PAPER_FIGURE_GEN),
    generator: PAPER_FIGURE_GEN,
    claims: [
      { expr: 'lambdaMax(global) / lambdaMax(local) >= 3', text: 'the global minimum is at least 3× sharper (λmax) than the local one' },
      { expr: 'trainAcc(global) >= majority + 0.05', text: 'the global minimum is a real classifier (train accuracy ≥ majority rate + 5 points)' },
      { expr: 'trainAcc(local) >= majority + 0.05', text: 'the local minimum is a real classifier (train accuracy ≥ majority rate + 5 points)' },
      { expr: 'psi(global) > psi(local)', text: 'Ψ is higher at the sharp global minimum' },
      { expr: 'psiCurv(global) / psi(global) >= 0.2', text: "the curvature part of Ψ is at least 20 % of Ψ at the global minimum" },
      { expr: 'abs(bound(global) - bound(local)) <= 0.1', text: 'the two bounds are within 0.1' },
      { expr: 'count == 2', text: 'two minima in the window' },
      { expr: 'loss(local) - loss(global) < 0.001', text: 'the two training losses are within 0.001 (the global minimum fits better by a hair)' },
      { expr: 'trainAcc(global) >= 0.95', text: 'the global minimum classifies at least 95 % of the training points' },
      { expr: 'trainAcc(local) >= 0.95', text: 'the local minimum classifies at least 95 % of the training points' },
      { expr: 'gap(local) < gap(global)', text: 'the flat local minimum has the smaller gap (test loss − training loss)' },
      { expr: 'gapz(global, local) >= 3', text: 'the gaps differ by at least 3 standard errors of the test sample' },
      { expr: 'testAcc(local) > testAcc(global)', text: 'the flat local minimum has the higher test accuracy' },
    ],
  },
  {
    id: 'paper-toy',
    name: 'Ψ is scale here (paper-toy, γ = ε = 0.1)',
    shows:
      "At γ = ε = 0.1 Ψ's curvature part is 0 at both minima (there κᵢ²·(Hᵢᵢ + ρ√2·κᵢ) ≤ 1), so Ψ = Σ log(1 + |wᵢ|/κᵢ) only measures how far w is from 0: the lower Ψ goes to the local minimum nearer the origin, a near-constant predictor, while the sharper global minimum tests better.",
    file: 'data/paper-toy.json',
    params: { depth: 5, gamma: 0.1, eps: 0.1, delta: 0.05 },
    window: { w1: [-1.5, 4.5], w2: [-3.5, 2.5] },
    marker: [2.66, -1.57],
    mixture: { means: PAPER_TOY_MIXTURE.means.map((v) => [v[0], v[1]]), sd: PAPER_TOY_MIXTURE.sd, weights: equal(3), labelThreshold: 1 },
    // Not recorded with the points: recovered by regressing the per-component sample means on the
    // raw means (core/data paperToyMixture), so fresh samples match the app's.
    standardize: { mean: [1.5224678901754671, -1.9744935892493107], std: [1.1203641688187445, 0.8926489278357902] },
    generator: null,
    claims: [
      { expr: 'count == 2', text: 'two minima in the window' },
      { expr: 'psiCurv(global) == 0', text: "Ψ's curvature part is 0 at the global minimum" },
      { expr: 'psiCurv(local) == 0', text: "Ψ's curvature part is 0 at the local minimum" },
      { expr: 'psi(local) < psi(global)', text: 'Ψ is lower at the local minimum' },
      { expr: 'abs(w1(local)) + abs(w2(local)) < abs(w1(global)) + abs(w2(global))', text: 'the local minimum is nearer to w = 0' },
      { expr: 'nearConstant(local) == 1', text: 'the local minimum is no better than always guessing the majority class' },
      { expr: 'trainAcc(global) >= majority + 0.05', text: 'the global minimum is a real classifier' },
      { expr: 'lambdaMax(global) > lambdaMax(local)', text: 'the global minimum is the sharper one (larger λmax)' },
      { expr: 'testLoss(global) < testLoss(local)', text: 'the global minimum has the lower test loss' },
      { expr: 'testAcc(global) > testAcc(local)', text: 'the global minimum has the higher test accuracy' },
    ],
  },
  {
    id: 'psi-right',
    name: 'Ψ right: lower Ψ, smaller gap',
    shows: 'Two near-perfect classifiers side by side; at γ = 0.5 the flatter global minimum has the lower Ψ and, on 20 000 fresh points, the smaller train→test gap: here Ψ orders the gaps as the paper predicts (though they differ by less than 0.01).',
    file: 'data/psi-right.json',
    params: { depth: 5, gamma: 0.5, eps: 0.1, delta: 0.05 },
    window: { w1: [-6, -2], w2: [2, 7] },
    marker: [-4.29, 3.9],
    ...fromGenerator(PSI_RIGHT_GEN),
    generator: PSI_RIGHT_GEN,
    claims: [
      { expr: 'count == 2', text: 'two minima in the window' },
      { expr: 'trainAcc(global) >= 0.95', text: 'the global minimum classifies at least 95 % of the training points' },
      { expr: 'trainAcc(local) >= 0.95', text: 'the local minimum classifies at least 95 % of the training points' },
      { expr: 'lambdaMax(global) < lambdaMax(local)', text: 'the global minimum is the flatter one (smaller λmax)' },
      { expr: 'psi(global) < psi(local)', text: 'Ψ is lower at the global minimum' },
      { expr: 'gap(lowPsi) < gap(highPsi)', text: 'the minimum with the lower Ψ has the smaller gap' },
      { expr: 'gapz(highPsi, lowPsi) >= 3', text: 'the gaps differ by at least 3 standard errors of the test sample' },
      { expr: 'gap(highPsi) - gap(lowPsi) < 0.01', text: 'the gaps differ by less than 0.01' },
    ],
  },
  {
    id: 'psi-wrong',
    name: 'Ψ wrong: lower Ψ, larger gap',
    shows: 'Two real classifiers; at γ = 0.5 the flatter global minimum has the lower Ψ but, on 20 000 fresh points, the larger train→test gap: here Ψ orders the gaps the wrong way round — though the flat minimum still has the lower test loss and the higher test accuracy.',
    file: 'data/psi-wrong.json',
    params: { depth: 5, gamma: 0.5, eps: 0.1, delta: 0.05 },
    window: { w1: [-0.5, 4.5], w2: [-7.5, -0.5] },
    marker: [2.72, -2.24],
    ...fromGenerator(PSI_WRONG_GEN),
    generator: PSI_WRONG_GEN,
    claims: [
      { expr: 'count == 2', text: 'two minima in the window' },
      { expr: 'trainAcc(global) >= majority + 0.05', text: 'the global minimum is a real classifier' },
      { expr: 'trainAcc(local) >= majority + 0.05', text: 'the local minimum is a real classifier' },
      { expr: 'lambdaMax(global) < lambdaMax(local)', text: 'the global minimum is the flatter one (smaller λmax)' },
      { expr: 'psi(global) < psi(local)', text: 'Ψ is lower at the global minimum' },
      { expr: 'gap(lowPsi) > gap(highPsi)', text: 'the minimum with the lower Ψ has the larger gap' },
      { expr: 'gapz(lowPsi, highPsi) >= 3', text: 'the gaps differ by at least 3 standard errors of the test sample' },
      { expr: 'testLoss(global) < testLoss(local)', text: 'the global minimum has the lower test loss' },
      { expr: 'testAcc(global) > testAcc(local)', text: 'the global minimum has the higher test accuracy' },
    ],
  },
];

/** The view a fresh page opens. */
export const DEFAULT_PRESET_ID: string = STARTUP_PRESET.id;

/** Generator-only data sets (older links name them): data without a view or claims. */
export interface DataSetEntry {
  id: string;
  name: string;
  generator: GeneratorParams;
}

export const DATA_SETS: readonly DataSetEntry[] = [
  { id: 'paper-mixture', name: 'Paper mixture, fresh draw (seed 2)', generator: { ...PAPER_TOY_MIXTURE, means: PAPER_TOY_MIXTURE.means.map((m) => [m[0], m[1]] as [number, number]), n: 100, seed: 2, labelRule: 'median' } },
  {
    id: 'two-blobs',
    name: 'Two separated blobs',
    generator: {
      means: [
        [-1.5, 0],
        [1.5, 0],
      ],
      sd: 0.8,
      n: 100,
      seed: 3,
      labelRule: 'median',
    },
  },
  {
    id: 'parity-4',
    name: 'Four blobs, parity labels',
    generator: {
      means: [
        [-1.5, -1.5],
        [1.5, -1.5],
        [-1.5, 1.5],
        [1.5, 1.5],
      ],
      sd: 0.7,
      n: 200,
      seed: 4,
      labelRule: 'parity',
    },
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** Every id the one preset loader accepts (presets, then data sets). */
export function knownDataIds(): string[] {
  return [...PRESETS.map((p) => p.id), ...DATA_SETS.map((d) => d.id)];
}

/** The preset's mixture in the data's standardised coordinates (core/data Mixture). */
export function standardisedMixture(p: Pick<Preset, 'mixture' | 'standardize'>): Mixture | undefined {
  const m = p.mixture, s = p.standardize;
  if (!m || !s) return undefined;
  return {
    means: m.means.map(([a, b]) => [(a - s.mean[0]) / s.std[0], (b - s.mean[1]) / s.std[1]]),
    sd: [m.sd / s.std[0], m.sd / s.std[1]],
    labelThreshold: m.labelThreshold,
  };
}

/** A preset's data set from its file's parsed JSON, carrying the preset's exact mixture. */
export function presetDataset(p: Preset, fileJson: unknown): Dataset {
  const d = datasetFromObject(fileJson, p.id);
  const mixture = standardisedMixture(p) ?? d.mixture;
  return { ...d, name: p.id, mixture };
}

/** The data-file object of a generated preset (what public/data/<id>.json holds). */
export function presetFileObject(p: Preset): { name: string; description: string; x: [number, number][]; y: number[]; component: number[] } {
  if (!p.generator) throw new Error(`preset "${p.id}" has no generator`);
  const g = p.generator;
  const d = generateDataset(g, p.id);
  const x: [number, number][] = [];
  for (let j = 0; j < d.n; j++) x.push([d.x[2 * j], d.x[2 * j + 1]]);
  const description = `${g.n} points from a ${g.means.length}-component isotropic Gaussian mixture (means ${JSON.stringify(g.means)}, sd ${g.sd}, equal weights, generator seed ${g.seed}), label = 1 where the component index is >= the median component index, features standardised to zero mean and unit variance (PACscape preset "${p.id}").`;
  return { name: p.id, description, x, y: Array.from(d.y), component: Array.from(d.component!) };
}

/** What `pacscape.presets()` returns for one preset (the data as [x1, x2] pairs and labels). */
export function presetInfo(p: Preset, d: Dataset) {
  const x: [number, number][] = [];
  for (let j = 0; j < d.n; j++) x.push([d.x[2 * j], d.x[2 * j + 1]]);
  return {
    id: p.id,
    name: p.name,
    shows: p.shows,
    data: { x, y: Array.from(d.y) },
    params: { ...p.params },
    window: { w1: [p.window.w1[0], p.window.w1[1]] as [number, number], w2: [p.window.w2[0], p.window.w2[1]] as [number, number] },
    marker: [p.marker[0], p.marker[1]] as [number, number],
    mixture: p.mixture ? { means: p.mixture.means.map((m) => [m[0], m[1]] as [number, number]), sd: p.mixture.sd, weights: [...p.mixture.weights], labelThreshold: p.mixture.labelThreshold } : null,
    standardize: p.standardize ? { mean: [...p.standardize.mean] as [number, number], std: [...p.standardize.std] as [number, number] } : null,
    claims: p.claims.map((c) => ({ ...c })),
  };
}
