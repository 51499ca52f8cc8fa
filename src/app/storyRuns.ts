/**
 * The story's step 7: STORY_RUNS_PER_METHOD seeds of plain gradient descent and of perturbed
 * training from one start, where they end (basin by a float64 descent from each endpoint), and
 * their mean train/test loss. Runs through the app's single-run training path (app/training
 * startRun, tfjs), a few at a time, with progress and cancel; the finished runs' paths are removed
 * again (64 paths would bury the surface) and their endpoints kept here for the scene to draw.
 */
import { useStore } from '../state/store';
import { lossAt } from '../core/jets';
import { cachedTestSample } from '../core/reconstruct';
import { STORY_RUN_LR, STORY_RUN_STEPS, STORY_RUNS_PER_METHOD } from '../core/storyText';
import { summarizeRuns, type RunEndpoint } from '../core/storyFacts';
import { useStoryRuns } from '../state/storyRuns';
import { removeRun, startRun } from './training';

/** Runs in flight at once (each is a chain of small GPU steps; more only queue on the GPU). */
const CONCURRENCY = 4;

let cancel: (() => void) | null = null;

/** The key of a start on the current landscape (data, model): results of another key are stale. */
export function storyRunsKey(start: readonly [number, number]): string {
  const s = useStore.getState();
  return `${s.dataVersion}|${s.depth}|${s.gamma}|${s.eps}|${s.delta}|${start[0]},${start[1]}`;
}

/** Stops the runs in flight (their partial result is dropped). */
export function cancelStoryRuns(): void {
  cancel?.();
}

/**
 * Runs the seeds from `start` and stores where they ended, classified against the two minima.
 * Resolves when done or cancelled; throws nothing (errors land in the state).
 */
export async function runStoryRuns(start: [number, number], low: readonly [number, number], other: readonly [number, number]): Promise<void> {
  cancelStoryRuns();
  const st = useStore.getState();
  const dataset = st.dataset;
  if (!dataset) return;
  const key = storyRunsKey(start);
  const depth = st.depth;
  const test = cachedTestSample(dataset, st.testSize, st.testSeed);
  let stopped = false;
  const live = new Set<number>();
  cancel = () => {
    stopped = true;
    for (const id of live) removeRun(id);
    live.clear();
    useStoryRuns.setState({ progress: null });
    cancel = null;
  };
  useStoryRuns.setState({ key, progress: 0, error: null, facts: null, endpoints: [] });
  const jobs: { method: 'gd' | 'perturbed'; seed: number }[] = [];
  for (const method of ['gd', 'perturbed'] as const) for (let i = 0; i < STORY_RUNS_PER_METHOD; i++) jobs.push({ method, seed: i + 1 });
  const ends: RunEndpoint[] = [];
  let next = 0, finished = 0;
  const worker = async () => {
    while (!stopped && next < jobs.length) {
      const job = jobs[next++];
      const run = startRun({ start, settings: { method: job.method, seed: job.seed, steps: STORY_RUN_STEPS, lr: STORY_RUN_LR }, animate: false });
      live.add(run.id);
      const path = await run.done;
      live.delete(run.id);
      removeRun(run.id);
      if (stopped) return;
      const last = path[path.length - 1];
      ends.push({ method: job.method, w: [last[0], last[1]], trainLoss: lossAt(dataset, last[0], last[1], depth), testLoss: test ? lossAt(test, last[0], last[1], depth) : NaN });
      finished++;
      useStoryRuns.setState({ progress: finished / jobs.length });
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    if (stopped) return;
    if (storyRunsKey(start) !== key || useStore.getState().dataset !== dataset) return;
    const facts = summarizeRuns(ends, dataset, depth, low, other, start, STORY_RUN_STEPS, STORY_RUN_LR, 'single-runs');
    useStoryRuns.setState({ progress: null, facts, endpoints: ends });
  } catch (e) {
    if (!stopped) useStoryRuns.setState({ progress: null, error: (e as Error).message });
  } finally {
    if (!stopped) cancel = null;
  }
}

/** Drops a result that no longer matches the landscape (called when the data or model change). */
export function clearStoryRuns(): void {
  cancelStoryRuns();
  useStoryRuns.setState({ key: null, progress: null, error: null, facts: null, endpoints: [] });
}
