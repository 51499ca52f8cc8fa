/**
 * The Experiments view: pick a design (batch-size sweep, learning-rate sweep, plain vs perturbed,
 * or one configuration), repeats, starts, resampling, steps and schedule; Run / Cancel with
 * progress; then, as configurations finish, Ψ and the gap (mean and 95 % interval) against the
 * swept setting in the form of the paper's figures, Ψ against the gap over all runs with
 * Spearman's correlation, the fraction of runs per minimum, train/test loss and accuracy per
 * configuration, and CSV/JSON export (one row per run). Actions come in as props from app/.
 */
import { memo, useEffect, useId, useMemo, useState } from 'react';
import { configsOf, meanInterval, normalizeDesign, rowsToCsv, summarize, type ConfigSummary, type ExperimentDesign, type SummaryKey } from '../core/experiment';
import { spearman } from '../core/stats';
import { CONFIG_COLORS, useExperiments, type ExperimentRow } from '../state/experiments';
import { useStore } from '../state/store';
import { fmt, pct } from '../core/format';
import { niceTicks, tickLabel } from './chartAxes';
import { msg, t, tx, txm, useT } from '../i18n';
import { configName } from './configName';
import './experiments.css';

export interface ExperimentActions {
  run: (design: Partial<ExperimentDesign> & { sigma?: 'grid' | 'exact' }) => Promise<unknown>;
  cancel: () => void;
  close: () => void;
}

export { CONFIG_COLORS };

type Preset = 'batch' | 'lr' | 'method' | 'single';

const PRESET_LABEL: Record<Preset, string> = {
  batch: msg('Batch-size sweep (fixed lr)'),
  lr: msg('Learning-rate sweep (fixed batch)'),
  method: msg('Plain vs perturbed'),
  single: msg('One configuration'),
};

/** A configuration's label (core/experiment's English) in the interface language. */
function presetOf(d: ExperimentDesign): Preset {
  return d.sweep ? (d.sweep.param as Preset) : 'single';
}

function parseList(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number);
}

/** The form's draft: strings as typed, turned into a design on Run. */
interface Draft {
  preset: Preset;
  values: string;
  method: ExperimentDesign['method'];
  lr: string;
  batch: string;
  steps: string;
  repeats: string;
  seed: string;
  startsAt: 'random' | 'marker';
  resample: boolean;
  testN: string;
  schedule: NonNullable<ExperimentDesign['schedule']>;
}

function draftOf(d: ExperimentDesign, n: number): Draft {
  const preset = presetOf(d);
  const values = d.sweep ? d.sweep.values.join(', ') : preset === 'batch' ? `1, 4, 16, 64, ${n}` : '';
  return {
    preset,
    values,
    method: d.method,
    lr: String(d.lr),
    batch: String(d.batch),
    steps: String(d.steps),
    repeats: String(d.repeats),
    seed: String(d.seed),
    startsAt: d.starts === 'random' ? 'random' : 'marker',
    resample: d.resample,
    testN: String(d.testN),
    schedule: d.schedule ?? 'constant',
  };
}

function designOf(dr: Draft, marker: [number, number]): ExperimentDesign {
  const base: Partial<ExperimentDesign> = {
    method: dr.preset === 'method' ? 'gd' : dr.method,
    lr: Number(dr.lr),
    batch: Number(dr.batch),
    steps: Number(dr.steps),
    repeats: Number(dr.repeats),
    seed: Number(dr.seed),
    starts: dr.startsAt === 'random' ? 'random' : [[marker[0], marker[1]]],
    resample: dr.resample,
    testN: Number(dr.testN),
    schedule: dr.schedule,
  };
  if (dr.preset === 'batch') base.sweep = { param: 'batch', values: parseList(dr.values) };
  else if (dr.preset === 'lr') base.sweep = { param: 'lr', values: parseList(dr.values) };
  else if (dr.preset === 'method') base.sweep = { param: 'method', values: ['gd', 'perturbed'] };
  return normalizeDesign(base);
}

