/**
 * Experiments: a design (core/experiment) run as batched ensembles on the page's backend
 * (compute/ensemble), one ensemble per configuration, and every run's endpoint measured exactly
 * as at a point (SPEC §9): train loss, test loss on one fresh sample shared by the experiment,
 * gap, Ψ with ρ from the 5×5 stencil, the bound, λmax, accuracies and the basin reached.
 *
 * σ* for perturbed ensembles: bilinear interpolation of the σ* field of a 128² grid over the
 * view's window, computed once per experiment by the grid engine on the loaded data set (runs
 * outside the window get the exact σ* of core/metrics); `sigma: 'exact'` in a design computes
 * the exact σ* at every step of every run instead (≈ 2 ms a run-step; for checks). A single run
 * (`pacscape.train`) always uses the exact σ*. With the grid the ensemble's program draws the
 * noise itself inside it (compute/ensemble `sigmaGrid`: no read-back per step).
 */
import { tr } from '../core/words';
import { clearSpans, endpointJets, evaluateGrid, loadGpu, numTensors, span, trainEnsemble, type EndpointJets, type EnsembleJob, type SigmaGrid, type SigmaSource } from '../compute';
import { configsOf, expandRuns, normalizeDesign, type ExperimentConfig, type ExperimentDesign } from '../core/experiment';
import { freshSample } from '../core/data';
import { lossAt, lossDerivatives, type Sample } from '../core/jets';
import { eigenSym2, kappaOf, metricFromParts, pointReport, rhoStencil, type MetricParams } from '../core/metrics';
import { newtonMinimum } from '../core/minima';
import { SliceBudget } from '../core/slices';
import { accuracy, testSampleOf } from '../core/reconstruct';
import type { GridFields } from '../core/grid';
import { useStore } from '../state/store';
import { useExperiments, type ExperimentRow } from '../state/experiments';
import { registerApi } from './api';
import { idle } from './landscape';
import { endpointsOnScreen } from '../scene/ExperimentPoints';
import { t } from '../i18n';
import { configName } from '../ui/configName';
import { computeTurns, gpuTurnsState } from '../state/gpuTurns';

/** A design as `pacscape.experiment` accepts it; `sigma` picks how perturbed ensembles get σ*. */
export type DesignInput = Partial<ExperimentDesign> & { sigma?: SigmaMode };
export type SigmaMode = 'grid' | 'exact';

export interface ExperimentProgress {
  /** 0..1 over the whole experiment. */
  fraction: number;
  phase: string;
  configsDone: number;
  rows: ExperimentRow[];
}

export interface ExperimentResult {
  design: ExperimentDesign;
  configs: ExperimentConfig[];
  rows: ExperimentRow[];
  sigmaNote: string;
  minima: { w: [number, number]; global: boolean; character?: string }[];
  elapsedMs: number;
}

/** Resolution of the σ* grid perturbed ensembles interpolate. */
export const SIGMA_GRID_RES = 128;

function abortError(): Error {
  const e = new Error('experiment cancelled');
  e.name = 'AbortError';
  return e;
}

const yieldToPage = () => new Promise<void>((r) => setTimeout(r, 0));

/** σ* by bilinear interpolation of a grid's σ* field; null outside the grid. */
export function interpolateSigma(f: GridFields, w1: number, w2: number): [number, number] | null {
  const res = f.res;
  const x0 = f.w1[0], dx = (f.w1[res - 1] - x0) / (res - 1);
  const y0 = f.w2[0], dy = (f.w2[res - 1] - y0) / (res - 1);
  const u = (w1 - x0) / dx, v = (w2 - y0) / dy;
  if (!(u >= 0 && v >= 0 && u <= res - 1 && v <= res - 1)) return null;
  const c = Math.min(res - 2, Math.floor(u)), r = Math.min(res - 2, Math.floor(v));
  const a = u - c, b = v - r;
  const s = f.sigmaStar;
  const at = (rr: number, cc: number, i: number) => s[2 * (rr * res + cc) + i];
  const out: [number, number] = [0, 0];
  for (let i = 0; i < 2; i++) out[i] = (1 - a) * (1 - b) * at(r, c, i) + a * (1 - b) * at(r, c + 1, i) + (1 - a) * b * at(r + 1, c, i) + a * b * at(r + 1, c + 1, i);
  return out;
}

