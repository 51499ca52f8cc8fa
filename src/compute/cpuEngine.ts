/**
 * The TS grid engine (Node, and the browser's fallback when WebGL is slower or missing): the same
 * fused per-node loop as the WebGL engine, run with core's specialised float64 jets, in Web Workers
 * when the platform has them (one per core, at most 4) and in-thread otherwise. Work is split into
 * tasks of a few tens of ms (rectangles of the padded grid, and the 5×5 stencil points of nodes
 * whose box is too coarse), so jobs report progress, cancel between tasks and never freeze the
 * page. ρ, Ψ, the bound and σ* are then assembled with core/gridEval's rules.
 */
import { tr } from '../core/words';
import type { GridFields, GridJob } from '../core/grid';
import { assembleGrid, planTestWork, planWork, runGridTask, type GridTask } from '../core/gridEval';
import type { Sample } from '../core/jets';
import type { GridFields as Fields } from '../core/grid';
import type { AssembleInput, WorkerReply, WorkerRequest } from './gridWorker';
import { abortError, type EngineRunOptions } from './engineJob';
import { gridWorker, workerCount } from './startWorkers';

type Task = GridTask;

/** Runs tasks on a sample; `workers` > 0 means Web Workers (at most that many). */
interface Executor {
  readonly workers: number;
  /** Sends a job's sample, kept (by every worker) until `dropSample` (concurrent jobs each keep theirs). */
  setSample(key: number, n: number, x: Float64Array, y: Uint8Array): void;
  dropSample(key: number): void;
  /** Runs a task; `limit` caps the workers this job may use (the pool grows to it on demand). */
  run(key: number, t: Task, limit?: number): Promise<Float64Array>;
  /** The fields of a finished job (core/gridEval assembleGrid), off the page's thread where there are workers. */
  assemble(work: AssembleInput): Promise<Fields>;
}

/** In-thread executor (Node, or no Worker support): yields to the event loop before each task. */
function inlineExecutor(): Executor {
  const samples = new Map<number, Sample>();
  return {
    workers: 0,
    setSample(key, n, x, y) {
      samples.set(key, { n, x, y });
    },
    dropSample(key) {
      samples.delete(key);
    },
    async run(key, t) {
      await new Promise((r) => setTimeout(r, 0));
      const sample = samples.get(key);
      if (!sample) throw new Error('sample missing');
      return runGridTask(sample, t);
    },
    async assemble(work) {
      return assembleGrid({ ...work, tasks: [] });
    },
  };
}

/**
 * A pool of up to `size` module Web Workers; tasks go to the least busy worker. Workers are started
 * on demand — a new one only when every running worker is busy and the job may use more — so a
 * page that only calibrates the engine (and then computes on the GPU) starts, and fetches, one.
 */
function workerExecutor(size: number): Executor {
  type Slot = { worker: Worker; busy: number };
  const pool: Slot[] = [];
  const pending = new Map<number, { resolve: (d: Float64Array) => void; reject: (e: Error) => void; slot: Slot; fields?: (f: Fields) => void }>();
  // The samples in use (as the workers keep them), for workers started after they were sent.
  const samples = new Map<number, WorkerRequest & { type: 'sample' }>();
  let nextTask = 1;
  const spawn = (): Slot => {
    const slot: Slot = { worker: gridWorker(), busy: 0 };
    slot.worker.onmessage = (ev: MessageEvent<WorkerReply>) => {
      const p = pending.get(ev.data.id);
      if (!p) return;
      pending.delete(ev.data.id);
      p.slot.busy--;
      if (ev.data.fields && p.fields) p.fields(ev.data.fields);
      else if (ev.data.data) p.resolve(ev.data.data);
      else p.reject(new Error(ev.data.error ?? tr('a grid worker failed')));
    };
    slot.worker.onerror = (ev) => {
      ev.preventDefault();
      for (const [id, p] of pending) {
        if (p.slot !== slot) continue;
        pending.delete(id);
        p.reject(new Error(tr('a grid worker stopped with an error ({{error}})', { error: ev.message })));
      }
    };
    for (const m of samples.values()) slot.worker.postMessage(m);
    pool.push(slot);
    return slot;
  };
  return {
    workers: size,
    setSample(key, n, x, y) {
      const m = { type: 'sample', key, n, x, y } satisfies WorkerRequest;
      samples.set(key, m);
      for (const s of pool) s.worker.postMessage(m);
    },
    dropSample(key) {
      samples.delete(key);
      for (const s of pool) s.worker.postMessage({ type: 'drop', key } satisfies WorkerRequest);
    },
    run(key, t, limit = size) {
      const cap = Math.max(1, Math.min(size, limit));
      const usable = pool.slice(0, cap);
      let slot = usable.length ? usable.reduce((a, b) => (b.busy < a.busy ? b : a)) : null;
      if (!slot || (slot.busy > 0 && pool.length < cap)) slot = spawn();
      const task = nextTask++;
      slot.busy++;
      const chosen = slot;
      return new Promise((resolve, reject) => {
        pending.set(task, { resolve, reject, slot: chosen });
        chosen.worker.postMessage({ type: 'task', key, id: task, task: t } satisfies WorkerRequest);
      });
    },
    assemble(work) {
      const slot = pool.length ? pool.reduce((a, b) => (b.busy < a.busy ? b : a)) : spawn();
      const id = nextTask++;
      slot.busy++;
      return new Promise<Fields>((resolve, reject) => {
        pending.set(id, { resolve: () => reject(new Error(tr('a grid worker failed'))), reject, slot, fields: resolve });
        // The extended grid's buffer is transferred (the job's work is done with it).
        slot.worker.postMessage({ type: 'assemble', id, work } satisfies WorkerRequest, [work.ext.buffer]);
      });
    },
  };
}

