/**
 * Start-up: load the start-up data set (a link's preset or the default one), compute its first
 * landscape with the TS engine, start the landscape scheduler and expose `window.pacscape`; then,
 * once that landscape is on screen, load TensorFlow.js, pick its backend and calibrate the engines.
 */
import { tr } from '../core/words';
import { MAX_TEST_SIZE } from '../core/reconstruct';
import { backendName, initBackend, engineName, evaluateGrid, numTensors, calibrateEngine, calibrationErrors, onEngineChange } from '../compute';
import { datasetFromObject, type Dataset } from '../core/data';
import { DEFAULT_PARAMS } from '../core/metrics';
import type { GridFields, GridJob } from '../core/grid';
import { useStore } from '../state/store';
import { registerApi } from './api';
import { startLandscape, idle, recompute, seedPreview, jobFromState, holdFullGrid, sameJob, FIRST_PREVIEW_RES, PREVIEW_RES } from './landscape';
import type { IdleWork } from '../scene/idleWork';
import { gridJson } from '../core/gridJson';
import { gridJsonAll } from '../core/fields';
import { presetData } from './dataActions';
import { DEFAULT_PRESET_ID } from '../core/presets';
import type { DataRef } from '../core/urlCodec';

export { gridJson };

/** performance.mark names of the start-up milestones (read by the benchmark). */
export const MARKS = { engineReady: 'pacscape:engine-ready', dataLoaded: 'pacscape:data-loaded', firstGrid: 'pacscape:first-grid', firstLandscape: 'pacscape:first-landscape', afterFirstView: 'pacscape:after-first-view' } as const;

/**
 * Resolves once the scene has put its first landscape on screen, at once in a hidden tab (it draws
 * no frames), or after `maxMs` (no WebGL: the 2-D heat map shows the landscape). Generous: on a
 * busy machine the first frame may take seconds, and TensorFlow.js loads after it. The first time
 * it resolves it marks `pacscape:after-first-view`: what the first view does not need loads from then.
 */
function firstLandscapeShown(maxMs = 5000): Promise<void> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const look = () => {
      const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
      if (performance.getEntriesByName(MARKS.firstLandscape).length > 0 || hidden || performance.now() - t0 > maxMs) {
        if (performance.getEntriesByName(MARKS.afterFirstView).length === 0) performance.mark(MARKS.afterFirstView);
        resolve();
      }
      else setTimeout(look, 16);
    };
    look();
  });
}

/**
 * Resolves once the first view is complete: the first grid is published, its landscape is on
 * screen (or 5 s passed without one: no WebGL), and the page has had an idle moment. Code the
 * first view does not show (the decision view, the about panel, the export module) loads then.
 * `signal` drops the wait (the app run ended): the promise then never settles.
 */
function waitFirstView(signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (useStore.getState().gridVersion > 0) return resolve();
    const off = useStore.subscribe((s) => {
      if (s.gridVersion > 0) {
        off();
        resolve();
      }
    });
    signal.addEventListener('abort', off);
  })
    .then(() => firstLandscapeShown())
    .then(() => new Promise<void>((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 500 }) : setTimeout(resolve, 50))))
    .then(() => (signal.aborted ? new Promise<void>(() => {}) : undefined));
}

/** One app run's first-view wait (`done()` is memoised; `dispose()` drops a wait still open). */
export function createFirstView(): { done: () => Promise<void>; dispose: () => void } {
  const life = new AbortController();
  let p: Promise<void> | null = null;
  return { done: () => (p ??= waitFirstView(life.signal)), dispose: () => life.abort() };
}

/** What the page's scripts and the diagnostics hooks get from the app run that started them. */
export interface DiagnosticsHost {
  /** Unmounts the page and mounts a new app run (main.tsx; the diagnostics' `remount`). */
  remount?: () => void;
}

/** The argument of `window.pacscape.evaluateGrid` (data as in the data file format). */
export interface GridRequest {
  data?: unknown;
  w1: [number, number];
  w2: [number, number];
  res: number;
  depth?: number;
  gamma?: number;
  eps?: number;
  delta?: number;
  /**
   * A test sample `{x: [[x1, x2], …], y: [0|1, …]}` in the same (standardised) coordinates as the
   * data: the result then has `testLoss` and `gap` (SPEC §9); without it they are absent.
   */
  test?: unknown;
}

function testFrom(o: GridRequest) {
  return o.test !== undefined ? datasetFromObject(o.test, 'test sample', MAX_TEST_SIZE) : null;
}

