/**
 * The marker while it is being dragged (transient, non-reactive): the scene and the stage readout
 * follow every pointer move through this, while the store's `marker` — which every panel, the URL
 * and the inspector react to — is committed at most every COMMIT_MS and at the end of the drag.
 * (STYLE habit 5: per-frame values stay out of reactive state.) One per app run (app/createApp
 * makes it; components read it through `LiveMarkerContext`).
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import { useStore } from './store';

/** Least time between store commits of the marker during a drag (ms). */
export const COMMIT_MS = 150;

/** The live marker of one app run. */
export type LiveMarker = ReturnType<typeof createLiveMarker>;

export function createLiveMarker() {
  type Listener = () => void;
  const listeners = new Set<Listener>();
  let transient: [number, number] | null = null;
  let lastCommit = 0;
  let commitTimer: ReturnType<typeof setTimeout> | undefined;

  const emit = () => listeners.forEach((l) => l());

  /** The marker shown right now: the dragged position, else the store's. */
  const current = (): [number, number] => transient ?? useStore.getState().marker;

  return {
    current,
    /** Moves the dragged marker (scene follows now; the store follows within COMMIT_MS). */
    dragTo(w: [number, number]): void {
      transient = w;
      emit();
      const now = performance.now();
      if (now - lastCommit >= COMMIT_MS) {
        lastCommit = now;
        useStore.getState().setMarker([w[0], w[1]]);
      } else if (!commitTimer) {
        commitTimer = setTimeout(() => {
          commitTimer = undefined;
          if (transient) {
            lastCommit = performance.now();
            useStore.getState().setMarker([transient[0], transient[1]]);
          }
        }, COMMIT_MS - (now - lastCommit));
      }
    },
    /** Ends a drag: commits the last position to the store and drops the transient marker. */
    endDrag(): void {
      if (commitTimer) clearTimeout(commitTimer);
      commitTimer = undefined;
      if (transient) useStore.getState().setMarker([transient[0], transient[1]]);
      transient = null;
      emit();
    },
    /** Calls `l` on every drag move and store marker change; returns its removal. */
    subscribe(l: Listener): () => void {
      listeners.add(l);
      const unsub = useStore.subscribe((s) => s.marker, l);
      return () => {
        listeners.delete(l);
        unsub();
      };
    },
    /** Ends a drag in progress (its last position is committed) and drops the listeners. */
    dispose(): void {
      if (transient) this.endDrag();
      listeners.clear();
    },
  };
}

export const LiveMarkerContext = createContext<LiveMarker | null>(null);

/** The live marker of the app run this component belongs to (app/App provides it). */
export function useLiveMarkerState(): LiveMarker {
  const m = useContext(LiveMarkerContext);
  if (!m) throw new Error('useLiveMarkerState: no live marker (render inside app/App)');
  return m;
}

/** React hook: the live marker (re-renders on every drag move and store change). */
export function useLiveMarker(): [number, number] {
  const m = useLiveMarkerState();
  return useSyncExternalStore(m.subscribe, m.current);
}
