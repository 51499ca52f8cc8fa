/**
 * What a story step points at: the screen positions of the objects it names (minima bars and tags,
 * the marker, the bound plane, the σ* box, the runs' start and endpoints), projected from the
 * scene every animation frame while the story is open; pulsing outlines drawn over them (one SVG
 * layer); the card moved where it covers none of them (storyPlacement); and the panel the step
 * refers to opened, outlined and scrolled into its column.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useStore } from '../state/store';
import { useStoryRuns } from '../state/storyRuns';
import { sceneProbe } from '../scene/probe';
import { markerReportOf } from '../state/markerReport';
import { PLANE_Y, halfExtent, surfaceHeightAt, worldX, worldZ } from '../scene/frame';
import type { StoryFacts } from '../core/storyFacts';
import type { StoryPanel, StoryStepText, StoryTarget } from '../core/storyText';
import { placeCard, type Rect, type ScreenTarget } from './storyPlacement';

/** Height of a minimum's bar above the surface (scene/MinimaBars BAR_ABOVE). */
const BAR_ABOVE = 0.55;
/** Screens narrower than this use the one-column phone layout (classroom.css). */
/** The card's type shrinks in these steps, down to this fraction, when it covers a target. */
const SCALE_STEP = 0.1;
const MIN_SCALE = 0.7;

/** A drawn highlight: a ring at a point or an outline through points. */
interface Mark {
  kind: 'ring' | 'outline';
  target: StoryTarget;
  points: [number, number][];
  r: number;
}

interface Layout {
  marks: Mark[];
  targets: ScreenTarget[];
  card: { left: number; top: number } | null;
  covered: number;
}

/** The last layout, for `pacscape.storyLayout()` (tests): card rectangle and target positions. */
export const storyLayoutProbe: { card: Rect | null; targets: ScreenTarget[]; covered: number; panel: StoryPanel } = { card: null, targets: [], covered: 0, panel: null };

const PANEL_SELECTORS: Record<Exclude<StoryPanel, null>, string> = {
  inspector: '[data-testid="inspector"]',
  'psi-terms': '[data-story-anchor="psi-terms"]',
  'bound-parts': '[data-story-anchor="bound-parts"]',
  sigma: '[data-story-anchor="sigma"]',
  pins: '[data-testid="pin-table"]',
  decision: '[data-testid="decision-view"]',
  training: '[data-testid="training-panel"]',
};

function tagRect(w: readonly [number, number]): DOMRect | null {
  for (const el of document.querySelectorAll<HTMLElement>('.minimum-label')) {
    if (Math.abs(Number(el.dataset.w1) - w[0]) < 1e-9 && Math.abs(Number(el.dataset.w2) - w[1]) < 1e-9 && el.style.visibility !== 'hidden') return el.getBoundingClientRect();
  }
  return null;
}

const surf = (w1: number, w2: number) => sceneProbe.surfaceOnPage?.(w1, w2) ?? null;
const world = (x: number, y: number, z: number) => sceneProbe.worldOnPage?.(x, y, z) ?? null;

