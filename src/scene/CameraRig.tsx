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
import { useSceneState } from './sceneState';
import { PLANE_Y, SURFACE_HEIGHT, frame, halfExtent } from './frame';
import { freeRect, topDownCamera, type Rect } from './topDownFrame';
import { fitCamera } from './cameraFit';

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

/** Overlays the 3-D landscape stays out from under (the bottom bars are below its bounds). */
const TOP_OVERLAYS = '.landscape-readout, .colorbar, .train-stage-inset, .embed-bar';

/** World points the default view frames: the surface (a coarse sample of its nodes) and the plane's corners. */
function landscapePoints(): [number, number, number][] {
  const [hx, hz] = halfExtent();
  const pts: [number, number, number][] = [
    [-hx, PLANE_Y, -hz],
    [hx, PLANE_Y, -hz],
    [-hx, PLANE_Y, hz],
    [hx, PLANE_Y, hz],
  ];
  const res = frame.res;
  if (res < 2) return pts;
  const n = Math.min(res, 33);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      const i = Math.round((a * (res - 1)) / (n - 1)), j = Math.round((b * (res - 1)) / (n - 1));
      pts.push([-hx + (2 * hx * j) / (res - 1), frame.heights[i * res + j], hz - (2 * hz * i) / (res - 1)]);
    }
  return pts;
}

/** Where scene/Axes puts its tick labels and titles: the ends of each row of them. */
function axisLabelPoints(): [number, number, number][] {
  const [hx, hz] = halfExtent();
  const y0 = PLANE_Y;
  return [
    [-hx, y0, hz + 0.42],
    [hx, y0, hz + 0.42],
    [0, y0 - 0.1, hz + 1.0],
    [-hx - 0.45, y0, -hz],
    [-hx - 0.45, y0, hz],
    [-hx - 1.1, y0 - 0.1, 0],
    [-hx - 0.42, 0, -hz],
    [-hx - 0.42, SURFACE_HEIGHT, -hz],
    [-hx, SURFACE_HEIGHT + 0.45, -hz],
  ];
}

/** The default 3-D view framed for the stage as laid out now (scene/cameraFit). */
function defaultViewOf(stage: HTMLElement, canvas: HTMLCanvasElement, aspect: number): CameraView {
  // In the canvas' coordinates (the stage element may reach below the part the canvas covers).
  const o = canvas.getBoundingClientRect();
  const around = stage.closest('.stage') ?? stage;
  const boxes = (sel: string): Rect[] =>
    [...around.querySelectorAll(sel)]
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => ({ left: r.left - o.left, top: r.top - o.top, right: r.right - o.left, bottom: r.bottom - o.top }));
  const bottom = Math.min(o.height, ...boxes('.landscape-legend, .train-stage-bar').map((r) => r.top)) - 4;
  const bounds = { left: 4, top: 4, right: o.width - 4, bottom };
  const labels = axisLabelPoints();
  const view = fitCamera(defaultCameraFor(aspect), DEFAULT_FOV, { stage: { width: o.width, height: o.height }, bounds, obstacles: boxes(TOP_OVERLAYS), points: landscapePoints(), labels });
  // The part of the stage the default view is framed into, and the view, for tests and for anyone inspecting the page.
  stage.dataset.fitBounds = [bounds.left, bounds.top, bounds.right, bounds.bottom].map(Math.round).join(',');
  stage.dataset.fitView = [...view.position, ...view.target].join(',');
  return view;
}

const round = (v: number) => Math.round(v * 1000) / 1000;
const sameView = (a: CameraView, b: CameraView) => a.position.every((x, i) => Math.abs(x - b.position[i]) < 1e-3) && a.target.every((x, i) => Math.abs(x - b.target[i]) < 1e-3);

/** Aspect ratio (width / height) the default camera is framed for; narrower stages back off. */
const DEFAULT_ASPECT = 1.4;