let shared: Executor | null = null;

export { workerCount };

function executor(): Executor {
  if (!shared) {
    const w = workerCount();
    shared = w > 0 ? workerExecutor(w) : inlineExecutor();
  }
  return shared;
}

let sampleKey = 0;

/** Runs tasks on the executor, two lanes per worker, with progress and cancellation between tasks. */
async function runTasks(ex: Executor, key: number, tasks: { task: Task; units: number; store: (d: Float64Array) => void }[], opts: EngineRunOptions, maxWorkers?: number): Promise<void> {
  const check = () => {
    if (opts.signal?.aborted) throw abortError();
  };
  const total = tasks.reduce((a, t) => a + t.units, 0);
  let done = 0, next = 0;
  const workers = Math.min(ex.workers, maxWorkers ?? ex.workers);
  const lanes = Math.max(1, workers) * 2;
  const lane = async () => {
    while (next < tasks.length) {
      check();
      const t = tasks[next++];
      const d = await ex.run(key, t.task, maxWorkers);
      check();
      t.store(d);
      done += t.units;
      opts.onProgress?.(done / total);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  check();
}

/**
 * Evaluates every field of `job` with the TS engine (see the file comment); `maxWorkers` caps the
 * workers it uses (the start-up calibration times one).
 */
export async function evaluateGridTs(job: GridJob, opts: EngineRunOptions = {}, maxWorkers?: number): Promise<GridFields> {
  if (opts.signal?.aborted) throw abortError();
  const ex = executor();
  const key = ++sampleKey;
  ex.setSample(key, job.n, Float64Array.from(job.x), Uint8Array.from(job.y));
  const work = planWork(job, undefined, opts.stencilFallback ?? true);
  try {
    await runTasks(ex, key, work.tasks, opts, maxWorkers);
  } finally {
    ex.dropSample(key);
  }
  const { plan, ext, fallback, stencilRho } = work;
  const fields = await ex.assemble({ job: { ...job, x: [], y: [] }, plan, ext, fallback, stencilRho });
  if (opts.signal?.aborted) throw abortError();
  return fields;
}

/**
 * The SPEC §9 test loss over `job`'s grid with the TS engine: the mean loss on `test` at every
 * node, float64 rounded to float32 (core/gridEval.planTestWork), in cancellable tasks.
 */
export async function evaluateTestLossTs(job: GridJob, test: Sample, opts: EngineRunOptions = {}): Promise<Float32Array> {
  if (opts.signal?.aborted) throw abortError();
  const ex = executor();
  // Sent with every pass (a few hundred kB), dropped when the pass ends.
  const key = ++sampleKey;
  ex.setSample(key, test.n, Float64Array.from(test.x), Uint8Array.from(test.y));
  const work = planTestWork(job, test.n);
  try {
    await runTasks(ex, key, work.tasks, opts);
  } finally {
    ex.dropSample(key);
  }
  return work.out;
}
