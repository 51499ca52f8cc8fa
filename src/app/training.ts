/**
 * Training runs and pins, wired between compute/train (tfjs) and the store: starts runs from the
 * marker, animates them (a few steps per animation frame), pauses/steps/stops them, records the
 * path with its test loss and bound, and exposes `pin`, `pinned`, `train`, `setData` on
 * `window.pacscape`.
 */
import { tr } from '../core/words';
import { gpuContextLost, loadGpu, onGpuContext, tensorCount, validateTrainSettings, type Trainer, type TrainPoint, type TrainSettings } from '../compute';
import { datasetFromObject, type Dataset } from '../core/data';
import { descendIterates } from '../core/descend';
import { lossSum, type Sample } from '../core/jets';
import { slicer } from '../core/slices';
import { pointReport, type MetricParams } from '../core/metrics';
import { cachedTestSample, pinRow, type PinRow } from '../core/reconstruct';
import { useStore, type AppState } from '../state/store';
import { RUN_COLORS, type RunKind, type TrainingRun } from '../state/training';
import { registerApi } from './api';
import type { Shortcuts } from './shortcuts';

import { MAX_PINS, pinPoint } from './actions';
import { msg, t } from '../i18n';
import { PARAMS, checkPoint } from '../core/params';

export { MAX_PINS, pinPoint };

interface Controller {
  paused: boolean;
  stopped: boolean;
  /** Steps still allowed while paused (the "step" button adds one). */
  stepBudget: number;
  wake: (() => void) | null;
}

const controllers = new Map<number, Controller>();
let nextRunId = 1;

function paramsOf(s: AppState): MetricParams {
  return { depth: s.depth, gamma: s.gamma, eps: s.eps, delta: s.delta };
}

function testOf(s: AppState): Sample | null {
  return s.dataset ? cachedTestSample(s.dataset, s.testSize, s.testSeed) : null;
}

const nextFrame = () =>
  new Promise<void>((resolve) => {
    if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && document.visibilityState !== 'hidden') requestAnimationFrame(() => resolve());
    else setTimeout(resolve, 16);
  });

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/*
 * A run's slices of main-thread work are measured by the one budget (core/slices `slicer`). A
 * step's read-back often resolves at once (a microtask), so without them a batch of 25 steps, each
 * with its test loss (20 000 points) and float64 bound (26 order-3 jets), ran as one task of
 * 100–450 ms on software WebGL. The step, its bound and each piece of its test loss are units.
 */

/** Test points per piece of a path point's test loss (≈ 1 ms at D = 8 on a quiet machine). */
export const TEST_PIECE = 2500;

/**
 * SPEC §9's test loss at w (the mean loss on the test sample), computed in pieces of TEST_PIECE
 * points with `slice()` between them: lossAt's value bit for bit (core/jets lossSum), without a
 * long task at 20 000 points. NaN without a test sample.
 */
export async function slicedTestLoss(test: Sample | null, w1: number, w2: number, depth: number, slice: () => Promise<void>): Promise<number> {
  if (!test || test.n === 0) return NaN;
  let acc = 0;
  for (let j0 = 0; j0 < test.n; j0 += TEST_PIECE) {
    acc = lossSum(test, w1, w2, depth, j0, Math.min(test.n, j0 + TEST_PIECE), acc);
    await slice();
  }
  return acc * (1 / test.n);
}

/** Raised when tfjs's WebGL context is lost during a run (its reads would never finish). */
class ContextLostError extends Error {}

/**
 * `p`, unless tfjs's WebGL context is lost first (or already): a read queued on a lost context
 * never resolves, so the run would stay "running" for ever. Rejects with ContextLostError then.
 */
function unlessContextLost<T>(p: Promise<T>): Promise<T> {
  if (gpuContextLost()) {
    p.catch(() => undefined);
    return Promise.reject(new ContextLostError());
  }
  return new Promise<T>((resolve, reject) => {
    const off = onGpuContext((lost) => {
      if (!lost) return;
      off();
      p.catch(() => undefined);
      reject(new ContextLostError());
    });
    p.then(
      (v) => {
        off();
        resolve(v);
      },
      (e: unknown) => {
        off();
        reject(e);
      },
    );
  });
}

function labelOf(kind: RunKind, settings: TrainSettings | null): string {
  if (kind === 'descend' || !settings) return 'descend (Newton)';
  const base = kind === 'sgd' ? `SGD b=${settings.batch}` : kind === 'perturbed' ? 'perturbed' : 'GD';
  return `${base} lr=${settings.lr} seed=${settings.seed}`;
}

