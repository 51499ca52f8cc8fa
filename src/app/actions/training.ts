/**
 * The training actions ui/ may call (start, pause, step, stop and remove runs; descend). They live
 * in app/training.ts, which also registers the training part of `window.pacscape`; this module is
 * their entrance for ui/ (see actions/index.ts). It reaches compute/, so scene/ may not import it.
 */
export { isRunLive, removeRun, resetRuns, setRunPaused, startDescend, startRun, stepRun, stopRun } from '../training';
/** The story's step-7 runs (app/storyRuns: one experiment of both methods from the story's start). */
export { cancelStoryRuns, runStoryRuns } from '../storyRuns';
