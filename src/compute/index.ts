/**
 * compute/: the only public face of the grid engines and of the TensorFlow.js side. This module
 * imports no tfjs: the first view computes its landscape with the TS engine, and the TensorFlow.js
 * side (compute/gpu.ts: the backend, the WebGL engine, training, ensembles) is loaded by
 * `initBackend` or the first call that needs it (`loadGpu`).
 *
 * - `initBackend`: loads compute/gpu.ts and picks the tfjs backend: webgl → wasm (single-threaded
 *   SIMD, files served by the app) → cpu.
 * - Two grid engines with the same output: 'webgl' (fused GPGPU programs run through tfjs's WebGL
 *   backend, webglEngine.ts) and 'ts' (core's float64 jets in Web Workers, cpuEngine.ts); only 'ts'
 *   until a WebGL backend runs. `calibrateEngine` times both on a small job and picks the faster one.
 * - `evaluateGrid(job, {signal, onProgress, preview})`: every field of a grid, on the picked engine.
 */
import type { GridFields, GridJob } from '../core/grid';
import { validateJob, withTestLoss } from '../core/grid';
import type { Sample } from '../core/jets';
import { evaluateGridTs, evaluateTestLossTs, workerCount } from './cpuEngine';
import { availableEngines, contextListeners, engine, engineListeners, setEngine, type EngineName } from './engineState';
import type * as Gpu from './gpu';
import type { EndpointJets, EnsembleJob, EnsembleOptions } from './ensemble';

export type { GridFields, GridJob };

/** Training runs (GD, mini-batch SGD, perturbed): their settings here; the runs (`Trainer`) from `loadGpu()`. */
export * from './trainSettings';
export type { Trainer } from './train';
export type * from './ensemble';
export type { EngineName };
export { availableEngines };

type GpuModule = typeof Gpu;
let gpu: GpuModule | null = null;
let gpuLoad: Promise<GpuModule> | null = null;

/** The TensorFlow.js side (compute/gpu.ts), loaded on first call. */
export function loadGpu(): Promise<GpuModule> {
  gpuLoad ??= import('./gpu').then((m) => (gpu = m));
  return gpuLoad;
}

/** Loads the TensorFlow.js side and picks its backend: webgl → wasm → cpu. Returns the backend name in use. */
export async function initBackend(preferred?: string[]): Promise<string> {
  return (await loadGpu()).initBackend(preferred);
}

/** tfjs's backend ('none' until `initBackend` started one). */
export function backendName(): string {
  return engine.backend;
}

export interface EvaluateOptions {
  signal?: AbortSignal;
  /** Called with progress in [0, 1]. */
  onProgress?: (fraction: number) => void;
  /**
   * Quick preview: ρ in grid mode everywhere (no 5×5 stencil fallback where the grid is too coarse).
   * The scheduler replaces it with the full result moments later.
   */
  preview?: boolean;
  /** Force an engine (benchmarks, tests); default: the calibrated pick. */
  engine?: EngineName;
  /** Filled with per-pass wall times by the WebGL engine (benchmarks). */
  timings?: Record<string, number>;
  /**
   * A fresh sample of the data set's mixture (SPEC §9; standardised as the training sample): when
   * given, the test loss and the gap are computed after the other fields (progress: the main
   * fields first, then the test pass) and attached as `testLoss` and `gap`.
   */
  test?: Sample | null;
}

/** Why an engine failed during calibration (for diagnostics). */
export const calibrationErrors: Partial<Record<EngineName, string>> = {};

/** The grid engine in use. */
export function engineName(): EngineName {
  return engine.picked;
}

/** True while tfjs's WebGL context is lost (work queued on it may never finish). */
export function gpuContextLost(): boolean {
  return engine.contextLost;
}

/** Subscribes to the loss (true) and restoration (false) of tfjs's WebGL context; returns an unsubscribe. */
export function onGpuContext(fn: (lost: boolean) => void): () => void {
  contextListeners.add(fn);
  return () => contextListeners.delete(fn);
}

/** Subscribes to engine changes (e.g. the WebGL context was lost); returns an unsubscribe. */
export function onEngineChange(fn: (e: EngineName) => void): () => void {
  engineListeners.add(fn);
  return () => engineListeners.delete(fn);
}

/** A small job for calibration and shader warm-up (no stencil band; margins included). */
function calibrationJob(sample: Pick<GridJob, 'n' | 'x' | 'y'>, res: number): GridJob {
  return { ...sample, w1: [2, 3.2], w2: [-2.2, -1], res, depth: 5, gamma: 0.1, eps: 0.1, delta: 0.05 };
}

/**
 * Times the engines on a small job (the better of two warm runs each) and picks the faster one; the first run also
 * compiles the WebGL programs, so the first real preview pays no compile time.
 * Returns the per-engine times (ms).
 */
