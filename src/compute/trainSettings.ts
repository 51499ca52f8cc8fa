/**
 * The settings of a training run (compute/train.ts) and their checks: tfjs-free, so the page can
 * validate a run's settings before TensorFlow.js has loaded.
 */
import { tr } from '../core/words';
import { PARAMS, checkParam } from '../core/params';

export type TrainMethod = 'gd' | 'sgd' | 'perturbed';
export const TRAIN_METHODS: readonly TrainMethod[] = ['gd', 'sgd', 'perturbed'];

/** Settings of one run. `batch` is used by 'sgd' only (gd and perturbed use the full sample). */
export interface TrainSettings {
  method: TrainMethod;
  /** Learning rate (step size on L̂, per unit gradient). */
  lr: number;
  batch: number;
  steps: number;
  seed: number;
}

/**
 * Defaults chosen so that plain GD from within 0.2 of the paper-toy global minimum ends within
 * 1e-3 of it: the Hessian there has λ ≈ 0.10 and 0.46, so lr = 1 contracts the slow direction by
 * 0.9 a step (stable up to lr ≈ 4) and 200 steps shrink an error of 0.2 below 1e-9.
 */
export const DEFAULT_TRAIN_SETTINGS: TrainSettings = { method: 'gd', lr: 1, batch: 16, steps: 200, seed: 1 };

/** Largest number of steps one run may take. */
export const MAX_TRAIN_STEPS = PARAMS.steps.max;

/** One recorded point of a path: w after the step, L̂(w), the test loss (NaN without a test sample). */
export interface TrainPoint {
  w: [number, number];
  loss: number;
  testLoss: number;
  /** Perturbed runs: σ* at the pre-step w and the noise u drawn. */
  sigma?: [number, number];
  noise?: [number, number];
}

/** Throws a readable error for settings out of range. */
export function validateTrainSettings(s: TrainSettings): void {
  if (!TRAIN_METHODS.includes(s.method)) throw new Error(tr('Unknown training method "{{value}}" (use gd, sgd or perturbed).', { value: String(s.method) }));
  const bad = checkParam('lr', s.lr) ?? checkParam('batch', s.batch) ?? checkParam('steps', s.steps) ?? checkParam('seed', s.seed);
  if (bad) throw new RangeError(bad);
}
