/**
 * The cut chart: the loss along each Hessian eigenvector through the marker and through each
 * pinned point, and along the straight segment from pin 1 to pin 2 (the sharp-vs-flat figure),
 * overlaid on one axis of signed distance t in weight units. Training loss solid, test loss on the
 * fresh sample dotted; the σ* and κ box edges marked on each cut. Numbers from core/ (exact,
 * float64) through app/cuts, which keeps the drag cheap and fills the test loss in idle time.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../state/store';
import { cutHalfWidth, setCutHalfWidth, useCutChart, type ChartCut } from './cutModel';
import { MAX_CUT_HALF_WIDTH } from '../core/cuts';
import { checkParam, parseDecimal } from '../core/params';
import { niceTicks, padRange, tickLabel } from './chartAxes';
import { fmt, wPair } from '../core/format';
import { tx, txm, useT } from '../i18n';
import './cuts.css';

const H = 230;
const PAD = { l: 46, r: 10, t: 10, b: 34 };

type Kind = ChartCut['kind'];
interface Show {
  vmax: boolean;
  vmin: boolean;
  segment: boolean;
  test: boolean;
}

/** Width of an element, following resizes. */
function useWidth(ref: React.RefObject<HTMLElement | null>, fallback: number): number {
  const [w, setW] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setW(el.clientWidth || fallback);
    const ro = new ResizeObserver(() => setW(el.clientWidth || fallback));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, fallback]);
  return w;
}

const strokeWidth = (k: Kind) => (k === 'vmax' ? 2.2 : k === 'vmin' ? 1.1 : 1.6);

/** The values of each visible cut at its sample nearest to t (exact values, no interpolation). */
function HoverReadout({ t, cuts, showTest, left }: { t: number; cuts: ChartCut[]; showTest: boolean; left: boolean }) {
  const rows = cuts.flatMap((c) => {
    const { t: ts, k } = c.cut;
    if (t < ts[0] - 1e-12 || t > ts[k - 1] + 1e-12) return [];
    const i = Math.max(0, Math.min(k - 1, Math.round(((t - ts[0]) / (ts[k - 1] - ts[0] || 1)) * (k - 1))));
    const test = showTest && c.testDone && c.cut.testLoss ? c.cut.testLoss[i] : NaN;
    return [{ c, i, t: ts[i], loss: c.cut.loss[i], test }];
  });
  if (!rows.length) return null;
  return (
    <div className={`cut-tip ${left ? 'cut-tip-left' : 'cut-tip-right'}`} role="status">
      <div>t = {fmt(rows[0].t)}</div>
      {rows.map((r) => (
        <div key={r.c.id}>
          <span className="cut-swatch" style={{ background: r.c.color }} /> {r.c.kind === 'segment' ? r.c.label : `${r.c.label} ${r.c.kind === 'vmax' ? 'max' : 'min'}`}: {fmt(r.loss, 4)}
          {Number.isFinite(r.test) ? ` · test ${fmt(r.test, 4)}` : ''}
        </div>
      ))}
    </div>
  );
}

