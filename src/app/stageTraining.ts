/**
 * The on-stage training controls' actions (ui/TrainStage.tsx and the Space / . keys): a run from
 * the marker with the Training panel's settings, animated, the marker following it.
 */
import { useStore } from '../state/store';
import { isRunLive, resetRuns, setRunPaused, startRun, stepRun } from './training';
import type { TrainStageActions } from '../ui/TrainStage';
import { t, txm } from '../i18n';

function report(e: unknown): void {
  useStore.getState().notify({ kind: 'error', text: t('Training could not start: {{error}}', { error: txm((e as Error).message) }) });
}

function start(paused: boolean): number {
  const { id, done } = startRun({ animate: true, follow: true, paused });
  done.catch(report);
  return id;
}

export const stageTrainActions: TrainStageActions = {
  start,
  pause: setRunPaused,
  step: (id) => void stepRun(id),
  reset: resetRuns,
  isLive: isRunLive,
};

function activeLive(): { id: number; status: string } | null {
  const s = useStore.getState();
  const r = s.runs.find((x) => x.id === s.activeRunId);
  return r && isRunLive(r.id) && (r.status === 'running' || r.status === 'paused') ? r : null;
}

/** Space: start a run from the marker, or pause / resume the active one. */
export function toggleStageTraining(): void {
  try {
    const r = activeLive();
    if (r) setRunPaused(r.id, r.status === 'running');
    else start(false);
  } catch (e) {
    report(e);
  }
}

/** '.': one step of the active run (a new paused run from the marker if none is live). */
export function stepStageTraining(): void {
  try {
    const r = activeLive();
    stepRun(r ? r.id : start(true));
  } catch (e) {
    report(e);
  }
}
