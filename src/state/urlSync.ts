/**
 * URL-hash sync (STYLE habit 7): the store's view ↔ `location.hash`, through core/urlCodec.
 *
 * History policy, so the back button walks *views*, not animation frames:
 *  - a discrete change (field, story step, parameters, pins, data, layout) pushes an entry;
 *  - the marker's first move in a gesture (a drag, a burst of arrow-key presses) pushes one entry;
 *    later moves of the same gesture replace it (`replaceState` while dragging, throttled); the
 *    gesture ends when no pointer is down and nothing changed for SETTLE_MS;
 *  - a change of the camera alone never pushes (orbiting is not a "view change" worth a back step);
 *  - back/forward (popstate) and a hand-edited hash (hashchange) apply the link to the store; keys
 *    a link leaves out take the version-1 defaults, refused keys keep their current value and are
 *    reported through `notify`.
 */
import { useStore, type AppState } from './store';
import { checkParams, decodeView, encodeView, sameDataRef, V1_DEFAULTS, type DataRef, type ViewState } from '../core/urlCodec';
import { decodeDesign, encodeDesign } from '../core/experiment';
import { useExperiments } from './experiments';
import { browserLang } from '../i18n/lang';
import { t, txm } from '../i18n';
import { tr, trJoin } from '../core/words';

/** Quiet time after the last change (and pointer release) that ends a gesture, ms. */
export const SETTLE_MS = 600;
/** Minimum interval between URL writes while a gesture goes on, ms. */
export const WRITE_THROTTLE_MS = 200;

/** The view the URL encodes, read from the store (what `window.pacscape.state()` returns). */
export function viewStateOf(s: AppState): ViewState {
  const data: DataRef = s.dataSource.kind === 'generator' ? { kind: 'generator', params: s.dataSource.params } : s.dataSource.kind === 'file' ? { kind: 'file', name: s.dataSource.name } : { kind: 'preset', id: s.dataSource.id };
  return {
    data,
    depth: s.depth,
    gamma: s.gamma,
    eps: s.eps,
    delta: s.delta,
    w1Range: [s.w1Range[0], s.w1Range[1]],
    w2Range: [s.w2Range[0], s.w2Range[1]],
    res: s.res,
    field: s.field,
    colormap: s.colormap,
    heightScale: s.heightScale,
    topDown: s.topDown,
    showBoundPlane: s.showBoundPlane,
    planeField: s.planeField,
    cutHalfWidth: s.cutHalfWidth,
    testSize: s.testSize,
    testSeed: s.testSeed,
    camera: s.camera ? { position: [...s.camera.position], target: [...s.camera.target] } : null,
    marker: [s.marker[0], s.marker[1]],
    pins: s.pins.map((p) => [p[0], p[1]] as [number, number]),
    hiddenPanels: [...s.hiddenPanels],
    story: s.storyStep,
    present: s.presenting,
    experiment: experimentOf(),
    theme: s.theme,
    // Written when it is not what the reader's browser would choose anyway, or not English.
    lang: s.lang !== 'en' || browserLang() !== 'en' ? s.lang : undefined,
  };
}

/** The Experiments view's design as a link value while it is open (its results stay out of links). */
function experimentOf(): string | null {
  const x = useExperiments.getState();
  return x.open ? encodeDesign(x.design) : null;
}

