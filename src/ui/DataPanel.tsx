/**
 * Data controls: the preset picker (scenarios with what each shows and its checked claims, then
 * the generator-only data sets), the seeded mixture generator (number of
 * components, their means — drag them in the small plot —, standard deviation, n, seed, label
 * rule); files load through the one picker, in the Import & export panel. Invalid input shows
 * a message and keeps the current data.
 */
import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useStore } from '../state/store';
import { DEFAULT_GENERATOR, MAX_DATA_POINTS, validateGenerator, type Dataset, type GeneratorParams } from '../core/data';
import { PlotFrame } from './PlotFrame';
import { applyGenerator, loadPreset } from '../app/actions/data';
import { DATA_SETS, PRESETS, presetById, type Preset } from '../core/presets';
import { PARAMS, checkParam, inputAttrs, parseDecimal } from '../core/params';
import { tx, txm, useT } from '../i18n';
import './inspect.css';

const PLOT_PX = 200;
/** The generator plot spans ±PLOT_HALF around the means' centre (raw coordinates). */
const PLOT_HALF = 4;
/**
 * Components are drawn in neutral greys (rings, and a white handle with the index), so that no
 * colour of the plot reads as a class: the only hues are the points' class colours, the decision
 * view's (label 0 blue, label 1 orange).
 */
const RING = '#5a5a5a';
const CLASS_COLORS = ['rgb(49,104,176)', 'rgb(230,126,34)'];

/** The points of a generated data set in the generator's raw coordinates (undoing its standardisation). */
function rawPoints(d: Dataset, p: GeneratorParams): Float64Array | null {
  const m = d.mixture;
  if (!m || m.means.length !== p.means.length || d.n !== p.n) return null;
  const out = new Float64Array(2 * d.n);
  for (let a = 0; a < 2; a++) {
    const std = p.sd / m.sd[a];
    const mean = p.means[0][a] - std * m.means[0][a];
    if (!Number.isFinite(std) || !Number.isFinite(mean)) return null;
    for (let j = 0; j < d.n; j++) out[2 * j + a] = mean + std * d.x[2 * j + a];
  }
  return out;
}

function cloneParams(p: GeneratorParams): GeneratorParams {
  return { ...p, means: p.means.map((m) => [m[0], m[1]] as [number, number]) };
}

/**
 * Plot of the mixture in raw coordinates: 1σ and 2σ rings per component, draggable centres, and
 * the generated points in their class colours (when the data on screen came from the generator).
 */
function MeansPlot({ params, onChange, onCommit, points }: { params: GeneratorParams; onChange: (p: GeneratorParams) => void; onCommit: (p: GeneratorParams) => void; points: { x: Float64Array; y: Uint8Array } | null }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const t = useT();
  const drag = useRef<{ index: number; params: GeneratorParams } | null>(null);
  // The view is centred once per component count so the plot does not slide while dragging.
  const [centre, setCentre] = useState<[number, number]>(() => meanCentre(params));
  const k = params.means.length;
  useEffect(() => setCentre(meanCentre(params)), [k]); // eslint-disable-line react-hooks/exhaustive-deps

  const toPx = (x: number, y: number): [number, number] => [((x - centre[0] + PLOT_HALF) / (2 * PLOT_HALF)) * PLOT_PX, ((centre[1] + PLOT_HALF - y) / (2 * PLOT_HALF)) * PLOT_PX];
  const fromPx = (u: number, v: number): [number, number] => [centre[0] - PLOT_HALF + (u / PLOT_PX) * 2 * PLOT_HALF, centre[1] + PLOT_HALF - (v / PLOT_PX) * 2 * PLOT_HALF];

  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    c.width = PLOT_PX * dpr;
    c.height = PLOT_PX * dpr;
    const ctx = c.getContext('2d', { willReadFrequently: true }); // CPU-backed: see DecisionView
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#fafafa';
    ctx.fillRect(0, 0, PLOT_PX, PLOT_PX);
    const unit = PLOT_PX / (2 * PLOT_HALF);
    if (points) {
      for (let j = 0; j < points.y.length; j++) {
        const [u, v] = toPx(points.x[2 * j], points.x[2 * j + 1]);
        ctx.fillStyle = CLASS_COLORS[points.y[j] ? 1 : 0];
        ctx.globalAlpha = 0.75;
        ctx.beginPath();
        ctx.arc(u, v, 1.8, 0, 2 * Math.PI);
        ctx.fill();
      }
      ctx.globalAlpha = 1;
    }
    params.means.forEach(([x, y], i) => {
      const [u, v] = toPx(x, y);
      ctx.strokeStyle = RING;
      ctx.lineWidth = 1.2;
      for (const m of [1, 2]) {
        ctx.setLineDash(m === 1 ? [] : [3, 3]);
        ctx.beginPath();
        ctx.arc(u, v, m * params.sd * unit, 0, 2 * Math.PI);
        ctx.stroke();
      }
      ctx.setLineDash([]);
      ctx.fillStyle = '#fff';
      ctx.beginPath();
      ctx.arc(u, v, 7, 0, 2 * Math.PI);
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#333';
      ctx.stroke();
      ctx.fillStyle = '#222';
      ctx.font = 'bold 10px sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(String(i), u, v + 0.5);
    });
  });

  const hit = (e: ReactPointerEvent<HTMLCanvasElement>): number => {
    const rect = e.currentTarget.getBoundingClientRect();
    const u = e.clientX - rect.left, v = e.clientY - rect.top;
    let best = -1, bd = 12;
    params.means.forEach(([x, y], i) => {
      const [a, b] = toPx(x, y);
      const d = Math.hypot(a - u, b - v);
      if (d < bd) {
        bd = d;
        best = i;
      }
    });
    return best;
  };

  return (
    <PlotFrame x={[centre[0] - PLOT_HALF, centre[0] + PLOT_HALF]} y={[centre[1] - PLOT_HALF, centre[1] + PLOT_HALF]} size={PLOT_PX} xTitle="x₁" yTitle="x₂" testId="means-plot-axes">
    <canvas
      ref={ref}
      className="dp-plot"
      style={{ width: PLOT_PX, height: PLOT_PX }}
      aria-label={t('Mixture component means (drag to move); rings at 1 and 2 standard deviations')}
      title={t("Drag a component's centre to move its mean; the data is redrawn when you let go")}
      data-testid="means-plot"
      onPointerDown={(e) => {
        const i = hit(e);
        if (i < 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { index: i, params: cloneParams(params) };
      }}
      onPointerMove={(e) => {
        if (!drag.current) return;
        const rect = e.currentTarget.getBoundingClientRect();
        const [x, y] = fromPx(e.clientX - rect.left, e.clientY - rect.top);
        const p = cloneParams(drag.current.params);
        p.means[drag.current.index] = [Math.round(x * 100) / 100, Math.round(y * 100) / 100];
        drag.current.params = p;
        onChange(p);
      }}
      onPointerUp={() => {
        if (!drag.current) return;
        const p = drag.current.params;
        drag.current = null;
        onCommit(p);
      }}
    />
    </PlotFrame>
  );
}