function jobFrom(o: GridRequest): GridJob {
  const d = o.data !== undefined ? datasetFromObject(o.data) : useStore.getState().dataset;
  if (!d) throw new Error(tr('No data set is loaded.'));
  return { n: d.n, x: d.x, y: d.y, w1: o.w1, w2: o.w2, res: o.res, depth: o.depth ?? DEFAULT_PARAMS.depth, gamma: o.gamma ?? DEFAULT_PARAMS.gamma, eps: o.eps ?? DEFAULT_PARAMS.eps, delta: o.delta ?? DEFAULT_PARAMS.delta };
}

/**
 * Once the first landscape is on screen (computed by the TS engine): loads TensorFlow.js and starts
 * its backend (compute/initBackend), then times the engines (compute/calibrateEngine) and publishes
 * the pick. Neither holds back that frame: the first view fetches no tfjs.
 */
async function calibrate(data: Promise<Dataset>): Promise<void> {
  const sample = await data;
  await firstLandscapeShown();
  try {
    await startBackend();
    const times = await calibrateEngine(sample);
    registerApi({ engine: engineName(), calibration: times, calibrationErrors });
    useStore.getState().setGridStatus({ engine: engineName() });
  } catch {
    // calibration failure leaves the default engine
  }
  performance.mark(MARKS.engineReady);
}

/** Loads TensorFlow.js, starts its backend and publishes it (the header badge says "starting…" until then). */
async function startBackend(): Promise<void> {
  const backend = await initBackend();
  useStore.getState().setGridStatus({ backend, engine: engineName() });
  registerApi({ backend, engine: engineName() });
}

/**
 * The engine, evaluation and start-up part of `window.pacscape` (`calibration()`: the start-up
 * calibration in flight; `backend`: tfjs's backend, 'none' until TensorFlow.js has loaded after the
 * first landscape, which `idle()` waits for).
 */
export function startupApi(backend: string, calibration: () => Promise<void>, loadDiagnostics: () => Promise<void>, idleWork: IdleWork) {
  return {
    backend,
    engine: engineName(),
    /**
     * Resolves when start-up (the engine calibration included), every landscape job and the
     * scene's work for the grid shown (its contour lines, its minima) are done.
     */
    idle: async () => {
      await calibration();
      for (;;) {
        await idle();
        await idleWork.settledAfterFrames();
        // A job that started meanwhile (a change made while the scene caught up) is waited for too.
        if (!useStore.getState().computing) return;
      }
    },
    memory: () => numTensors(),
    /** Every field the engine computes (core/fields.gridJsonAll; testLoss and gap with `test`). */
    evaluateGrid: async (o: GridRequest) => gridJsonAll(await evaluateGrid(jobFrom(o), { test: testFrom(o) })),
    /** Loads the bench and profiling hooks (`timeline`, `bench`: app/diagnostics.ts); resolves when they are registered. */
    diagnostics: () => loadDiagnostics(),
  };
}

/** Set once the engines are calibrated (startApp's calibrate). */
export interface CalibrationApi {
  calibration: Awaited<ReturnType<typeof calibrateEngine>>;
  calibrationErrors: typeof calibrationErrors;
}

/**
 * Starts fetching the start-up preset as the page's script runs, before the first render (which
 * starts the app): startApp's fetch of the same preset shares it. Only for a page without a link
 * (a link's data set is the link's to choose, app/Classroom → urlSync).
 */
export function prefetchStartupData(): void {
  if (typeof location === 'undefined' || location.hash.length > 1) return;
  const src = useStore.getState().dataSource;
  if (src.kind !== 'preset') return;
  const data = presetData(src.id);
  data.catch(() => undefined);
  // The first preview too: the grid workers start and compute it while the page renders (startApp
  // uses it if its job is still the one computed here, else computes its own).
  earlyPreview = data.then(async (d) => {
    const job = jobFromState({ ...useStore.getState(), dataset: d }, FIRST_PREVIEW_RES);
    return job && useStore.getState().res > PREVIEW_RES ? { job, fields: await evaluateGrid(job, { preview: true, engine: 'ts' }) } : null;
  });
  earlyPreview.catch(() => undefined);
}

/** The start-up preview prefetchStartupData started, if it did. */
let earlyPreview: Promise<{ job: GridJob; fields: GridFields } | null> | null = null;

async function firstPreview(job: GridJob): Promise<GridFields> {
  const early = await earlyPreview?.catch(() => null);
  earlyPreview = null;
  return early && sameJob(early.job, job) ? early.fields : evaluateGrid(job, { preview: true, engine: 'ts' });
}

