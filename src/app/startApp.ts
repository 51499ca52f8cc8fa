/**
 * Start-up: pick the tfjs backend, load the default data set, start the landscape scheduler and
 * expose `window.pacscape`.
 */
import { initBackend, engineName, evaluateGrid, numTensors, calibrateEngine, calibrationErrors, onEngineChange, evaluateGridNaive, setChunkBudget, chunkBudgetUnits, type EngineName } from '../compute';
import { datasetFromObject, type Dataset } from '../core/data';
import { DEFAULT_PARAMS } from '../core/metrics';
import type { GridJob } from '../core/grid';
import { useStore } from '../state/store';
import { registerApi } from './api';
import { timeline } from '../state/timeline';
import { startLandscape, idle, recompute, seedPreview, jobFromState, PREVIEW_RES } from './landscape';
import { gridJson } from '../core/gridJson';

let started = false;

/** URL of a shipped data file, relative to the page (works from any static server). */
export function dataUrl(file: string): string {
  return new URL(`data/${file}`, document.baseURI).href;
}

/** Loads a shipped preset by id. */
export async function loadPreset(id: string): Promise<Dataset> {
  const res = await fetch(dataUrl(`${id}.json`));
  if (!res.ok) throw new Error(`Could not load the data set "${id}" (${res.status}).`);
  return datasetFromObject(await res.json(), id);
}

export { gridJson };

/** performance.mark names of the start-up milestones (read by the benchmark). */
export const MARKS = { engineReady: 'pacscape:engine-ready', dataLoaded: 'pacscape:data-loaded', firstGrid: 'pacscape:first-grid' } as const;

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
}

function jobFrom(o: GridRequest): GridJob {
  const d = o.data !== undefined ? datasetFromObject(o.data) : useStore.getState().dataset;
  if (!d) throw new Error('No data set is loaded.');
  return { n: d.n, x: d.x, y: d.y, w1: o.w1, w2: o.w2, res: o.res, depth: o.depth ?? DEFAULT_PARAMS.depth, gamma: o.gamma ?? DEFAULT_PARAMS.gamma, eps: o.eps ?? DEFAULT_PARAMS.eps, delta: o.delta ?? DEFAULT_PARAMS.delta };
}

export async function startApp(): Promise<void> {
  if (started) return;
  started = true;
  const store = useStore.getState();
  // Fetch the default data while the backend starts and the engines are calibrated.
  const preset = loadPreset('paper-toy');
  preset.catch(() => undefined);
  const backend = await initBackend();
  store.setGridStatus({ backend, engine: engineName() });
  onEngineChange((engine) => {
    useStore.getState().setGridStatus({ engine });
    registerApi({ engine });
    void recompute();
  });
  registerApi({
    backend,
    engine: engineName(),
    idle,
    /** Turns the event timeline on/off (state/timeline.ts) and returns the events so far, then clears them. */
    timeline: (on?: boolean) => {
      if (on !== undefined) timeline.on = on;
      return timeline.events.splice(0);
    },
    memory: () => numTensors(),
    evaluateGrid: async (o: GridRequest) => gridJson(await evaluateGrid(jobFrom(o))),
    /** Benchmark hooks (scripts/bench.ts): one timed job on a given engine, or the naive baseline. */
    bench: {
      grid: async (o: GridRequest, engine?: EngineName) => {
        const t0 = performance.now();
        const f = await evaluateGrid(jobFrom(o), { engine });
        return { ms: performance.now() - t0, loss: Array.from(f.loss), psi: Array.from(f.psi) };
      },
      /** Sets the WebGL engine's work per draw call when given; returns the value in force. */
      chunkBudget: (units?: number) => {
        if (units !== undefined) setChunkBudget(units);
        return chunkBudgetUnits();
      },
      naive: async (o: GridRequest) => {
        const t0 = performance.now();
        await evaluateGridNaive(jobFrom(o));
        return { ms: performance.now() - t0 };
      },
    },
  });
  // Calibration also compiles the WebGL programs, so the first preview pays no compile time.
  try {
    const d = await preset;
    const times = await calibrateEngine(d);
    registerApi({ engine: engineName(), calibration: times, calibrationErrors });
    useStore.getState().setGridStatus({ engine: engineName() });
  } catch {
    // calibration failure leaves the default engine; a data error is reported below
  }
  performance.mark(MARKS.engineReady);
  try {
    // A link may already have loaded its own data set (app/Classroom → urlSync): keep it.
    const d = useStore.getState().dataset ?? (await preset);
    performance.mark(MARKS.dataLoaded);
    // The first preview is computed before the page renders the data set (mounting the 3-D scene
    // would compete with it for the main thread and the GPU); the scheduler publishes it at once.
    const job = jobFromState({ ...useStore.getState(), dataset: d }, PREVIEW_RES);
    if (job && useStore.getState().res > PREVIEW_RES) {
      try {
        seedPreview(job, await evaluateGrid(job, { preview: true }));
      } catch {
        // the scheduler computes it again
      }
    }
    if (!useStore.getState().dataset) useStore.getState().setDataset(d, { kind: 'preset', id: 'paper-toy' });
  } catch (e) {
    useStore.getState().notify({ kind: 'error', text: (e as Error).message });
  }
  startLandscape();
}