function newRun(kind: RunKind, start: [number, number], settings: TrainSettings | null): TrainingRun {
  const id = nextRunId++;
  const used = new Set(useStore.getState().runs.map((r) => r.color));
  const color = RUN_COLORS.find((c) => !used.has(c)) ?? RUN_COLORS[(id - 1) % RUN_COLORS.length];
  return { id, kind, label: labelOf(kind, settings), color, start, settings: settings ? { ...settings } : null, path: [], testLoss: [], bound: [], status: 'running' };
}

/** Accumulates points and writes them to the store in one update per flush. */
class PathRecorder {
  readonly path: [number, number, number][] = [];
  readonly testLoss: number[] = [];
  readonly bound: number[] = [];
  private readonly dataset: Dataset;
  private readonly params: MetricParams;
  constructor(
    readonly id: number,
    dataset: Dataset,
    params: MetricParams,
    private readonly follow: boolean,
  ) {
    this.dataset = dataset;
    this.params = params;
  }
  push(w1: number, w2: number, loss: number, testLoss: number): void {
    this.path.push([w1, w2, loss]);
    this.testLoss.push(testLoss);
    // The bound at each path point (float64, as in the inspector), for the path on the bound plane.
    this.bound.push(pointReport(this.dataset, w1, w2, this.params).bound);
  }
  flush(status?: TrainingRun['status'], error?: string): void {
    const st = useStore.getState();
    if (!st.runs.some((r) => r.id === this.id)) return;
    st.patchRun(this.id, { path: this.path.slice(), testLoss: this.testLoss.slice(), bound: this.bound.slice(), ...(status ? { status } : {}), ...(error ? { error } : {}) });
    const last = this.path[this.path.length - 1];
    if (!this.follow || !last) return;
    // A run may leave the grid's limits (a large step): the marker stays at its last point inside
    // and says so once for the run (it repeated the refusal at every flush).
    if (checkPoint([last[0], last[1]], 'The marker') === null) st.setMarker([last[0], last[1]]);
    else if (!this.leftLimits) {
      this.leftLimits = true;
      let k = this.path.length - 1;
      while (k >= 0 && checkPoint([this.path[k][0], this.path[k][1]], 'The marker') !== null) k--;
      if (k >= 0) st.setMarker([this.path[k][0], this.path[k][1]]);
      st.notify({ kind: 'info', text: t('The run left the landscape’s limits (±{{max}} in each weight) at step {{step}}; the marker stays at its last point inside while the run goes on.', { max: PARAMS.w.max, step: k + 1 }) });
    }
  }
  /** The run has left ±w.max (the marker stopped following; said once). */
  private leftLimits = false;
}

async function waitWhilePaused(c: Controller): Promise<void> {
  while (c.paused && c.stepBudget === 0 && !c.stopped) {
    await new Promise<void>((resolve) => {
      c.wake = resolve;
    });
    c.wake = null;
  }
}

export interface StartOptions {
  start?: [number, number];
  settings?: Partial<TrainSettings>;
  /** Animate at the store's speed (UI) or run flat out (scripts). */
  animate?: boolean;
  /** Move the marker along with the run. */
  follow?: boolean;
  /** Start paused (the first "step" click). */
  paused?: boolean;
}

/**
 * Starts a training run from `start` (default: the marker) with the store's settings overridden
 * by `settings`. Returns the run id and a promise of the finished path [[w1, w2, L̂], ...].
 * Throws (before creating a run) on bad settings or when no data is loaded.
 */
