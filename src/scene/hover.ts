/**
 * Where the mouse hovers over the surface (transient, non-reactive like liveMarker): the w under
 * the pointer and the pointer's position on the canvas, or null. DragController writes it; the
 * hover readout reads it. Touch has no hover.
 */
import { useSyncExternalStore } from 'react';

export interface HoverPoint {
  w: [number, number];
  /** Pointer position in the canvas, CSS pixels. */
  x: number;
  y: number;
}

let hover: HoverPoint | null = null;
const listeners = new Set<() => void>();

export function setHover(h: HoverPoint | null): void {
  if (h === null && hover === null) return;
  hover = h;
  listeners.forEach((l) => l());
}

export function currentHover(): HoverPoint | null {
  return hover;
}

export function useHover(): HoverPoint | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => hover,
  );
}
