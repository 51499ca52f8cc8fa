/**
 * The camera: orbit / zoom / pan (drei OrbitControls on the default perspective camera), the
 * default 3-D view, and the top-down 2-D view (camera straight above, rotation locked). Writes the
 * orbit to the store's `camera` when it settles and follows the store when a link or the story
 * sets it; `camera: null` is the default view (the reset button sets that).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { OrbitControls } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import type { PerspectiveCamera } from 'three';
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib';
import { useStore } from '../state/store';
import type { CameraView } from '../core/urlCodec';
import { setInteracting } from './interaction';
import { halfExtent } from './frame';
import { freeRect, topDownCamera, type Rect } from './topDownFrame';

export const DEFAULT_CAMERA: CameraView = { position: [-9.5, 11, 15.5], target: [0.3, 0.2, -0.3] };
export const DEFAULT_FOV = 38;
const TOP_DOWN_CAMERA: CameraView = { position: [0, 30, 0.0001], target: [0, 0, 0] };
const TOP_DOWN_FOV = 24;

/** The stage's overlays the top-down plot keeps clear of. */
const OVERLAYS = '.landscape-readout, .landscape-colorbars, .landscape-legend, .train-stage-bar';

/** The top-down camera for the stage element as laid out now. */
function topDownViewOf(stage: HTMLElement, fov: number): CameraView {
  const o = stage.getBoundingClientRect();
  const rel = (sel: string): Rect | null => {
    // The stage's own overlays, and those portalled into the page's stage around it (the training bar).
    const e = stage.querySelector(sel) ?? (stage.closest('.stage') ?? document).querySelector(sel);
    if (!e) return null;
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return null;
    return { left: r.left - o.left, top: r.top - o.top, right: r.right - o.left, bottom: r.bottom - o.top };
  };
  const size = { width: o.width, height: o.height };
  const free = freeRect(size, { readout: rel('.landscape-readout'), colorbars: rel('.landscape-colorbars'), bottom: [rel('.landscape-legend'), rel('.train-stage-bar')] });
  const [hx, hz] = halfExtent();
  // The free part the plot is framed into, for tests and for anyone inspecting the page.
  stage.dataset.topDownFree = [free.left, free.top, free.right, free.bottom].map(Math.round).join(',');
  return topDownCamera(size, free, hx, hz, fov);
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** Aspect ratio (width / height) the default camera is framed for; narrower stages back off. */
const DEFAULT_ASPECT = 1.4;

/** The default view for a stage of the given aspect: moved back along its ray when narrower. */
export function defaultCameraFor(aspect: number): CameraView {
  const k = Math.pow(Math.max(1, DEFAULT_ASPECT / Math.max(0.3, aspect)), 0.8);
  const [p, t] = [DEFAULT_CAMERA.position, DEFAULT_CAMERA.target];
  return { position: [t[0] + (p[0] - t[0]) * k, t[1] + (p[1] - t[1]) * k, t[2] + (p[2] - t[2]) * k], target: t };
}

export function CameraRig() {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const invalidate = useThree((s) => s.invalidate);
  const controls = useRef<OrbitControlsImpl>(null);
  const view = useStore((s) => s.camera);
  const topDown = useStore((s) => s.topDown);
  const size = useThree((s) => s.size);
  // Re-frame the default view only when the aspect changes noticeably (not on every pixel).
  const aspect = Math.round((size.width / Math.max(1, size.height)) * 10) / 10;

  // The top-down view is framed into the stage's free part (scene/topDownFrame), re-measured when
  // the stage or an overlay changes size.
  const gl = useThree((s) => s.gl);
  const [topView, setTopView] = useState<CameraView>(TOP_DOWN_CAMERA);
  const gridVersion = useStore((s) => s.gridVersion);
  useEffect(() => {
    if (!topDown) return;
    const stage = gl.domElement.closest('.landscape') as HTMLElement | null;
    if (!stage) return;
    const around = stage.closest('.stage') ?? stage;
    const measure = () => {
      const next = topDownViewOf(stage, TOP_DOWN_FOV);
      setTopView((cur) => (next.position.every((x, i) => Math.abs(x - cur.position[i]) < 1e-3) && next.target.every((x, i) => Math.abs(x - cur.target[i]) < 1e-3) ? cur : next));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(stage);
    for (const el of around.querySelectorAll(OVERLAYS)) ro.observe(el);
    // Overlays that appear later (the colour bars once the grid is in, the legend, the training
    // bar's portal): re-observed and re-measured once per frame at most.
    let raf = 0;
    const mo = new MutationObserver(() => {
      if (raf) return;
      raf = requestAnimationFrame(() => {
        raf = 0;
        for (const el of around.querySelectorAll(OVERLAYS)) ro.observe(el);
        measure();
      });
    });
    mo.observe(around, { childList: true, subtree: true });
    // The stage's own style: the training bar moves with the legend's top (--legend-top).
    mo.observe(around, { attributes: true, attributeFilter: ['style'] });
    return () => {
      cancelAnimationFrame(raf);
      ro.disconnect();
      mo.disconnect();
    };
  }, [topDown, gl, camera, gridVersion]);

  useEffect(() => {
    const c = controls.current;
    const v = topDown ? topView : (view ?? defaultCameraFor(aspect));
    camera.fov = topDown ? TOP_DOWN_FOV : DEFAULT_FOV;
    camera.position.set(...v.position);
    camera.updateProjectionMatrix();
    if (c) {
      c.target.set(...v.target);
      c.update();
    } else camera.lookAt(...v.target);
    invalidate();
  }, [view, topDown, topView, camera, invalidate, aspect]);

  const onStart = useCallback(() => setInteracting(true, 'orbit'), []);
  const onEnd = useCallback(() => {
    setInteracting(false, 'orbit');
    const c = controls.current;
    if (!c || useStore.getState().topDown) return;
    const p = camera.position, t = c.target;
    const next: CameraView = { position: [round(p.x), round(p.y), round(p.z)], target: [round(t.x), round(t.y), round(t.z)] };
    const cur = useStore.getState().camera ?? defaultCameraFor(aspect);
    if (next.position.some((x, i) => x !== cur.position[i]) || next.target.some((x, i) => x !== cur.target[i])) useStore.getState().setView({ camera: next });
  }, [camera, aspect]);

  return <OrbitControls ref={controls} makeDefault enableDamping={false} enableRotate={!topDown} minDistance={3} maxDistance={60} maxPolarAngle={Math.PI * 0.495} onStart={onStart} onEnd={onEnd} />;
}
