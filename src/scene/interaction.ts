/**
 * Whether the user is dragging or orbiting right now (non-reactive). While true the scene shows
 * the decimated surface at a lower pixel ratio so that software WebGL keeps up; at rest it
 * switches back to the full mesh.
 */
type Listener = (active: boolean) => void;

const listeners = new Set<Listener>();
let active = false;
let endTimer: ReturnType<typeof setTimeout> | undefined;

/** Delay after the last interaction before the full-quality scene comes back (ms). */
export const SETTLE_MS = 180;

export function isInteracting(): boolean {
  return active;
}

/** Marks the start (true) or end (false) of an interaction; the end is debounced by SETTLE_MS. */
export function setInteracting(on: boolean): void {
  if (endTimer) clearTimeout(endTimer);
  endTimer = undefined;
  if (on) {
    if (!active) {
      active = true;
      listeners.forEach((l) => l(true));
    }
    return;
  }
  endTimer = setTimeout(() => {
    endTimer = undefined;
    if (!active) return;
    active = false;
    listeners.forEach((l) => l(false));
  }, SETTLE_MS);
}

export function onInteraction(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
