/**
 * The Ψ-vs-gap panel's model (read by ui/PsiGapPanel and `pacscape.psiGap()`): over the nodes of the grid now in the
 * buffers (the current window), the gap field (testLoss − loss) against a measure (Ψ, the bound's
 * complexity term at σ*, or λmax): Spearman's ρ_s and a 2-D density (core/psiGap), plus the
 * minima and pins at their exact points (core/, float64, with the same fresh sample as the grid).
 * Recomputed in an idle callback after each grid lands, so it never adds to the grid's own task.
 */
import { tr } from '../core/words';
import { useSyncExternalStore } from 'react';
import { useStore, type AppState } from '../state/store';
import { gridBuffers } from '../state/buffers';
import type { GridFields } from '../core/grid';
import { psiGapSummary, PSI_GAP_MEASURES, type PsiGapMeasure, type PsiGapSummary } from '../core/psiGap';
import { fieldValues } from '../core/fields';
import { cachedTestSample } from '../core/reconstruct';
import { pointReport } from '../core/metrics';
import { lossForward } from '../core/jets';
import { t } from '../i18n';
import { useUiModels } from './uiModels';

/** A highlighted point: a local minimum or a pin, at its exact w. */
export interface PsiGapPoint {
  label: string;
  /** The label in the interface language. */
  name: string;
  kind: 'minimum' | 'pin';
  w: [number, number];
  gap: number;
  value: number;
}

export interface PsiGapModel {
  version: number;
  measure: PsiGapMeasure;
  /** The grid version the summary belongs to. */
  gridVersion: number;
  gridRes: number;
  summary: PsiGapSummary | null;
  points: PsiGapPoint[];
  /** Why there is no summary (no gap field yet, no mixture, …), else null. */
  unavailable: string | null;
  /** The gap is not computed over the grid but could be (the user can ask for it). */
  canRequest: boolean;
}

/** Why a grid has no gap field, in the words the panel shows (no trailing full stop). */
function whyNoGap(s: AppState): string {
  const tg = s.testGrid;
  if (!s.dataset) return t('no data set is loaded');
  if (!s.dataset.mixture) return t('this data set was imported from a file, so the mixture it was drawn from is unknown: there is no fresh test sample, so no test loss and no gap');
  if (tg.status === 'unavailable' || tg.status === 'error') return (tg.reason || t('the gap field is not available')).replace(/[.。]$/, '');
  if (tg.status === 'off') return t('the test loss and the gap are not computed over the grid ({{n}} fresh points, about {{x}}× the cost of the loss); compute them to see this panel', { n: s.testSize.toLocaleString('en-US'), x: Math.round(s.testSize / s.dataset.n) });
  if (tg.status === 'computing') return t('the gap field is being computed ({{pct}} %)', { pct: Math.round(100 * tg.progress) });
  return t('the gap field will be computed after the landscape');
}

/** The measure's grid values: the field registry's, so they are what the grid export holds. */
function measureOf(f: GridFields, m: PsiGapMeasure): ArrayLike<number> | null {
  return fieldValues(f, m);
}

function pointsOf(s: AppState, m: PsiGapMeasure): PsiGapPoint[] {
  // The grid's own sample, so a point's gap is the field's gap there (to float32).
  const g = gridBuffers.test ?? { size: s.testSize, seed: s.testSeed };
  const test = s.dataset ? cachedTestSample(s.dataset, g.size, g.seed) : null;
  if (!s.dataset || !test) return [];
  const p = { depth: s.depth, gamma: s.gamma, eps: s.eps, delta: s.delta };
  const at = (label: string, name: string, kind: PsiGapPoint['kind'], w: [number, number]): PsiGapPoint => {
    const r = pointReport(s.dataset!, w[0], w[1], p);
    const value = m === 'psi' ? r.psi : m === 'lambdaMax' ? r.eigen.values[1] : r.boundParts.complexity;
    return { label, name, kind, w, gap: lossForward(test, w[0], w[1], s.depth) - r.loss, value };
  };
  return [...s.minima.map((mn, i) => at(mn.global ? 'global min' : `min ${i + 1}`, mn.global ? t('global min') : t('min {{n}}', { n: i + 1 }), 'minimum', [mn.w[0], mn.w[1]])), ...s.pins.map((w, i) => at(`pin ${i + 1}`, t('pin {{n}}', { n: i + 1 }), 'pin', w))];
}

