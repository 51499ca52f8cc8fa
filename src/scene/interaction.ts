/**
 * Whether the scene should be in its light mode right now (non-reactive): while the user drags or
 * orbits, and while a grid computes. In light mode the scene shows the decimated surface at a lower
 * pixel ratio so that software WebGL keeps up; at rest it switches back to the full mesh.
 */
type Listener = (active: boolean) => void;
export type InteractionSource = 'pointer' | 'orbit' | 'compute';

const listeners = new Set<Listener>();
const sources = new Set<InteractionSource>();
let active = false;
let endTimer: ReturnType<typeof setTimeout> | undefined;

/** Delay after the last interaction before the full-quality scene comes back (ms). */
export const SETTLE_MS = 180;

export function isInteracting(): boolean {
  return active;
}

/** Marks the start (true) or end (false) of an interaction by `source`; the end is debounced. */
export function setInteracting(on: boolean, source: InteractionSource = 'pointer'): void {
  if (on) sources.add(source);
  else sources.delete(source);
  if (endTimer) clearTimeout(endTimer);
  endTimer = undefined;
  if (sources.size > 0) {
    if (!active) {
      active = true;
      listeners.forEach((l) => l(true));
    }
    return;
  }
  endTimer = setTimeout(() => {
    endTimer = undefined;
    if (!active || sources.size > 0) return;
    active = false;
    listeners.forEach((l) => l(false));
  }, SETTLE_MS);
}

export function onInteraction(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
