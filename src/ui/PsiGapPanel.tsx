/**
 * Does Ψ predict the gap here? Over the grid's nodes in the current window, the generalization
 * gap (test loss − train loss, x) against Ψ, the bound's complexity term or λmax (y), as a 2-D
 * density (log count per cell), with the minima and pins at their exact points and Spearman's
 * rank correlation printed. Numbers from app/psiGap (core/ statistics over the grid buffers).
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../state/store';
import { usePsiGap } from './psiGapModel';
import { useUiModels } from './uiModels';
import { PSI_GAP_MEASURES, type PsiGapMeasure } from '../core/psiGap';
import { colormapLut } from '../core/colormap';
import { niceTicks, tickLabel } from './chartAxes';
import { fmt, wPair } from '../core/format';
import { tx, txm, useT } from '../i18n';
import './cuts.css';

const H = 220;
const PAD = { l: 46, r: 10, t: 10, b: 34 };

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

function PsiGapBody() {
  const t = useT();
  const m = usePsiGap();
  const models = useUiModels();
  const colormap = useStore((s) => s.colormap);
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const W = Math.max(240, useWidth(boxRef, 300));
  const [measure, setMeasure] = useState<PsiGapMeasure>(m.measure);
  const d = m.summary?.density ?? null;
  const iw = W - PAD.l - PAD.r, ih = H - PAD.t - PAD.b;

  // The density as a bx × by image: log(1 + count) through the colour map, empty cells clear.
  useEffect(() => {
    const c = canvasRef.current;
    if (!c || !d) return;
    c.width = d.bx;
    c.height = d.by;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(d.bx, d.by);
    const lut = colormapLut(colormap);
    const top = Math.log1p(d.maxCount);
    for (let r = 0; r < d.by; r++)
      for (let col = 0; col < d.bx; col++) {
        const n = d.counts[r * d.bx + col];
        const o = 4 * ((d.by - 1 - r) * d.bx + col); // image rows run top-down
        if (!n) continue;
        const t = top > 0 ? Math.log1p(n) / top : 1;
        const li = Math.min(255, Math.round(t * 255)) * 3;
        img.data[o] = Math.round(255 * lut[li]);
        img.data[o + 1] = Math.round(255 * lut[li + 1]);
        img.data[o + 2] = Math.round(255 * lut[li + 2]);
        img.data[o + 3] = 255;
      }
    ctx.putImageData(img, 0, 0);
  }, [d, colormap]);

  const info = PSI_GAP_MEASURES.find((x) => x.id === m.measure)!;
  const xt = useMemo(() => (d ? niceTicks(d.x[0], d.x[1], Math.max(3, Math.round(iw / 60))) : null), [d, iw]);
  const yt = useMemo(() => (d ? niceTicks(d.y[0], d.y[1], 5) : null), [d]);
  const x = (v: number) => (d ? PAD.l + ((v - d.x[0]) / (d.x[1] - d.x[0])) * iw : 0);
  const y = (v: number) => (d ? PAD.t + ((d.y[1] - v) / (d.y[1] - d.y[0])) * ih : 0);
  const inside = (v: number, r: [number, number]) => v >= r[0] && v <= r[1];

  return (
    <div ref={boxRef}>
      <div className="cut-controls">
        <label title={t('The quantity held against the gap')}>
          {t('measure')}{' '}
          <select
            value={measure}
            onChange={(e) => {
              const v = e.target.value as PsiGapMeasure;
              setMeasure(v);
              models.psiGap.setMeasure(v);
            }}
            aria-label={t('measure against the gap')}
          >
            {PSI_GAP_MEASURES.map((o) => (
              <option key={o.id} value={o.id} title={tx(o.tip)}>
                {tx(o.label)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!m.summary || !d ? (
        <>
          <p className="pg-unavail" data-testid="psigap-unavailable">
            {t('Unavailable: {{why}}.', { why: txm(m.unavailable ?? '') })}
          </p>
          {m.canRequest && (
            <button type="button" data-testid="psigap-compute" onClick={() => useStore.getState().setTraining({ testOnGrid: true })} title={t('Compute the test loss and the gap over the grid for every landscape (the \'compute over the grid\' box of the true loss)')}>
              {t('Compute test loss and gap over the grid')}
            </button>
          )}
        </>
      ) : (
        <>
          <p className="pg-stat" data-testid="psigap-spearman" data-rho={m.summary.rho} data-n={m.summary.n} data-grid-version={m.gridVersion}>
            {t('Spearman ρ')}<sub>s</sub>({t('gap')}, {tx(info.label)}) = <strong>{Number.isFinite(m.summary.rho) ? tickLabel(m.summary.rho, 3) : '—'}</strong> {t('over {{n}} nodes ({{res}}²)', { n: m.summary.n.toLocaleString('en-US'), res: m.gridRes })}
          </p>
          <div className="pg-box" style={{ height: H }}>
            <canvas ref={canvasRef} style={{ left: PAD.l, top: PAD.t, width: iw, height: ih }} aria-hidden="true" />
            <svg width={W} height={H} role="img" aria-label={t('Density of grid nodes: gap from {{x0}} to {{x1}} nats against {{m}} from {{y0}} to {{y1}}; Spearman {{rho}}', { x0: fmt(d.x[0], 3), x1: fmt(d.x[1], 3), m: tx(info.label), y0: fmt(d.y[0], 3), y1: fmt(d.y[1], 3), rho: fmt(m.summary.rho, 3) })} data-testid="psigap-chart">
              <rect x={PAD.l} y={PAD.t} width={iw} height={ih} fill="none" className="cut-plot" style={{ fill: 'none' }} />
              {xt!.values.map((v) => (
                <g key={`x${v}`}>
                  <line x1={x(v)} x2={x(v)} y1={PAD.t + ih} y2={PAD.t + ih + 4} className="cut-zero" />
                  <text x={x(v)} y={PAD.t + ih + 14} textAnchor="middle" className="cut-tick">
                    {tickLabel(v, xt!.decimals)}
                  </text>
                </g>
              ))}
              {yt!.values.map((v) => (
                <g key={`y${v}`}>
                  <line x1={PAD.l - 4} x2={PAD.l} y1={y(v)} y2={y(v)} className="cut-zero" />
                  <text x={PAD.l - 6} y={y(v) + 3.5} textAnchor="end" className="cut-tick">
                    {tickLabel(v, yt!.decimals)}
                  </text>
                </g>
              ))}
              <text x={PAD.l + iw / 2} y={H - 4} textAnchor="middle" className="cut-axis">
                {t('gap = test loss − train loss (nats)')}
              </text>
              <text transform={`translate(11 ${PAD.t + ih / 2}) rotate(-90)`} textAnchor="middle" className="cut-axis">
                {tx(info.label)}
              </text>
              {inside(0, d.x) && <line x1={x(0)} x2={x(0)} y1={PAD.t} y2={PAD.t + ih} className="cut-zero" />}
              {/* Pins first, minima (rings) on top: a pinned minimum shows both. */}
              {[...m.points.filter((p) => p.kind === 'pin'), ...m.points.filter((p) => p.kind === 'minimum')]
                .filter((p) => inside(p.gap, d.x) && inside(p.value, d.y))
                .map((p, i) => (
                  <g key={i} data-point={p.label}>
                    {p.kind === 'minimum' ? (
                      <circle cx={x(p.gap)} cy={y(p.value)} r={7} fill="none" stroke="#ffffff" strokeWidth={2} />
                    ) : (
                      <rect x={x(p.gap) - 3.5} y={y(p.value) - 3.5} width={7} height={7} fill="#ff4fa3" stroke="#0f1117" strokeWidth={1} />
                    )}
                    <title>{t('{{name}} at w = {{w}}: gap {{gap}}, {{m}} {{v}}', { name: p.name, w: wPair(p.w), gap: fmt(p.gap, 4), m: tx(info.label), v: fmt(p.value, 4) })}</title>
                  </g>
                ))}
            </svg>
          </div>
          <ul className="cut-legend">
            {m.points.map((p, i) => (
              <li key={i} className="cut-val">
                {p.kind === 'minimum' ? '○' : '■'} {t('{{name}} {{w}}: gap {{gap}}, {{m}} {{v}}', { name: p.name, w: wPair(p.w), gap: fmt(p.gap, 4), m: tx(info.label), v: fmt(p.value, 4) })}
              </li>
            ))}
          </ul>
          <p className="cut-key ins-muted">{t('Colour: log(1 + nodes per cell), {{bx}}×{{by}} cells over the ranges shown; dashed: gap 0. ○ local minima, ■ pins, at their exact points (core/, the grid’s test sample). ρ_s is the Pearson correlation of the ranks (ties averaged).', { bx: d.bx, by: d.by })}</p>
        </>
      )}
    </div>
  );
}

export function PsiGapPanel() {
  const t = useT();
  const hidden = useStore((s) => s.hiddenPanels.includes('psigap'));
  const setLayout = useStore((s) => s.setLayout);
  const toggle = () => {
    const h = useStore.getState().hiddenPanels;
    setLayout({ hiddenPanels: hidden ? h.filter((p) => p !== 'psigap') : [...h, 'psigap'] });
  };
  return (
    <section className="panel ins-panel pg-panel" aria-label={t('Ψ against the generalization gap')} data-testid="psigap-panel">
      <h2 className="cut-title">
        <span>{t('Does Ψ predict the gap?')}</span>
        <button type="button" className="cut-fold" aria-expanded={!hidden} onClick={toggle} title={t(hidden ? 'Show the Ψ-vs-gap panel' : 'Collapse the Ψ-vs-gap panel')}>
          {hidden ? t('show') : t('hide')}
        </button>
      </h2>
      {!hidden && <PsiGapBody />}
    </section>
  );
}
