/**
 * Where the mouse hovers over the surface (transient, non-reactive like liveMarker): the w under
 * the pointer and the pointer's position on the canvas, or null. DragController writes it; the
 * hover readout reads it. Touch has no hover.
 */

export interface HoverPoint {
  w: [number, number];
  /** Pointer position in the canvas, CSS pixels. */
  x: number;
  y: number;
}

/** The hover point of one mounted landscape view (scene/sceneState). */
export type Hover = ReturnType<typeof createHover>;

export function createHover() {
  let hover: HoverPoint | null = null;
  const listeners = new Set<() => void>();
  return {
    set(h: HoverPoint | null): void {
      if (h === null && hover === null) return;
      hover = h;
      listeners.forEach((l) => l());
    },
    current: (): HoverPoint | null => hover,
    subscribe(l: () => void): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    dispose: () => listeners.clear(),
  };
}
