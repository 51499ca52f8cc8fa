/**
 * Image captures for export. A view that can be saved as a PNG registers a capture
 * function here: the 3-D scene registers 'scene' (it must render a fresh frame and read it back in
 * the same task, since the WebGL canvas does not preserve its drawing buffer), 2-D panels register
 * their own ids. app/export.ts lists and calls them; nothing here touches the DOM.
 */

/** Renders the view at `scale` × its CSS size and returns the image as a canvas (or a PNG blob). */
export type CaptureFn = (scale: number) => Promise<HTMLCanvasElement | Blob> | HTMLCanvasElement | Blob;

export interface Capture {
  id: string;
  /** Human name for the export menu ("3-D landscape", "Decision view"). */
  label: string;
  capture: CaptureFn;
}

const captures = new Map<string, Capture>();

/** Registers (or replaces) a capture; returns a function that removes it. */
export function registerCapture(c: Capture): () => void {
  captures.set(c.id, c);
  return () => {
    if (captures.get(c.id) === c) captures.delete(c.id);
  };
}

export function getCapture(id: string): Capture | undefined {
  return captures.get(id);
}

export function listCaptures(): Capture[] {
  return [...captures.values()];
}
