/**
 * The decision view (SPEC §8, the paper's "model reconstruction"): p(x) over input space at the
 * marker's w as a heat map with the ½ contour, the training points coloured by label, optionally a
 * fresh sample on top. With two pins, the paper's three panels: true labels, and the predictions
 * at the two pinned weights (sharper / flatter by λmax).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../state/store';
import type { Dataset } from '../core/data';
import type { Sample } from '../core/jets';
import { eigenSym2 } from '../core/metrics';
import { lossDerivatives } from '../core/jets';
import { cachedTestSample, decisionField, inputWindow, type InputWindow } from '../core/reconstruct';
import { fmtQ, wPair } from '../core/format';
import { PlotFrame } from './PlotFrame';
import { useT } from '../i18n';
import './inspect.css';

/** Heat-map resolution (cells per side) and canvas size in CSS pixels. */
const FIELD_RES = 72;
const PANEL_PX = 220;
/** The comparison panels are never drawn smaller than this (they go one per row first). */
const MIN_COMPARE_PX = 160;
/** Room an axis frame takes beside and below its plot (y ticks and title; CSS of PlotFrame). */
const FRAME_PX = 48;
const COMPARE_GAP = 6;
/** At most this many fresh-sample points are drawn. */
const MAX_OVERLAY = 300;

/** Class colours: label 0 blue, label 1 orange (colour-blind safe pair). */
const C0: [number, number, number] = [49, 104, 176];
const C1: [number, number, number] = [230, 126, 34];

/** p ∈ [0, 1] → a light diverging colour (blue at 0, white at ½, orange at 1). */
function heat(p: number): [number, number, number] {
  const t = Math.abs(p - 0.5) * 2; // 0 at the boundary, 1 at certainty
  const c = p < 0.5 ? C0 : C1;
  const k = 0.75 * t;
  return [Math.round(255 + (c[0] - 255) * k), Math.round(255 + (c[1] - 255) * k), Math.round(255 + (c[2] - 255) * k)];
}

/** Marching squares on the ½ level: segments in cell coordinates (cell centres at i + ½). */
function contourSegments(f: Float64Array, res: number): number[] {
  const out: number[] = [];
  const lerp = (a: number, b: number) => (0.5 - a) / (b - a);
  for (let r = 0; r < res - 1; r++) {
    for (let c = 0; c < res - 1; c++) {
      const a = f[r * res + c], b = f[r * res + c + 1], d = f[(r + 1) * res + c], e = f[(r + 1) * res + c + 1];
      const pts: number[] = [];
      // Edges: top (a-b), right (b-e), bottom (d-e), left (a-d); y grows downward (rows).
      if (a > 0.5 !== b > 0.5) pts.push(c + lerp(a, b) + 0.5, r + 0.5);
      if (b > 0.5 !== e > 0.5) pts.push(c + 1.5, r + lerp(b, e) + 0.5);
      if (d > 0.5 !== e > 0.5) pts.push(c + lerp(d, e) + 0.5, r + 1.5);
      if (a > 0.5 !== d > 0.5) pts.push(c + 0.5, r + lerp(a, d) + 0.5);
      if (pts.length >= 4) out.push(pts[0], pts[1], pts[2], pts[3]);
      if (pts.length === 8) out.push(pts[4], pts[5], pts[6], pts[7]);
    }
  }
  return out;
}

export interface PanelSpec {
  title: string;
  /** null: the true-labels panel (no heat map). */
  w: [number, number] | null;
}

