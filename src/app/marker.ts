/**
 * The landscape's scripting surface and wiring: `window.pacscape.marker()`,
 * `setMarker(w1, w2)`, `minima()`, `field()`, `setField(name)` (plus `markerScreen()` /
 * `surfaceScreen(w1, w2)` / `sceneFrames()` for tests and the bench); the marker and field
 * shortcuts; and the minima finder, run after each grid arrives (core/minima, float64 Newton).
 */
import { tr } from '../core/words';
import { registerApi } from './api';
import type { Shortcuts } from './shortcuts';
import { useStore, FIELD_NAMES, type FieldName } from '../state/store';
import { gridBuffers } from '../state/buffers';
import { findMinimaSteps } from '../core/minima';
import type { IdleWork } from '../scene/idleWork';
import { pointJson } from '../core/metrics';
import { markerReportOf } from '../state/markerReport';
import { sceneProbe } from '../scene/probe';
import { PLANE_Y, worldX, worldZ } from '../scene/frame';
import { lossAt } from '../core/jets';
import { testSampleOf } from './testGrid';
import { msg } from '../i18n';

/** Arrow-key step as a fraction of the grid's span (Shift: ten times finer). */
export const MARKER_STEP = 0.01;
export const MARKER_STEP_FINE = 0.001;

/** The readout at the marker: w plus the CLI `point` keys, computed by core at the exact point. */
export function markerReadout() {
  const s = useStore.getState();
  const r = markerReportOf(s);
  if (!r) return { w: [s.marker[0], s.marker[1]] as [number, number] };
  // SPEC §9 at the exact marker: on the test sample (absent where the mixture is unknown).
  const test = testSampleOf(s).sample;
  const testLoss = test ? lossAt(test, r.w[0], r.w[1], s.depth) : undefined;
  return { w: [r.w[0], r.w[1]] as [number, number], ...pointJson(r), lambdaMax: r.eigen.values[1], psiTerms: r.psiTerms, ...(testLoss !== undefined ? { testLoss, gap: testLoss - r.loss } : {}) };
}

function moveMarker(d1: number, d2: number, fine: boolean) {
  const s = useStore.getState();
  const k = fine ? MARKER_STEP_FINE : MARKER_STEP;
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  s.setMarker([clamp(s.marker[0] + d1 * k * (s.w1Range[1] - s.w1Range[0]), s.w1Range[0], s.w1Range[1]), clamp(s.marker[1] + d2 * k * (s.w2Range[1] - s.w2Range[0]), s.w2Range[0], s.w2Range[1])]);
}

/**
 * Finds the minima of the grid now in the buffers, out of the grid's own task and in idle-time
 * slices (one Newton refinement per step), so it never makes a long task; a newer grid cancels it.
 */
function scheduleMinima(idle: IdleWork) {
  const s0 = useStore.getState();
  const f = gridBuffers.fields;
  if (!f || !s0.dataset) return;
  const dataset = s0.dataset;
  const params = { depth: s0.depth, gamma: s0.gamma, eps: s0.eps, delta: s0.delta };
  const version = s0.gridVersion;
  idle.runSliced(
    'minima',
    (function* () {
      yield;
      const minima = yield* findMinimaSteps(dataset, f.loss, f.w1, f.w2, params);
      const s = useStore.getState();
      if (gridBuffers.fields === f && s.dataset === dataset && s.depth === params.depth && s.gamma === params.gamma && s.eps === params.eps && s.delta === params.delta) s.setMinima(minima, version);
    })(),
  );
}

