/**
 * The stage: the 3-D landscape canvas (frameloop "demand", flat colours, no colour management:
 * colours are sRGB bytes in and out, no MSAA — edges are smoothed by rendering at a higher pixel
 * ratio at rest) with its colour bars and progress overlay,
 * or the `fallback` (the 2-D heat map) when WebGL is unavailable.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import './threeConsole'; // before the Canvas creates its clock
import { Canvas } from '@react-three/fiber';
import { useStore } from '../state/store';
import { ColorBar } from '../ui/ColorBar';
import { LandscapeScene, restDpr } from './LandscapeScene';
import { DEFAULT_CAMERA, DEFAULT_FOV } from './CameraRig';
import { MinimaLabels } from './MinimaBars';
import { markColorVars } from './markColors';
import { useMarkerReport } from '../state/markerReport';
import { HoverReadout } from './HoverReadout';
import { createSceneState, SceneStateContext } from './sceneState';
import { FIELD_LABELS } from '../state/fieldData';
import { planeCss } from './planeTint';
import { fieldColormap } from '../core/fields';
import { fmtQ, fmtW, pairQ } from '../core/format';
import { etaText, useCancelJob } from '../app/actions';
import { tx, useT } from '../i18n';
import './landscape.css';
import './stageLayout.css';

/** Whether this browser can create a WebGL context (checked once). */
export function hasWebGL(): boolean {
  try {
    const c = document.createElement('canvas');
    const ok = !!(c.getContext('webgl2') || c.getContext('webgl'));
    return ok;
  } catch {
    return false;
  }
}

function ProgressOverlay() {
  const cancelJob = useCancelJob();
  const t = useT();
  const computing = useStore((s) => s.computing);
  const progress = useStore((s) => s.progress);
  const label = useStore((s) => s.progressLabel);
  const eta = useStore((s) => s.progressEta);
  const gridVersion = useStore((s) => s.gridVersion);
  if (!computing && gridVersion > 0) return null;
  const pct = Math.round(100 * Math.min(1, Math.max(0, progress)));
  const left = etaText(eta);
  return (
    <div className="landscape-progress" data-testid="landscape-progress">
      <span role="status" aria-live="polite">
        {label ? tx(label) : t('Computing the landscape')}…
      </span>
      <div className="landscape-progress-bar" aria-hidden="true">
        <div style={{ width: `${pct}%` }} />
      </div>
      <span className="landscape-progress-pct">{pct}%</span>
      {left && (
        <span className="landscape-progress-eta" data-testid="landscape-eta">
          {left}
        </span>
      )}
      {computing && (
        <button type="button" className="landscape-progress-cancel" data-testid="landscape-cancel" onClick={() => cancelJob()} title={t('Stop this computation; the previous landscape and its settings come back')}>
          {t('Cancel')}
        </button>
      )}
    </div>
  );
}

/** Live readout at the marker, computed by core/ at the exact point (not read off the grid). */
function MarkerReadout() {
  const t = useT();
  const r = useMarkerReport();
  if (!r) return null;
  return (
    <div className="landscape-readout" data-testid="marker-readout" aria-label={t('Marker readout')}>
      <span>
        w = (<b data-testid="stage-readout-w1">{fmtW(r.w[0])}</b>, <b data-testid="stage-readout-w2">{fmtW(r.w[1])}</b>)
      </span>
      <span>
        {t('loss')} <b data-testid="stage-readout-loss">{fmtQ('value', r.loss)}</b>
      </span>
      <span>
        Ψ <b data-testid="stage-readout-psi">{fmtQ('value', r.psi)}</b>
      </span>
      <span>
        {t('bound')} <b data-testid="stage-readout-bound">{fmtQ('value', r.bound)}</b>
      </span>
      <span className="readout-sigma">σ* = {pairQ('width', r.sigmaStar)}</span>
    </div>
  );
}

/**
 * Publishes the legend's top (its height above the stage's bottom) as `--legend-top` on the page's
 * stage, so the training bar (portalled there) sits above it however many lines it wraps to.
 */
