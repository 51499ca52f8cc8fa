import { describe, expect, it } from 'vitest';
import { useStore } from './store';
import { decodeView, encodeView } from '../core/urlCodec';
import { viewStateOf } from './urlSync';

describe('the store holds only what its own share link can carry', () => {
  it('refuses a marker or pins beyond the link limit, with a message, keeping the old ones', () => {
    const s = useStore.getState();
    s.setMarker([1, 1]);
    s.setPins([[0, 0]]);
    for (const m of [[60, 0], [1e6, -1e6], [NaN, 0], [0, Infinity]] as [number, number][]) {
      useStore.getState().notify(null);
      useStore.getState().setMarker(m);
      expect(useStore.getState().marker).toEqual([1, 1]);
      expect(useStore.getState().message?.text).toMatch(/The marker's w[12] must be a number within ±20.*stays where it was/);
    }
    useStore.getState().setPins([[0, 0], [1e6, 1e6]]);
    expect(useStore.getState().pins).toEqual([[0, 0]]);
    expect(useStore.getState().message?.text).toMatch(/Pin 2's w1/);
    useStore.getState().setPins([[0, 0], [1, 1], [2, 2], [3, 3], [4, 4]]);
    expect(useStore.getState().pins).toEqual([[0, 0]]);
    expect(useStore.getState().message?.text).toMatch(/At most 4/);
  });
  it('whatever it accepts, its link reopens without a message', () => {
    const s = useStore.getState();
    s.setMarker([20, -20]);
    s.setPins([[-20, 20], [19.9999999, 0]]);
    s.setModel({ eps: 0.001, delta: 0.5, gamma: 10, depth: 8 });
    s.setView({ w1Range: [-20, 20], w2Range: [19.95, 20], res: 8 });
    const r = decodeView(encodeView(viewStateOf(useStore.getState())));
    expect(r.errors).toEqual([]);
  });
});
