/**
 * Screen-space labels anchored to points on the landscape (the minima's name tags): DOM elements in
 * an overlay over the canvas, registered here with their (w1, w2) anchor; one useFrame in the scene
 * (LabelProjector) projects all of them per rendered frame and writes their transforms. Cheaper
 * than one portal root per label, and the labels stay ordinary clickable DOM buttons.
 */
export interface LabelAnchor {
  w1: number;
  w2: number;
  /** World units above the surface at (w1, w2). */
  lift: number;
  el: HTMLElement;
}

export const labelAnchors = new Map<string, LabelAnchor>();

/** Set by the scene: asks the canvas for a frame (labels moved or appeared). */
export const labelHooks = { invalidate: () => {} };
