/**
 * Schedules landscape jobs: watches the parameters in the store, runs a coarse preview then the
 * full grid, cancels stale jobs (AbortController per generation), writes results to gridBuffers and
 * bumps gridVersion with the fields' ranges.
 */
import { t, txm } from '../i18n';
import { evaluateGrid, type GridFields, type GridJob } from '../compute';
import { gridBuffers } from '../state/buffers';
import { mark } from '../state/timeline';
import { useStore, FIELD_NAMES, type AppState, type DataSource, type FieldName, type Range } from '../state/store';
import { cancelTestPass, restartTestPass, runTestPass, startTestGrid, testWanted } from './testGrid';
import { fieldValues } from '../core/fields';
import type { Dataset } from '../core/data';
import { Eta } from './eta';
import { registerApi } from './api';

/** Resolution of the quick first pass shown while the full grid computes. */
export const PREVIEW_RES = 64;

/**
 * Resolution of the page's first landscape (start-up, app/startApp.ts): computed by the TS
 * workers before TensorFlow.js has loaded, so coarser than later previews to be on screen sooner;
 * the full grid replaces it.
 */
export const FIRST_PREVIEW_RES = 32;

let controller: AbortController | null = null;
let running: Promise<void> = Promise.resolve();

/** Min/max of each colourable field (finite values only). */
export function fieldRanges(f: GridFields): Partial<Record<FieldName, Range>> {
  const out: Partial<Record<FieldName, Range>> = {};
  for (const name of FIELD_NAMES) {
    const a = fieldValues(f, name);
    if (!a) continue;
    let min = Infinity, max = -Infinity;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (Number.isFinite(min)) out[name] = { min, max };
  }
  return out;
}

/** The job described by the store's current parameters (null without data). */
export function jobFromState(s: AppState, res = s.res): GridJob | null {
  const d = s.dataset;
  if (!d) return null;
  return { n: d.n, x: d.x, y: d.y, w1: s.w1Range, w2: s.w2Range, res, depth: s.depth, gamma: s.gamma, eps: s.eps, delta: s.delta };
}

let firstGridMarked = false;

/** A preview computed before the scheduler started (start-up), used once if its job still matches. */
let seeded: { job: GridJob; fields: GridFields } | null = null;

/** Work the next full grid waits for (start-up: the engine calibration), once. */
let fullGate: Promise<void> | null = null;

/** Makes the next full grid (after its preview is published) wait for `p` (start-up: the engine pick). */
export function holdFullGrid(p: Promise<void>): void {
  fullGate = p;
}

/** Hands the scheduler a preview already computed for `job` (start-up computes it before the page renders the data). */
export function seedPreview(job: GridJob, fields: GridFields): void {
  seeded = { job, fields };
}

/** Whether two jobs compute the same grid (the same sample object and parameters). */
export function sameJob(a: GridJob, b: GridJob): boolean {
  return a.x === b.x && a.y === b.y && a.n === b.n && a.res === b.res && a.depth === b.depth && a.gamma === b.gamma && a.eps === b.eps && a.delta === b.delta &&
    a.w1[0] === b.w1[0] && a.w1[1] === b.w1[1] && a.w2[0] === b.w2[0] && a.w2[1] === b.w2[1];
}

/**
 * The full grid on screen with the job, data set and test sample it was computed for: what a
 * cancelled job goes back to (its preview may have replaced the picture meanwhile).
 */
let shown: { job: GridJob; fields: GridFields; dataset: Dataset; dataSource: DataSource; test: { size: number; seed: number } | null } | null = null;
/** While a cancel restores the shown grid's parameters: that job is on screen, nothing to compute. */
let revertTo: GridJob | null = null;

