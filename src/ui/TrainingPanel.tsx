/**
 * Training from the marker: "descend" (Newton to the nearest minimum), and runs of plain GD,
 * mini-batch SGD or the paper's perturbed optimization, with play / pause / step / speed / reset.
 * Runs are kept, coloured and removable; their paths are drawn on the surface and the bound plane.
 */
import { useState } from 'react';
import { useStore } from '../state/store';
import type { TrainMethodName, TrainSettingsState } from '../state/training';
import { isRunLive, removeRun, resetRuns, setRunPaused, startDescend, startRun, stepRun, stopRun } from '../app/actions/training';
import { LossChart } from './LossChart';
import { fmt } from '../core/format';
import { msg, t, tx, txm, useT } from '../i18n';
import type { TrainingRun } from '../state/training';
import './inspect.css';

const SPEEDS = [1, 2, 5, 10, 25];
const METHOD_TIPS: Record<TrainMethodName, string> = {
  gd: msg('Plain gradient descent on the full training loss.'),
  sgd: msg('Mini-batch SGD: each step uses a seeded random batch (reshuffled every epoch).'),
  perturbed: msg("The paper's perturbed optimization: the gradient at w + u, u ~ N(0, σ*²) truncated to ±κ, σ* recomputed every step (SPEC §7)."),
};
const STATUS_WORDS: Record<TrainingRun['status'], string> = { running: msg('running'), paused: msg('paused'), done: msg('done'), stopped: msg('stopped'), error: msg('error') };

/** A run's name in the interface language (app/training's `label` is the English one scripts read). */
export function runLabel(r: Pick<TrainingRun, 'kind' | 'settings'>): string {
  const s = r.settings;
  if (r.kind === 'descend' || !s) return t('descend (Newton)');
  const base = r.kind === 'sgd' ? `SGD b=${s.batch}` : r.kind === 'perturbed' ? t('perturbed') : 'GD';
  return t('{{method}} lr={{lr}} seed={{seed}}', { method: base, lr: s.lr, seed: s.seed });
}

