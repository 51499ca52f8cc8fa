/**
 * The training actions ui/ may call (start, pause, step, stop and remove runs; descend). They live
 * in app/training.ts, which also registers the training part of `window.pacscape`; this module is
 * their entrance for ui/ (see actions/index.ts). It reaches compute/, so scene/ may not import it.
 */
export { isRunLive, removeRun, resetRuns, setRunPaused, startDescend, startRun, stepRun, stopRun } from '../training';
