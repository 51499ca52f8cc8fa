/**
 * The cut chart's model (read by ui/CutChart and by `pacscape.cutChart()`).
 *
 * The model is an external store: the training loss along each cut is computed by core/
 * at once (two 101-point cuts through a moving marker cost ~2 ms), at most once per animation
 * frame while the marker is dragged; the test loss (the same loss on the fresh sample, N_test/n
 * times dearer) is filled in idle-time slices of the main-thread budget (core/slices) once the
 * marker rests, cut by cut, and
 * cached, so the pins' cuts are computed once and a drag never waits for it.
 */
import { useSyncExternalStore } from 'react';
import { useStore, type AppState } from '../state/store';
import { cachedTestSample } from '../core/reconstruct';
import { pointReport, type PointReport } from '../core/metrics';
import type { Sample } from '../core/jets';
import { lossForward } from '../core/jets';
import { boxExit, checkCutOptions, DEFAULT_CUT_HALF_WIDTH, DEFAULT_CUT_POINTS, eigenDirections, fillTestLoss, lineCutPoints, segmentCutPoints, type Cut } from '../core/cuts';
import type { LiveMarker } from '../state/liveMarker';
import { reportAt } from '../state/markerReport';
import { t } from '../i18n';
import { useUiModels } from './uiModels';
import { SliceBudget } from '../core/slices';

/** Rest after the last marker move before its cuts' test loss is computed (ms). */
export const TEST_DELAY_MS = 200;

/** Colours of the chart's sources: the marker (as in the scene), pins 1–4, the segment. */
export const CUT_COLORS = { marker: '#ff4fa3', pins: ['#4cc9f0', '#f9c74f', '#90be6d', '#c77dff'], segment: '#ffffff' } as const;

/** Where a cut's σ* box and κ box edges fall: t and the losses there (exact, not interpolated). */
export interface CutMark {
  kind: 'sigmaStar' | 'kappa';
  t: number;
  loss: number;
  testLoss: number;
}

/** One curve of the chart. */
export interface ChartCut {
  id: string;
  /** 'marker', 'pin1'…'pin4' or 'segment'. */
  source: string;
  label: string;
  color: string;
  kind: 'vmin' | 'vmax' | 'segment';
  /** The point the cut passes through (t = 0), or the segment's start a. */
  origin: [number, number];
  /** Unit direction (for the segment: (b − a)/‖b − a‖). */
  direction: [number, number];
  /** Eigenvalue of H along the cut's direction (NaN for the segment). */
  lambda: number;
  cut: Cut;
  marks: CutMark[];
  /** Test loss filled at every point (and mark); false while pending or when there is no test sample. */
  testDone: boolean;
}

export interface CutChartModel {
  /** Bumped on every new model or test-loss progress. */
  version: number;
  marker: [number, number];
  halfWidth: number;
  k: number;
  cuts: ChartCut[];
  /** A fresh test sample exists (the data set's mixture is known). */
  hasTest: boolean;
  /** Cuts still waiting for their test loss. */
  testPending: number;
  /** Why there is nothing to show (no data yet), else null. */
  empty: string | null;
  /** Main-thread time of the last rebuild (training loss of the new cuts, marks), ms. */
  buildMs: number;
}

function paramsKey(s: AppState): string {
  return `${s.dataVersion}|${s.depth}|${s.gamma}|${s.eps}|${s.delta}|${s.testSize}|${s.testSeed}`;
}

/** The fresh test sample of the loaded data (the pin table's size and seed), or null. */
export function cutTestSample(s: AppState): Sample | null {
  return s.dataset ? cachedTestSample(s.dataset, s.testSize, s.testSeed) : null;
}

function markAt(s: AppState, kind: CutMark['kind'], origin: [number, number], d: [number, number], t: number): CutMark {
  const w1 = origin[0] + t * d[0], w2 = origin[1] + t * d[1];
  return { kind, t, loss: lossForward(s.dataset!, w1, w2, s.depth), testLoss: NaN };
}

/** The cut chart's model, an external store (`subscribe`, `snapshot`); `state()` is `pacscape.cutChart()`. */
export type CutModel = ReturnType<typeof createCutModel>;

/**
 * A cut chart model following `live` (the run's marker): app/createApp makes one per app run, ui/
 * reads it through `useUiModels()`.
 */
