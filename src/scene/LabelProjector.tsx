/**
 * Projects the registered labels (labels.ts) to the screen on every rendered frame: the axes' tick
 * labels and titles are measured where scene/Axes draws them (one under an overlay is hidden
 * rather than half covered), then the minima's tags are placed clear of them, of the stage's
 * overlays and of each other.
 */
import { useEffect, useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { Vector3 } from 'three';
import { axisLabelAnchors, axisLabelsShown, labelAnchors, labelHooks, leaderEnd, place, type Box, type Placed } from './labels';
import { surfaceHeightAt, worldX, worldZ } from './frame';

/** The stage's overlays (its own, and those portalled into the page's stage around it) that tags keep clear of. */
export const STAGE_OVERLAYS = '.landscape-readout, .colorbar, .landscape-legend, .train-stage-bar, .train-stage-inset, .embed-bar, .stale-pins, .message-region.in-stage .message, .story';

/** Margin kept between a tag and the canvas' edges (CSS px). */
const EDGE = 2;

/** Full sizes of the tags (a crowded tag is shown as a chip, which must not shrink its place). */
const fullSize = new WeakMap<HTMLElement, { w: number; h: number }>();

function overlayBoxes(canvas: HTMLCanvasElement): Box[] {
  const o = canvas.getBoundingClientRect();
  const around = canvas.closest('.stage') ?? canvas.closest('.landscape') ?? document.body;
  const out: Box[] = [];
  for (const e of around.querySelectorAll<HTMLElement>(STAGE_OVERLAYS)) {
    const r = e.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0 || getComputedStyle(e).visibility === 'hidden') continue;
    out.push({ left: r.left - o.left, top: r.top - o.top, right: r.right - o.left, bottom: r.bottom - o.top });
  }
  return out;
}

export function LabelProjector() {
  const invalidate = useThree((s) => s.invalidate);
  const gl = useThree((s) => s.gl);
  const tmp = useMemo(() => new Vector3(), []);
  useEffect(() => {
    labelHooks.invalidate = invalidate;
    invalidate();
    return () => {
      labelHooks.invalidate = () => {};
    };
  }, [invalidate]);
  // An overlay that appears, goes or changes size (the training run's decision view, the legend
  // wrapping) moves what the tags and tick labels must keep clear of: place them again.
  useEffect(() => {
    const around = gl.domElement.closest('.stage') ?? gl.domElement.closest('.landscape');
    if (!around) return;
    let raf = 0;
    const again = () => {
      if (raf) return;
      raf = requestAnimationFrame(() => {
        raf = 0;
        for (const e of around.querySelectorAll(STAGE_OVERLAYS)) ro.observe(e);
        invalidate();
      });
    };
    const ro = new ResizeObserver(again);
    const mo = new MutationObserver(again);
    mo.observe(around, { childList: true, subtree: true });
    again();
    return () => {
      cancelAnimationFrame(raf);
      ro.disconnect();
      mo.disconnect();
    };
  }, [gl, invalidate]);
  useFrame(({ camera, size }) => {
    const overlays = overlayBoxes(gl.domElement);
    const obstacles = [...overlays];
    // Axis labels, as drei's Html places them (centred on the projected point): one under an
    // overlay or touching a label ranked before it (a title, an inner tick) is hidden.
    const axis: { el: HTMLElement; box: Box; rank: number }[] = [];
    for (const a of axisLabelAnchors.values()) {
      tmp.set(...a.pos).project(camera);
      const w = a.el.offsetWidth, h = a.el.offsetHeight;
      if (tmp.z > 1 || tmp.z < -1 || w === 0) continue;
      const x = ((tmp.x + 1) / 2) * size.width, y = ((1 - tmp.y) / 2) * size.height;
      axis.push({ el: a.el, box: { left: x - w / 2, top: y - h / 2, right: x + w / 2, bottom: y + h / 2 }, rank: a.rank });
    }
    axisLabelsShown(axis, overlays).forEach((shown, i) => {
      axis[i].el.style.visibility = shown ? '' : 'hidden';
      if (shown) obstacles.push(axis[i].box);
    });
    const tags: Placed[] = [];
    for (const a of labelAnchors.values()) {
      tmp.set(worldX(a.w1), surfaceHeightAt(a.w1, a.w2) + a.lift, worldZ(a.w2)).project(camera);
      const hidden = tmp.z > 1 || tmp.z < -1;
      if (!a.el.classList.contains('is-crowded') && a.el.offsetWidth > 0) fullSize.set(a.el, { w: a.el.offsetWidth, h: a.el.offsetHeight });
      const s = fullSize.get(a.el) ?? { w: a.el.offsetWidth, h: a.el.offsetHeight };
      tags.push({ el: a.el, hidden, x: ((tmp.x + 1) / 2) * size.width, y: ((1 - tmp.y) / 2) * size.height, w: s.w, h: s.h });
    }
    place(tags, obstacles, { left: EDGE, top: EDGE, right: size.width - EDGE, bottom: size.height - EDGE });
    for (const t of tags) {
      const el = t.el;
      el.style.visibility = t.hidden ? 'hidden' : 'visible';
      el.classList.toggle('is-crowded', !!t.crowded);
      el.dataset.placed = t.hidden ? 'hidden' : t.crowded ? 'crowded' : t.box && (t.box.bottom !== t.y || (t.box.left + t.box.right) / 2 !== t.x) ? 'moved' : 'home';
      if (!t.box) continue;
      const b = t.box;
      el.style.transform = `translate(${b.left}px, ${b.top}px)`;
      // The leader line from the anchor to the nearest point of the tag or chip (landscape.css); a
      // crowded tag shows whole on hover or focus, from the chip's place.
      const [ex, ey] = leaderEnd(b, t.x, t.y);
      const len = Math.hypot(ex - t.x, ey - t.y);
      el.style.setProperty('--lead-x', `${(t.x - b.left).toFixed(1)}px`);
      el.style.setProperty('--lead-y', `${(t.y - b.top).toFixed(1)}px`);
      el.style.setProperty('--lead-len', `${len < 3 ? 0 : len.toFixed(1)}px`);
      el.style.setProperty('--lead-angle', `${Math.atan2(ey - t.y, ex - t.x).toFixed(4)}rad`);
    }
  });
  return null;
}