export function ExperimentsView({ actions }: { actions: ExperimentActions }) {
  const open = useExperiments((s) => s.open);
  if (!open) return null;
  return <ExperimentsPanel actions={actions} />;
}

/**
 * While the view is open the page makes room for it (html.xp-open, experiments.css): on wide
 * screens it docks as the right column and the stage narrows (the camera re-frames the landscape
 * for the new aspect), so the endpoints on the landscape stay in sight; on phones it is a sheet
 * below a shorter stage, its top at the stage's bottom (--xp-top).
 */
function useDockedLayout(): void {
  useEffect(() => {
    const root = document.documentElement;
    root.classList.add('xp-open');
    const place = () => {
      const stage = document.querySelector('.stage');
      const bottom = stage ? stage.getBoundingClientRect().bottom : window.innerHeight / 2;
      root.style.setProperty('--xp-top', `${Math.round(Math.max(0, Math.min(bottom, window.innerHeight - 160)))}px`);
    };
    if (window.matchMedia('(max-width: 760px)').matches) window.scrollTo(0, 0);
    place();
    // The stage resizes after the class lands (layout, then the canvas): follow it.
    const stage = document.querySelector('.stage');
    const ro = typeof ResizeObserver !== 'undefined' && stage ? new ResizeObserver(place) : null;
    if (ro && stage) ro.observe(stage);
    window.addEventListener('resize', place);
    window.addEventListener('scroll', place, { passive: true });
    return () => {
      ro?.disconnect();
      window.removeEventListener('resize', place);
      window.removeEventListener('scroll', place);
      root.classList.remove('xp-open');
      root.style.removeProperty('--xp-top');
    };
  }, []);
}