function meanCentre(p: GeneratorParams): [number, number] {
  const k = p.means.length || 1;
  return [p.means.reduce((s, m) => s + m[0], 0) / k, p.means.reduce((s, m) => s + m[1], 0) / k];
}

/** Spreads k means on a circle around the old centre (when the component count changes). */
function meansFor(k: number, old: [number, number][]): [number, number][] {
  const c = meanCentre({ ...DEFAULT_GENERATOR, means: old });
  return Array.from({ length: k }, (_, i) => (i < old.length ? old[i] : ([Math.round((c[0] + 1.5 * Math.cos((2 * Math.PI * i) / k)) * 100) / 100, Math.round((c[1] + 1.5 * Math.sin((2 * Math.PI * i) / k)) * 100) / 100] as [number, number])));
}

/** What the current preset shows, its claims, and whether the view still has its settings. */
function PresetNote({ preset }: { preset: Preset }) {
  const view = useStore((s) => [s.depth, s.gamma, s.eps, s.delta, s.w1Range[0], s.w1Range[1], s.w2Range[0], s.w2Range[1]].join());
  const own = [preset.params.depth, preset.params.gamma, preset.params.eps, preset.params.delta, preset.window.w1[0], preset.window.w1[1], preset.window.w2[0], preset.window.w2[1]].join();
  const p = preset.params;
  const t = useT();
  return (
    <div className="dp-preset" data-testid="preset-note">
      <p className="dp-shows" data-testid="preset-shows">
        {tx(preset.shows)}
      </p>
      <details>
        <summary>{t('Claims ({{count}}), checked by the test suite at D = {{depth}}, γ = {{gamma}}, ε = {{eps}}, δ = {{delta}}', { count: preset.claims.length, depth: p.depth, gamma: p.gamma, eps: p.eps, delta: p.delta })}</summary>
        <ul className="dp-claims">
          {preset.claims.map((c) => (
            <li key={c.expr}>
              {c.text ? tx(c.text) : c.expr} <code>{c.expr}</code>
            </li>
          ))}
        </ul>
        <p className="ins-muted">{t('Global = lowest training loss in the window, local = the next; gaps on 20 000 fresh points of the mixture (seed 7). See docs/PRESETS.md.')}</p>
      </details>
      {view !== own && (
        <p className="dp-changed" role="status">
          {t("The view no longer has this preset's settings, so its claims may not hold here. Choose the preset again to restore them.")}
        </p>
      )}
    </div>
  );
}