export function TrainingPanel() {
  const settings = useStore((s) => s.trainSettings);
  const setTrainSettings = useStore((s) => s.setTrainSettings);
  const speed = useStore((s) => s.trainSpeed);
  const setTraining = useStore((s) => s.setTraining);
  const runs = useStore((s) => s.runs);
  const activeId = useStore((s) => s.activeRunId);
  const hasData = useStore((s) => s.dataset !== null);
  const [text, setText] = useState(() => ({ lr: String(settings.lr), batch: String(settings.batch), steps: String(settings.steps), seed: String(settings.seed) }));
  const [follow, setFollow] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = useT();

  const active = runs.find((r) => r.id === activeId) ?? null;
  const live = active ? isRunLive(active.id) && (active.status === 'running' || active.status === 'paused') : false;

  /** The settings typed so far (numbers parsed; validation happens in startRun). */
  const typed = (): TrainSettingsState => ({ method: settings.method, lr: Number(text.lr), batch: Number(text.batch), steps: Number(text.steps), seed: Number(text.seed) });

  const guard = (f: () => void) => {
    try {
      f();
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const start = (paused = false) =>
    guard(() => {
      const s = typed();
      const { done } = startRun({ settings: s, animate: true, follow, paused });
      setTrainSettings(s);
      done.catch((e: Error) => setError(e.message));
    });

  const onStep = () =>
    guard(() => {
      if (active && live) {
        stepRun(active.id);
        return;
      }
      const s = typed();
      const { id, done } = startRun({ settings: s, animate: true, follow, paused: true });
      setTrainSettings(s);
      done.catch((e: Error) => setError(e.message));
      stepRun(id);
    });

  return (
    <section className="panel ins-panel" aria-label={t('Training')} data-testid="training-panel">
      <h2>{t('Training')}</h2>
      <form
        className="ins-form"
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        <label title={tx(METHOD_TIPS[settings.method])}>
          {t('method')}{' '}
          <select value={settings.method} onChange={(e) => setTrainSettings({ method: e.target.value as TrainMethodName })} aria-label={t('training method')}>
            <option value="gd">{t('plain GD')}</option>
            <option value="sgd">{t('mini-batch SGD')}</option>
            <option value="perturbed">{t('perturbed (σ*)')}</option>
          </select>
        </label>
        <label title={t('Learning rate: w ← w − lr·∇L̂')}>
          {t('lr')} <input type="number" step="0.05" value={text.lr} onChange={(e) => setText({ ...text, lr: e.target.value })} aria-label={t('learning rate')} />
        </label>
        <label title={t('Mini-batch size (SGD only)')}>
          {t('batch')} <input type="number" min={1} value={text.batch} disabled={settings.method !== 'sgd'} onChange={(e) => setText({ ...text, batch: e.target.value })} aria-label={t('batch size')} />
        </label>
        <label title={t('Number of update steps')}>
          {t('steps')} <input type="number" min={1} value={text.steps} onChange={(e) => setText({ ...text, steps: e.target.value })} aria-label={t('steps')} />
        </label>
        <label title={t('Seed of the mini-batch order and the perturbation noise: same start, seed and settings ⇒ same path')}>
          {t('seed')} <input type="number" min={0} value={text.seed} onChange={(e) => setText({ ...text, seed: e.target.value })} aria-label={t('training seed')} />
        </label>
        <label title={t('Steps drawn per animation frame')}>
          {t('speed')}{' '}
          <select value={speed} onChange={(e) => setTraining({ trainSpeed: Number(e.target.value) })} aria-label={t('speed')}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <label title={t('Move the marker along with the running path (inspector and decision view follow)')}>
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> {t('marker follows')}
        </label>
      </form>
      <div className="ins-actions">
        <button type="button" disabled={!hasData} onClick={() => guard(() => void startDescend().done)} title={t("Newton's method from the marker to the nearest minimum (animated); the marker ends on the minimum")}>
          {t('Descend')}
        </button>
        <button type="button" disabled={!hasData} onClick={() => start()} data-testid="train-start" title={t('Start a new run from the marker')}>
          {t('▶ Train')}
        </button>
        <button
          type="button"
          disabled={!hasData}
          onClick={() =>
            guard(() => {
              const base = typed();
              for (const method of ['gd', 'perturbed'] as const) startRun({ settings: { ...base, method }, animate: true }).done.catch((e: Error) => setError(e.message));
            })
          }
          title={t('Two runs from the marker with the same lr, steps and seed: plain GD and perturbed, side by side')}
        >
          {t('GD vs perturbed')}
        </button>
        <button type="button" disabled={!live} onClick={() => active && setRunPaused(active.id, active.status !== 'paused')}>
          {t(active?.status === 'paused' ? 'Resume' : 'Pause')}
        </button>
        <button type="button" disabled={!hasData} onClick={onStep} title={t('One step (starts a paused run if none is active)')}>
          {t('Step')}
        </button>
        <button type="button" disabled={!live} onClick={() => active && stopRun(active.id)}>
          {t('Stop')}
        </button>
        <button type="button" disabled={runs.length === 0} onClick={() => resetRuns()} title={t('Stop every run and delete all paths')}>
          {t('Reset')}
        </button>
      </div>
      {error && (
        <p className="ins-error" role="alert" data-testid="train-error">
          {txm(error)}
        </p>
      )}
      {runs.length > 0 && (
        <ul className="tr-runs" aria-label={t('Runs')}>
          {runs.map((r) => {
            const last = r.path[r.path.length - 1];
            return (
              <li key={r.id} className={r.id === activeId ? 'tr-active' : undefined} data-testid="run-item">
                <span className="tr-sw" style={{ background: r.color }} aria-hidden="true" />
                <button type="button" className="ins-link" onClick={() => setTraining({ activeRunId: r.id })} title={r.error ? txm(r.error) : t('Start ({{w1}}, {{w2}})', { w1: fmt(r.start[0]), w2: fmt(r.start[1]) })}>
                  {runLabel(r)}
                </button>
                <span className="ins-muted">
                  {' '}
                  {t('{{n}} st', { n: Math.max(0, r.path.length - 1) })} · L̂ {last ? fmt(last[2]) : '—'} · {tx(STATUS_WORDS[r.status])}
                </span>
                <button type="button" className="ins-x" aria-label={t('Remove run {{name}}', { name: runLabel(r) })} onClick={() => removeRun(r.id)}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <LossChart />
    </section>
  );
}
