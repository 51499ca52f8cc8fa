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

/** A tag's anchor on screen (CSS px: bottom centre of the tag) and its size. */
export interface Placed {
  el: HTMLElement;
  hidden: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Set by `separate`: how far (CSS px) the tag was moved up from its anchor (0: not moved). */
  lead?: number;
}

/** Space kept between two tags that would overlap (CSS px). */
const TAG_GAP = 4;

/**
 * Moves overlapping tags apart (two minima close on screen, as on a phone): the tag lower on the
 * screen keeps its place, the other goes up just above it; bottom to top, so a stack of several
 * ends up as a column. Hand-written: a few tags per frame, no layout library needed.
 */
export function separate(tags: Placed[]): void {
  tags.sort((p, q) => q.y - p.y);
  for (let i = 0; i < tags.length; i++) {
    const p = tags[i];
    const y0 = p.y;
    p.lead = 0;
    if (p.hidden) continue;
    for (let moved = true; moved; ) {
      moved = false;
      for (let j = 0; j < i; j++) {
        const q = tags[j];
        if (q.hidden) continue;
        const overlapX = Math.abs(p.x - q.x) < (p.w + q.w) / 2 + TAG_GAP;
        const overlapY = p.y - p.h < q.y + TAG_GAP && p.y + TAG_GAP > q.y - q.h;
        if (overlapX && overlapY) {
          p.y = q.y - q.h - TAG_GAP;
          moved = true;
        }
      }
    }
    p.lead = y0 - p.y;
  }
}