/** The marker, minima, field and scene-probe part of `window.pacscape`. */
export function markerApi() {
  return {
    marker: () => markerReadout(),
    setMarker: (w1: number, w2: number) => {
      if (!Number.isFinite(w1) || !Number.isFinite(w2)) throw new Error(tr('setMarker(w1, w2) needs two finite numbers; got {{w1}}, {{w2}}.', { w1: String(w1), w2: String(w2) }));
      useStore.getState().setMarker([w1, w2]);
      return markerReadout();
    },
    /** The refined minima (core/minima's LocalMinimum without the grid node), global first. */
    minima: () =>
      useStore.getState().minima.map((m) => ({
        w: [m.w[0], m.w[1]],
        loss: m.loss,
        psi: m.psi,
        psiScale: m.psiScale,
        psiCurvature: m.psiCurvature,
        bound: m.bound,
        lambdaMax: m.lambdaMax,
        lambdaMin: m.lambdaMin,
        lambdaMaxRatio: m.lambdaMaxRatio,
        flatAlongOne: m.flatAlongOne,
        trainAcc: m.trainAcc,
        majorityRate: m.majorityRate,
        constantShare: m.constantShare,
        nearConstant: m.nearConstant,
        global: m.global,
        character: m.character,
      })),
    field: () => useStore.getState().field,
    setField: (name: string) => {
      if (!FIELD_NAMES.includes(name as FieldName)) throw new Error(tr('setField: unknown field "{{value}}"; use one of {{options}}.', { value: String(name), options: FIELD_NAMES.join(', ') }));
      useStore.getState().setView({ field: name as FieldName });
      return name;
    },
    markerScreen: () => sceneProbe.markerOnPage?.() ?? null,
    surfaceScreen: (w1: number, w2: number) => sceneProbe.surfaceOnPage?.(w1, w2) ?? null,
    /** Page position of the bound plane's point under w (null when the scene is not mounted). */
    planeScreen: (w1: number, w2: number) => sceneProbe.worldOnPage?.(worldX(w1), PLANE_Y, worldZ(w2)) ?? null,
    /** The landscape's window in w: { w1: [lo, hi], w2: [lo, hi] }. */
    viewWindow: () => ({ w1: [...useStore.getState().w1Range], w2: [...useStore.getState().w2Range] }),
    /** Frames of the 3-D view put on screen so far. */
    sceneFrames: () => sceneProbe.shown,
    /** 'direct' (the WebGL canvas is shown) or 'async' (software compositing: see scene/presenter.ts). */
    presentMode: () => sceneProbe.presentMode,
    sceneObjects: () => sceneProbe.visibleObjects?.() ?? [],
    /** The contour lines in the scene: { field, gridVersion, segments } they were traced for, or null before the first. */
    contours: () => (sceneProbe.contours ? { ...sceneProbe.contours, pending: sceneProbe.contoursPending() } : null),
  };
}

/** Registers the API, the shortcuts and the minima subscription (one app run); returns their removal. */
export function installMarkerApi(idle: IdleWork, shortcuts: Shortcuts): () => void {
  registerApi(markerApi());
  const offKeys = shortcuts.register([
    { id: 'view.toggleLossPsi', keys: ['t', 'T'], label: msg('Colour the surface by loss ↔ Ψ'), group: 'View', run: () => useStore.getState().setView({ field: useStore.getState().field === 'psi' ? 'loss' : 'psi' }) },
    { id: 'marker.left', keys: ['ArrowLeft', 'Shift+ArrowLeft'], label: msg('Move the marker along −w₁ (Shift: fine)'), group: 'Marker & pins', run: (e) => moveMarker(-1, 0, e.shiftKey) },
    { id: 'marker.right', keys: ['ArrowRight', 'Shift+ArrowRight'], label: msg('Move the marker along +w₁ (Shift: fine)'), group: 'Marker & pins', run: (e) => moveMarker(1, 0, e.shiftKey) },
    { id: 'marker.up', keys: ['ArrowUp', 'Shift+ArrowUp'], label: msg('Move the marker along +w₂ (Shift: fine)'), group: 'Marker & pins', run: (e) => moveMarker(0, 1, e.shiftKey) },
    { id: 'marker.down', keys: ['ArrowDown', 'Shift+ArrowDown'], label: msg('Move the marker along −w₂ (Shift: fine)'), group: 'Marker & pins', run: (e) => moveMarker(0, -1, e.shiftKey) },
  ]);
  const offStore = useStore.subscribe(
    (s) => [s.gridVersion, s.dataVersion, s.depth, s.gamma, s.eps, s.delta] as const,
    () => scheduleMinima(idle),
    { equalityFn: (a, b) => a.every((v, i) => v === b[i]) },
  );
  scheduleMinima(idle);
  return () => {
    idle.cancelSliced('minima');
    offStore();
    offKeys();
  };
}
