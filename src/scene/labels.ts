/**
 * Screen-space labels anchored to points on the landscape (the minima's name tags): DOM elements in
 * an overlay over the canvas, registered here with their (w1, w2) anchor; one useFrame in the scene
 * (LabelProjector) projects all of them per rendered frame and writes their transforms. Cheaper
 * than one portal root per label, and the labels stay ordinary clickable DOM buttons.
 *
 * A tag is placed where it covers nothing else that is text on the stage: other tags, the axes'
 * tick labels and titles (registered here by scene/Axes), and the stage's overlays (colour bars,
 * readout, legend, training bar; measured by LabelProjector). The axis labels themselves are
 * shown only where they touch neither an overlay nor each other (`axisLabelsShown`). It moves off its anchor in any
 * direction with a leader line back to it, or, when no free place is near, shrinks to a small chip
 * at the anchor (the full tag on hover and focus).
 */
export interface LabelAnchor {
  w1: number;
  w2: number;
  /** World units above the surface at (w1, w2). */
  lift: number;
  el: HTMLElement;
}

export const labelAnchors = new Map<string, LabelAnchor>();

/** The axes' tick labels and titles: world position and the element drawn centred there (scene/Axes). */
export interface AxisLabelAnchor {
  pos: [number, number, number];
  el: HTMLElement;
  /**
   * Which label stays where two would touch (lower first): 0 a title, 1 an inner tick, 2 a tick at
   * an axis' end (where two axes meet, their end ticks crowd each other: one of them goes).
   */
  rank: number;
}
export const axisLabelAnchors = new Map<string, AxisLabelAnchor>();

/** Set by the scene: asks the canvas for a frame (labels moved or appeared). */
export const labelHooks = { invalidate: () => {} };

/** A screen rectangle (CSS px, the canvas' coordinates). */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A tag's anchor on screen (CSS px: bottom centre of the tag in its own place) and its size. */
export interface Placed {
  el: HTMLElement;
  hidden: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Set by `place`: the tag's box (where its bottom centre went: ((left + right) / 2, bottom)); a chip's when crowded. */
  box?: Box;
  /** Set by `place`: no free place near the anchor; the tag shows as a chip there. */
  crowded?: boolean;
}

/** Space kept between a tag and anything it avoids (CSS px). */
export const TAG_GAP = 4;
/** Space kept between two axis labels: a label closer than this to one ranked before it is hidden (CSS px). */
export const AXIS_GAP = 3;

/**
 * Which of the axis labels to show: those not under an overlay and, in rank order, clear of the
 * ones already shown by AXIS_GAP. Returns, for each box (given with its rank), whether it shows.
 */
export function axisLabelsShown(labels: { box: Box; rank: number }[], overlays: Box[]): boolean[] {
  const order = labels.map((_, i) => i).sort((i, j) => labels[i].rank - labels[j].rank || i - j);
  const shown = labels.map(() => false);
  const kept: Box[] = [];
  for (const i of order) {
    const b = labels[i].box;
    if (overlays.some((o) => intersects(b, o)) || kept.some((k) => intersects(b, k, AXIS_GAP))) continue;
    shown[i] = true;
    kept.push(b);
  }
  return shown;
}
/** How far a tag may move from its anchor before it becomes a chip (CSS px). */
export const MAX_LEAD = 220;
/** Distance between the rings of candidate places (CSS px). */
const RING = 10;
/** Directions tried on each ring, upward first (screen y grows down). */
const DIRECTIONS = [-90, -60, -120, -30, -150, 0, 180, 30, 150, 60, 120, 90].map((d) => (d * Math.PI) / 180);

export const intersects = (a: Box, b: Box, gap = 0): boolean => a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
const inside = (a: Box, b: Box): boolean => a.left >= b.left && a.right <= b.right && a.top >= b.top && a.bottom <= b.bottom;

/** The box of a tag whose bottom centre is at (cx, by). */
const boxAt = (p: Placed, cx: number, by: number): Box => ({ left: cx - p.w / 2, top: by - p.h, right: cx + p.w / 2, bottom: by });

/**
 * Places the tags: each keeps its own place (above its anchor) if that is free, else takes the
 * nearest free place on rings around that place (upward first), inside `bounds`, clear of `obstacles`, of
 * the tags placed before it and of its own bar's top; else it is `crowded` and its `box` is a chip
 * (CHIP px square) at the nearest free place, at its anchor if none. Tags lower on the
 * screen are placed first (they keep their places; as before, a stack becomes a column).
 * Hand-written: a few tags per frame, no layout library needed.
 */
export function place(tags: Placed[], obstacles: Box[], bounds: Box): void {
  tags.sort((p, q) => q.y - p.y);
  placeInOrder(tags, obstacles, bounds);
  const crowded = tags.filter((t) => t.crowded);
  if (crowded.length === 0) return;
  // One that found no place goes first instead, if that leaves fewer tags without one.
  const again = [...crowded, ...tags.filter((t) => !t.crowded)];
  const first = tags.map((t) => ({ box: t.box, crowded: t.crowded }));
  placeInOrder(again, obstacles, bounds);
  if (again.filter((t) => t.crowded).length >= crowded.length) tags.forEach((t, i) => Object.assign(t, first[i]));
}

/** Size of the chip a crowded tag shrinks to (CSS px; landscape.css `.is-crowded`). */
export const CHIP = 14;

/** The nearest free box of size w × h around the tag's own place (bottom centre at its anchor), or null. */
function search(p: Placed, w: number, h: number, free: (b: Box) => boolean): Box | null {
  const at = (cx: number, by: number): Box => ({ left: cx - w / 2, top: by - h, right: cx + w / 2, bottom: by });
  const home = at(p.x, p.y);
  if (free(home)) return home;
  for (let r = RING; r <= MAX_LEAD; r += RING)
    for (const a of DIRECTIONS) {
      // Moved by r in direction a from its own place.
      const b = at(p.x + Math.cos(a) * r, p.y + Math.sin(a) * r);
      if (free(b)) return b;
    }
  return null;
}

function placeInOrder(tags: Placed[], obstacles: Box[], bounds: Box): void {
  const taken: Box[] = [];
  const freeFor = (p: Placed) => {
    // The top of the tag's own bar stays visible (a tag moved down must not cover where it points).
    const bar: Box = { left: p.x - 6, top: p.y + 1, right: p.x + 6, bottom: p.y + 14 };
    return (b: Box) => inside(b, bounds) && !intersects(b, bar) && !obstacles.some((o) => intersects(b, o, TAG_GAP)) && !taken.some((o) => intersects(b, o, TAG_GAP));
  };
  for (const p of tags) {
    p.crowded = false;
    p.box = boxAt(p, p.x, p.y);
    if (p.hidden) continue;
    const found = search(p, p.w, p.h, freeFor(p));
    if (found) {
      p.box = found;
      taken.push(found);
    } else p.crowded = true;
  }
  // The crowded ones as chips, clear of the whole tags and of each other where there is room.
  for (const p of tags) {
    if (p.hidden || !p.crowded) continue;
    p.box = search(p, CHIP, CHIP, freeFor(p)) ?? { left: p.x - CHIP / 2, top: p.y - CHIP, right: p.x + CHIP / 2, bottom: p.y };
    taken.push(p.box);
  }
}

/** The point of `b` nearest to (x, y): where a leader line from the anchor meets the tag. */
export function leaderEnd(b: Box, x: number, y: number): [number, number] {
  return [Math.min(b.right, Math.max(b.left, x)), Math.min(b.bottom, Math.max(b.top, y))];
}