/** The share URL of the current view. */
export function shareLink(s: AppState = useStore.getState()): string {
  const base = typeof location === 'undefined' ? '' : location.href.replace(/#.*$/, '');
  return `${base}#${encodeView(viewStateOf(s))}`;
}

/** How the app loads a data source named by a link (app/ supplies it: presets need a fetch). */
export type DataLoader = (ref: DataRef) => Promise<void> | void;

/**
 * Applies view values to the store, field by field. Values that fail `checkParams` are refused
 * with a message and the current value kept. Returns the messages (also sent to `notify`).
 */
export function applyViewState(values: Partial<ViewState>, loadData?: DataLoader): { messages: string[]; pendingData: DataRef | null } {
  let pendingData: DataRef | null = null;
  const st = useStore.getState();
  const bad = checkParams(values);
  const messages = Object.values(bad).filter((m): m is string => !!m);
  const ok = <K extends keyof ViewState>(k: K) => values[k] !== undefined && !(k in bad);
  const model: Partial<Pick<AppState, 'depth' | 'gamma' | 'eps' | 'delta'>> = {};
  for (const k of ['depth', 'gamma', 'eps', 'delta'] as const) if (ok(k) && values[k] !== st[k]) model[k] = values[k]!;
  if (Object.keys(model).length) st.setModel(model);
  const view: Parameters<AppState['setView']>[0] = {};
  if (ok('w1Range') && (values.w1Range![0] !== st.w1Range[0] || values.w1Range![1] !== st.w1Range[1])) view.w1Range = values.w1Range;
  if (ok('w2Range') && (values.w2Range![0] !== st.w2Range[0] || values.w2Range![1] !== st.w2Range[1])) view.w2Range = values.w2Range;
  if (ok('res') && values.res !== st.res) view.res = values.res;
  if (ok('field') && values.field !== st.field) view.field = values.field;
  if (ok('colormap') && values.colormap !== st.colormap) view.colormap = values.colormap;
  if (ok('heightScale') && values.heightScale !== st.heightScale) view.heightScale = values.heightScale;
  if (ok('topDown') && values.topDown !== st.topDown) view.topDown = values.topDown;
  if (ok('showBoundPlane') && values.showBoundPlane !== st.showBoundPlane) view.showBoundPlane = values.showBoundPlane;
  if (ok('planeField') && values.planeField !== st.planeField) view.planeField = values.planeField;
  if (ok('cutHalfWidth') && values.cutHalfWidth !== st.cutHalfWidth) view.cutHalfWidth = values.cutHalfWidth;
  if ('camera' in values && JSON.stringify(values.camera ?? null) !== JSON.stringify(st.camera)) view.camera = values.camera ?? null;
  if (Object.keys(view).length) st.setView(view);
  const sample: Parameters<AppState['setTraining']>[0] = {};
  if (ok('testSize') && values.testSize !== st.testSize) sample.testSize = values.testSize;
  if (ok('testSeed') && values.testSeed !== st.testSeed) sample.testSeed = values.testSeed;
  if (Object.keys(sample).length) st.setTraining(sample);
  if (ok('marker') && (values.marker![0] !== st.marker[0] || values.marker![1] !== st.marker[1])) st.setMarker(values.marker!);
  if (ok('pins') && JSON.stringify(values.pins) !== JSON.stringify(st.pins)) st.setPins(values.pins!);
  const layout: Parameters<AppState['setLayout']>[0] = {};
  if (ok('hiddenPanels') && values.hiddenPanels!.join() !== st.hiddenPanels.join()) layout.hiddenPanels = values.hiddenPanels;
  if ('story' in values && (values.story ?? null) !== st.storyStep) layout.storyStep = values.story ?? null;
  if (ok('present') && values.present !== st.presenting) layout.presenting = values.present;
  if (ok('theme') && values.theme !== st.theme) layout.theme = values.theme;
  if (ok('lang') && values.lang !== st.lang) layout.lang = values.lang;
  if (Object.keys(layout).length) st.setLayout(layout);
  if ('experiment' in values && (values.experiment ?? null) !== experimentOf()) {
    const x = useExperiments.getState();
    if (values.experiment) x.set({ open: true, design: decodeDesign(values.experiment), designVersion: x.designVersion + 1 });
    else x.set({ open: false });
  }
  if (values.data && !sameDataRef(values.data, viewStateOf(st).data)) {
    if (values.data.kind === 'file') {
      messages.push(tr('This link was made with the file "{{name}}", which a link cannot carry: import the file to see the same landscape. The current data set is shown.', { name: values.data.name }));
    } else if (loadData) {
      const ref = values.data;
      pendingData = ref;
      Promise.resolve()
        .then(() => loadData(ref))
        .catch((e: unknown) => useStore.getState().notify({ kind: 'error', text: t("Could not load the link's data set: {{error}}. The current data set is kept.", { error: txm((e as Error).message) }) }));
    }
  }
  return { messages, pendingData };
}

/** The link's full view: keys it leaves out take the version-1 defaults (a link is a whole view). */
function fullFromHash(hash: string): { values: Partial<ViewState>; errors: string[] } {
  const { values, errors, refused } = decodeView(hash);
  const full: Partial<ViewState> = { ...JSON.parse(JSON.stringify(V1_DEFAULTS)), ...values };
  // Refused keys keep the current value: drop their defaults again.
  const keyToProp: Record<string, keyof ViewState> = { depth: 'depth', gamma: 'gamma', eps: 'eps', delta: 'delta', w1: 'w1Range', w2: 'w2Range', res: 'res', field: 'field', cmap: 'colormap', h: 'heightScale', top: 'topDown', plane: 'showBoundPlane', pf: 'planeField', tn: 'testSize', tseed: 'testSeed', ch: 'cutHalfWidth', cam: 'camera', m: 'marker', pins: 'pins', hide: 'hiddenPanels', story: 'story', present: 'present', data: 'data', xp: 'experiment', theme: 'theme', lang: 'lang' };
  for (const k of refused) if (k && keyToProp[k]) delete full[keyToProp[k]];
  return { values: full, errors };
}

/** The hash the store will have once a pending data load lands. */
function intendedHash(pendingData: DataRef | null): string {
  const v = viewStateOf(useStore.getState());
  return encodeView(pendingData ? { ...v, data: pendingData } : v);
}

/** Hash without the camera: camera-only changes replace rather than push. */
const withoutCamera = (h: string) => h.replace(/(^|&)cam=[^&]*/, '');
/** Hash without camera and marker: what differs here is a discrete view change (always pushed). */
const discretePart = (h: string) => withoutCamera(h).replace(/(^|&)m=[^&]*/, '');

/** A running two-way sync between the store and the address bar (one app run's: app/createApp). */
export interface UrlSync {
  /**
   * True when the address bar holds the current view and the last gesture has ended (no write
   * waiting, no pointer down, SETTLE_MS of quiet passed): the next change starts a new history
   * entry. Scripts and tests poll it (`pacscape.linkSettled()`) instead of sleeping.
   */
  settled: () => boolean;
  /** The data source the page's link asked for at start-up (null: none, or the store's already). */
  startupData: DataRef | null;
  /** Stops the sync: listeners, subscriptions and timers. */
  stop: () => void;
}

/**
 * Starts the two-way sync, before the first grid job, so a link's view is computed directly.
 * `loadData` loads a data source named by a link (presets/generator). One per app run: stop it
 * before starting another.
 */
export function installUrlSync(loadData?: DataLoader): UrlSync {
  if (typeof window === 'undefined') return { settled: () => true, startupData: null, stop: () => {} };
  const report = (errs: string[]) => {
    if (errs.length) useStore.getState().notify({ kind: 'error', text: trJoin(errs, ' ') });
  };

  // 1. The page's own link → store. An empty hash keeps the app's start-up defaults.
  let pending: DataRef | null = null;
  if (location.hash.length > 1) {
    const { values, errors } = fullFromHash(location.hash);
    const r = applyViewState(values, loadData);
    pending = r.pendingData;
    report([...errors, ...r.messages]);
  }

  let entryHash = intendedHash(pending);
  let gestureOpen = false;
  let pointersDown = 0;
  let applying = false;
  let lastWrite = 0;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  history.replaceState(history.state, '', '#' + entryHash);

  const flush = () => {
    flushTimer = undefined;
    lastWrite = performance.now();
    const h = encodeView(viewStateOf(useStore.getState()));
    if ('#' + h === location.hash) {
      entryHash = h;
      return;
    }
    // Discrete changes (field, story step, parameters, pins…) get an entry each; marker moves get
    // one per gesture; camera moves none.
    const discrete = discretePart(h) !== discretePart(entryHash);
    if (discrete || (!gestureOpen && withoutCamera(h) !== withoutCamera(entryHash))) {
      history.pushState(null, '', '#' + h);
      gestureOpen = true;
    } else {
      history.replaceState(history.state, '', '#' + h);
    }
    entryHash = h;
  };
  const armSettle = () => {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => {
      if (pointersDown > 0) return armSettle();
      if (flushTimer !== undefined) {
        clearTimeout(flushTimer);
        flush();
      }
      gestureOpen = false;
    }, SETTLE_MS);
  };
  let microPending = false;
  const onChange = (h: string) => {
    if (applying) return;
    armSettle();
    // A discrete change is written at the end of the current task (all the store writes of one
    // action together), so two key presses are two entries however fast they come.
    if (discretePart(h) !== discretePart(entryHash)) {
      if (!microPending) {
        microPending = true;
        queueMicrotask(() => {
          microPending = false;
          clearTimeout(flushTimer);
          flushTimer = undefined;
          flush();
        });
      }
      return;
    }
    if (flushTimer !== undefined) return;
    // Throttle: at most one write per WRITE_THROTTLE_MS while a gesture goes on.
    const wait = Math.max(0, WRITE_THROTTLE_MS - (performance.now() - lastWrite));
    flushTimer = setTimeout(flush, pointersDown > 0 ? wait : Math.min(wait, 60));
  };
  const settled = () => !gestureOpen && !microPending && flushTimer === undefined && pointersDown === 0 && location.hash === '#' + entryHash;
  const unsubStore = useStore.subscribe((s) => encodeView(viewStateOf(s)), onChange);
  const unsubExperiments = useExperiments.subscribe((x) => (x.open ? encodeDesign(x.design) : ''), () => onChange(encodeView(viewStateOf(useStore.getState()))));
  const unsubscribe = () => {
    unsubStore();
    unsubExperiments();
  };

  // 2. Back/forward and hand-edited hashes → store.
  const onNavigate = () => {
    const h = location.hash.replace(/^#/, '');
    if (h === entryHash) return;
    clearTimeout(flushTimer);
    flushTimer = undefined;
    applying = true;
    let errs: string[];
    let pendingData: DataRef | null = null;
    try {
      const { values, errors } = fullFromHash(location.hash);
      const r = applyViewState(values, loadData);
      pendingData = r.pendingData;
      errs = [...errors, ...r.messages];
    } finally {
      applying = false;
    }
    entryHash = intendedHash(pendingData);
    gestureOpen = false;
    if ('#' + entryHash !== location.hash) history.replaceState(history.state, '', '#' + entryHash);
    report(errs);
  };
  const down = () => void pointersDown++;
  const up = () => {
    pointersDown = Math.max(0, pointersDown - 1);
    armSettle();
  };
  window.addEventListener('popstate', onNavigate);
  window.addEventListener('hashchange', onNavigate);
  window.addEventListener('pointerdown', down, true);
  window.addEventListener('pointerup', up, true);
  window.addEventListener('pointercancel', up, true);
  const stop = () => {
    unsubscribe();
    clearTimeout(flushTimer);
    clearTimeout(settleTimer);
    window.removeEventListener('popstate', onNavigate);
    window.removeEventListener('hashchange', onNavigate);
    window.removeEventListener('pointerdown', down, true);
    window.removeEventListener('pointerup', up, true);
    window.removeEventListener('pointercancel', up, true);
  };
  return { settled, startupData: pending, stop };
}