function publish(f: GridFields, job: GridJob): void {
  if (!firstGridMarked && typeof performance !== 'undefined' && performance.mark) {
    firstGridMarked = true;
    performance.mark('pacscape:first-grid');
  }
  mark(`grid ${f.res}`);
  if (!f.testLoss) gridBuffers.test = null;
  gridBuffers.fields = f;
  gridBuffers.w1Range = [job.w1[0], job.w1[1]];
  gridBuffers.w2Range = [job.w2[0], job.w2[1]];
  useStore.getState().setGridStatus({ gridVersion: useStore.getState().gridVersion + 1, gridRes: f.res, fieldRanges: fieldRanges(f) });
  const st = useStore.getState();
  if (f.res === job.res && st.dataset && st.dataset.x === job.x) shown = { job, fields: f, dataset: st.dataset, dataSource: st.dataSource, test: gridBuffers.test };
}

/**
 * Resolves once the browser has drawn the next frame (the second animation frame after now), or
 * after `maxMs` (a hidden tab draws none). The full grid waits for the preview's frame: with
 * software WebGL that frame's read-back would otherwise wait behind the engine's first draws and
 * the page would freeze for their length (docs/PERFORMANCE.md, "Long tasks").
 */
function afterNextFrame(maxMs = 120): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function') return resolve();
    const timer = setTimeout(resolve, maxMs);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve();
      }),
    );
  });
}

/** Starts a new landscape computation for the current parameters, cancelling any in flight. */
export function recompute(): Promise<void> {
  controller?.abort();
  const s = useStore.getState();
  const job = jobFromState(s);
  if (revertTo && job && sameJob(job, revertTo)) {
    controller = null;
    return running;
  }
  restartTestPass();
  const ctl = new AbortController();
  controller = ctl;
  if (!job) return running;
  const set = s.setGridStatus;
  // Progress in whole percent: a draw call reports each step, and a React update per draw would
  // re-render the overlay ~150 times a grid for changes nobody can see. The estimate is of the
  // phase in flight (preview, then the full grid), from that phase's measured rate.
  let shownPct = -1;
  let eta = new Eta();
  let lo = 0, hi = 1;
  const phase = (from: number, to: number) => {
    eta = new Eta();
    lo = from;
    hi = to;
  };
  const setProgress = (q: number) => {
    const p = lo + (hi - lo) * q;
    const pct = Math.floor(100 * p);
    if (pct !== shownPct) {
      shownPct = pct;
      set({ progress: p, progressEta: eta.remaining(q) });
    }
  };
  const seed = seeded;
  seeded = null;
  // A seeded preview (start-up's first landscape, at most PREVIEW_RES) stands for this job's preview.
  const hasPreview = seed !== null && job.res > PREVIEW_RES && seed.job.res <= PREVIEW_RES && sameJob(seed.job, { ...job, res: seed.job.res });
  if (hasPreview) publish(seed.fields, job);
  const run = async () => {
    mark('compute start');
    set({ computing: true, progress: hasPreview ? 0.2 : 0, progressEta: null, progressLabel: hasPreview ? t('grid {{res}}²', { res: job.res }) : t('preview {{res}}²', { res: PREVIEW_RES }) });
    try {
      if (job.res > PREVIEW_RES && !hasPreview) {
        phase(0, 0.2);
        const preview = await evaluateGrid({ ...job, res: PREVIEW_RES }, { signal: ctl.signal, preview: true, onProgress: setProgress });
        if (ctl.signal.aborted) return;
        publish(preview, job);
        await afterNextFrame();
        if (ctl.signal.aborted) return;
      }
      set({ progressLabel: t('grid {{res}}²', { res: job.res }) });
      const gate = fullGate;
      fullGate = null;
      // Only behind a published preview (the gate may wait for that landscape to be on screen).
      if (gate && job.res > PREVIEW_RES) {
        await gate;
        if (ctl.signal.aborted) return;
      }
      phase(job.res > PREVIEW_RES ? 0.2 : 0, 1);
      const full = await evaluateGrid(job, { signal: ctl.signal, onProgress: setProgress });
      if (ctl.signal.aborted) return;
      publish(full, job);
      // The test loss and gap follow in their own cancellable pass (app/testGrid.ts).
      void runTestPass(job, full, (f) => publish(f, job));
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      useStore.getState().notify({ kind: 'error', text: t('Could not compute the landscape: {{error}}', { error: txm((e as Error).message) }) });
    } finally {
      if (controller === ctl) {
        mark('compute end');
        set({ computing: false, progress: 1, progressLabel: '', progressEta: null });
      }
    }
  };
  running = run();
  return running;
}