function drawPanel(canvas: HTMLCanvasElement, d: Dataset, win: InputWindow, spec: PanelSpec, depth: number, overlay: Sample | null, size: number): number {
  const dpr = Math.min(2, window.devicePixelRatio || 1);
  const px = Math.round(size * dpr);
  if (canvas.width !== px) {
    canvas.width = px;
    canvas.height = px;
  }
  // CPU-backed (willReadFrequently): the panel is small and drawn from CPU pixels, and a
  // GPU-backed canvas would share the GPU process's queue with the landscape engine's draws.
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return 0;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, px, px);
  let checksum = 0;
  if (spec.w) {
    const f = decisionField(win, FIELD_RES, spec.w[0], spec.w[1], depth);
    const img = ctx.createImageData(FIELD_RES, FIELD_RES);
    for (let i = 0; i < f.length; i++) {
      const [r, g, b] = heat(f[i]);
      img.data[4 * i] = r;
      img.data[4 * i + 1] = g;
      img.data[4 * i + 2] = b;
      img.data[4 * i + 3] = 255;
      checksum += f[i];
    }
    // Scale the small field image up to the panel with smoothing.
    const tmp = document.createElement('canvas');
    tmp.width = FIELD_RES;
    tmp.height = FIELD_RES;
    tmp.getContext('2d', { willReadFrequently: true })!.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(tmp, 0, 0, px, px);
    const seg = contourSegments(f, FIELD_RES);
    const k = px / FIELD_RES;
    ctx.strokeStyle = '#222';
    ctx.lineWidth = 1.5 * dpr;
    ctx.beginPath();
    for (let i = 0; i < seg.length; i += 4) {
      ctx.moveTo(seg[i] * k, seg[i + 1] * k);
      ctx.lineTo(seg[i + 2] * k, seg[i + 3] * k);
    }
    ctx.stroke();
  }
  const toPx = (x1: number, x2: number): [number, number] => [((x1 - win.x1[0]) / (win.x1[1] - win.x1[0])) * px, ((win.x2[1] - x2) / (win.x2[1] - win.x2[0])) * px];
  const dot = (x1: number, x2: number, y: number, r: number, alpha: number, stroke: boolean) => {
    const [u, v] = toPx(x1, x2);
    const c = y ? C1 : C0;
    ctx.fillStyle = `rgba(${c[0]},${c[1]},${c[2]},${alpha})`;
    ctx.beginPath();
    ctx.arc(u, v, r * dpr, 0, 2 * Math.PI);
    ctx.fill();
    if (stroke) {
      ctx.strokeStyle = 'rgba(0,0,0,0.7)';
      ctx.lineWidth = 0.8 * dpr;
      ctx.stroke();
    }
  };
  if (overlay) {
    const m = Math.min(overlay.n, MAX_OVERLAY);
    for (let j = 0; j < m; j++) dot(overlay.x[2 * j], overlay.x[2 * j + 1], overlay.y[j], 1.6, 0.55, false);
  }
  const r = size < 160 ? 2 : 3;
  for (let j = 0; j < d.n; j++) dot(d.x[2 * j], d.x[2 * j + 1], d.y[j], r, 1, true);
  return checksum;
}

/** One decision panel: p(x) at `spec.w` (or the true labels) with the ½ boundary and the points. */
export function DecisionPanel({ spec, dataset, win, depth, overlay, size = PANEL_PX, testId = 'decision-canvas', axes = false }: { spec: PanelSpec; dataset: Dataset; win: InputWindow; depth: number; overlay: Sample | null; size?: number; testId?: string; axes?: boolean }) {
  const t = useT();
  const ref = useRef<HTMLCanvasElement>(null);
  const [checksum, setChecksum] = useState(0);
  useEffect(() => {
    // Redraw at most once per animation frame while the marker is dragged.
    const raf = requestAnimationFrame(() => {
      if (ref.current) setChecksum(drawPanel(ref.current, dataset, win, spec, depth, overlay, size));
    });
    return () => cancelAnimationFrame(raf);
  }, [spec, dataset, win, depth, overlay, size]);
  const canvas = (
    <canvas
      ref={ref}
      style={{ width: size, height: size }}
      data-testid={testId}
      data-checksum={checksum.toFixed(6)}
      role="img"
      aria-label={spec.w ? t('Predicted probability p(x) at w = {{w}} with the 0.5 boundary and the training points', { w: wPair(spec.w) }) : t('Training points with their true labels')}
    />
  );
  return (
    <figure className="dv-panel" style={axes ? undefined : { width: size }}>
      {axes ? (
        <PlotFrame x={win.x1} y={win.x2} size={size} xTitle="x₁" yTitle="x₂" testId={`${testId}-axes`}>
          {canvas}
        </PlotFrame>
      ) : (
        canvas
      )}
      <figcaption style={axes ? { maxWidth: size + FRAME_PX, textAlign: "center" } : undefined}>{spec.title}</figcaption>
    </figure>
  );
}

/**
 * Side of the three comparison panels for the width they have: three in a row when each gets at
 * least MIN_COMPARE_PX, else two, else one per row (at most PANEL_PX).
 */
export function compareSizeFor(width: number): number {
  for (const cols of [3, 2]) {
    const side = Math.floor((width - (cols - 1) * COMPARE_GAP) / cols) - FRAME_PX;
    if (side >= MIN_COMPARE_PX) return Math.min(PANEL_PX, side);
  }
  return Math.max(MIN_COMPARE_PX, Math.min(PANEL_PX, Math.floor(width) - FRAME_PX));
}

