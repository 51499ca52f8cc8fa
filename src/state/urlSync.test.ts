/**
 * The URL ↔ store sync and its history policy, in Node with a minimal fake of location/history
 * (the browser test covers the real thing).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useStore, FIELD_NAMES } from './store';
import { installUrlSync, viewStateOf, applyViewState, SETTLE_MS } from './urlSync';
import { URL_FIELDS, V1_DEFAULTS } from '../core/urlCodec';

class FakeWindow extends EventTarget {}

function fakeBrowser(initialHash: string) {
  const win = new FakeWindow();
  const loc = { hash: initialHash, href: 'http://x/app/' + initialHash };
  const entries: string[] = [initialHash];
  let idx = 0;
  const setHash = (h: string) => {
    loc.hash = h;
    loc.href = 'http://x/app/' + h;
  };
  const hist = {
    state: null,
    get length() {
      return entries.length;
    },
    pushState(_s: unknown, _t: string, url: string) {
      entries.splice(idx + 1);
      entries.push(url);
      idx++;
      setHash(url);
    },
    replaceState(_s: unknown, _t: string, url: string) {
      entries[idx] = url;
      setHash(url);
    },
    back() {
      idx--;
      setHash(entries[idx]);
      win.dispatchEvent(new Event('popstate'));
    },
    forward() {
      idx++;
      setHash(entries[idx]);
      win.dispatchEvent(new Event('popstate'));
    },
  };
  vi.stubGlobal('window', win);
  vi.stubGlobal('location', loc);
  vi.stubGlobal('history', hist);
  return { win, loc, hist, entries };
}

// The paper-toy view of link format 1 (what a link without data/parameter keys means), so the
// expected hashes below stay short whatever preset a fresh page opens.
const initial = {
  ...useStore.getState(),
  dataSource: V1_DEFAULTS.data,
  depth: V1_DEFAULTS.depth,
  gamma: V1_DEFAULTS.gamma,
  eps: V1_DEFAULTS.eps,
  delta: V1_DEFAULTS.delta,
  w1Range: V1_DEFAULTS.w1Range,
  w2Range: V1_DEFAULTS.w2Range,
  marker: V1_DEFAULTS.marker,
};
let stop: () => void = () => {};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
  useStore.setState(initial, true);
});
afterEach(() => {
  stop();
  stop = () => {};
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('urlSync', () => {
  it('the codec and the store list the same fields', async () => {
    expect([...URL_FIELDS]).toEqual([...FIELD_NAMES]);
  });

  it('applies the page link at install, refusing bad keys with a message', async () => {
    const b = fakeBrowser('#v=1&field=psi&depth=99&m=1,2');
    stop = installUrlSync().stop;
    const s = useStore.getState();
    expect(s.field).toBe('psi');
    expect(s.marker).toEqual([1, 2]);
    expect(s.depth).toBe(initial.depth);
    expect(s.message?.kind).toBe('error');
    expect(s.message?.text).toMatch(/depth/i);
    expect(b.loc.hash).toBe('#v=1&field=psi&m=1,2');
    expect(b.entries).toHaveLength(1);
  });

  it('pushes one entry per gesture and replaces during it', async () => {
    const b = fakeBrowser('');
    stop = installUrlSync().stop;
    expect(b.entries).toEqual(['#v=1']);
    // A burst of marker moves (arrow keys): one entry.
    for (let i = 1; i <= 10; i++) {
      useStore.getState().setMarker([i, 0]);
      await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(SETTLE_MS + 100);
    expect(b.entries).toEqual(['#v=1', '#v=1&m=10,0']);
    // A pointer drag: one entry, the URL follows while dragging (replaceState).
    b.win.dispatchEvent(new Event('pointerdown'));
    for (let i = 1; i <= 18; i++) {
      useStore.getState().setMarker([10, i]);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(b.entries).toHaveLength(3);
    expect(b.loc.hash).toMatch(/^#v=1&m=10,(17|18)$/);
    await vi.advanceTimersByTimeAsync(2 * SETTLE_MS); // still pressed: the gesture stays open
    useStore.getState().setMarker([10, 19]);
    await vi.advanceTimersByTimeAsync(300);
    expect(b.entries).toHaveLength(3);
    b.win.dispatchEvent(new Event('pointerup'));
    await vi.advanceTimersByTimeAsync(SETTLE_MS + 100);
    expect(b.entries).toEqual(['#v=1', '#v=1&m=10,0', '#v=1&m=10,19']);
    // A camera-only change replaces.
    useStore.getState().setView({ camera: { position: [1, 2, 3], target: [0, 0, 0] } });
    await vi.advanceTimersByTimeAsync(SETTLE_MS + 100);
    expect(b.entries).toHaveLength(3);
    expect(b.loc.hash).toBe('#v=1&cam=1,2,3,0,0,0&m=10,19');
    // A new field after the gesture settled: a new entry.
    useStore.getState().setView({ field: 'bound' });
    await vi.advanceTimersByTimeAsync(SETTLE_MS + 100);
    expect(b.entries).toHaveLength(4);
    // Discrete changes in quick succession (story steps by key) each get their entry.
    for (const step of [1, 2, 3]) {
      useStore.getState().setLayout({ storyStep: step });
      await vi.advanceTimersByTimeAsync(150);
    }
    await vi.advanceTimersByTimeAsync(SETTLE_MS + 100);
    expect(b.entries).toHaveLength(7);
  });

  it('two discrete changes in two tasks are two entries, even without any delay', async () => {
    const b = fakeBrowser('');
    stop = installUrlSync().stop;
    useStore.getState().setLayout({ storyStep: 5 });
    await Promise.resolve();
    useStore.getState().setLayout({ storyStep: 3 });
    await Promise.resolve();
    expect(b.entries).toEqual(['#v=1', '#v=1&story=5', '#v=1&story=3']);
    // One action writing several keys in one task is one entry.
    useStore.getState().setView({ field: 'psi' });
    useStore.getState().setPins([[1, 1]]);
    useStore.getState().setMarker([1, 1]);
    await Promise.resolve();
    expect(b.entries).toHaveLength(4);
    expect(b.loc.hash).toBe('#v=1&field=psi&m=1,1&pins=1,1&story=3');
  });

  it('back and forward apply the entries to the store without pushing', async () => {
    const b = fakeBrowser('');
    stop = installUrlSync().stop;
    useStore.getState().setView({ field: 'psi' });
    await vi.advanceTimersByTimeAsync(SETTLE_MS + 100);
    useStore.getState().setMarker([1, 1]);
    await vi.advanceTimersByTimeAsync(SETTLE_MS + 100);
    expect(b.entries).toHaveLength(3);
    b.hist.back();
    await vi.advanceTimersByTimeAsync(SETTLE_MS + 100);
    expect(useStore.getState().marker).toEqual(initial.marker);
    expect(useStore.getState().field).toBe('psi');
    b.hist.back();
    await vi.advanceTimersByTimeAsync(SETTLE_MS + 100);
    expect(useStore.getState().field).toBe('loss');
    b.hist.forward();
    b.hist.forward();
    await vi.advanceTimersByTimeAsync(SETTLE_MS + 100);
    expect(useStore.getState().marker).toEqual([1, 1]);
    expect(b.entries).toHaveLength(3);
  });

  it('a hand-edited hash with absurd values keeps the current values and says why', async () => {
    const b = fakeBrowser('');
    stop = installUrlSync().stop;
    useStore.getState().setModel({ gamma: 0.2 });
    await vi.advanceTimersByTimeAsync(SETTLE_MS + 100);
    b.loc.hash = '#v=1&gamma=-3&res=99999&field=bound';
    b.win.dispatchEvent(new Event('hashchange'));
    const s = useStore.getState();
    expect(s.gamma).toBe(0.2);
    expect(s.res).toBe(initial.res);
    expect(s.field).toBe('bound');
    expect(s.message?.text).toMatch(/γ/);
    expect(s.message?.text).toMatch(/resolution/);
    // The URL is rewritten to the view actually shown.
    expect(b.loc.hash).toBe('#v=1&gamma=0.2&field=bound');
  });

  it('applyViewState refuses invalid parameters field by field', async () => {
    const r = applyViewState({ depth: 0, gamma: 0.3, w1Range: [5, -5] });
    expect(r.messages).toHaveLength(2);
    expect(useStore.getState().gamma).toBe(0.3);
    expect(useStore.getState().depth).toBe(initial.depth);
    expect(viewStateOf(useStore.getState()).w1Range).toEqual(initial.w1Range);
  });

  it('a link naming generated data calls the loader once and does not push when it lands', async () => {
    const b = fakeBrowser('#v=1&data=gen&seed=7');
    const loader = vi.fn((ref) => {
      useStore.getState().setDataset(useStore.getState().dataset as never, { kind: 'generator', params: ref.params });
    });
    stop = installUrlSync(loader).stop;
    await Promise.resolve();
    await Promise.resolve();
    await vi.advanceTimersByTimeAsync(SETTLE_MS + 100);
    expect(loader).toHaveBeenCalledTimes(1);
    expect(b.entries).toEqual(['#v=1&data=gen&seed=7']);
  });
});

describe('store guard', () => {
  it('setModel/setView refuse absurd values with a message and keep the others', async () => {
    useStore.setState(initial, true);
    useStore.getState().setView({ res: 1e6, field: 'psi', w1Range: [3, -3] });
    useStore.getState().setModel({ depth: 40, gamma: 0.2 });
    const s = useStore.getState();
    expect(s.res).toBe(initial.res);
    expect(s.w1Range).toEqual(initial.w1Range);
    expect(s.field).toBe('psi');
    expect(s.depth).toBe(initial.depth);
    expect(s.gamma).toBe(0.2);
    expect(s.message?.text).toMatch(/Depth/);
  });
});