/** Projects every object the step names. */
function measure(step: StoryStepText, f: StoryFacts): { marks: Mark[]; targets: ScreenTarget[] } {
  const marks: Mark[] = [];
  const targets: ScreenTarget[] = [];
  const add = (target: StoryTarget, p: [number, number] | null, r: number, ring = true) => {
    if (!p) return;
    targets.push({ id: target, x: p[0], y: p[1], r });
    if (ring) marks.push({ kind: 'ring', target, points: [p], r });
  };
  for (const t of step.targets) {
    if (t === 'min-low' || t === 'min-other') {
      const m = t === 'min-low' ? f.low : f.other;
      if (!m) continue;
      const [w1, w2] = m.w;
      add(t, surf(w1, w2), 22);
      add(t, world(worldX(w1), surfaceHeightAt(w1, w2) + BAR_ABOVE, worldZ(w2)), 14, false);
      const tag = tagRect(m.w);
      if (tag) {
        targets.push({ id: `${t}-tag`, x: tag.left + tag.width / 2, y: tag.top + tag.height / 2, r: Math.hypot(tag.width, tag.height) / 2 + 4 });
        marks.push({ kind: 'outline', target: t, points: [[tag.left - 3, tag.top - 3], [tag.right + 3, tag.top - 3], [tag.right + 3, tag.bottom + 3], [tag.left - 3, tag.bottom + 3]], r: 0 });
      }
    } else if (t === 'marker') {
      add(t, sceneProbe.markerOnPage?.() ?? null, 24);
    } else if (t === 'start') {
      if (f.start) add(t, surf(f.start[0], f.start[1]), 24);
    } else if (t === 'sigma-box') {
      const r = markerReportOf(useStore.getState());
      if (!r) continue;
      const [w1, w2] = r.w, [s1, s2] = r.sigmaStar;
      const corners = [[w1 - s1, w2 - s2], [w1 + s1, w2 - s2], [w1 + s1, w2 + s2], [w1 - s1, w2 + s2]].map(([a, b]) => surf(a, b));
      if (corners.some((c) => !c)) continue;
      const pts = corners as [number, number][];
      pts.forEach((p) => targets.push({ id: t, x: p[0], y: p[1], r: 12 }));
      marks.push({ kind: 'outline', target: t, points: pts, r: 0 });
    } else if (t === 'bound-plane') {
      const [hx, hz] = halfExtent();
      const corners = [[-hx, -hz], [hx, -hz], [hx, hz], [-hx, hz]].map(([x, z]) => world(x, PLANE_Y, z));
      if (corners.every(Boolean)) marks.push({ kind: 'outline', target: t, points: corners as [number, number][], r: 0 });
      add(t, world(0, PLANE_Y, 0), 26, false);
      for (const m of [f.low, f.other]) if (m) add(t, world(worldX(m.w[0]), PLANE_Y, worldZ(m.w[1])), 20, false);
    } else if (t === 'endpoints') {
      const seen = new Set<string>();
      const pts: [number, number][] = [];
      for (const e of useStoryRuns.getState().endpoints) {
        const k = `${e.w[0].toFixed(2)},${e.w[1].toFixed(2)}`;
        if (seen.has(k)) continue;
        seen.add(k);
        const p = surf(e.w[0], e.w[1]);
        if (p) pts.push(p);
        add(t, p, 10, false);
      }
      if (pts.length) {
        // One ring around the cluster of endpoints.
        const cx = pts.reduce((a, p) => a + p[0], 0) / pts.length, cy = pts.reduce((a, p) => a + p[1], 0) / pts.length;
        const r = Math.max(...pts.map((p) => Math.hypot(p[0] - cx, p[1] - cy))) + 14;
        marks.push({ kind: 'ring', target: t, points: [[cx, cy]], r });
      }
    }
  }
  return { marks, targets };
}

/**
 * The area the card may use: the window below the header. What it must not cover is said by the
 * targets (the objects the step names) and, weighing less, the panel the step refers to.
 */
function freeArea(): Rect {
  const vw = window.innerWidth, vh = window.innerHeight;
  const header = document.querySelector('.app-header')?.getBoundingClientRect();
  const top = header ? Math.max(0, header.bottom) : 0;
  return { left: 0, top, width: vw, height: vh - top };
}

/** The elements a panel anchor stands for (a `display: contents` row stands for its cells). */
function anchorElements(panel: StoryPanel): HTMLElement[] {
  if (!panel) return [];
  const el = document.querySelector<HTMLElement>(PANEL_SELECTORS[panel]);
  if (!el) return [];
  return el.getClientRects().length ? [el] : (Array.from(el.children) as HTMLElement[]);
}

/** The on-screen rectangle of the panel the step refers to (the card avoids it), or null. */
function panelRect(panel: StoryPanel): Rect | null {
  const els = anchorElements(panel);
  if (!els.length) return null;
  const rs = els.map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
  if (!rs.length) return null;
  const l = Math.min(...rs.map((r) => r.left)), t = Math.min(...rs.map((r) => r.top));
  const r = Math.max(...rs.map((q) => q.right)), b = Math.min(window.innerHeight, Math.max(...rs.map((q) => q.bottom)));
  return b > t ? { left: l, top: t, width: r - l, height: b - t } : null;
}