/** A grid's σ* field as the ensemble's program interpolates it (the same nodes as `interpolateSigma`). */
export function sigmaGridOf(f: GridFields, gamma: number, eps: number): SigmaGrid {
  const res = f.res;
  return { res, x0: f.w1[0], dx: (f.w1[res - 1] - f.w1[0]) / (res - 1), y0: f.w2[0], dy: (f.w2[res - 1] - f.w2[0]) / (res - 1), sigma: f.sigmaStar, gamma, eps };
}

/** Exact σ* and κ at w on a sample (core/metrics, ρ by the 5×5 stencil). */
function exactSigma(sample: Sample, w1: number, w2: number, p: MetricParams): { sigma: [number, number]; kappa: [number, number] } {
  const r = pointReport(sample, w1, w2, p);
  return { sigma: r.sigmaStar, kappa: r.kappa };
}

/** Endpoint jets on the CPU (float64 core), for backends without the WebGL program. */
async function endpointJetsCpu(points: Float32Array, sampleOf: number[], samples: Sample[], test: Sample | null, p: MetricParams, signal?: AbortSignal): Promise<EndpointJets[]> {
  const out: EndpointJets[] = [];
  const slice = new SliceBudget();
  for (let k = 0; k < sampleOf.length; k++) {
    if (slice.check()) {
      await yieldToPage();
      if (signal?.aborted) throw abortError();
      slice.restart();
    }
    const s = samples[sampleOf[k]];
    const w1 = points[2 * k], w2 = points[2 * k + 1];
    const d = lossDerivatives(s, w1, w2, p.depth, 2);
    const k1 = kappaOf(w1, p.gamma, p.eps), k2 = kappaOf(w2, p.gamma, p.eps);
    const rho = rhoStencil(s, w1, w2, k1, k2, p.depth, 5);
    const stencil = new Float32Array(25);
    stencil[12] = rho;
    out.push({ loss: d.loss, grad: d.grad, hess: d.hess, stencil, testLoss: test ? lossAt(test, w1, w2, p.depth) : NaN, trainAcc: accuracy(s, w1, w2, p.depth), testAcc: test ? accuracy(test, w1, w2, p.depth) : NaN });
  }
  return out;
}

let controller: AbortController | null = null;

/** Cancels the experiment in flight (its promise rejects with an AbortError). */
export function cancelExperiment(): boolean {
  if (!controller) return false;
  controller.abort();
  return true;
}

/**
 * Runs a design on the loaded data set (the view's window for random starts, the model's depth,
 * γ, ε, δ). Rows arrive configuration by configuration through `onProgress` and in the
 * experiments store. Rejects with an AbortError when cancelled.
 */
