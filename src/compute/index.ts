/**
 * compute/: the only public face of the TensorFlow.js side.
 *
 * - `initBackend`: tfjs backend webgl → wasm (single-threaded SIMD, files served by the app) → cpu.
 * - Two grid engines with the same output: 'webgl' (fused GPGPU programs run through tfjs's WebGL
 *   backend, webglEngine.ts) and 'ts' (core's float64 jets in Web Workers, cpuEngine.ts).
 *   `calibrateEngine` times both on a small job at start-up and picks the faster one.
 * - `evaluateGrid(job, {signal, onProgress, preview})`: every field of a grid, on the picked engine.
 */
import * as tf from './tf';
import { MathBackendWebGL } from './tf';
import type { GridFields, GridJob } from '../core/grid';
import { validateJob, withTestLoss } from '../core/grid';
import type { Sample } from '../core/jets';
import { evaluateGridWebGL, evaluateTestLossWebGL } from './webglEngine';
import { evaluateGridTs, evaluateTestLossTs, workerCount } from './cpuEngine';

export type { GridFields, GridJob };

/** Training runs: GD, mini-batch SGD and perturbed optimization on the page's backend. */
export * from './train';

export type EngineName = 'webgl' | 'ts';

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

let picked: EngineName = 'ts';
/** Why an engine failed during calibration (for diagnostics). */
export const calibrationErrors: Partial<Record<EngineName, string>> = {};
let contextLost = false;
const engineListeners = new Set<(e: EngineName) => void>();

/** The grid engine in use. */
export function engineName(): EngineName {
  return picked;
}

/** Engines usable on the current backend. */
export function availableEngines(): EngineName[] {
  return tf.getBackend() === 'webgl' && !contextLost ? ['webgl', 'ts'] : ['ts'];
}

const contextListeners = new Set<(lost: boolean) => void>();

/** True while tfjs's WebGL context is lost (work queued on it may never finish). */
export function gpuContextLost(): boolean {
  return contextLost;
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

function setEngine(e: EngineName): void {
  if (e === picked) return;
  picked = e;
  for (const fn of engineListeners) fn(e);
}

async function initWasm(): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // Files bundled with the app (no requests outside its origin); single-threaded SIMD only.
  const [plain, simd, threaded] = await Promise.all([
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'),
  ]);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setWasmPaths({ 'tfjs-backend-wasm.wasm': plain.default, 'tfjs-backend-wasm-simd.wasm': simd.default, 'tfjs-backend-wasm-threaded-simd.wasm': threaded.default });
}

/** The canvas of tfjs's current WebGL backend (undefined on another backend). */
function backendCanvas(): (HTMLCanvasElement | OffscreenCanvas) | undefined {
  if (tf.getBackend() !== 'webgl') return undefined;
  const b = tf.backend() as MathBackendWebGL;
  return (b as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } }).gpgpu?.gl?.canvas as (HTMLCanvasElement | OffscreenCanvas) | undefined;
}

/**
 * Watches the tfjs WebGL canvas: on context loss the TS engine takes over (and back on restore).
 * Only the current backend's canvas counts: a canvas of a backend replaced after an earlier loss
 * may be lost and restored again with the others (a GPU reset loses every context), and acting on
 * it would replace the working backend under a job in flight.
 */
/** Empties a WebGL backend's fence-poll queue (its polls can never pass once its context is lost). */
function dropPolls(backend: MathBackendWebGL): void {
  const gpgpu = (backend as unknown as { gpgpu?: { itemsToPoll?: unknown[] } }).gpgpu;
  if (gpgpu && Array.isArray(gpgpu.itemsToPoll)) gpgpu.itemsToPoll = [];
}

function watchContext(): void {
  const canvas = backendCanvas();
  if (!canvas || typeof canvas.addEventListener !== 'function') return;
  const backend = tf.backend() as MathBackendWebGL;
  canvas.addEventListener('webglcontextlost', () => {
    if (backendCanvas() !== canvas) return;
    // A read queued on the lost context polls its fence for ever (clientWaitSync on a dead sync
    // object, hundreds of WebGL warnings a second): drop those polls; the reads' callers are told
    // of the loss (onGpuContext) and stop waiting.
    dropPolls(backend);
    contextLost = true;
    for (const fn of contextListeners) fn(true);
    setEngine('ts');
  });
  canvas.addEventListener('webglcontextrestored', () => {
    if (backendCanvas() !== canvas) return;
    // tfjs keeps its textures in the lost context; re-create the backend before using WebGL again.
    void (async () => {
      try {
        // The old backend's programs, textures and buffers died with the lost context: deleting
        // them on the restored one only makes WebGL warn ("object does not belong to this
        // context"), so it is removed without its dispose. Its program cache is tfjs's global one
        // (shared with the next backend): emptied, not deleted program by program.
        dropPolls(backend); // reads queued while the context was lost poll dead fences too
        const old = backend as unknown as { disposed: boolean; binaryCache?: Record<string, unknown> };
        if (old.binaryCache) for (const k of Object.keys(old.binaryCache)) delete old.binaryCache[k];
        old.disposed = true;
        tf.removeBackend('webgl');
        tf.registerBackend('webgl', () => new MathBackendWebGL());
        await tf.setBackend('webgl');
        contextLost = false;
        watchContext();
        for (const fn of contextListeners) fn(false);
        setEngine('webgl');
      } catch {
        // stay on the TS engine
      }
    })();
  });
}

/** Picks the tfjs backend: webgl → wasm → cpu. Returns the backend name in use. */
export async function initBackend(preferred: string[] = ['webgl', 'wasm', 'cpu']): Promise<string> {
  for (const name of preferred) {
    try {
      if (name === 'wasm') await initWasm();
      if (await tf.setBackend(name)) {
        await tf.ready();
        if (tf.getBackend() === 'webgl') watchContext();
        // Until calibrateEngine times them: the GPU engine where there is one.
        picked = availableEngines()[0];
        return tf.getBackend();
      }
    } catch {
      // try the next backend
    }
  }
  await tf.ready();
  return tf.getBackend();
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

function runEngine(e: EngineName, job: GridJob, opts: EvaluateOptions, tsWorkers?: number): Promise<GridFields> {
  const o = { signal: opts.signal, onProgress: opts.onProgress, timings: opts.timings, stencilFallback: !opts.preview };
  return e === 'webgl' ? evaluateGridWebGL(job, o) : evaluateGridTs(job, o, tsWorkers);
}

function usableEngine(opts: EvaluateOptions): EngineName {
  const e = opts.engine ?? picked;
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
  const out = usableEngine(opts) === 'webgl' ? await evaluateTestLossWebGL(job, test, o) : await evaluateTestLossTs(job, test, o);
  opts.onProgress?.(1);
  return out;
}
/** The WebGL engine's work per draw call (the bench compares sizes). */
export { setChunkBudget, chunkBudgetUnits } from './webglEngine';

/** Number of Web Workers the TS engine uses (0 = in-thread). */
export { workerCount };

/** Live tensor count (for leak checks). */
export function numTensors(): number {
  return tf.memory().numTensors;
}

/** Batched training of many runs at once and their endpoint metrics (experiments). */
export * from './ensemble';