/** The Ψ-vs-gap panel's model, an external store; `state()` is `pacscape.psiGap()`. */
export type PsiGapModelStore = ReturnType<typeof createPsiGapModel>;

/** A Ψ-vs-gap model: app/createApp makes one per app run, ui/ reads it through `useUiModels()`. */
export function createPsiGapModel() {
  type Listener = () => void;
  const listeners = new Set<Listener>();
  let measure: PsiGapMeasure = 'psi';
  let model: PsiGapModel = { version: 0, measure, gridVersion: 0, gridRes: 0, summary: null, points: [], unavailable: t('no landscape has been computed yet'), canRequest: false };
  let pending = 0;

  function compute(): void {
    const s = useStore.getState();
    const f = gridBuffers.fields;
    const base = { version: model.version + 1, measure, gridVersion: s.gridVersion, gridRes: f?.res ?? 0 };
    const gap = f?.gap ?? null;
    if (!f || !gap || !s.dataset) {
      model = { ...base, summary: null, points: [], unavailable: f ? whyNoGap(s) : t('no landscape has been computed yet'), canRequest: !!s.dataset?.mixture && s.testGrid.status === 'off' };
      return;
    }
    const values = measureOf(f, measure);
    const summary = values ? psiGapSummary(gap, values) : null;
    model = { ...base, summary, points: pointsOf(s, measure), unavailable: summary ? null : t('the gap or the measure has fewer than 2 finite nodes'), canRequest: false };
  }

  function emit(): void {
    listeners.forEach((l) => l());
  }

  /** Recomputes in the next idle period (one pending request at a time). */
  function schedule(): void {
    if (!listeners.size || pending) return;
    const run = () => {
      pending = 0;
      if (!listeners.size) return;
      compute();
      emit();
    };
    pending = typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 300 }) : (setTimeout(run, 0) as unknown as number);
  }

  /** The store subscription, held while the panel has listeners. */
  let unwire: (() => void) | null = null;
  function wire(): void {
    unwire ??= useStore.subscribe(
      (s) => [s.gridVersion, s.dataset, s.depth, s.gamma, s.eps, s.delta, s.minima, s.pins, s.testSize, s.testSeed, s.testGrid] as const,
      schedule,
      { equalityFn: (a, b) => a.every((v, i) => v === b[i]) },
    );
  }

  /** Drops the pending recompute and the subscription (the panel keeps its last model). */
  function stop(): void {
    if (pending) {
      if (typeof cancelIdleCallback === 'function') cancelIdleCallback(pending);
      else clearTimeout(pending);
    }
    pending = 0;
    unwire?.();
    unwire = null;
  }

  function subscribe(l: Listener): () => void {
    wire();
    listeners.add(l);
    schedule();
    return () => {
      listeners.delete(l);
      if (!listeners.size) stop();
    };
  }

  /** Selects the measure plotted against the gap. */
  function setMeasure(m: PsiGapMeasure): void {
    if (!PSI_GAP_MEASURES.some((x) => x.id === m)) throw new Error(tr('measure must be one of {{options}}; got {{value}}', { options: PSI_GAP_MEASURES.map((x) => `'${x.id}'`).join(', '), value: String(JSON.stringify(m)?.slice(0, 40)) }));
    measure = m;
    schedule();
  }

  /** The panel's numbers for scripts and tests. */
  function state() {
    return {
      version: model.version,
      measure: model.measure,
      gridVersion: model.gridVersion,
      gridRes: model.gridRes,
      open: listeners.size > 0,
      spearman: model.summary?.rho ?? null,
      n: model.summary?.n ?? 0,
      gapRange: model.summary?.density.x ?? null,
      measureRange: model.summary?.density.y ?? null,
      points: model.points,
      unavailable: model.unavailable,
      canRequest: model.canRequest,
    };
  }

  return {
    subscribe,
    snapshot: () => model,
    state,
    setMeasure,
    dispose: () => {
      stop();
      listeners.clear();
    },
  };
}

/** React hook: the panel's model (recomputed after each grid, measure or pin change). */
export function usePsiGap(): PsiGapModel {
  const m = useUiModels().psiGap;
  return useSyncExternalStore(m.subscribe, m.snapshot);
}

