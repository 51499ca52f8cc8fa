/**
 * The Experiments view's state: whether it is open, the design being edited, and the result table
 * of the experiment in flight or last finished (rows arrive configuration by configuration).
 */
import { create } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import { DEFAULT_DESIGN, type ExperimentConfig, type ExperimentDesign } from '../core/experiment';

/** One row per run: the table `pacscape.experiment(design)` resolves to. */
export interface ExperimentRow {
  /** Index of the configuration (see the result's `configs`). */
  config: number;
  /** Repeat index within the configuration. */
  run: number;
  seed: number;
  start: [number, number];
  end: [number, number];
  trainLoss: number;
  testLoss: number;
  gap: number;
  psi: number;
  bound: number;
  lambdaMax: number;
  /** Index into `pacscape.minima()` of the minimum Newton's method reaches from `end`, or null. */
  basin: number | null;
  /** The configuration's settings (what `pacscape.train` needs to repeat the run). */
  method: ExperimentDesign['method'];
  lr: number;
  batch: number;
  steps: number;
  trainAcc: number;
  testAcc: number;
}

export type ExperimentStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface ExperimentsState {
  open: boolean;
  design: ExperimentDesign;
  status: ExperimentStatus;
  /** 0..1 */
  progress: number;
  phase: string;
  configs: ExperimentConfig[];
  rows: ExperimentRow[];
  /** How perturbed runs got σ* (stated in the view). */
  sigmaNote: string;
  /** Minima the basins index (copy of the landscape's at the start). */
  minima: { w: [number, number]; global: boolean; character?: string }[];
  error: string | null;
  /** Wall time of the last experiment (ms). */
  elapsedMs: number;
  /** Bumped when `design` is replaced from outside (a link), so the form re-reads it. */
  designVersion: number;
  set: (p: Partial<Omit<ExperimentsState, 'set'>>) => void;
}

export const useExperiments = create<ExperimentsState>()(
  subscribeWithSelector((set) => ({
    open: false,
    design: { ...DEFAULT_DESIGN, sweep: { param: 'batch', values: [1, 4, 16, 64, 100] } },
    status: 'idle',
    progress: 0,
    phase: '',
    configs: [],
    rows: [],
    sigmaNote: '',
    minima: [],
    error: null,
    elapsedMs: 0,
    designVersion: 0,
    set: (p) => set(p),
  })),
);

/** Colours of an experiment's configurations (distinct on the dark panel and on the viridis surface); the view and the scene share them. */
export const CONFIG_COLORS = ['#ff6b6b', '#ffd166', '#06d6a0', '#4cc9f0', '#c77dff', '#f77f00', '#ffffff', '#90be6d', '#f15bb5', '#00bbf9', '#fee440', '#9b5de5', '#e76f51', '#2a9d8f', '#e9c46a', '#8ecae6'];