function CutChartBody() {
  const t = useT();
  const m = useCutChart();
  const boxRef = useRef<HTMLDivElement>(null);
  const W = Math.max(240, useWidth(boxRef, 300));
  const [show, setShow] = useState<Show>({ vmax: true, vmin: true, segment: true, test: true });
  const [hText, setHText] = useState(String(cutHalfWidth()));
  const [err, setErr] = useState<string | null>(null);
  // A link or another entrance may change the half-width: the field shows the value in force.
  useEffect(() => {
    setHText(String(m.halfWidth));
    setErr(null);
  }, [m.halfWidth]);
  const [off, setOff] = useState<Record<string, boolean>>({});
  const clipId = useId();
  const [hoverT, setHoverT] = useState<number | null>(null);

  const visible = useMemo(() => m.cuts.filter((c) => show[c.kind] && !off[c.source]), [m, show, off]);

  const scale = useMemo(() => {
    let x0 = -m.halfWidth, x1 = m.halfWidth, y0 = Infinity, y1 = -Infinity;
    for (const c of visible) {
      x0 = Math.min(x0, c.cut.t[0]);
      x1 = Math.max(x1, c.cut.t[c.cut.k - 1]);
      const arrs = [c.cut.loss, ...(show.test && c.testDone && c.cut.testLoss ? [c.cut.testLoss] : [])];
      for (const a of arrs)
        for (const v of a)
          if (Number.isFinite(v)) {
            if (v < y0) y0 = v;
            if (v > y1) y1 = v;
          }
    }
    const [lo, hi] = padRange(y0, y1);
    return { x0, x1, y0: lo, y1: hi };
  }, [visible, m.halfWidth, show.test]);

  const iw = W - PAD.l - PAD.r, ih = H - PAD.t - PAD.b;
  const x = (t: number) => PAD.l + ((t - scale.x0) / (scale.x1 - scale.x0)) * iw;
  const y = (v: number) => PAD.t + ((scale.y1 - v) / (scale.y1 - scale.y0)) * ih;
  const path = (t: Float64Array, v: Float64Array) => {
    let d = '';
    for (let i = 0; i < t.length; i++) if (Number.isFinite(v[i])) d += `${d ? 'L' : 'M'}${x(t[i]).toFixed(1)},${y(Math.min(scale.y1, Math.max(scale.y0, v[i]))).toFixed(1)}`;
    return d;
  };
  const xt = niceTicks(scale.x0, scale.x1, Math.max(3, Math.round(iw / 60)));
  const yt = niceTicks(scale.y0, scale.y1, 5);

  const applyH = () => {
    const h = parseDecimal(hText);
    const bad = checkParam('cutHalfWidth', Number.isNaN(h) ? hText : h);
    if (bad) return setErr(bad);
    setCutHalfWidth(h);
    setErr(null);
  };

  const sources = useMemo(() => {
    const seen = new Map<string, ChartCut[]>();
    for (const c of m.cuts) seen.set(c.source, [...(seen.get(c.source) ?? []), c]);
    return [...seen.entries()];
  }, [m]);

  const testSize = useStore((s) => s.testSize), testSeed = useStore((s) => s.testSeed);
  const testNote = !m.hasTest
    ? t('no test loss: this data set has no known mixture, so there is no fresh sample')
    : m.testPending
      ? t(m.testPending > 1 ? 'test loss: computing ({{n}} cuts left)' : 'test loss: computing ({{n}} cut left)', { n: m.testPending })
      : t('test loss on {{n}} fresh points of the mixture (seed {{seed}})', { n: testSize.toLocaleString('en-US'), seed: testSeed });

  return (
    <>
      <form
        className="cut-controls"
        onSubmit={(e) => {
          e.preventDefault();
          applyH();
        }}
      >
        <label title={t('Half-width h of the cuts through a point: t from −h to h (weight units)')}>
          ±h <input type="number" step="0.1" min="0.01" max={MAX_CUT_HALF_WIDTH} value={hText} onChange={(e) => setHText(e.target.value)} onBlur={applyH} aria-label={t('cut half-width')} />
        </label>
        {(['vmax', 'vmin', 'segment', 'test'] as const).map((k) => (
          <label key={k} title={k === 'test' ? t('Show the test loss (dotted)') : k === 'segment' ? t('Show the segment from pin 1 to pin 2') : t(k === 'vmax' ? 'Show the cuts along the sharpest Hessian direction' : 'Show the cuts along the flattest Hessian direction')}>
            <input type="checkbox" checked={show[k]} onChange={(e) => setShow({ ...show, [k]: e.target.checked })} />
            {k === 'vmax' ? (
              <>
                v<sub>{t('max')}</sub>
              </>
            ) : k === 'vmin' ? (
              <>
                v<sub>{t('min')}</sub>
              </>
            ) : k === 'segment' ? (
              t('segment')
            ) : (
              t('test')
            )}
          </label>
        ))}
      </form>
      {err && (
        <p className="ins-error" role="alert">
          {txm(err)}
        </p>
      )}
      <div ref={boxRef} className="cut-box">
        <svg
          onPointerMove={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            const px = e.clientX - r.left;
            setHoverT(px < PAD.l || px > PAD.l + iw ? null : scale.x0 + ((px - PAD.l) / iw) * (scale.x1 - scale.x0));
          }}
          onPointerLeave={() => setHoverT(null)}
          width={W}
          height={H}
          role="img"
          aria-label={t('Loss along {{n}} cuts: t from {{x0}} to {{x1}}, loss from {{y0}} to {{y1}}', { n: visible.length, x0: fmt(scale.x0, 3), x1: fmt(scale.x1, 3), y0: fmt(scale.y0, 3), y1: fmt(scale.y1, 3) })}
          data-testid="cut-chart"
          data-version={m.version}
          data-curves={visible.length}
        >
          <defs>
            <clipPath id={clipId}>
              <rect x={PAD.l - 4} y={PAD.t - 4} width={iw + 8} height={ih + 8} />
            </clipPath>
          </defs>
          <rect x={PAD.l} y={PAD.t} width={iw} height={ih} className="cut-plot" />
          {xt.values.map((v) => (
            <g key={`x${v}`}>
              <line x1={x(v)} x2={x(v)} y1={PAD.t} y2={PAD.t + ih} className={v === 0 ? 'cut-zero' : 'cut-grid'} />
              <text x={x(v)} y={PAD.t + ih + 13} textAnchor="middle" className="cut-tick">
                {tickLabel(v, xt.decimals)}
              </text>
            </g>
          ))}
          {yt.values.map((v) => (
            <g key={`y${v}`}>
              <line x1={PAD.l} x2={PAD.l + iw} y1={y(v)} y2={y(v)} className="cut-grid" />
              <text x={PAD.l - 4} y={y(v) + 3.5} textAnchor="end" className="cut-tick">
                {tickLabel(v, yt.decimals)}
              </text>
            </g>
          ))}
          <text x={PAD.l + iw / 2} y={H - 4} textAnchor="middle" className="cut-axis">
            {t('t: signed distance along the cut (weight units)')}
          </text>
          <text transform={`translate(11 ${PAD.t + ih / 2}) rotate(-90)`} textAnchor="middle" className="cut-axis">
            {t('loss (nats)')}
          </text>
          <g clipPath={`url(#${clipId})`}>
            {visible.map((c) => (
              <g key={c.id} data-cut={c.id}>
                <path d={path(c.cut.t, c.cut.loss)} stroke={c.color} strokeWidth={strokeWidth(c.kind)} fill="none" />
                {show.test && c.testDone && c.cut.testLoss && <path d={path(c.cut.t, c.cut.testLoss)} stroke={c.color} strokeWidth={strokeWidth(c.kind)} strokeDasharray="1.5 3" strokeLinecap="round" fill="none" data-test-loss="" />}
                {c.marks.map((mk, i) =>
                  mk.kind === 'sigmaStar' ? (
                    <circle key={i} cx={x(mk.t)} cy={y(mk.loss)} r={3.2} fill={c.color} stroke="#0f1117" strokeWidth={1} />
                  ) : (
                    <line key={i} x1={x(mk.t)} x2={x(mk.t)} y1={y(mk.loss) - 6} y2={y(mk.loss) + 6} stroke={c.color} strokeWidth={2} />
                  ),
                )}
              </g>
            ))}
          </g>
          {hoverT !== null && <line x1={x(hoverT)} x2={x(hoverT)} y1={PAD.t} y2={PAD.t + ih} className="cut-hover" />}
        </svg>
        {hoverT !== null && <HoverReadout t={hoverT} cuts={visible} showTest={show.test} left={x(hoverT) > PAD.l + iw / 2} />}
      </div>
      <table className="cut-legend" aria-label={t('Cuts: source, point, Hessian eigenvalues')}>
        <thead>
          <tr>
            <th scope="col">{t('cuts through')}</th>
            <th scope="col" title={t('The point and the eigenvalues of the Hessian there: the curvature along v_max and v_min')}>
              w; λ<sub>{t('max')}</sub> / λ<sub>{t('min')}</sub>
            </th>
          </tr>
        </thead>
        <tbody>
          {sources.map(([src, cs]) => {
            const c0 = cs[0];
            const on = !off[src];
            const lmax = cs.find((c) => c.kind === 'vmax')?.lambda, lmin = cs.find((c) => c.kind === 'vmin')?.lambda;
            return (
              <tr key={src}>
                <td>
                  <button type="button" className="cut-src" aria-pressed={on} onClick={() => setOff({ ...off, [src]: on })} title={on ? t('Hide the cuts of {{name}}', { name: tx(c0.label) }) : t('Show the cuts of {{name}}', { name: tx(c0.label) })}>
                    <span className="cut-swatch" style={{ background: c0.color }} />
                    {tx(c0.label)}
                  </button>
                </td>
                {c0.kind === 'segment' ? (
                  <td className="cut-val">{t('length {{v}}', { v: fmt(c0.cut.t[c0.cut.k - 1], 4) })}</td>
                ) : (
                  <td className="cut-val">
                    {wPair(c0.origin)}; {fmt(lmax)} / {fmt(lmin)}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="cut-key ins-muted">
        {t('thick: along v')}<sub>{t('max')}</sub> {t('(sharpest), thin: along v')}<sub>{t('min')}</sub> {t('(flattest) · solid: train L̂, dotted: test loss · ● σ* box edge, ┃ κ box edge (where the cut leaves each box) · {{k}} exact points per cut', { k: m.k })}
      </p>
      <p className="cut-key ins-muted" data-testid="cut-test-note">
        {testNote}
      </p>
    </>
  );
}

export function CutChart() {
  const t = useT();
  const hidden = useStore((s) => s.hiddenPanels.includes('cuts'));
  const setLayout = useStore((s) => s.setLayout);
  const toggle = () => {
    const h = useStore.getState().hiddenPanels;
    setLayout({ hiddenPanels: hidden ? h.filter((p) => p !== 'cuts') : [...h, 'cuts'] });
  };
  return (
    <section className="panel ins-panel cut-panel" aria-label={t('Cuts through the marker and the pins')} data-testid="cut-panel">
      <h2 className="cut-title">
        <span>{t('Cuts through the minima')}</span>
        <button type="button" className="cut-fold" aria-expanded={!hidden} onClick={toggle} title={t(hidden ? 'Show the cut chart' : 'Collapse the cut chart')}>
          {hidden ? t('show') : t('hide')}
        </button>
      </h2>
      {!hidden && <CutChartBody />}
    </section>
  );
}