export function createCutModel(live: LiveMarker) {
  type Listener = () => void;
  const listeners = new Set<Listener>();
  let model: CutChartModel = { version: 0, marker: [0, 0], halfWidth: DEFAULT_CUT_HALF_WIDTH, k: DEFAULT_CUT_POINTS, cuts: [], hasTest: false, testPending: 0, empty: t('no data set is loaded'), buildMs: 0 };
  let dirty = true;
  let raf = 0;
  let lastMove = 0;
  let fillTimer: ReturnType<typeof setTimeout> | undefined;
  let filling = false;

  /** Computed cuts by key (pins' cuts survive a marker drag; the marker's are recomputed). */
  const cache = new Map<string, ChartCut>();
  const CACHE_MAX = 48;
  const reports = new Map<string, PointReport>();
  /** The marker's cuts of the current and of the next model (a drag replaces them every frame). */
  let markerCache = new Map<string, ChartCut>();
  let markerNext = new Map<string, ChartCut>();

  function reportOf(s: AppState, w: [number, number], isMarker: boolean): PointReport {
    if (isMarker) return reportAt(s, w)!;
    const key = `${w[0]},${w[1]}|${paramsKey(s)}`;
    let r = reports.get(key);
    if (!r) {
      r = pointReport(s.dataset!, w[0], w[1], { depth: s.depth, gamma: s.gamma, eps: s.eps, delta: s.delta });
      if (reports.size > 16) reports.clear();
      reports.set(key, r);
    }
    return r;
  }

  function remember(key: string, c: ChartCut): ChartCut {
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(key, c);
    return c;
  }

  /** The two eigenvector cuts through w (training loss now; test loss pending). */
  function throughCuts(s: AppState, w: [number, number], source: string, label: string, color: string, test: Sample | null): ChartCut[] {
    const pk = paramsKey(s);
    const r = reportOf(s, w, source === 'marker');
    // The point report (shared with the inspector) already holds H's eigen-decomposition.
    const dirs = eigenDirections(r.eigen);
    const out: ChartCut[] = [];
    for (const kind of ['vmax', 'vmin'] as const) {
      const key = `${source}|${kind}|${w[0]},${w[1]}|${s.cutHalfWidth}|${pk}`;
      const hit = source === 'marker' ? markerCache.get(key) : cache.get(key);
      if (hit) {
        if (source === 'marker') markerNext.set(key, hit);
        out.push(hit);
        continue;
      }
      const d = kind === 'vmax' ? dirs.vmax : dirs.vmin;
      const cut = lineCutPoints(s.dataset!, w, d, s.cutHalfWidth, DEFAULT_CUT_POINTS, s.depth, test);
      const marks: CutMark[] = [];
      const ts = boxExit(r.sigmaStar, d), tk = boxExit(r.kappa, d);
      for (const [mk, t] of [
        ['sigmaStar', ts],
        ['kappa', tk],
      ] as const)
        if (t <= s.cutHalfWidth) marks.push(markAt(s, mk, w, d, -t), markAt(s, mk, w, d, t));
      const c: ChartCut = { id: `${source}-${kind}`, source, label, color, kind, origin: w, direction: d, lambda: kind === 'vmax' ? dirs.lambda[1] : dirs.lambda[0], cut, marks, testDone: false };
      out.push(c);
      if (source === 'marker') markerNext.set(key, c);
      else remember(key, c);
    }
    return out;
  }

  /** The segment between pins 1 and 2, with σ* and κ marks where it leaves each end's boxes. */
  function segmentOf(s: AppState, a: [number, number], b: [number, number], test: Sample | null): ChartCut | null {
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (!(len > 0)) return null;
    const key = `segment|${a}|${b}|${paramsKey(s)}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const d: [number, number] = [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
    const cut = segmentCutPoints(s.dataset!, a, b, DEFAULT_CUT_POINTS, s.depth, test);
    const ra = reportOf(s, a, false), rb = reportOf(s, b, false);
    const marks: CutMark[] = [];
    for (const mk of ['sigmaStar', 'kappa'] as const) {
      const ta = boxExit(mk === 'sigmaStar' ? ra.sigmaStar : ra.kappa, d);
      const tb = len - boxExit(mk === 'sigmaStar' ? rb.sigmaStar : rb.kappa, d);
      if (ta <= len) marks.push(markAt(s, mk, a, d, ta));
      if (tb >= 0) marks.push(markAt(s, mk, a, d, tb));
    }
    return remember(key, { id: 'segment', source: 'segment', label: t('pin 1 → pin 2'), color: CUT_COLORS.segment, kind: 'segment', origin: a, direction: d, lambda: NaN, cut, marks, testDone: false });
  }

  /** Builds the model; false when some pins' cuts were left for the next frame (see build0). */
  function build(): boolean {
    const t0 = performance.now();
    const complete = build0();
    model.buildMs = performance.now() - t0;
    return complete;
  }

  /**
   * The marker's cuts, then the pins' and the segment while the frame's main-thread budget lasts
   * (core/slices; one source's cuts a unit): at n = 1000 each source's two cuts cost ~30 ms, so a
   * new data set with four pins built them all in one 150 ms frame. Cuts already computed are
   * cache hits. Returns false when some were left for the next frame (they count as pending test
   * loss meanwhile).
   */
  function build0(): boolean {
    dirty = false;
    const s = useStore.getState();
    const marker = live.current();
    if (!s.dataset) {
      model = { ...model, version: model.version + 1, cuts: [], empty: t('no data set is loaded') };
      return true;
    }
    const test = cutTestSample(s);
    const slice = new SliceBudget();
    let complete = true;
    const more = () => (complete &&= !slice.check());
    markerNext = new Map();
    const cuts: ChartCut[] = [...throughCuts(s, marker, 'marker', t('marker'), CUT_COLORS.marker, test)];
    markerCache = markerNext;
    s.pins.forEach((p, i) => {
      if (more()) cuts.push(...throughCuts(s, p, `pin${i + 1}`, t('pin {{n}}', { n: i + 1 }), CUT_COLORS.pins[i % CUT_COLORS.pins.length], test));
    });
    if (s.pins.length >= 2 && more()) {
      const seg = segmentOf(s, s.pins[0], s.pins[1], test);
      if (seg) cuts.push(seg);
    }
    model = { version: model.version + 1, marker: [marker[0], marker[1]], halfWidth: s.cutHalfWidth, k: DEFAULT_CUT_POINTS, cuts, hasTest: !!test, testPending: test ? cuts.filter((c) => !c.testDone).length + (complete ? 0 : 1) : 0, empty: null, buildMs: 0 };
    return complete;
  }

  function emit(): void {
    listeners.forEach((l) => l());
  }

  /** Schedules a rebuild on the next animation frame (coalescing pointer moves). */
  function invalidate(): void {
    lastMove = performance.now();
    rebuildNextFrame();
  }

  /** A build on the next animation frame, and the frames after while pins' cuts are left over. */
  function rebuildNextFrame(): void {
    dirty = true;
    if (!listeners.size || raf) return;
    raf = requestAnimationFrame(() => {
      raf = 0;
      if (!listeners.size) return;
      const complete = build();
      emit();
      if (complete) scheduleFill();
      else rebuildNextFrame();
    });
  }

  /** Fills the test loss of the current model's cuts in idle slices, newest model first. */
  function scheduleFill(): void {
    if (filling || fillTimer || !model.testPending) return;
    const wait = Math.max(0, TEST_DELAY_MS - (performance.now() - lastMove));
    fillTimer = setTimeout(() => {
      fillTimer = undefined;
      filling = true;
      const ric: (cb: () => void) => void = typeof requestIdleCallback === 'function' ? (cb) => requestIdleCallback(cb, { timeout: 500 }) : (cb) => setTimeout(cb, 0);
      const step = () => {
        if (!listeners.size || dirty) {
          filling = false;
          if (listeners.size) invalidate();
          return;
        }
        const s = useStore.getState();
        const test = cutTestSample(s);
        if (!test) {
          filling = false;
          return;
        }
        if (performance.now() - lastMove < TEST_DELAY_MS) {
          filling = false;
          scheduleFill();
          return;
        }
        // One point's test loss (or one mark's) is a unit of the slice.
        const slice = new SliceBudget();
        let progressed = false;
        let spent = false;
        for (const c of model.cuts) {
          if (c.testDone) continue;
          const tl = c.cut.testLoss!;
          let i = tl.findIndex((v) => Number.isNaN(v));
          while (i >= 0 && i < c.cut.k && !spent) {
            fillTestLoss(c.cut, test, s.depth, i, i + 1);
            i++;
            progressed = true;
            spent = slice.check();
          }
          if (spent && i >= 0 && i < c.cut.k) break;
          // Then the marks' test loss, one by one (a mark still to do is NaN: a loss at a finite
          // point on finite test points never is).
          let m = c.marks.findIndex((mk) => Number.isNaN(mk.testLoss));
          if (m < 0) m = c.marks.length;
          while (m < c.marks.length && !spent) {
            const mk = c.marks[m++];
            mk.testLoss = lossForward(test, c.origin[0] + mk.t * c.direction[0], c.origin[1] + mk.t * c.direction[1], s.depth);
            spent = slice.check();
          }
          if (m >= c.marks.length) c.testDone = true;
          if (spent) break;
        }
        const pending = model.cuts.filter((c) => !c.testDone).length;
        if (progressed || pending !== model.testPending) {
          model = { ...model, version: model.version + 1, testPending: pending };
          emit();
        }
        if (pending) ric(step);
        else filling = false;
      };
      ric(step);
    }, wait);
  }

  /** The store and marker subscriptions, held while the chart has listeners. */
  let unwire: (() => void) | null = null;
  function wire(): void {
    if (unwire) return;
    const offMarker = live.subscribe(invalidate);
    const offStore = useStore.subscribe(
      (s) => [s.pins, s.dataset, s.depth, s.gamma, s.eps, s.delta, s.testSize, s.testSeed, s.cutHalfWidth] as const,
      invalidate,
      { equalityFn: (a, b) => a.every((v, i) => v === b[i]) },
    );
    unwire = () => {
      offMarker();
      offStore();
    };
  }

  /** Stops the frame, the idle fill and the subscriptions (the chart keeps its last model). */
  function stop(): void {
    if (raf) cancelAnimationFrame(raf);
    raf = 0;
    if (fillTimer) clearTimeout(fillTimer);
    fillTimer = undefined;
    filling = false;
    unwire?.();
    unwire = null;
  }

  function subscribe(l: Listener): () => void {
    wire();
    listeners.add(l);
    invalidate();
    return () => {
      listeners.delete(l);
      if (!listeners.size) stop();
    };
  }

  /** The chart's numbers for scripts and tests (plain arrays). */
  function state() {
    return {
      version: model.version,
      marker: model.marker,
      halfWidth: model.halfWidth,
      k: model.k,
      hasTest: model.hasTest,
      /** Size and seed of the fresh sample of the test loss (null without one). */
      test: model.hasTest ? { size: useStore.getState().testSize, seed: useStore.getState().testSeed } : null,
      testPending: model.testPending,
      buildMs: model.buildMs,
      open: listeners.size > 0,
      cuts: model.cuts.map((c) => ({
        id: c.id,
        label: c.label,
        kind: c.kind,
        origin: c.origin,
        direction: c.direction,
        lambda: c.lambda,
        t: Array.from(c.cut.t),
        loss: Array.from(c.cut.loss),
        testLoss: c.cut.testLoss && c.testDone ? Array.from(c.cut.testLoss) : null,
        marks: c.marks.map((m) => ({ ...m })),
      })),
    };
  }

  return {
    subscribe,
    snapshot: () => model,
    state,
    dispose: () => {
      stop();
      listeners.clear();
    },
  };
}

/** React hook: the cut chart's model (follows the marker frame by frame, test loss as it fills). */
export function useCutChart(): CutChartModel {
  const m = useUiModels().cuts;
  return useSyncExternalStore(m.subscribe, m.snapshot);
}

/** The chart's half-width ± h along each eigenvector (weight units; the store's, so in the link as `ch`). */
export function cutHalfWidth(): number {
  return useStore.getState().cutHalfWidth;
}

/** Sets the chart's half-width; throws with a message when it is out of range. */
export function setCutHalfWidth(h: number): void {
  checkCutOptions({ halfWidth: h }, [0, 0]);
  useStore.getState().setView({ cutHalfWidth: h });
}