export async function runExperiment(input: DesignInput, opts: { signal?: AbortSignal; onProgress?: (p: ExperimentProgress) => void } = {}): Promise<ExperimentResult> {
  const { sigma: sigmaMode = 'grid', ...rest } = input;
  if (sigmaMode !== 'grid' && sigmaMode !== 'exact') throw new Error(tr("sigma must be 'grid' or 'exact'."));
  const design = normalizeDesign(rest);
  const t0 = performance.now();
  clearSpans('xp:');
  const st0 = useStore.getState();
  if (!st0.dataset) throw new Error(tr('No data set is loaded yet.'));
  // The landscape's minima (for basins) belong to the current grid: wait for it.
  await idle();
  // The minima are refined in idle slices after the grid lands: give them a moment.
  for (let i = 0; i < 100 && !useStore.getState().minima.length; i++) await new Promise((r) => setTimeout(r, 30));
  const st = useStore.getState();
  const dataset = st.dataset!;
  const params: MetricParams = { depth: st.depth, gamma: st.gamma, eps: st.eps, delta: st.delta };
  const minima = st.minima.map((m) => ({ w: [m.w[0], m.w[1]] as [number, number], global: m.global, character: m.character }));
  const configs = configsOf(design);
  const specs = expandRuns(design, st.w1Range, st.w2Range);
  if (design.resample && !dataset.mixture) throw new Error(tr('Resampled training sets need a data set with a known mixture (a preset or the generator).'));
  span('xp:setup', t0);
  let tp = performance.now();
  const test = testSampleOf(dataset, design.testN, st.testSeed);
  const signal = opts.signal;
  const check = () => {
    if (signal?.aborted) throw abortError();
  };
  // Training samples: the loaded data set, or one fresh sample per repeat (in the data set's
  // standardised coordinates, as the test sample).
  const samples: Sample[] = design.resample ? Array.from({ length: design.repeats }, (_, r) => freshSample(dataset.mixture!, dataset.n, specs[r].sampleSeed!)) : [dataset];
  const sampleOfRun = (run: number) => (design.resample ? run : 0);
  span('xp:samples', tp);
  await yieldToPage();

  const needsSigma = configs.some((c) => c.method === 'perturbed');
  let sigmaGrid: GridFields | null = null;
  let sigmaNote = '';
  if (needsSigma) {
    if (sigmaMode === 'grid') {
      tp = performance.now();
      sigmaGrid = await evaluateGrid({ n: dataset.n, x: dataset.x, y: dataset.y, w1: st.w1Range, w2: st.w2Range, res: SIGMA_GRID_RES, ...params }, { signal });
      span('xp:sigma-grid', tp);
      sigmaNote = design.resample
        ? t('σ* for perturbed runs: interpolated (bilinear) from the σ* field of a {{res}}² grid over the window on the loaded data set (also for the resampled training sets), every step; exact σ* outside the window. A single run (Train) uses the exact σ* at every step.', { res: SIGMA_GRID_RES })
        : t('σ* for perturbed runs: interpolated (bilinear) from the σ* field of a {{res}}² grid over the window on the loaded data set, every step; exact σ* outside the window. A single run (Train) uses the exact σ* at every step.', { res: SIGMA_GRID_RES });
    } else sigmaNote = t('σ* for perturbed runs: exact (core/metrics, ρ by the 5×5 stencil) at every step of every run, on each run’s own training set.');
  }
  check();

  const rows: ExperimentRow[] = [];
  const totalSteps = configs.length * design.steps;
  let stepsDone = 0;
  const report = (phase: string, fraction: number, configsDone: number) => opts.onProgress?.({ fraction: Math.min(1, fraction), phase, configsDone, rows });
  // A progress report between steps, and the render it causes (the store update renders the
  // view, its charts, table and the endpoints on the landscape), in a task of its own.
  const publish = async (phase: string, fraction: number, configsDone: number, config: number) => {
    const tr = performance.now();
    report(phase, fraction, configsDone);
    await yieldToPage();
    span('xp:render', tr, { config });
    check();
  };
  for (const c of configs) {
    check();
    const runs = specs.filter((s) => s.config === c.index);
    let sigmaAt: SigmaSource | undefined;
    if (c.method === 'perturbed') {
      sigmaAt = (k, w1, w2) => {
        const s = samples[sampleOfRun(runs[k].run)];
        if (sigmaGrid) {
          const sg = interpolateSigma(sigmaGrid, w1, w2);
          if (sg) return { sigma: sg, kappa: [kappaOf(w1, params.gamma, params.eps), kappaOf(w2, params.gamma, params.eps)] };
        }
        return exactSigma(s, w1, w2, params);
      };
    }
    const job: EnsembleJob = {
      samples,
      runs: runs.map((r) => ({ start: r.start, seed: r.seed, sample: sampleOfRun(r.run) })),
      method: c.method,
      lr: c.lr,
      batch: c.batch,
      steps: c.steps,
      schedule: c.schedule,
      depth: params.depth,
      sigmaAt,
      // The noise drawn on the GPU inside the grid (the same interpolation), no read-back per step.
      sigmaGrid: sigmaGrid && c.method === 'perturbed' ? sigmaGridOf(sigmaGrid, params.gamma, params.eps) : undefined,
    };
    tp = performance.now();
    const ends = await trainEnsemble(job, {
      signal,
      turns: computeTurns,
      onProgress: (done, total) => report(t('training {{config}}', { config: configName(c.label) }), (0.85 * (stepsDone + (done / total) * c.steps)) / totalSteps + (0.15 * c.index) / configs.length, c.index),
    });
    stepsDone += c.steps;
    span('xp:train', tp, { config: c.index });
    // Each step of the pipeline starts in a task of its own: an await on a promise that is
    // already settled does not yield, so without these the end of training, the progress
    // render, the endpoint pass's set-up and the basins would chain into one long task.
    await yieldToPage();
    check();
    const sampleOf = runs.map((r) => sampleOfRun(r.run));
    await publish(t('measuring {{config}}', { config: configName(c.label) }), (0.85 * stepsDone) / totalSteps + (0.15 * c.index) / configs.length, c.index, c.index);
    let jets: EndpointJets[];
    tp = performance.now();
    if (test && gpuEndpoints()) jets = await endpointJets(ends, sampleOf, samples, test, params.depth, params.gamma, params.eps, { signal, turns: computeTurns });
    else jets = await endpointJetsCpu(ends, sampleOf, samples, test, params, signal);
    span('xp:endpoints', tp, { config: c.index });
    await yieldToPage();
    check();
    tp = performance.now();
    // Basins (damped Newton per endpoint, float64) in slices of the main-thread budget (core/slices).
    const slice = new SliceBudget();
    for (let i = 0; i < runs.length; i++) {
      if (slice.check()) {
        await yieldToPage();
        check();
        slice.restart();
      }
      const r = runs[i], j = jets[i];
      const w1 = ends[2 * i], w2 = ends[2 * i + 1];
      const s = samples[sampleOf[i]];
      let rho = 0;
      for (let q = 0; q < 25; q++) rho = Math.max(rho, j.stencil[q]);
      const m = metricFromParts(w1, w2, j.loss, j.hess[0], j.hess[2], rho, s.n, params);
      const eig = eigenSym2(j.hess[0], j.hess[1], j.hess[2]);
      rows.push({
        config: c.index,
        run: r.run,
        seed: r.seed,
        start: [r.start[0], r.start[1]],
        end: [w1, w2],
        trainLoss: j.loss,
        testLoss: test ? j.testLoss : NaN,
        gap: test ? j.testLoss - j.loss : NaN,
        psi: m.psi,
        bound: m.bound,
        lambdaMax: eig.values[1],
        basin: basinOf(dataset, w1, w2, params.depth, minima),
        method: c.method,
        lr: c.lr,
        batch: c.batch,
        steps: c.steps,
        trainAcc: j.trainAcc,
        testAcc: test ? j.testAcc : NaN,
      });
    }
    span('xp:basins', tp, { config: c.index });
    await yieldToPage();
    await publish(t('done {{config}}', { config: configName(c.label) }), (0.85 * stepsDone) / totalSteps + (0.15 * (c.index + 1)) / configs.length, c.index + 1, c.index);
  }
  return { design, configs, rows, sigmaNote, minima, elapsedMs: performance.now() - t0 };
}

