/**
 * Start-up: pick the tfjs backend, load the default data set, start the landscape scheduler and
 * expose `window.pacscape`.
 */
import { initBackend, engineName, evaluateGrid, numTensors } from '../compute';
import { datasetFromObject, type Dataset } from '../core/data';
import { DEFAULT_PARAMS } from '../core/metrics';
import type { GridFields, GridJob } from '../core/grid';
import { useStore } from '../state/store';
import { registerApi } from './api';
import { startLandscape, idle } from './landscape';

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

/** The CLI `grid` object from fields. */
export function gridJson(f: GridFields) {
  return {
    res: f.res,
    w1: Array.from(f.w1),
    w2: Array.from(f.w2),
    loss: Array.from(f.loss),
    psi: Array.from(f.psi),
    bound: Array.from(f.bound),
    rho: Array.from(f.rho),
    thirdNorm: Array.from(f.thirdNorm),
  };
}

export async function startApp(): Promise<void> {
  if (started) return;
  started = true;
  const store = useStore.getState();
  const backend = await initBackend();
  store.setGridStatus({ backend, engine: engineName() });
  registerApi({
    backend,
    idle,
    memory: () => numTensors(),
    evaluateGrid: async (o: { data?: unknown; w1: [number, number]; w2: [number, number]; res: number; depth?: number; gamma?: number; eps?: number; delta?: number }) => {
      const d = o.data !== undefined ? datasetFromObject(o.data) : useStore.getState().dataset;
      if (!d) throw new Error('No data set is loaded.');
      const job: GridJob = { n: d.n, x: d.x, y: d.y, w1: o.w1, w2: o.w2, res: o.res, depth: o.depth ?? DEFAULT_PARAMS.depth, gamma: o.gamma ?? DEFAULT_PARAMS.gamma, eps: o.eps ?? DEFAULT_PARAMS.eps, delta: o.delta ?? DEFAULT_PARAMS.delta };
      return gridJson(await evaluateGrid(job));
    },
  });
  try {
    // A link may already have loaded its own data set (app/Classroom → urlSync): keep it.
    const d = await loadPreset('paper-toy');
    if (!useStore.getState().dataset) useStore.getState().setDataset(d, { kind: 'preset', id: 'paper-toy' });
  } catch (e) {
    useStore.getState().notify({ kind: 'error', text: (e as Error).message });
  }
  startLandscape();
}
