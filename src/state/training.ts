/**
 * The training/compare slice of the store: training settings and runs (paths are small arrays,
 * at most a few thousand points, so they live here), the fresh test sample's size and seed shared
 * by the pin table, the loss chart and the decision view, and decision-view toggles.
 */
import { DEFAULT_TEST_SEED, DEFAULT_TEST_SIZE } from '../core/reconstruct';

export type TrainMethodName = 'gd' | 'sgd' | 'perturbed';
export type RunKind = TrainMethodName | 'descend';

/** Settings for the next run (mirrors compute/train's TrainSettings). */
export interface TrainSettingsState {
  method: TrainMethodName;
  lr: number;
  batch: number;
  steps: number;
  seed: number;
}

/** One training run. `path[i]` = [w1, w2, L̂]; `testLoss[i]` and `bound[i]` at the same w. */
export interface TrainingRun {
  id: number;
  kind: RunKind;
  label: string;
  color: string;
  start: [number, number];
  settings: TrainSettingsState | null;
  path: [number, number, number][];
  testLoss: number[];
  bound: number[];
  status: 'running' | 'paused' | 'done' | 'stopped' | 'error';
  /** Shown in the run list when the run failed. */
  error?: string;
}

export interface TrainingSlice {
  trainSettings: TrainSettingsState;
  /** Steps per animation frame for UI runs. */
  trainSpeed: number;
  runs: TrainingRun[];
  /** Id of the run the play/pause/step buttons act on. */
  activeRunId: number | null;
  /** Size and seed of the fresh test sample from the data set's mixture (SPEC §8). */
  testSize: number;
  testSeed: number;
  /** Decision view: overlay the fresh sample on the heat map. */
  showFreshSample: boolean;
  /**
   * Compute the test loss and gap over the grid even when no view shows them (a panel that needs
   * them sets it; choosing a test field or the test-loss plane also starts the pass).
   */
  testOnGrid: boolean;
  setTrainSettings: (p: Partial<TrainSettingsState>) => void;
  setTraining: (p: Partial<Pick<TrainingSlice, 'trainSpeed' | 'activeRunId' | 'testSize' | 'testSeed' | 'showFreshSample' | 'testOnGrid'>>) => void;
  addRun: (r: TrainingRun) => void;
  patchRun: (id: number, p: Partial<TrainingRun>) => void;
  removeRun: (id: number) => void;
  clearRuns: () => void;
}

/** Colours of successive runs (distinct on the viridis surface and on a white panel). */
export const RUN_COLORS = ['#e4572e', '#17becf', '#f3a712', '#d62fb8', '#ffffff', '#7fd13b', '#ff7f0e', '#9467bd'];

export const DEFAULT_TRAIN_STATE: TrainSettingsState = { method: 'gd', lr: 1, batch: 16, steps: 200, seed: 1 };

type Set<S> = (partial: Partial<S> | ((s: S) => Partial<S>)) => void;

export function createTrainingSlice(set: Set<TrainingSlice>): TrainingSlice {
  return {
    trainSettings: { ...DEFAULT_TRAIN_STATE },
    trainSpeed: 2,
    runs: [],
    activeRunId: null,
    testSize: DEFAULT_TEST_SIZE,
    testSeed: DEFAULT_TEST_SEED,
    showFreshSample: false,
    testOnGrid: false,
    setTrainSettings: (p) => set((s) => ({ trainSettings: { ...s.trainSettings, ...p } })),
    setTraining: (p) => set(p),
    addRun: (r) => set((s) => ({ runs: [...s.runs, r] })),
    patchRun: (id, p) => set((s) => ({ runs: s.runs.map((r) => (r.id === id ? { ...r, ...p } : r)) })),
    removeRun: (id) => set((s) => ({ runs: s.runs.filter((r) => r.id !== id), activeRunId: s.activeRunId === id ? null : s.activeRunId })),
    clearRuns: () => set({ runs: [], activeRunId: null }),
  };
}