/** The comparison panels' side, following their row's width (a callback ref on the row). */
function useCompareSize(): { ref: (el: HTMLDivElement | null) => void; size: number } {
  const [size, setSize] = useState(PANEL_PX);
  const obs = useRef<ResizeObserver | null>(null);
  const ref = useCallback((el: HTMLDivElement | null) => {
    obs.current?.disconnect();
    obs.current = null;
    if (!el) return;
    const measure = () => {
      const w = el.clientWidth;
      if (w > 0) setSize(compareSizeFor(w));
    };
    measure();
    obs.current = new ResizeObserver(measure);
    obs.current.observe(el);
  }, []);
  return { ref, size };
}

export function DecisionView() {
  const t = useT();
  const dataset = useStore((s) => s.dataset);
  const marker = useStore((s) => s.marker);
  const pins = useStore((s) => s.pins);
  const depth = useStore((s) => s.depth);
  const showFresh = useStore((s) => s.showFreshSample);
  const testSize = useStore((s) => s.testSize);
  const testSeed = useStore((s) => s.testSeed);
  const setTraining = useStore((s) => s.setTraining);
  const [compare, setCompare] = useState(true);
  const compareSize = useCompareSize();

  const win = useMemo(() => (dataset ? inputWindow(dataset.x, dataset.n) : null), [dataset]);
  const overlay = useMemo(() => (dataset && showFresh ? cachedTestSample(dataset, testSize, testSeed) : null), [dataset, showFresh, testSize, testSeed]);
  const markerSpec = useMemo<PanelSpec>(() => ({ title: t('p(x) at the marker {{w}}', { w: wPair(marker) }), w: [marker[0], marker[1]] }), [marker, t]);

  const pinSpecs = useMemo<PanelSpec[] | null>(() => {
    if (!dataset || pins.length < 2) return null;
    const [a, b] = pins;
    const lam = (w: [number, number]) => {
      const h = lossDerivatives(dataset, w[0], w[1], depth, 2).hess;
      return eigenSym2(h[0], h[1], h[2]).values[1];
    };
    const la = lam(a), lb = lam(b);
    const name = (mine: number, other: number) => (mine > other ? t('sharper') : t('flatter'));
    return [
      { title: t('true labels'), w: null },
      { title: t('#{{n}} {{sharp}} (λmax {{v}})', { n: 1, sharp: name(la, lb), v: fmtQ('value', la) }), w: [a[0], a[1]] },
      { title: t('#{{n}} {{sharp}} (λmax {{v}})', { n: 2, sharp: name(lb, la), v: fmtQ('value', lb) }), w: [b[0], b[1]] },
    ];
  }, [dataset, pins, depth, t]);

  if (!dataset || !win) {
    return (
      <section className="panel ins-panel" aria-label={t('Decision view')}>
        <h2>{t('Decision view')}</h2>
        <p className="ins-muted">{t('Waiting for data…')}</p>
      </section>
    );
  }
  const showPins = compare && pinSpecs;
  return (
    <section className="panel ins-panel" aria-label={t('Decision view')} data-testid="decision-view">
      <h2 title={t('The model\'s predicted probability p(x) over input space (standardised coordinates), SPEC §8')}>{t('Decision view')}</h2>
      <div className="ins-inline">
        <label title={t('Overlay a fresh sample of the same mixture (the test sample of the pin table)')}>
          <input type="checkbox" checked={showFresh} onChange={(e) => setTraining({ showFreshSample: e.target.checked })} disabled={!dataset.mixture} /> {t('fresh sample')}
        </label>
        <label title={t('With two pins: true labels and the predictions at pins #1 and #2 side by side (the paper\'s three panels)')}>
          <input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} disabled={!pinSpecs} /> {t('compare pins #1, #2')}
        </label>
      </div>
      <div className="dv-row">
        <DecisionPanel spec={markerSpec} dataset={dataset} win={win} depth={depth} overlay={overlay} axes />
      </div>
      {showPins && (
        <div className="dv-row dv-compare" data-testid="decision-compare" ref={compareSize.ref}>
          {pinSpecs.map((s, i) => (
            <DecisionPanel key={i} spec={s} dataset={dataset} win={win} depth={depth} overlay={s.w ? overlay : null} size={compareSize.size} testId="decision-compare-canvas" axes />
          ))}
        </div>
      )}
      <p className="dv-legend">
        <span className="dv-sw" style={{ background: `rgb(${C0.join(',')})` }} /> y = 0 <span className="dv-sw" style={{ background: `rgb(${C1.join(',')})` }} /> {t('y = 1 · shade = p(x), line = p(x) = ½')}
      </p>
    </section>
  );
}