export function DataPanel() {
  const dataset = useStore((s) => s.dataset);
  const source = useStore((s) => s.dataSource);
  const [params, setParams] = useState<GeneratorParams>(() => cloneParams(source.kind === 'generator' ? source.params : DEFAULT_GENERATOR));
  const [text, setText] = useState({ k: String(params.means.length), sd: String(params.sd), n: String(params.n), seed: String(params.seed) });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const t = useT();

  const run = async (f: () => Promise<void> | void) => {
    setBusy(true);
    try {
      await f();
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  /** Reads the text fields into generator parameters; throws a readable error. */
  const parsed = (base: GeneratorParams = params): GeneratorParams => {
    const k = parseDecimal(text.k), sd = parseDecimal(text.sd), n = parseDecimal(text.n), seed = parseDecimal(text.seed);
    const bad = checkParam('components', k, t('The number of components')) ?? checkParam('sd', sd) ?? checkParam('n', n) ?? checkParam('seed', seed);
    if (bad) throw new Error(bad);
    const p: GeneratorParams = { means: meansFor(k, base.means), sd, n, seed, labelRule: base.labelRule };
    validateGenerator(p);
    return p;
  };

  const generate = (base?: GeneratorParams) =>
    run(() => {
      const p = parsed(base);
      setParams(p);
      applyGenerator(p);
    });

  const genPoints = useMemo(() => {
    if (!dataset || source.kind !== 'generator') return null;
    const x = rawPoints(dataset, source.params);
    return x ? { x, y: dataset.y } : null;
  }, [dataset, source]);
  const preset = source.kind === 'preset' ? presetById(source.id) : undefined;
  const setName = source.kind === 'preset' ? preset?.name ?? DATA_SETS.find((p) => p.id === source.id)?.name : undefined;
  const sourceLabel = source.kind === 'preset' ? (setName ? tx(setName) : source.id) : source.kind === 'generator' ? t('generator') : t('file {{name}}', { name: source.name });

  return (
    <section className="panel ins-panel" aria-label={t('Data')} data-testid="data-panel">
      <h2>{t('Data')}</h2>
      <p className="ins-muted">
        {dataset ? <><span translate="no">{dataset.name}</span>: n = {dataset.n}</> : t('loading…')} · {sourceLabel}
      </p>
      <label className="ins-field">
        {t('preset')}{' '}
        <select
          aria-label={t('data preset')}
          className="dp-select"
          value={source.kind === 'preset' ? source.id : ''}
          disabled={busy}
          onChange={(e) => {
            const id = e.target.value;
            if (id) void run(() => loadPreset(id).then(() => undefined));
          }}
        >
          {source.kind !== 'preset' && <option value="">{t('(custom)')}</option>}
          <optgroup label={t('Scenarios (data and view)')}>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id} title={tx(p.shows)}>
                {tx(p.name)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('Data sets (keep the view)')}>
            {DATA_SETS.map((p) => (
              <option key={p.id} value={p.id}>
                {tx(p.name)}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      {preset && <PresetNote preset={preset} />}

      <details className="dp-gen">
        <summary>{t('Generator')}</summary>
        <form
          noValidate
          className="ins-form"
          onSubmit={(e) => {
            e.preventDefault();
            void generate();
          }}
        >
          <label title={t('Number of mixture components (1–8)')}>
            k <input type="number" {...inputAttrs('components')} value={text.k} onChange={(e) => setText({ ...text, k: e.target.value })} aria-label={t('components')} />
          </label>
          <label title={t('Standard deviation of every component (raw units)')}>
            {t('sd')} <input type="number" {...inputAttrs('sd')} value={text.sd} onChange={(e) => setText({ ...text, sd: e.target.value })} aria-label={t('standard deviation')} />
          </label>
          <label title={t('Number of training points ({{min}}–{{max}}, as for files)', { min: PARAMS.n.min, max: MAX_DATA_POINTS })}>
            n <input type="number" {...inputAttrs('n')} value={text.n} onChange={(e) => setText({ ...text, n: e.target.value })} aria-label={t('points')} />
          </label>
          <label title={t('Seed of the generator (same seed ⇒ same points on every machine)')}>
            {t('seed')} <input type="number" {...inputAttrs('seed')} value={text.seed} onChange={(e) => setText({ ...text, seed: e.target.value })} aria-label={t('generator seed')} />
          </label>
          <label title={t('median: y = 1 when the component index ≥ the median index (SPEC reading); parity: odd components are class 1')}>
            {t('labels')}{' '}
            <select value={params.labelRule} onChange={(e) => setParams({ ...params, labelRule: e.target.value as GeneratorParams['labelRule'] })} aria-label={t('label rule')}>
              <option value="median">{t('median')}</option>
              <option value="parity">{t('parity')}</option>
            </select>
          </label>
          <button type="submit" disabled={busy}>
            {t('Generate')}
          </button>
        </form>
        <MeansPlot points={genPoints} params={{ ...params, means: meansFor(Math.max(1, Math.min(8, Math.round(Number(text.k)) || params.means.length)), params.means), sd: Number(text.sd) > 0 ? Number(text.sd) : params.sd }} onChange={setParams} onCommit={(p) => void generate(p)} />
      </details>

      <p className="ins-muted dp-file-hint">{t('Your own data: “Load a data file…” under Import & export below, or drop a CSV or JSON file anywhere on the page.')}</p>
      {error && (
        <p className="ins-error" role="alert" data-testid="data-error">
          {txm(error)} {t('The current data is unchanged.')}
        </p>
      )}
    </section>
  );
}
