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
import { fmt } from './format';
import './inspect.css';

const SPEEDS = [1, 2, 5, 10, 25];
const METHOD_TIPS: Record<TrainMethodName, string> = {
  gd: 'Plain gradient descent on the full training loss.',
  sgd: 'Mini-batch SGD: each step uses a seeded random batch (reshuffled every epoch).',
  perturbed: "The paper's perturbed optimization: the gradient at w + u, u ~ N(0, σ*²) truncated to ±κ, σ* recomputed every step (SPEC §7).",
};

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
    <section className="panel ins-panel" aria-label="Training" data-testid="training-panel">
      <h2>Training</h2>
      <form
        className="ins-form"
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        <label title={METHOD_TIPS[settings.method]}>
          method{' '}
          <select value={settings.method} onChange={(e) => setTrainSettings({ method: e.target.value as TrainMethodName })} aria-label="training method">
            <option value="gd">plain GD</option>
            <option value="sgd">mini-batch SGD</option>
            <option value="perturbed">perturbed (σ*)</option>
          </select>
        </label>
        <label title="Learning rate: w ← w − lr·∇L̂">
          lr <input type="number" step="0.05" value={text.lr} onChange={(e) => setText({ ...text, lr: e.target.value })} aria-label="learning rate" />
        </label>
        <label title="Mini-batch size (SGD only)">
          batch <input type="number" min={1} value={text.batch} disabled={settings.method !== 'sgd'} onChange={(e) => setText({ ...text, batch: e.target.value })} aria-label="batch size" />
        </label>
        <label title="Number of update steps">
          steps <input type="number" min={1} value={text.steps} onChange={(e) => setText({ ...text, steps: e.target.value })} aria-label="steps" />
        </label>
        <label title="Seed of the mini-batch order and the perturbation noise: same start, seed and settings ⇒ same path">
          seed <input type="number" min={0} value={text.seed} onChange={(e) => setText({ ...text, seed: e.target.value })} aria-label="training seed" />
        </label>
        <label title="Steps drawn per animation frame">
          speed{' '}
          <select value={speed} onChange={(e) => setTraining({ trainSpeed: Number(e.target.value) })} aria-label="speed">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <label title="Move the marker along with the running path (inspector and decision view follow)">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> marker follows
        </label>
      </form>
      <div className="ins-actions">
        <button type="button" disabled={!hasData} onClick={() => guard(() => void startDescend().done)} title="Newton's method from the marker to the nearest minimum (animated); the marker ends on the minimum">
          Descend
        </button>
        <button type="button" disabled={!hasData} onClick={() => start()} data-testid="train-start" title="Start a new run from the marker">
          ▶ Train
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
          title="Two runs from the marker with the same lr, steps and seed: plain GD and perturbed, side by side"
        >
          GD vs perturbed
        </button>
        <button type="button" disabled={!live} onClick={() => active && setRunPaused(active.id, active.status !== 'paused')}>
          {active?.status === 'paused' ? 'Resume' : 'Pause'}
        </button>
        <button type="button" disabled={!hasData} onClick={onStep} title="One step (starts a paused run if none is active)">
          Step
        </button>
        <button type="button" disabled={!live} onClick={() => active && stopRun(active.id)}>
          Stop
        </button>
        <button type="button" disabled={runs.length === 0} onClick={() => resetRuns()} title="Stop every run and delete all paths">
          Reset
        </button>
      </div>
      {error && (
        <p className="ins-error" role="alert" data-testid="train-error">
          {error}
        </p>
      )}
      {runs.length > 0 && (
        <ul className="tr-runs" aria-label="Runs">
          {runs.map((r) => {
            const last = r.path[r.path.length - 1];
            return (
              <li key={r.id} className={r.id === activeId ? 'tr-active' : undefined} data-testid="run-item">
                <span className="tr-sw" style={{ background: r.color }} aria-hidden="true" />
                <button type="button" className="ins-link" onClick={() => setTraining({ activeRunId: r.id })} title={r.error ?? `Start (${fmt(r.start[0])}, ${fmt(r.start[1])})`}>
                  {r.label}
                </button>
                <span className="ins-muted">
                  {' '}
                  {Math.max(0, r.path.length - 1)} st · L̂ {last ? fmt(last[2]) : '—'} · {r.status}
                </span>
                <button type="button" className="ins-x" aria-label={`Remove run ${r.label}`} onClick={() => removeRun(r.id)}>
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
