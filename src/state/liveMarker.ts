/**
 * The marker while it is being dragged (transient, non-reactive): the scene and the stage readout
 * follow every pointer move through this, while the store's `marker` — which every panel, the URL
 * and the inspector react to — is committed at most every COMMIT_MS and at the end of the drag.
 * (STYLE habit 5: per-frame values stay out of reactive state.)
 */
import { useSyncExternalStore } from 'react';
import { useStore } from './store';

/** Least time between store commits of the marker during a drag (ms). */
export const COMMIT_MS = 150;

type Listener = () => void;
const listeners = new Set<Listener>();
let transient: [number, number] | null = null;
let lastCommit = 0;
let commitTimer: ReturnType<typeof setTimeout> | undefined;

function emit() {
  listeners.forEach((l) => l());
}

/** Moves the dragged marker (scene follows now; the store follows within COMMIT_MS). */
export function dragMarkerTo(w: [number, number]): void {
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
}

/** Ends a drag: commits the last position to the store and drops the transient marker. */
export function endMarkerDrag(): void {
  if (commitTimer) clearTimeout(commitTimer);
  commitTimer = undefined;
  if (transient) useStore.getState().setMarker([transient[0], transient[1]]);
  transient = null;
  emit();
}

/** The marker shown right now: the dragged position, else the store's. */
export function liveMarker(): [number, number] {
  return transient ?? useStore.getState().marker;
}

export function subscribeLiveMarker(l: Listener): () => void {
  listeners.add(l);
  const unsub = useStore.subscribe((s) => s.marker, l);
  return () => {
    listeners.delete(l);
    unsub();
  };
}

/** React hook: the live marker (re-renders on every drag move and store change). */
export function useLiveMarker(): [number, number] {
  return useSyncExternalStore(subscribeLiveMarker, liveMarker);
}