/** Opens the side column the panel is in, outlines the panel and scrolls its column to it. */
function focusPanel(panel: StoryPanel): () => void {
  const els = anchorElements(panel);
  if (!els.length) return () => {};
  const el = els[0];
  const st = useStore.getState();
  const side = el.closest('.panel-left') ? 'left' : el.closest('.panel-right') ? 'right' : null;
  if (side && st.hiddenPanels.includes(side)) st.setLayout({ hiddenPanels: st.hiddenPanels.filter((p) => p !== side) });
  const details = el.closest('details');
  if (details && !details.open) details.open = true;
  for (const e of els) e.classList.add('story-focus');
  // Scroll only the panel's own column (never the page: on a phone that would move the landscape away).
  const column = el.closest<HTMLElement>('.panel-left, .panel-right');
  if (column && column.scrollHeight > column.clientHeight) {
    // A value list under its heading (Ψ = …, bound = …) is scrolled to with the heading.
    const prev = el.previousElementSibling;
    const head = prev && /^H[1-6]$/.test(prev.tagName) ? (prev as HTMLElement) : el;
    const top = head.getBoundingClientRect().top - column.getBoundingClientRect().top + column.scrollTop - 8;
    column.scrollTo({ top: Math.max(0, top), behavior: 'auto' });
  }
  return () => {
    for (const e of els) e.classList.remove('story-focus');
  };
}

const same = (a: Layout, b: Layout) =>
  a.covered === b.covered &&
  a.card?.left === b.card?.left &&
  a.card?.top === b.card?.top &&
  a.marks.length === b.marks.length &&
  a.marks.every((m, i) => m.points.length === b.marks[i].points.length && m.points.every((p, j) => Math.abs(p[0] - b.marks[i].points[j][0]) < 0.5 && Math.abs(p[1] - b.marks[i].points[j][1]) < 0.5));

export function StoryPointer({ step, facts, cardRef }: { step: StoryStepText; facts: StoryFacts; cardRef: RefObject<HTMLElement | null> }) {
  const [layout, setLayout] = useState<Layout>({ marks: [], targets: [], card: null, covered: 0 });
  const latest = useRef({ step, facts });
  latest.current = { step, facts };
  const placed = useRef<{ left: number; top: number } | null>(null);
  const scale = useRef(1);

  useEffect(() => focusPanel(step.panel), [step.id, step.panel]);
  useEffect(() => {
    // Each step (and a change of layout) starts again at full size.
    const reset = () => {
      scale.current = 1;
      cardRef.current?.style.setProperty('--story-scale', '1');
    };
    reset();
    window.addEventListener('resize', reset);
    return () => window.removeEventListener('resize', reset);
  }, [step.id, facts.runs, cardRef]);

  useEffect(() => {
    let raf = 0;
    let prev: Layout | null = null;
    const tick = () => {
      raf = requestAnimationFrame(tick);
      const card = cardRef.current;
      if (!card) return;
      const { step: s, facts: f } = latest.current;
      const { marks, targets } = measure(s, f);
      const area = freeArea();
      const avoid = panelRect(s.panel);
      const pos = placeCard(area, card.offsetWidth, card.offsetHeight, targets, placed.current, avoid ? [avoid] : []);
      const clipped = card.scrollHeight > card.clientHeight + 1;
      if ((pos.covered > 0 || pos.panelCovered || clipped) && scale.current > MIN_SCALE + 1e-9) {
        // No clear place at this size (or the card scrolls): smaller type, measured again next frame.
        scale.current = Math.max(MIN_SCALE, Math.round((scale.current - SCALE_STEP) * 100) / 100);
        card.style.setProperty('--story-scale', String(scale.current));
        placed.current = null;
        return;
      }
      placed.current = { left: Math.round(pos.left), top: Math.round(pos.top) };
      card.style.left = `${placed.current.left}px`;
      card.style.top = `${placed.current.top}px`;
      card.style.bottom = 'auto';
      card.style.transform = 'none';
      storyLayoutProbe.card = { left: placed.current.left, top: placed.current.top, width: card.offsetWidth, height: card.offsetHeight };
      storyLayoutProbe.targets = targets;
      storyLayoutProbe.covered = pos.covered;
      storyLayoutProbe.panel = s.panel;
      const next: Layout = { marks, targets, card: placed.current, covered: pos.covered };
      if (!prev || !same(prev, next)) {
        prev = next;
        setLayout(next);
      }
    };
    tick();
    return () => {
      cancelAnimationFrame(raf);
      storyLayoutProbe.card = null;
      storyLayoutProbe.targets = [];
    };
  }, [cardRef]);

  return (
    <svg className="story-marks" aria-hidden="true" width="100%" height="100%">
      {layout.marks.map((m, i) =>
        m.kind === 'ring' ? (
          <circle key={i} className={`story-mark story-mark-${m.target}`} cx={m.points[0][0]} cy={m.points[0][1]} r={m.r} />
        ) : (
          <polygon key={i} className={`story-mark story-mark-${m.target}`} points={m.points.map((p) => p.join(',')).join(' ')} />
        ),
      )}
    </svg>
  );
}