export function startRun(opts: StartOptions = {}): { id: number; done: Promise<[number, number, number][]> } {
  const st = useStore.getState();
  if (!st.dataset) throw new Error(tr('No data set is loaded yet.'));
  const settings: TrainSettings = { ...st.trainSettings, ...opts.settings };
  validateTrainSettings(settings);
  const start: [number, number] = opts.start ? [opts.start[0], opts.start[1]] : [st.marker[0], st.marker[1]];
  const dataset = st.dataset;
  const params = paramsOf(st);
  // The test loss of each point is computed here, in slices of its own, not inside the step.
  const test = testOf(st);
  if (!start.every(Number.isFinite)) throw new Error(tr('The start point must be two finite numbers.'));
  // The path lives in float32 from the first point on (as compute/train's Trainer keeps it).
  const run = newRun(settings.method, [Math.fround(start[0]), Math.fround(start[1])], settings);
  const c: Controller = { paused: !!opts.paused, stopped: false, stepBudget: 0, wake: null };
  controllers.set(run.id, c);
  st.addRun(run);
  st.setTraining({ activeRunId: run.id });
  if (opts.paused) st.patchRun(run.id, { status: 'paused' });
  const rec = new PathRecorder(run.id, dataset, params, !!opts.follow);
  const done = (async () => {
    let trainer: Trainer | null = null;
    try {
      // TensorFlow.js loads after the first landscape: a run started before waits for it here.
      const { Trainer } = await loadGpu();
      if (c.stopped) {
        rec.flush('stopped');
        return rec.path;
      }
      trainer = new Trainer(dataset, null, params, settings, start);
      // The step's WebGL programs compile ahead without blocking the page (compute/train).
      await unlessContextLost(trainer.compileAhead());
      if (c.stopped) {
        rec.flush('stopped');
        return rec.path;
      }
      const slice = slicer();
      const first = await unlessContextLost(trainer.init());
      await slice();
      const tl0 = await slicedTestLoss(test, first.w[0], first.w[1], params.depth, slice);
      rec.push(first.w[0], first.w[1], first.loss, tl0);
      rec.flush();
      let sinceFrame = 0;
      for (let i = 0; i < settings.steps; i++) {
        await waitWhilePaused(c);
        if (c.stopped) break;
        if (c.paused && c.stepBudget > 0) c.stepBudget--;
        await slice();
        const p: TrainPoint = await unlessContextLost(trainer.step());
        await slice();
        const tl = await slicedTestLoss(test, p.w[0], p.w[1], params.depth, slice);
        rec.push(p.w[0], p.w[1], p.loss, tl);
        await slice();
        if (c.paused) {
          rec.flush('paused');
          continue;
        }
        if (++sinceFrame >= (opts.animate ? Math.max(1, useStore.getState().trainSpeed) : 25)) {
          sinceFrame = 0;
          rec.flush();
          await (opts.animate ? nextFrame() : yieldToPage());
        }
      }
      rec.flush(c.stopped ? 'stopped' : 'done');
      return rec.path;
    } catch (e) {
      if (e instanceof ContextLostError) {
        const steps = Math.max(0, rec.path.length - 1);
        const text = tr(steps === 1 ? 'The GPU context was lost during the run "{{name}}"; it stopped after {{steps}} step (the path so far is kept). Start it again once the GPU is back.' : 'The GPU context was lost during the run "{{name}}"; it stopped after {{steps}} steps (the path so far is kept). Start it again once the GPU is back.', { name: run.label, steps });
        rec.flush('error', text);
        useStore.getState().notify({ kind: 'error', text });
        throw new Error(text);
      }
      rec.flush('error', (e as Error).message);
      throw e;
    } finally {
      trainer?.dispose();
      controllers.delete(run.id);
    }
  })();
  return { id: run.id, done };
}

/**
 * "Descend": the float64 damped-Newton path from the marker to the nearest minimum, drawn as a
 * run and animated one iterate per frame; the marker ends on the minimum.
 */
export function startDescend(start?: [number, number]): { id: number; done: Promise<[number, number, number][]> } {
  const st = useStore.getState();
  if (!st.dataset) throw new Error(tr('No data set is loaded yet.'));
  const from: [number, number] = start ?? [st.marker[0], st.marker[1]];
  const dataset = st.dataset;
  const params = paramsOf(st);
  const test = testOf(st);
  // Each iterate is computed when it is drawn (one per frame), so a long path never blocks the page.
  const iterates = descendIterates(dataset, from[0], from[1], params.depth);
  const run = newRun('descend', from, null);
  const c: Controller = { paused: false, stopped: false, stepBudget: 0, wake: null };
  controllers.set(run.id, c);
  st.addRun(run);
  st.setTraining({ activeRunId: run.id });
  const rec = new PathRecorder(run.id, dataset, params, true);
  const done = (async () => {
    try {
      const slice = slicer();
      for (;;) {
        await waitWhilePaused(c);
        if (c.stopped) break;
        if (c.paused && c.stepBudget > 0) c.stepBudget--;
        const next = iterates.next();
        if (next.done) break;
        const [w1, w2, l] = next.value;
        await slice();
        const tl = await slicedTestLoss(test, w1, w2, params.depth, slice);
        rec.push(w1, w2, l, tl);
        await slice();
        rec.flush(c.paused ? 'paused' : undefined);
        await nextFrame();
      }
      rec.flush(c.stopped ? 'stopped' : 'done');
      return rec.path;
    } finally {
      controllers.delete(run.id);
    }
  })();
  return { id: run.id, done };
}