/** The default view for a stage of the given aspect: moved back along its ray when narrower. */
export function defaultCameraFor(aspect: number): CameraView {
  const k = Math.pow(Math.max(1, DEFAULT_ASPECT / Math.max(0.3, aspect)), 0.8);
  const [p, t] = [DEFAULT_CAMERA.position, DEFAULT_CAMERA.target];
  return { position: [t[0] + (p[0] - t[0]) * k, t[1] + (p[1] - t[1]) * k, t[2] + (p[2] - t[2]) * k], target: t };
}

export function CameraRig({ frameVersion = 0 }: { frameVersion?: number }) {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const invalidate = useThree((s) => s.invalidate);
  const controls = useRef<OrbitControlsImpl>(null);
  const view = useStore((s) => s.camera);
  const topDown = useStore((s) => s.topDown);
  const size = useThree((s) => s.size);
  // Re-frame the default view only when the aspect changes noticeably (not on every pixel).
  const aspect = Math.round((size.width / Math.max(1, size.height)) * 10) / 10;

  // The top-down view is framed into the stage's free part (scene/topDownFrame), the default 3-D
  // view as large as the stage's free part allows (scene/cameraFit); both re-measured when the
  // stage or an overlay changes size. The 3-D fit changes only when the layout does (not when the
  // readout's numbers change width during a drag: the view must not move under the pointer).
  const gl = useThree((s) => s.gl);
  const [topView, setTopView] = useState<CameraView>(TOP_DOWN_CAMERA);
  const [fitView, setFitView] = useState<CameraView | null>(null);
  const gridVersion = useStore((s) => s.gridVersion);
  useEffect(() => {
    const stage = gl.domElement.closest('.landscape') as HTMLElement | null;
    if (!stage) return;
    const around = stage.closest('.stage') ?? stage;
    let layoutKey = '';
    const measure = () => {
      if (topDown) {
        const next = topDownViewOf(stage, TOP_DOWN_FOV);
        setTopView((cur) => (sameView(next, cur) ? cur : next));
        return;
      }
      // What the 3-D fit depends on: the stage's size, which overlays there are, the bottom bars' top.
      const o = gl.domElement.getBoundingClientRect();
      const key = [Math.round(o.width), Math.round(o.height), ...[...around.querySelectorAll(`${TOP_OVERLAYS}, .landscape-legend, .train-stage-bar`)].map((e) => {
        const r = e.getBoundingClientRect();
        return `${e.className}:${Math.round(r.height / 8)}:${Math.round((r.top - o.top) / 8)}`;
      })].join('|');
      if (key === layoutKey) return;
      layoutKey = key;
      const next = defaultViewOf(stage, gl.domElement, aspect);
      setFitView((cur) => (cur && sameView(next, cur) ? cur : next));
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
  }, [topDown, gl, camera, gridVersion, frameVersion, aspect]);

  useEffect(() => {
    const c = controls.current;
    const v = topDown ? topView : (view ?? fitView ?? defaultCameraFor(aspect));
    camera.fov = topDown ? TOP_DOWN_FOV : DEFAULT_FOV;
    camera.position.set(...v.position);
    camera.updateProjectionMatrix();
    if (c) {
      c.target.set(...v.target);
      c.update();
    } else camera.lookAt(...v.target);
    invalidate();
  }, [view, topDown, topView, fitView, camera, invalidate, aspect]);

  const { interaction } = useSceneState();
  const onStart = useCallback(() => interaction.setInteracting(true, 'orbit'), [interaction]);
  const onEnd = useCallback(() => {
    interaction.setInteracting(false, 'orbit');
    const c = controls.current;
    if (!c || useStore.getState().topDown) return;
    const p = camera.position, t = c.target;
    const next: CameraView = { position: [round(p.x), round(p.y), round(p.z)], target: [round(t.x), round(t.y), round(t.z)] };
    const cur = useStore.getState().camera ?? fitView ?? defaultCameraFor(aspect);
    if (next.position.some((x, i) => x !== cur.position[i]) || next.target.some((x, i) => x !== cur.target[i])) useStore.getState().setView({ camera: next });
  }, [camera, aspect, fitView, interaction]);

  return <OrbitControls ref={controls} makeDefault enableDamping={false} enableRotate={!topDown} minDistance={3} maxDistance={60} maxPolarAngle={Math.PI * 0.495} onStart={onStart} onEnd={onEnd} />;
}