/** One app run's start-up, to be disposed. */
export interface StartedApp {
  /** Stops the scheduler and drops the run's subscriptions (the engines, page-wide, stay). */
  dispose: () => void;
}

/**
 * Starts an app run (app/createApp): fetches the start-up data, seeds the first preview, starts
 * the landscape scheduler and registers the start-up part of `window.pacscape`. TensorFlow.js and
 * the engine calibration are page-wide: a later run reuses them.
 */
export function startApp(linkData: DataRef | null, idleWork: IdleWork, host: DiagnosticsHost = {}): StartedApp {
  const life = new AbortController();
  const offs: (() => void)[] = [];
  let diagnostics: Promise<void> | null = null;
  const loadDiagnostics = () => (diagnostics ??= import('./diagnostics').then((m) => m.installDiagnostics(jobFrom, host)));
  void run(linkData, idleWork, life.signal, offs, loadDiagnostics);
  return {
    dispose: () => {
      life.abort();
      for (const off of offs.reverse()) off();
    },
  };
}

async function run(linkData: DataRef | null, idleWork: IdleWork, signal: AbortSignal, offs: (() => void)[], loadDiagnostics: () => Promise<void>): Promise<void> {
  const store = useStore.getState();
  // Fetch the start-up data while the backend starts: the preset a link named (urlSync applied the
  // link before this runs; the shared fetch serves both), else the default preset.
  const src = linkData ?? store.dataSource;
  let startId = src.kind === 'preset' ? src.id : DEFAULT_PRESET_ID;
  // A link naming an unknown preset is reported by urlSync; the page then shows the default data.
  const preset = presetData(startId).catch((e: unknown) => {
    if (startId === DEFAULT_PRESET_ID) throw e;
    startId = DEFAULT_PRESET_ID;
    return presetData(DEFAULT_PRESET_ID);
  });
  preset.catch(() => undefined);
  store.setGridStatus({ engine: engineName() });
  offs.push(
    onEngineChange((engine) => {
      useStore.getState().setGridStatus({ engine });
      registerApi({ engine });
      void recompute();
    }),
  );
  // Settles when TensorFlow.js is loaded and the engines are calibrated (or that failed): `idle()`
  // waits for it from the start, so a script never sees the page idle before tfjs is in.
  let calibrationStarted = false;
  let settle!: () => void;
  const calibrated = new Promise<void>((resolve) => (settle = resolve));
  const startCalibration = (p: Promise<void>) => {
    if (calibrationStarted) return;
    calibrationStarted = true;
    void p.catch(() => undefined).finally(settle);
  };
  registerApi(startupApi(backendName(), () => calibrated, loadDiagnostics, idleWork));
  if (typeof location !== 'undefined' && new URLSearchParams(location.search).has('diag')) void loadDiagnostics();
  try {
    // A link may already have loaded its own data set (app/Classroom → urlSync): keep it.
    const d = useStore.getState().dataset ?? (await preset);
    if (signal.aborted) return;
    performance.mark(MARKS.dataLoaded);
    // The first preview is computed before the page renders the data set (mounting the 3-D scene
    // would compete with it for the main thread); the scheduler publishes it at once. It runs on
    // the TS engine (TensorFlow.js is not loaded yet), at FIRST_PREVIEW_RES; tfjs loads and the
    // engines are calibrated once that landscape is on screen, and the full grid waits for the pick.
    const job = jobFromState({ ...useStore.getState(), dataset: d }, FIRST_PREVIEW_RES);
    if (job && useStore.getState().res > PREVIEW_RES) {
      try {
        const fields = await firstPreview(job);
        if (signal.aborted) return;
        seedPreview(job, fields);
      } catch {
        // the scheduler computes it again
      }
    }
    // Timed on the shipped preset (a link's data set may be far larger).
    startCalibration(calibrate(preset.catch(() => d)));
    holdFullGrid(calibrated);
    if (!useStore.getState().dataset) useStore.getState().setDataset(d, { kind: 'preset', id: startId });
  } catch (e) {
    if (signal.aborted) return;
    useStore.getState().notify({ kind: 'error', text: (e as Error).message });
    performance.mark(MARKS.engineReady);
    // No data yet: TensorFlow.js still loads (training and a data set loaded later use it).
    startCalibration(firstLandscapeShown().then(startBackend));
  }
  if (!signal.aborted) offs.push(startLandscape());
}