export async function calibrateEngine(sample: Pick<GridJob, 'n' | 'x' | 'y'>): Promise<Partial<Record<EngineName, number>>> {
  const times: Partial<Record<EngineName, number>> = {};
  const engines = availableEngines();
  if (engines.length === 1) {
    setEngine(engines[0]);
    return times;
  }
  // Large enough that fixed per-pass costs (WebGL) do not hide per-node costs (TS workers).
  const job = calibrationJob(sample, 40);
  // The TS engine is timed on one worker and credited with its whole pool (ideal scaling, which
  // flatters it): the pool is then only started where the TS engine is used, and a page that
  // computes on the GPU starts (and fetches) one worker instead of one per core.
  const tsWorkers = Math.max(1, workerCount());
  for (const e of engines) {
    try {
      await runEngine(e, { ...job, res: 8 }, {}, 1);
    } catch (err) {
      times[e] = Infinity;
      calibrationErrors[e] = (err as Error).message;
    }
  }
  // Two timed rounds, the engines interleaved, and each engine's faster time kept: one hiccup of
  // a shared machine (a garbage collection, another process) in a single timing once picked the
  // slower engine.
  for (let round = 0; round < 2; round++) {
    for (const e of engines) {
      if (times[e] === Infinity) continue;
      try {
        const t0 = performance.now();
        await runEngine(e, job, {}, 1);
        const t = (performance.now() - t0) / (e === 'ts' ? tsWorkers : 1);
        times[e] = Math.min(times[e] ?? Infinity, t);
      } catch (err) {
        times[e] = Infinity;
        calibrationErrors[e] = (err as Error).message;
      }
    }
  }
  // The preview's stencil-free variant compiles the same programs with other inputs: warm it too.
  if (engines.includes('webgl')) await runEngine('webgl', { ...job, res: 64, w1: [-4, 6], w2: [-6, 4] }, { preview: true }).catch(() => undefined);
  // The small calibration job favours the TS workers (WebGL's fixed per-pass costs weigh more at
  // 40² than at the 128²–256² grids the app computes, where WebGL measured 3–4× faster here), and
  // single timings on a shared machine vary up to 2×: TS must be clearly faster to be picked.
  setEngine((times.webgl ?? Infinity) <= 1.5 * (times.ts ?? Infinity) ? 'webgl' : 'ts');
  return times;
}

async function runEngine(e: EngineName, job: GridJob, opts: EvaluateOptions, tsWorkers?: number): Promise<GridFields> {
  const o = { signal: opts.signal, onProgress: opts.onProgress, timings: opts.timings, stencilFallback: !opts.preview };
  return e === 'webgl' ? (await loadGpu()).evaluateGridWebGL(job, o) : evaluateGridTs(job, o, tsWorkers);
}

function usableEngine(opts: EvaluateOptions): EngineName {
  const e = opts.engine ?? engine.picked;
  return e === 'webgl' && !availableEngines().includes('webgl') ? 'ts' : e;
}

/** Evaluates every field over a job's grid, chunked and cancellable (throws an AbortError). */
export async function evaluateGrid(job: GridJob, opts: EvaluateOptions = {}): Promise<GridFields> {
  validateJob(job);
  const e = usableEngine(opts);
  const test = opts.test ?? null;
  // Progress: the main fields, then the test pass, weighted by their work (test: order 0, ~⅓).
  const wMain = job.n * 4, wTest = test ? test.n / 3 : 0;
  const split = wMain / (wMain + wTest);
  const f = await runEngine(e, job, { ...opts, onProgress: opts.onProgress && ((p) => opts.onProgress!(p * split)) });
  if (test) withTestLoss(f, await evaluateTestLoss(job, test, { ...opts, engine: e, onProgress: opts.onProgress && ((p) => opts.onProgress!(split + (1 - split) * p)) }));
  opts.onProgress?.(1);
  return f;
}

/** The naive tfjs baseline (benchmarks only: loaded on first use). */
export const loadNaiveBaseline = () => import('./naive');

/**
 * SPEC §9's test loss over a job's grid (mean loss on `test` at every node, res² float32) on the
 * picked engine, chunked and cancellable. Combine with the main fields by core/grid.withTestLoss.
 */
export async function evaluateTestLoss(job: GridJob, test: Sample, opts: Omit<EvaluateOptions, 'test' | 'preview'> = {}): Promise<Float32Array> {
  validateJob(job);
  if (!(test.n >= 1)) throw new Error('The test sample is empty.');
  const o = { signal: opts.signal, onProgress: opts.onProgress, timings: opts.timings };
  const out = usableEngine(opts) === 'webgl' ? await (await loadGpu()).evaluateTestLossWebGL(job, test, o) : await evaluateTestLossTs(job, test, o);
  opts.onProgress?.(1);
  return out;
}
/** The WebGL engine's work per draw call (the bench compares sizes). */
export { setChunkBudget, chunkBudgetUnits } from './webglTiling';

/** Number of Web Workers the TS engine uses (0 = in-thread). */
export { workerCount };

/** Live tensor count (for leak checks; 0 before the TensorFlow.js side is loaded). */
export function numTensors(): number {
  return gpu ? gpu.numTensors() : 0;
}

/** Live tensor count of the training side (as `numTensors`). */
export const tensorCount = numTensors;

/** Batched training of many runs at once (compute/ensemble.ts, loaded with the TensorFlow.js side). */
export async function trainEnsemble(job: EnsembleJob, opts: EnsembleOptions = {}): Promise<Float32Array> {
  return (await loadGpu()).trainEnsemble(job, opts);
}

/** Endpoint metrics of many runs on the GPU (compute/ensemble.ts, loaded with the TensorFlow.js side). */
export async function endpointJets(...args: Parameters<GpuModule['endpointJets']>): Promise<EndpointJets[]> {
  return (await loadGpu()).endpointJets(...args);
}

/** Named spans on the performance timeline (long-task attribution; compute/spans.ts, no tfjs). */
export { span, clearSpans } from './spans';
