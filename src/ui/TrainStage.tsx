/**
 * Training on stage, as in TensorFlow Playground: play / pause / step and a step counter on the
 * landscape itself, the path growing live on the surface (scene/TrainingPaths draws the runs), and
 * beside it the decision boundary p(x) = ½ at the run's current weights, redrawn as it moves.
 * Runs use the Training panel's settings (method, learning rate, steps, seed) and start at the
 * marker; the marker follows the run.
 */
import { lazy, Suspense, useMemo } from 'react';
import { useStore } from '../state/store';
import { inputWindow } from '../core/reconstruct';
import type { PanelSpec } from './DecisionView';
import { fmtQ, wPair } from '../core/format';
import { msg, tx, useT } from '../i18n';

export interface TrainStageActions {
  /** Starts a run from the marker (paused: for a first single step); returns its id. */
  start: (paused: boolean) => number;
  pause: (id: number, paused: boolean) => void;
  step: (id: number) => void;
  /** Removes every run. */
  reset: () => void;
  isLive: (id: number) => boolean;
}

const METHOD_NAMES = { gd: msg('gradient descent'), sgd: msg('mini-batch SGD'), perturbed: msg('perturbed GD'), descend: msg('Newton descent') } as const;
const INSET_PX = 132;
// Loaded with the first run (the decision view is not part of the first view's code).
const DecisionPanel = lazy(() => import('./DecisionView').then((m) => ({ default: m.DecisionPanel })));

export function TrainStage({ actions }: { actions: TrainStageActions }) {
  const t = useT();
  const runs = useStore((s) => s.runs);
  const activeId = useStore((s) => s.activeRunId);
  const settings = useStore((s) => s.trainSettings);
  const dataset = useStore((s) => s.dataset);
  const depth = useStore((s) => s.depth);
  const active = runs.find((r) => r.id === activeId) ?? null;
  const live = !!active && actions.isLive(active.id) && (active.status === 'running' || active.status === 'paused');
  const running = live && active!.status === 'running';
  const steps = active ? Math.max(0, active.path.length - 1) : 0;
  const total = active?.settings?.steps ?? (active ? steps : settings.steps);
  const last = active?.path[active.path.length - 1];
  const win = useMemo(() => (dataset ? inputWindow(dataset.x, dataset.n) : null), [dataset]);
  const spec = useMemo<PanelSpec | null>(() => (last ? { title: t('p(x) at {{w}}', { w: wPair([last[0], last[1]]) }), w: [last[0], last[1]] } : null), [last, t]);

  const play = () => {
    if (live) actions.pause(active!.id, running);
    else actions.start(false);
  };
  const step = () => {
    if (live) actions.step(active!.id);
    else actions.step(actions.start(true));
  };

  return (
    <div className="train-stage" role="group" aria-label={t('Training on the landscape')} data-testid="train-stage">
      <div className="train-stage-bar">
        <button type="button" className="ts-play" onClick={play} disabled={!dataset} aria-label={t(running ? 'Pause training' : live ? 'Resume training' : 'Train from the marker')} title={t(running ? 'Pause (space)' : 'Train from the marker with the Training panel’s settings (space)')} data-testid="ts-play">
          {running ? '❚❚' : '▶'}
        </button>
        <button type="button" onClick={step} disabled={!dataset || (live && running)} aria-label={t('One training step')} title={t('One step (.)')} data-testid="ts-step">
          ▶|
        </button>
        <button type="button" onClick={actions.reset} disabled={runs.length === 0} aria-label={t('Remove the training paths')} title={t('Remove the paths')} data-testid="ts-reset">
          ⟲
        </button>
        <span className="ts-count" data-testid="ts-count" aria-live="off">
          {t('step')} <b>{steps}</b>
          {active && active.kind !== 'descend' ? ` / ${total}` : ''}
        </span>
        <span className="ts-what">
          {active ? (
            <>
              {tx(METHOD_NAMES[active.kind])} · L̂ <b>{last ? fmtQ('value', last[2]) : '—'}</b>
            </>
          ) : (
            t('{{method}}, lr {{lr}}', { method: tx(METHOD_NAMES[settings.method]), lr: settings.lr })
          )}
        </span>
      </div>
      {active && spec && dataset && win && (
        <div className="train-stage-inset" data-testid="ts-decision">
          <Suspense fallback={null}>
            <DecisionPanel spec={spec} dataset={dataset} win={win} depth={depth} overlay={null} size={INSET_PX} testId="ts-decision-canvas" />
          </Suspense>
        </div>
      )}
    </div>
  );
}