function useLegendTop(): (el: HTMLDivElement | null) => void {
  const obs = useRef<ResizeObserver | null>(null);
  return useCallback((el: HTMLDivElement | null) => {
    obs.current?.disconnect();
    obs.current = null;
    const stage = (el ?? document.querySelector('.landscape'))?.closest('.stage') as HTMLElement | null;
    if (!el) {
      stage?.style.removeProperty('--legend-top');
      return;
    }
    const put = () => {
      const box = stage?.getBoundingClientRect(), r = el.getBoundingClientRect();
      if (stage && box && r.height > 0) stage.style.setProperty('--legend-top', `${Math.ceil(box.bottom - r.top)}px`);
    };
    put();
    obs.current = new ResizeObserver(put);
    obs.current.observe(el);
  }, []);
}

function Legend() {
  const t = useT();
  const minima = useStore((s) => s.minima);
  const field = useStore((s) => s.field);
  const legendRef = useLegendTop();
  if (minima.length === 0) return null;
  return (
    <div className="landscape-legend" aria-label={t('Legend')} ref={legendRef} data-testid="landscape-legend">
      <span className="lg-item">
        <i className="lg-swatch lg-global" /> {t('global minimum')}
      </span>
      {minima.length > 1 && (
        <span className="lg-item">
          <i className="lg-swatch lg-local" /> {t('other local minima')}
        </span>
      )}
      <span className="lg-item">
        <i className="lg-swatch lg-marker" /> {t('marker + σ* box (drag it)')}
      </span>
      <PlaneLegend />
      <span className="lg-hint">{t(field === 'psi' ? 'T: colour by loss' : 'T: colour by Ψ')} · {t('arrows move the marker (Shift: fine)')}</span>
    </div>
  );
}

/** What the plane below the surface is: its field, in lighter colours than the surface (scene/planeTint). */
function PlaneLegend() {
  const show = useStore((s) => s.showBoundPlane);
  const planeField = useStore((s) => s.planeField);
  const colormap = useStore((s) => s.colormap);
  const t = useT();
  if (!show) return null;
  const map = fieldColormap(planeField, colormap);
  const swatch = `linear-gradient(to right, ${planeCss(map, 0)}, ${planeCss(map, 0.5)}, ${planeCss(map, 1)})`;
  return (
    <span className="lg-item" data-testid="legend-plane">
      <i className="lg-swatch lg-plane" style={{ background: swatch }} /> {t('plane below: {{field}}, lighter colours', { field: tx(FIELD_LABELS[planeField].short) })}
    </span>
  );
}

/** The surface's colour bar, and the plane's unless the surface shows the bound too (the same bar). */
function ColorBars() {
  const surfaceIsBound = useStore((s) => s.field === 'bound');
  return (
    <div className="landscape-colorbars">
      <ColorBar kind="surface" />
      {!surfaceIsBound && <ColorBar kind="bound" />}
    </div>
  );
}

export function LandscapeView({ fallback }: { fallback?: ReactNode }) {
  const t = useT();
  const [webgl] = useState(hasWebGL);
  const present = useRef<HTMLCanvasElement>(null);
  // The view's shared state (interaction, hover): made with the view, disposed when it unmounts.
  const [scene] = useState(createSceneState);
  useEffect(() => () => scene.dispose(), [scene]);
  if (!webgl) return <>{fallback}</>;
  return (
    <SceneStateContext.Provider value={scene}>
      <div className="landscape" data-testid="landscape" style={markColorVars}>
        <Canvas
          className="landscape-canvas"
          frameloop="demand"
          flat
          linear
          dpr={restDpr()}
          gl={{ antialias: false, powerPreference: 'high-performance' }}
          camera={{ position: DEFAULT_CAMERA.position, fov: DEFAULT_FOV, near: 0.1, far: 200 }}
          aria-label={t('3-D loss landscape: drag the pink marker, orbit with the mouse')}
        >
          <LandscapeScene presentTo={present} />
        </Canvas>
        {/* Shows the frames where the compositor is software (scene/presenter.ts); else stays hidden. */}
        <canvas ref={present} className="landscape-present" aria-hidden="true" />
        <MinimaLabels />
        <ColorBars />
        <MarkerReadout />
        <HoverReadout />
        <Legend />
        <ProgressOverlay />
      </div>
    </SceneStateContext.Provider>
  );
}
