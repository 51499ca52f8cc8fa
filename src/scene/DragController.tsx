/**
 * Marker dragging on the canvas (pointer and touch): a press near the marker's handle drags it
 * over the surface (the ray is intersected with the heightfield, see frame.ts) and suspends the
 * orbit; a short click elsewhere on the surface drops the marker there; any other press orbits.
 * While dragging, the scene switches to its light mode (interaction.ts). A mouse hovering without a
 * button reports the w under it (hover.ts) for the hover readout.
 */
import { useEffect } from 'react';
import { useThree } from '@react-three/fiber';
import { Raycaster, Vector2, Vector3 } from 'three';
import { useStore } from '../state/store';
import { frame, intersectHeightfield, surfaceHeightAt, worldX, worldZ } from './frame';
import { useLiveMarkerState } from '../state/liveMarker';
import { useSceneState } from './sceneState';

/** Screen distance (CSS px) from the handle within which a press grabs the marker. */
export const GRAB_RADIUS_PX = 28;
export const GRAB_RADIUS_TOUCH_PX = 44;
/** A press that moves less than this and ends sooner than CLICK_MS is a click. */
const CLICK_SLOP_PX = 5;
const CLICK_MS = 400;

/** The marker's handle in canvas CSS pixels (for the grab test, tests and the bench). */
export function markerScreenPosition(marker: readonly [number, number], camera: import('three').Camera, width: number, height: number, out: Vector3): [number, number] {
  const [w1, w2] = marker;
  out.set(worldX(w1), surfaceHeightAt(w1, w2), worldZ(w2)).project(camera);
  return [((out.x + 1) / 2) * width, ((1 - out.y) / 2) * height];
}

export function DragController() {
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera);
  const controls = useThree((s) => s.controls) as unknown as { enabled: boolean } | null;
  const get = useThree((s) => s.get);
  const { interaction, hover } = useSceneState();
  const live = useLiveMarkerState();

  useEffect(() => {
    const { setInteracting } = interaction;
    const setHover = hover.set;
    const el = gl.domElement;
    const ray = new Raycaster();
    const ndc = new Vector2();
    const tmp = new Vector3();
    let dragging = -1;
    let down: { x: number; y: number; t: number; id: number } | null = null;

    const hitAt = (clientX: number, clientY: number): [number, number] | null => {
      const r = el.getBoundingClientRect();
      ndc.set(((clientX - r.left) / r.width) * 2 - 1, -((clientY - r.top) / r.height) * 2 + 1);
      ray.setFromCamera(ndc, get().camera);
      const o = ray.ray.origin, d = ray.ray.direction;
      const w = intersectHeightfield(o.x, o.y, o.z, d.x, d.y, d.z);
      if (!w) return null;
      const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
      return [clamp(w[0], frame.w1[0], frame.w1[1]), clamp(w[1], frame.w2[0], frame.w2[1])];
    };

    const onLeave = () => setHover(null);
    const onDown = (e: PointerEvent) => {
      setHover(null);
      if (!e.isPrimary || (e.pointerType === 'mouse' && e.button !== 0)) return;
      down = { x: e.clientX, y: e.clientY, t: performance.now(), id: e.pointerId };
      const r = el.getBoundingClientRect();
      const [sx, sy] = markerScreenPosition(live.current(), get().camera, r.width, r.height, tmp);
      const radius = e.pointerType === 'touch' ? GRAB_RADIUS_TOUCH_PX : GRAB_RADIUS_PX;
      if (Math.hypot(e.clientX - r.left - sx, e.clientY - r.top - sy) <= radius && tmp.z < 1) {
        dragging = e.pointerId;
        const c = get().controls as unknown as { enabled: boolean } | null;
        if (c) c.enabled = false;
        e.stopImmediatePropagation();
        e.preventDefault();
        try {
          el.setPointerCapture?.(e.pointerId);
        } catch {
          // Synthetic events have no active pointer to capture; the drag still works without it.
        }
        el.style.cursor = 'grabbing';
        setInteracting(true);
      }
    };
    const onMove = (e: PointerEvent) => {
      if (e.pointerId !== dragging) {
        // Hover (mouse, no button held): the readout beside the pointer follows, the marker stays.
        if (e.pointerType === 'mouse' && e.buttons === 0) {
          const r = el.getBoundingClientRect();
          const w = hitAt(e.clientX, e.clientY);
          setHover(w ? { w, x: e.clientX - r.left, y: e.clientY - r.top } : null);
        } else setHover(null);
        return;
      }
      e.stopImmediatePropagation();
      const w = hitAt(e.clientX, e.clientY);
      if (w) live.dragTo(w);
    };
    const onUp = (e: PointerEvent) => {
      if (e.pointerId === dragging) {
        dragging = -1;
        const c = get().controls as unknown as { enabled: boolean } | null;
        if (c) c.enabled = true;
        try {
          el.releasePointerCapture?.(e.pointerId);
        } catch {
          // See setPointerCapture above.
        }
        el.style.cursor = '';
        e.stopImmediatePropagation();
        live.endDrag();
        setInteracting(false);
        down = null;
        return;
      }
      if (down && down.id === e.pointerId && Math.hypot(e.clientX - down.x, e.clientY - down.y) < CLICK_SLOP_PX && performance.now() - down.t < CLICK_MS) {
        const w = hitAt(e.clientX, e.clientY);
        if (w) useStore.getState().setMarker(w);
      }
      down = null;
    };
    el.addEventListener('pointerdown', onDown, { capture: true });
    el.addEventListener('pointermove', onMove, { capture: true });
    el.addEventListener('pointerup', onUp, { capture: true });
    el.addEventListener('pointercancel', onUp, { capture: true });
    el.addEventListener('pointerleave', onLeave);
    return () => {
      el.removeEventListener('pointerleave', onLeave);
      el.removeEventListener('pointerdown', onDown, { capture: true });
      el.removeEventListener('pointermove', onMove, { capture: true });
      el.removeEventListener('pointerup', onUp, { capture: true });
      el.removeEventListener('pointercancel', onUp, { capture: true });
    };
  }, [gl, camera, controls, get, interaction, hover, live]);
  return null;
}