function ExperimentsPanel({ actions }: { actions: ExperimentActions }) {
  const t = useT();
  useDockedLayout();
  const id = useId();
  const ex = useExperiments();
  const n = useStore((s) => s.dataset?.n ?? 100);
  const marker = useStore((s) => s.marker);
  const hasMixture = useStore((s) => !!s.dataset?.mixture);
  const [draft, setDraft] = useState<Draft>(() => draftOf(ex.design, n));
  const [formError, setFormError] = useState<string | null>(null);
  useEffect(() => setDraft(draftOf(useExperiments.getState().design, n)), [ex.designVersion]); // eslint-disable-line react-hooks/exhaustive-deps
  const up = (p: Partial<Draft>) => setDraft((d) => ({ ...d, ...p }));
  const running = ex.status === 'running';

  const choosePreset = (preset: Preset) => {
    const values = preset === 'batch' ? `1, 4, 16, 64, ${n}` : preset === 'lr' ? '0.1, 0.3, 1, 3' : '';
    up({ preset, values, method: preset === 'batch' ? 'sgd' : preset === 'lr' ? 'sgd' : draft.method });
  };

  const run = () => {
    let design: ExperimentDesign;
    try {
      design = designOf(draft, marker);
    } catch (e) {
      setFormError((e as Error).message);
      return;
    }
    setFormError(null);
    actions.run(design).catch(() => undefined);
  };

  const download = (kind: 'csv' | 'json') => {
    const rows = useExperiments.getState().rows;
    const text = kind === 'csv' ? rowsToCsv(rows as unknown as Record<string, unknown>[]) : JSON.stringify({ design: ex.design, configs: ex.configs, minima: ex.minima, sigmaNote: ex.sigmaNote, rows }, null, 1);
    const blob = new Blob([text], { type: kind === 'csv' ? 'text/csv' : 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `pacscape-experiment.${kind}`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  const configs = ex.configs.length ? ex.configs : configsOf(ex.design);
  const summaries = useMemo(() => summarize(ex.rows, configs.length), [ex.rows, configs.length]);
  const sweepParam = ex.design.sweep?.param ?? null;
  const sp = useMemo(() => spearman(ex.rows.map((r) => r.psi), ex.rows.map((r) => r.gap)), [ex.rows]);

  return (
    <section className="experiments" role="dialog" aria-labelledby={`${id}-h`} data-testid="experiments">
      <header className="xp-head">
        <h2 id={`${id}-h`}>{t('Experiments')}</h2>
        <p className="xp-lede">{t('Many training runs at once on the GPU: does Ψ at the end of training rise where the measured test − train gap rises?')}</p>
        <button type="button" className="xp-close" onClick={actions.close} aria-label={t('Close the experiments view')}>
          ×
        </button>
      </header>

      <form
        className="xp-form"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <label className="xp-wide">
          {t('Design')}
          <select value={draft.preset} onChange={(e) => choosePreset(e.target.value as Preset)} disabled={running}>
            {(Object.keys(PRESET_LABEL) as Preset[]).map((p) => (
              <option key={p} value={p}>
                {tx(PRESET_LABEL[p])}
              </option>
            ))}
          </select>
        </label>
        {(draft.preset === 'batch' || draft.preset === 'lr') && (
          <label className="xp-wide">
            {t(draft.preset === 'batch' ? 'Batch sizes' : 'Learning rates')}
            <input value={draft.values} onChange={(e) => up({ values: e.target.value })} disabled={running} aria-label={t(draft.preset === 'batch' ? 'Batch sizes' : 'Learning rates')} />
          </label>
        )}
        {draft.preset === 'single' && (
          <label>
            {t('Method')}
            <select value={draft.method} onChange={(e) => up({ method: e.target.value as Draft['method'] })} disabled={running}>
              <option value="gd">{t('GD')}</option>
              <option value="sgd">{t('SGD')}</option>
              <option value="perturbed">{t('perturbed')}</option>
            </select>
          </label>
        )}
        {draft.preset !== 'lr' && (
          <label>
            {t('lr')}
            <input value={draft.lr} onChange={(e) => up({ lr: e.target.value })} disabled={running} inputMode="decimal" />
          </label>
        )}
        {(draft.preset === 'lr' || (draft.preset === 'single' && draft.method === 'sgd')) && (
          <label>
            {t('Batch')}
            <input value={draft.batch} onChange={(e) => up({ batch: e.target.value })} disabled={running} inputMode="numeric" />
          </label>
        )}
        <label>
          {t('Steps')}
          <input value={draft.steps} onChange={(e) => up({ steps: e.target.value })} disabled={running} inputMode="numeric" />
        </label>
        <label>
          {t('Schedule')}
          <select value={draft.schedule} onChange={(e) => up({ schedule: e.target.value as Draft['schedule'] })} disabled={running}>
            <option value="constant">{t('constant')}</option>
            <option value="cosine">{t('cosine')}</option>
            <option value="step">{t('step ×0.1')}</option>
          </select>
        </label>
        <label>
          {t('Repeats R')}
          <input value={draft.repeats} onChange={(e) => up({ repeats: e.target.value })} disabled={running} inputMode="numeric" />
        </label>
        <label>
          {t('Seed')}
          <input value={draft.seed} onChange={(e) => up({ seed: e.target.value })} disabled={running} inputMode="numeric" />
        </label>
        <label>
          {t('Starts')}
          <select value={draft.startsAt} onChange={(e) => up({ startsAt: e.target.value as Draft['startsAt'] })} disabled={running}>
            <option value="random">{t('random in the window')}</option>
            <option value="marker">{t('all from the marker')}</option>
          </select>
        </label>
        <label>
          {t('Test points')}
          <input value={draft.testN} onChange={(e) => up({ testN: e.target.value })} disabled={running} inputMode="numeric" />
        </label>
        <label className="xp-check" title={t(hasMixture ? 'A fresh n-point sample of the data set’s mixture for each repeat' : 'Needs a data set with a known mixture')}>
          <input type="checkbox" checked={draft.resample} onChange={(e) => up({ resample: e.target.checked })} disabled={running || !hasMixture} />
          {t('Resample the training set per repeat')}
        </label>
        <div className="xp-actions">
          {running ? (
            <button type="button" onClick={actions.cancel}>
              {t('Cancel')}
            </button>
          ) : (
            <button type="submit" className="xp-run">
              {t('Run')}
            </button>
          )}
          <div className={`progress${running ? ' active' : ''}`} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(100 * ex.progress)} aria-label={t('Experiment progress')}>
            <div className="progress-fill" style={{ width: `${100 * ex.progress}%` }} />
            <span className="progress-text">{running ? `${Math.round(100 * ex.progress)} % · ${tx(ex.phase)}` : ex.status === 'done' ? t('{{n}} runs in {{s}} s', { n: ex.rows.length, s: (ex.elapsedMs / 1000).toFixed(1) }) : ex.status === 'cancelled' ? t('cancelled') : ex.status === 'error' ? t('error') : t('ready')}</span>
          </div>
        </div>
        {(formError || ex.error) && (
          <p className="xp-error" role="alert">
            {txm(formError ?? ex.error ?? '')}
          </p>
        )}
      </form>
      <p className="xp-note">
        {t(
          ex.design.resample
            ? 'Each run trains from its start with its own seed (mini-batches, noise) on its own fresh training sample; every configuration reuses the same starts and seeds. Endpoints are measured exactly as at a point (SPEC §9): Ψ with ρ from the 5×5 stencil, the gap on one fresh test sample of {{n}} points.'
            : 'Each run trains from its start with its own seed (mini-batches, noise); every configuration reuses the same starts and seeds. Endpoints are measured exactly as at a point (SPEC §9): Ψ with ρ from the 5×5 stencil, the gap on one fresh test sample of {{n}} points.',
          { n: String(ex.design.testN) },
        )}{' '}
        {ex.sigmaNote || t('σ* for perturbed runs: interpolated from a 128² grid of the σ* field over the window (exact outside); a single run (Train) uses the exact σ* every step.')}
      </p>

      {ex.rows.length > 0 && (
        <div className="xp-results" data-testid="experiment-results">
          <div className="xp-charts">
            <ConfigChart title={t('Ψ at the end of training')} summaries={summaries} configs={configs} k="psi" param={sweepParam} />
            <ConfigChart title={t('Gap: test − train loss')} summaries={summaries} configs={configs} k="gap" param={sweepParam} />
          </div>
          <Scatter rows={ex.rows} configs={configs} rho={sp.rho} />
          <ConfigTable summaries={summaries} configs={configs} minima={ex.minima} />
          <div className="xp-export">
            <button type="button" onClick={() => download('csv')}>
              {t('Export CSV')}
            </button>
            <button type="button" onClick={() => download('json')}>
              {t('Export JSON')}
            </button>
            <span className="xp-muted">{t('one row per run; the endpoints are drawn on the landscape in the configuration colours')}</span>
          </div>
        </div>
      )}
    </section>
  );
}

const W = 300, H = 190, M = { l: 46, r: 10, t: 22, b: 34 };

function labelOfConfig(c: { label: string; batch: number; lr: number; method: string }, param: string | null): string {
  if (param === 'batch') return String(c.batch);
  if (param === 'lr') return String(c.lr);
  if (param === 'method') return c.method === 'perturbed' ? t('perturbed') : c.method;
  return configName(c.label);
}

/** Mean and 95 % interval of one key per configuration, configurations in sweep order along x. */
function ConfigChart({ title, summaries, configs, k, param }: { title: string; summaries: ConfigSummary[]; configs: { label: string; batch: number; lr: number; method: string }[]; k: SummaryKey; param: string | null }) {
  const pts = summaries.filter((s) => s.runs > 0 && Number.isFinite(s.stats[k].mean));
  const lo = Math.min(...pts.map((s) => s.stats[k].lo)), hi = Math.max(...pts.map((s) => s.stats[k].hi));
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.12;
  const yt = niceTicks(lo - pad, hi + pad, 4);
  const y0 = Math.min(lo - pad, yt.values[0]), y1 = Math.max(hi + pad, yt.values[yt.values.length - 1]);
  const nC = configs.length;
  const x = (i: number) => M.l + ((i + 0.5) / nC) * (W - M.l - M.r);
  const y = (v: number) => M.t + (1 - (v - y0) / (y1 - y0 || 1)) * (H - M.t - M.b);
  const line = pts.map((s, i) => `${i ? 'L' : 'M'}${x(s.config).toFixed(1)},${y(s.stats[k].mean).toFixed(1)}`).join('');
  const xName = t(param === 'batch' ? 'batch size' : param === 'lr' ? 'learning rate' : param === 'method' ? 'method' : 'configuration');
  return (
    <figure className="xp-chart" data-testid={`xp-chart-${k}`}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('{{title}} against {{x}}, mean and 95 % interval', { title, x: xName })}>
        <text x={M.l} y={14} className="xp-title">
          {title}
        </text>
        {yt.values.map((v) => (
          <g key={v}>
            <line x1={M.l} x2={W - M.r} y1={y(v)} y2={y(v)} className="xp-grid" />
            <text x={M.l - 5} y={y(v) + 4} textAnchor="end" className="xp-tick">
              {tickLabel(v, yt.decimals)}
            </text>
          </g>
        ))}
        {configs.map((c, i) => (
          <text key={i} x={x(i)} y={H - M.b + 14} textAnchor="middle" className="xp-tick">
            {labelOfConfig(c, param)}
          </text>
        ))}
        <text x={(M.l + W - M.r) / 2} y={H - 4} textAnchor="middle" className="xp-axis">
          {xName}
        </text>
        <path d={line} className="xp-line" />
        {pts.map((s) => (
          <g key={s.config}>
            <line x1={x(s.config)} x2={x(s.config)} y1={y(s.stats[k].lo)} y2={y(s.stats[k].hi)} stroke={CONFIG_COLORS[s.config % CONFIG_COLORS.length]} strokeWidth={2} />
            <circle cx={x(s.config)} cy={y(s.stats[k].mean)} r={4} fill={CONFIG_COLORS[s.config % CONFIG_COLORS.length]}>
              <title>{t('{{config}}: {{mean}} [{{lo}}, {{hi}}], {{n}} runs', { config: labelOfConfig(configs[s.config], param), mean: fmt(s.stats[k].mean), lo: fmt(s.stats[k].lo), hi: fmt(s.stats[k].hi), n: s.runs })}</title>
            </circle>
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** Ψ against the gap, one dot per run, coloured by configuration. */
/** Ψ vs gap over all runs (re-rendered only when rows arrive: progress updates leave it alone). */
const Scatter = memo(function Scatter({ rows, configs, rho }: { rows: ExperimentRow[]; configs: { label: string }[]; rho: number }) {
  const ok = rows.filter((r) => Number.isFinite(r.psi) && Number.isFinite(r.gap));
  const SW = 620, SH = 230;
  const m = { l: 50, r: 150, t: 22, b: 34 };
  const xs = ok.map((r) => r.gap), ys = ok.map((r) => r.psi);
  const xt = niceTicks(Math.min(...xs), Math.max(...xs), 5), yt = niceTicks(Math.min(...ys), Math.max(...ys), 4);
  const x0 = Math.min(xt.values[0], ...xs), x1 = Math.max(xt.values[xt.values.length - 1], ...xs);
  const y0 = Math.min(yt.values[0], ...ys), y1 = Math.max(yt.values[yt.values.length - 1], ...ys);
  const X = (v: number) => m.l + ((v - x0) / (x1 - x0 || 1)) * (SW - m.l - m.r);
  const Y = (v: number) => m.t + (1 - (v - y0) / (y1 - y0 || 1)) * (SH - m.t - m.b);
  const g = meanInterval(xs);
  return (
    <figure className="xp-chart xp-scatter" data-testid="xp-scatter" data-spearman={Number.isFinite(rho) ? rho.toFixed(4) : ''}>
      <svg viewBox={`0 0 ${SW} ${SH}`} role="img" aria-label={t('Ψ against the gap over {{n}} runs, Spearman {{rho}}', { n: ok.length, rho: fmt(rho, 3) })}>
        <text x={m.l} y={14} className="xp-title">
          {t('Ψ vs gap over all {{n}} runs · Spearman ρ = {{rho}}', { n: ok.length, rho: fmt(rho, 3) })}
        </text>
        {yt.values.map((v) => (
          <g key={`y${v}`}>
            <line x1={m.l} x2={SW - m.r} y1={Y(v)} y2={Y(v)} className="xp-grid" />
            <text x={m.l - 5} y={Y(v) + 4} textAnchor="end" className="xp-tick">
              {tickLabel(v, yt.decimals)}
            </text>
          </g>
        ))}
        {xt.values.map((v) => (
          <text key={`x${v}`} x={X(v)} y={SH - m.b + 14} textAnchor="middle" className="xp-tick">
            {tickLabel(v, xt.decimals)}
          </text>
        ))}
        <text x={(m.l + SW - m.r) / 2} y={SH - 4} textAnchor="middle" className="xp-axis">
          {t('gap = test − train loss (mean {{m}})', { m: fmt(g.mean, 3) })}
        </text>
        {ok.map((r, i) => (
          <circle key={i} cx={X(r.gap)} cy={Y(r.psi)} r={2.4} fill={CONFIG_COLORS[r.config % CONFIG_COLORS.length]} opacity={0.75} />
        ))}
        {configs.map((c, i) => (
          <g key={i} transform={`translate(${SW - m.r + 12}, ${m.t + 6 + i * 16})`}>
            <circle r={4} fill={CONFIG_COLORS[i % CONFIG_COLORS.length]} />
            <text x={9} y={4} className="xp-tick">
              {configName(c.label)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
});

const pm = (s: { mean: number; lo: number; hi: number }, f: (v: number) => string = (v) => fmt(v, 3), g: (v: number) => string = (v) => fmt(v, 2)) => (Number.isFinite(s.mean) ? `${f(s.mean)} ± ${g(Math.max(0, s.hi - s.mean))}` : '—');

function ConfigTable({ summaries, configs, minima }: { summaries: ConfigSummary[]; configs: { label: string }[]; minima: { w: [number, number]; global: boolean; character?: string }[] }) {
  const t = useT();
  const basinKeys = [...minima.map((_, i) => String(i)), 'none'];
  const minName = (k: string) => {
    if (k === 'none') return t('no minimum');
    const m = minima[Number(k)];
    const kind = m.global ? t('global') : m.character === 'sharp' ? t('sharp') : m.character === 'flat' ? t('flat') : m.character ? m.character : t('local');
    return `${kind} (${fmt(m.w[0], 3)}, ${fmt(m.w[1], 3)})`;
  };
  const used = basinKeys.filter((k) => summaries.some((s) => (s.basins[k] ?? 0) > 0));
  return (
    <div className="xp-table-wrap">
      <table className="xp-table" data-testid="xp-table">
        <caption>{t('Per configuration: mean ± 95 % interval half-width; fraction of runs ending in each minimum')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('config')}</th>
            <th scope="col">{t('runs')}</th>
            <th scope="col">Ψ</th>
            <th scope="col">{t('gap')}</th>
            <th scope="col">{t('train loss')}</th>
            <th scope="col">{t('test loss')}</th>
            <th scope="col">{t('train acc')}</th>
            <th scope="col">{t('test acc')}</th>
            {used.map((k) => (
              <th scope="col" key={k}>
                {minName(k)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summaries.map((s) => (
            <tr key={s.config}>
              <th scope="row">
                <span className="xp-swatch" style={{ background: CONFIG_COLORS[s.config % CONFIG_COLORS.length] }} />
                {configName(configs[s.config]?.label ?? '')}
              </th>
              <td>{s.runs}</td>
              <td>{pm(s.stats.psi)}</td>
              <td>{pm(s.stats.gap)}</td>
              <td>{pm(s.stats.trainLoss)}</td>
              <td>{pm(s.stats.testLoss)}</td>
              <td>{pm(s.stats.trainAcc, (v) => pct(v), (v) => pct(v))}</td>
              <td>{pm(s.stats.testAcc, (v) => pct(v), (v) => pct(v))}</td>
              {used.map((k) => (
                <td key={k}>{s.runs ? pct(s.basins[k] ?? 0) : '—'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
