/**
 * Starting the TS engine's grid workers (compute/gridWorker.ts). The page's first script
 * (src/boot.ts) starts the pool's workers while the app's chunks still download, so their script
 * is fetched and compiled by the time the first job arrives; the pool (cpuEngine.ts) takes those
 * first and starts more on demand.
 */

/** Workers the engine uses here: one per core, at most 4 (0: none, in-thread). */
export function workerCount(): number {
  if (typeof Worker === 'undefined' || typeof window === 'undefined') return 0;
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return Math.max(1, Math.min(4, cores));
}

/** Workers started ahead (startGridWorkers) that no pool has taken yet. */
const started: Worker[] = [];

/** Starts the pool's workers ahead of its first job (once; a no-op without Worker support). */
export function startGridWorkers(): void {
  if (started.length > 0) return;
  for (let i = 0; i < workerCount(); i++) started.push(newGridWorker());
}

function newGridWorker(): Worker {
  return new Worker(new URL('./gridWorker.ts', import.meta.url), { type: 'module' });
}

/** A grid worker: one started ahead if any is left, else a new one. */
export function gridWorker(): Worker {
  return started.shift() ?? newGridWorker();
}