/** Endpoint metrics on the GPU when the WebGL backend runs (else core/ in float64). */
function gpuEndpoints(): boolean {
  const b = useStore.getState().backend;
  return b === 'webgl';
}

/** The index of the listed minimum damped Newton reaches from w on the data set, or null. */
export function basinOf(sample: Sample, w1: number, w2: number, depth: number, minima: { w: [number, number] }[]): number | null {
  if (!minima.length || !Number.isFinite(w1) || !Number.isFinite(w2)) return null;
  const m = newtonMinimum(sample, w1, w2, depth, 0.25, 3);
  if (!m) return null;
  let best = -1, bestD = Infinity;
  minima.forEach((q, i) => {
    const d = Math.hypot(q.w[0] - m.w[0], q.w[1] - m.w[1]);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return bestD < 1e-3 ? best : null;
}

/**
 * Runs a design as the Experiments view does: state in the experiments store (progress, rows as
 * configurations finish), cancellable with `cancelExperiment()`. Resolves to the row table.
 */
export async function startExperiment(input: DesignInput): Promise<ExperimentRow[]> {
  cancelExperiment();
  const ctl = new AbortController();
  controller = ctl;
  const ex = useExperiments.getState();
  const { sigma, ...designPart } = input;
  let design: ExperimentDesign;
  try {
    design = normalizeDesign(designPart);
  } catch (e) {
    ex.set({ status: 'error', error: (e as Error).message });
    throw e;
  }
  ex.set({ status: 'running', progress: 0, phase: t('starting'), rows: [], configs: configsOf(design), error: null, sigmaNote: '', design, designVersion: ex.designVersion + 1 });
  try {
    const res = await runExperiment({ ...design, sigma }, {
      signal: ctl.signal,
      onProgress: (p) => {
        if (controller !== ctl) return;
        // A new rows array only when rows arrived (the charts re-render on a new array).
        const prev = useExperiments.getState().rows;
        useExperiments.getState().set({ progress: p.fraction, phase: p.phase, rows: prev.length === p.rows.length ? prev : p.rows.slice() });
      },
    });
    if (controller === ctl) useExperiments.getState().set({ status: 'done', progress: 1, phase: 'done', rows: res.rows, sigmaNote: res.sigmaNote, minima: res.minima, elapsedMs: res.elapsedMs });
    return res.rows;
  } catch (e) {
    if (controller === ctl) {
      const aborted = (e as Error).name === 'AbortError';
      useExperiments.getState().set({ status: aborted ? 'cancelled' : 'error', error: aborted ? null : (e as Error).message, phase: aborted ? 'cancelled' : 'error' });
    }
    throw e;
  } finally {
    if (controller === ctl) controller = null;
  }
}

/** Opens (or closes) the Experiments view; the story's last step opens it. */
export function openExperiments(open = true): void {
  useExperiments.getState().set({ open });
}

/** The experiments part of `window.pacscape`. */
export function experimentsApi() {
  return {
    experiment: (design: DesignInput = {}) => startExperiment(design),
    cancelExperiment: () => cancelExperiment(),
    experimentResult: () => {
      const s = useExperiments.getState();
      return { status: s.status, progress: s.progress, phase: s.phase, error: s.error, configs: s.configs, rows: s.rows, sigmaNote: s.sigmaNote, minima: s.minima, elapsedMs: s.elapsedMs, design: s.design };
    },
    openExperiments: (open = true) => openExperiments(open),
    /** The drawn endpoints in page pixels with the current camera (layout checks). */
    experimentEndpointsOnScreen: () => endpointsOnScreen(),
    /** Turn-taking of the compute jobs and the 3-D view's frame copy on the GPU (state/gpuTurns): counters. */
    gpuTurns: () => gpuTurnsState(),
    /** For `npm run bench`: K runs of SGD trained as one ensemble / one at a time (bare Trainer loop). */
    benchEnsemble: (o: Parameters<typeof benchEnsemble>[0]) => benchEnsemble(o),
    benchSingle: (o: { runs: number; steps: number; batch: number; lr?: number }) => benchSingle(o),
  };
}

/**
 * Registers `pacscape.experiment`, `cancelExperiment`, `experimentResult`, `openExperiments`, and
 * cancels an experiment when the landscape changes (one app run); returns their removal (an
 * experiment in flight is cancelled).
 */
export function installExperimentsApi(): () => void {
  registerApi(experimentsApi());
  // An experiment belongs to one landscape: a new data set or model cancels it.
  const offStore = useStore.subscribe(
    (s) => [s.dataVersion, s.depth, s.gamma, s.eps] as const,
    () => cancelExperiment(),
    { equalityFn: (a, b) => a.every((v, i) => v === b[i]) },
  );
  return () => {
    offStore();
    cancelExperiment();
  };
}

/** Times K SGD runs from seeded random starts in the window as one ensemble (training only). */
async function benchEnsemble(o: { runs: number; steps: number; batch: number; lr?: number; method?: 'gd' | 'sgd' | 'perturbed'; budget?: number; cpuIndices?: boolean; cpuNoise?: boolean; sigmaWindow?: { w1: [number, number]; w2: [number, number] }; ends?: boolean }) {
  const st = useStore.getState();
  if (!st.dataset) throw new Error(tr('No data set is loaded yet.'));
  const design = normalizeDesign({ method: o.method ?? 'sgd', lr: o.lr ?? 1, batch: o.batch, steps: o.steps, repeats: o.runs, seed: 1 });
  const specs = expandRuns(design, st.w1Range, st.w2Range);
  const params: MetricParams = { depth: st.depth, gamma: st.gamma, eps: st.eps, delta: st.delta };
  // Perturbed: σ* from a grid over the view's window (or `sigmaWindow`), as an experiment's.
  let sigma: Pick<EnsembleJob, 'sigmaAt' | 'sigmaGrid'> = {};
  if (design.method === 'perturbed') {
    const win = o.sigmaWindow ?? { w1: st.w1Range, w2: st.w2Range };
    const f = await evaluateGrid({ n: st.dataset.n, x: st.dataset.x, y: st.dataset.y, w1: win.w1, w2: win.w2, res: SIGMA_GRID_RES, ...params });
    const data = st.dataset;
    sigma = {
      sigmaGrid: sigmaGridOf(f, params.gamma, params.eps),
      sigmaAt: (_k, w1, w2) => {
        const sg = interpolateSigma(f, w1, w2);
        return sg ? { sigma: sg, kappa: [kappaOf(w1, params.gamma, params.eps), kappaOf(w2, params.gamma, params.eps)] } : exactSigma(data, w1, w2, params);
      },
    };
  }
  const before = numTensors();
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  const ends = await trainEnsemble({ samples: [st.dataset], runs: specs.map((r) => ({ start: r.start, seed: r.seed, sample: 0 })), method: design.method, lr: design.lr, batch: design.batch, steps: design.steps, depth: st.depth, ...sigma }, { timings, budget: o.budget, cpuIndices: o.cpuIndices, cpuNoise: o.cpuNoise });
  const ms = performance.now() - t0;
  return { ms, timings, runSteps: o.runs * o.steps, tensorsBefore: before, tensorsAfter: numTensors(), finite: ends.every(Number.isFinite), ends: o.ends ? Array.from(ends) : undefined };
}

/** Times `runs` SGD runs of the same settings one after another (compute/train's Trainer, as a single run). */
async function benchSingle(o: { runs: number; steps: number; batch: number; lr?: number }) {
  const st = useStore.getState();
  if (!st.dataset) throw new Error(tr('No data set is loaded yet.'));
  const params: MetricParams = { depth: st.depth, gamma: st.gamma, eps: st.eps, delta: st.delta };
  const { Trainer } = await loadGpu();
  const t0 = performance.now();
  for (let r = 0; r < o.runs; r++) {
    const t = new Trainer(st.dataset, null, params, { method: 'sgd', lr: o.lr ?? 1, batch: o.batch, steps: o.steps, seed: r + 1 }, [1 + 0.1 * r, -1]);
    try {
      await t.init();
      for (let i = 0; i < o.steps; i++) await t.step();
    } finally {
      t.dispose();
    }
  }
  return { ms: performance.now() - t0, runSteps: o.runs * o.steps };
}
