/**
 * Where the story card goes: the first of a list of candidate positions inside the free area
 * (the stage, or on a narrow screen the whole viewport) whose rectangle covers none of the
 * objects the step points at (their projected screen positions, each with a radius); if every
 * candidate covers something, the one covering the fewest. Pure geometry, page CSS pixels.
 */

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A highlighted object's screen position and the clearance it needs (px). */
export interface ScreenTarget {
  id: string;
  x: number;
  y: number;
  r: number;
}

/** Margin kept between the card and the free area's edges (px). */
export const CARD_MARGIN = 10;

/** Does the card rectangle come within a target's radius? */
export function covers(card: Rect, t: ScreenTarget): boolean {
  const cx = Math.max(card.left, Math.min(t.x, card.left + card.width));
  const cy = Math.max(card.top, Math.min(t.y, card.top + card.height));
  return Math.hypot(t.x - cx, t.y - cy) < t.r;
}

/** Candidate top-left corners: corners first, then edge midpoints, then a grid of the area. */
export function candidates(area: Rect, w: number, h: number, margin = CARD_MARGIN): { left: number; top: number }[] {
  const x0 = area.left + margin, x1 = area.left + area.width - w - margin, xm = area.left + (area.width - w) / 2;
  const y0 = area.top + margin, y1 = area.top + area.height - h - margin, ym = area.top + (area.height - h) / 2;
  const out: { left: number; top: number }[] = [
    { left: x0, top: y1 },
    { left: x1, top: y1 },
    { left: x0, top: y0 },
    { left: x1, top: y0 },
    { left: xm, top: y1 },
    { left: xm, top: y0 },
    { left: x0, top: ym },
    { left: x1, top: ym },
  ];
  const steps = 6;
  for (let i = 0; i <= steps; i++) for (let j = 0; j <= steps; j++) out.push({ left: x0 + ((x1 - x0) * i) / steps, top: y0 + ((y1 - y0) * j) / steps });
  // A card larger than the area: clamp into it (it then covers what it must).
  return out.map((c) => ({ left: Math.max(area.left, Math.min(c.left, area.left + Math.max(0, area.width - w))), top: Math.max(area.top, Math.min(c.top, area.top + Math.max(0, area.height - h))) }));
}

/** Do two rectangles overlap (by more than a pixel)? */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.left < b.left + b.width - 1 && b.left < a.left + a.width - 1 && a.top < b.top + b.height - 1 && b.top < a.top + a.height - 1;
}

/**
 * The card's top-left for a card of size w×h in `area`, covering none of `targets` and, where it
 * can, none of the `avoid` rectangles (the panel the step refers to); a covered target always
 * weighs more than a covered panel. `prefer` (the current position) is kept while it is as good,
 * so the card does not jump while the camera moves. `covered` counts the targets under the card; `panelCovered` says it overlaps an `avoid` rectangle.
 */
export function placeCard(area: Rect, w: number, h: number, targets: readonly ScreenTarget[], prefer?: { left: number; top: number } | null, avoid: readonly Rect[] = []): { left: number; top: number; covered: number; panelCovered: boolean } {
  const score = (c: { left: number; top: number }) => {
    const r = { left: c.left, top: c.top, width: w, height: h };
    const k = targets.filter((t) => covers(r, t)).length;
    return { k, s: 10 * k + avoid.filter((a) => overlaps(r, a)).length };
  };
  if (prefer) {
    const inside = prefer.left >= area.left - 0.5 && prefer.top >= area.top - 0.5 && prefer.left + w <= area.left + area.width + 0.5 && prefer.top + h <= area.top + area.height + 0.5;
    const p = score(prefer);
    if (inside && p.s === 0) return { ...prefer, covered: 0, panelCovered: false };
  }
  let best = { left: area.left + CARD_MARGIN, top: area.top + CARD_MARGIN, covered: Infinity, s: Infinity };
  for (const c of candidates(area, w, h)) {
    const { k, s } = score(c);
    if (s < best.s) best = { ...c, covered: k, s };
    if (s === 0) break;
  }
  return { left: best.left, top: best.top, covered: best.covered, panelCovered: best.s > 10 * best.covered };
}