/** Pauses or resumes a run in progress. */
export function setRunPaused(id: number, paused: boolean): void {
  const c = controllers.get(id);
  if (!c) return;
  c.paused = paused;
  useStore.getState().patchRun(id, { status: paused ? 'paused' : 'running' });
  if (!paused) c.wake?.();
}

/** Takes one step of a paused run. Returns false when the run is not live. */
export function stepRun(id: number): boolean {
  const c = controllers.get(id);
  if (!c) return false;
  c.paused = true;
  c.stepBudget++;
  c.wake?.();
  return true;
}

/** True while a run's loop is alive (running or paused). */
export function isRunLive(id: number): boolean {
  return controllers.has(id);
}

/** Stops a run (its path so far stays). */
export function stopRun(id: number): void {
  const c = controllers.get(id);
  if (!c) return;
  c.stopped = true;
  c.wake?.();
}

/** Stops and deletes a run. */
export function removeRun(id: number): void {
  stopRun(id);
  useStore.getState().removeRun(id);
}

/** Stops every run and deletes all paths. */
export function resetRuns(): void {
  for (const id of [...controllers.keys()]) stopRun(id);
  useStore.getState().clearRuns();
}

/** The comparison-table row of every pin (current data, model and test sample). */
export function pinnedRows(): PinRow[] {
  const st = useStore.getState();
  if (!st.dataset) return [];
  const test = testOf(st);
  return st.pins.map(([w1, w2]) => pinRow(st.dataset!, w1, w2, paramsOf(st), test));
}

/** Replaces the data set from a `{x, y, component?}` object (validated; the old data stays on error). */
export function setDataObject(obj: unknown): { n: number; name: string } {
  const d = datasetFromObject(obj, 'script data');
  useStore.getState().setDataset(d, { kind: 'file', name: d.name });
  return { n: d.n, name: d.name };
}

/** The pin, train and descend part of `window.pacscape`. */
export function trainingApi() {
  return {
    pin: (w1: number, w2: number) => pinPoint(w1, w2),
    unpinAll: () => useStore.getState().setPins([]),
    pinned: () => pinnedRows(),
    train: (o: { start?: [number, number]; method?: TrainSettings['method']; lr?: number; batch?: number; steps?: number; seed?: number } = {}) => {
      const settings: Partial<TrainSettings> = {};
      for (const k of ['method', 'lr', 'batch', 'steps', 'seed'] as const) if (o[k] !== undefined) (settings as Record<string, unknown>)[k] = o[k];
      try {
        return startRun({ start: o.start, settings, animate: false }).done;
      } catch (e) {
        return Promise.reject(e);
      }
    },
    descend: (w1?: number, w2?: number) => startDescend(w1 !== undefined && w2 !== undefined ? [w1, w2] : undefined).done,
    runs: () => useStore.getState().runs.map((r) => ({ id: r.id, kind: r.kind, label: r.label, status: r.status, points: r.path.length })),
    clearRuns: () => resetRuns(),
    setData: (obj: unknown) => setDataObject(obj),
    numTensors: () => tensorCount(),
  };
}

/**
 * Registers the inspect/train API on window.pacscape, the pin key, and clears runs when the
 * landscape changes (one app run: app/createApp); returns their removal (the runs in flight stop).
 */
export function installTrainingApi(shortcuts: Shortcuts): () => void {
  registerApi(trainingApi());
  const offKeys = shortcuts.register([
    {
      id: 'pins.pin',
      keys: ['p'],
      label: msg('Pin the marker for comparison (up to 4)'),
      group: 'Marker & pins',
      run: () => {
        const st = useStore.getState();
        try {
          pinPoint(st.marker[0], st.marker[1]);
        } catch (e) {
          st.notify({ kind: 'info', text: (e as Error).message });
        }
      },
    },
  ]);
  // Paths belong to one landscape: a new data set or depth makes them meaningless.
  const offStore = useStore.subscribe(
    (s) => [s.dataVersion, s.depth] as const,
    () => resetRuns(),
    { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
  );
  return () => {
    offStore();
    offKeys();
    for (const id of [...controllers.keys()]) stopRun(id);
  };
}
