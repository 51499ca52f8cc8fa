/**
 * The story's step 7: STORY_RUNS_PER_METHOD seeds each of plain gradient descent and perturbed
 * training from one start, run as one experiment (app/experiments: batched on the GPU, endpoints
 * measured as at a point, the basin each reached), so the Experiments view shows the same runs.
 * The summary (fraction per basin, mean test loss) and the endpoints go to state/storyRuns.
 */
import { useStore } from '../state/store';
import { useExperiments } from '../state/experiments';
import { STORY_RUN_LR, STORY_RUN_STEPS, STORY_RUNS_PER_METHOD } from '../core/storyText';
import { basinRole, summarizeRuns, type RunEndpoint } from '../core/storyFacts';
import { storyRunsKey, useStoryRuns } from '../state/storyRuns';
import { cancelExperiment, startExperiment } from './experiments';

let live: string | null = null;
let unsub: (() => void) | null = null;

/** Stops the story's runs in flight (their partial result is dropped). */
export function cancelStoryRuns(): void {
  if (live) cancelExperiment();
}

/**
 * Runs the seeds from `start` and stores where they ended, classified against the two minima.
 * Resolves when done or cancelled; throws nothing (errors land in the state).
 */
export async function runStoryRuns(start: [number, number], low: readonly [number, number], other: readonly [number, number]): Promise<void> {
  cancelStoryRuns();
  const key = storyRunsKey(start);
  live = key;
  useStoryRuns.setState({ key, progress: 0, error: null, facts: null, endpoints: [] });
  unsub?.();
  unsub = useExperiments.subscribe((e) => {
    if (live === key && e.status === 'running') useStoryRuns.setState({ progress: e.progress });
  });
  const st = useStore.getState();
  try {
    const rows = await startExperiment({
      method: 'gd',
      lr: STORY_RUN_LR,
      batch: 16,
      steps: STORY_RUN_STEPS,
      repeats: STORY_RUNS_PER_METHOD,
      seed: 1,
      starts: [[start[0], start[1]]],
      resample: false,
      sweep: { param: 'method', values: ['gd', 'perturbed'] },
      testN: st.testSize,
    });
    if (live !== key || storyRunsKey(start) !== key) return;
    const minima = useExperiments.getState().minima;
    const ends: RunEndpoint[] = rows.map((r) => ({ method: r.method === 'perturbed' ? 'perturbed' : 'gd', w: [r.end[0], r.end[1]], basin: basinRole(r.basin, minima, low, other), trainLoss: r.trainLoss, testLoss: r.testLoss }));
    const facts = { ...summarizeRuns(ends, start, STORY_RUN_STEPS, STORY_RUN_LR, 'experiments'), sigmaNote: useExperiments.getState().sigmaNote };
    useStoryRuns.setState({ progress: null, facts, endpoints: ends });
  } catch (e) {
    if (live !== key) return;
    const aborted = (e as Error).name === 'AbortError';
    useStoryRuns.setState({ progress: null, error: aborted ? null : (e as Error).message, key: aborted ? null : key });
  } finally {
    if (live === key) {
      live = null;
      unsub?.();
      unsub = null;
    }
  }
}

/** The story's runs for one app run (ui/ starts them through app/actions); returns their end: a run in flight is cancelled. */
export function installStoryRuns(): () => void {
  return () => cancelStoryRuns();
}