/**
 * Cancels the landscape job in flight (and the test pass): the full grid shown before it comes
 * back with the parameters and data set it was computed for, so the page is as it was before the
 * change that started the job (the link included). Returns whether anything was cancelled.
 */
export function cancelLandscape(): boolean {
  const st = useStore.getState();
  const testRunning = st.testGrid.status === 'computing';
  if (!st.computing) {
    if (testRunning) cancelTestByUser();
    return testRunning;
  }
  const label = st.progressLabel;
  controller?.abort();
  controller = null;
  cancelTestPass();
  const back = shown;
  const patch: Partial<AppState> = { computing: false, progress: 1, progressLabel: '', progressEta: null };
  if (back) {
    if (gridBuffers.fields !== back.fields) publish(back.fields, back.job);
    gridBuffers.test = back.test;
    const j = back.job;
    Object.assign(patch, { depth: j.depth, gamma: j.gamma, eps: j.eps, delta: j.delta, res: j.res, w1Range: [j.w1[0], j.w1[1]], w2Range: [j.w2[0], j.w2[1]] });
    if (st.dataset !== back.dataset) Object.assign(patch, { dataset: back.dataset, dataSource: back.dataSource, dataVersion: st.dataVersion + 1 });
    const tg = st.testGrid;
    patch.testGrid = { ...tg, status: tg.status === 'unavailable' ? 'unavailable' : back.fields.testLoss ? 'ready' : 'off', progress: 0, eta: null };
  }
  // One update, so the scheduler sees the restored job once (and computes nothing for it).
  revertTo = back?.job ?? null;
  try {
    useStore.setState(patch);
  } finally {
    revertTo = null;
  }
  useStore.getState().notify({ kind: 'info', text: back ? t('Cancelled the {{job}}: the previous landscape and its settings are back.', { job: label || t('landscape job') }) : t('Cancelled the {{job}}: no landscape has been computed yet.', { job: label || t('landscape job') }) });
  return true;
}

/** The user cancelled the test pass: its fields stay missing until asked for again. */
function cancelTestByUser(): void {
  cancelTestPass();
  const st = useStore.getState();
  st.setGridStatus({ testGrid: { ...st.testGrid, status: 'off', reason: 'cancelled', progress: 0, eta: null } });
  st.notify({ kind: 'info', text: testWanted(st) ? t('Cancelled the test-loss pass: the test loss and gap are not computed for this grid.') : t('Cancelled the test-loss pass.') });
}

/** Resolves when no job is in flight (loops while jobs keep being replaced). */
export async function idle(): Promise<void> {
  for (;;) {
    const r = running;
    await r;
    const st = useStore.getState();
    // Before the first grid (data still loading) the queue is empty but the page is not ready.
    if (r === running && !st.computing && (st.gridVersion > 0 || st.message?.kind === 'error')) return;
    await new Promise((res) => setTimeout(res, 10));
  }
}

/** `pacscape.cancel()`: cancels the landscape job in flight. */
export function landscapeApi() {
  return { cancel: () => cancelLandscape() };
}

/** Recomputes whenever a parameter that defines the landscape changes. */
export function startLandscape(): () => void {
  registerApi(landscapeApi());
  const unsub = useStore.subscribe(
    (s) => [s.dataVersion, s.depth, s.gamma, s.eps, s.delta, s.w1Range[0], s.w1Range[1], s.w2Range[0], s.w2Range[1], s.res] as const,
    () => void recompute(),
    { equalityFn: (a, b) => a.every((v, i) => v === b[i]) },
  );
  // A new test sample, or a view that now needs the test fields, reruns only the test pass on the
  // full grid now shown (a job in flight runs its own when its main fields are done).
  const unsubTest = startTestGrid(() => {
    const job = jobFromState(useStore.getState());
    const f = gridBuffers.fields;
    return job && f && f.res === job.res ? { job, fields: f } : null;
  }, publish);
  void recompute();
  return () => {
    unsub();
    unsubTest();
  };
}
