/**
 * Everything inside the <Canvas>: lights, surface, bound plane, minima, marker, axes, contours,
 * camera and the marker drag. Recomputes the world frame (frame.ts) when a grid arrives or the
 * height transform changes, and hands its version down so children rewrite their buffers.
 */
import { useEffect, useMemo, useRef, useSyncExternalStore, type RefObject } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { Vector3 } from 'three';
import { useStore } from '../state/store';
import { useSceneColors } from './sceneTheme';
import { gridBuffers } from '../state/buffers';
import { frame, setFrameFromGrid, surfaceHeightAt, worldX, worldZ } from './frame';
import { Surface } from './Surface';
import { BoundPlane } from './BoundPlane';
import { Marker } from './Marker';
import { MinimaBars } from './MinimaBars';
import { Axes } from './Axes';
import { Contours } from './Contours';
import { CameraRig } from './CameraRig';
import { DragController, markerScreenPosition } from './DragController';
import { useSceneState } from './sceneState';
import { useLiveMarkerState } from '../state/liveMarker';
import { sceneProbe } from './probe';
import { mark } from '../state/timeline';
import { useIdleWork } from './idleWork';
import { LabelProjector } from './LabelProjector';
import { SceneCapture } from './SceneCapture';
import { TrainingPaths } from './TrainingPaths';
import { StoryMarks } from './StoryMarks';
import { ExperimentPoints } from './ExperimentPoints';
import { AsyncPresenter, presentModeFor, rendererName, requestedPresentMode } from './presenter';
import { frameMayRead, frameRead } from '../state/gpuTurns';

/** Pixel ratio at rest (mildly supersampled: the canvas has no MSAA) and while interacting. */
export function restDpr(): number {
  return Math.min(2, (typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1) * 1.25);
}
export function dragDpr(): number {
  return Math.max(0.5, (typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1) * 0.6);
}

/** Height multiplier of the top-down map (flat, so the map has no perspective distortion). */
const TOP_DOWN_FLATTEN = 0.002;

/**
 * Keeps the world frame (frame.ts) in step with the buffers: recomputed in the store's listener
 * when the grid, the height transform or the view changed (never during a render), and once when
 * the scene subscribes; `onChange` is told after each recomputation.
 */
function subscribeFrame(onChange: () => void): () => void {
  let last = { version: -1, log: false, flat: false };
  const sync = () => {
    const s = useStore.getState();
    const f = gridBuffers.fields;
    const log = s.heightScale === 'log', flat = s.topDown;
    if (!f || (last.version === s.gridVersion && last.log === log && last.flat === flat && frame.res === f.res)) return;
    setFrameFromGrid(f, gridBuffers.w1Range, gridBuffers.w2Range, log, flat ? TOP_DOWN_FLATTEN : 1);
    last = { version: s.gridVersion, log, flat };
    onChange();
  };
  sync();
  return useStore.subscribe((s) => [s.gridVersion, s.heightScale, s.topDown] as const, sync, { equalityFn: (a, b) => a.every((v, i) => v === b[i]) });
}

const frameVersion = () => frame.version;

/** The world frame's version (the frame follows the grid, the height transform and the view). */
function useFrameVersion(): number {
  return useSyncExternalStore(subscribeFrame, frameVersion);
}

const FIRST_LANDSCAPE = 'pacscape:first-landscape';

/**
 * Marks `pacscape:first-landscape` (read by the bench) once the first frame drawn with a landscape
 * (`firstFrame`, 1-based in sceneProbe.frames; 0 before) is on screen; once per page.
 */
function markFirstLandscape(firstFrame: number): void {
  if (firstFrame === 0 || sceneProbe.shown < firstFrame || performance.getEntriesByName(FIRST_LANDSCAPE).length > 0) return;
  performance.mark(FIRST_LANDSCAPE);
}

/** Longest a frame waits for pending idle work (ms) before it renders anyway. */
const GATE_MAX_MS = 400;

/**
 * Renders the scene (r3f's own render is off: this useFrame has a positive priority) unless
 * after-grid work (contours, minima: idleWork.ts) is still pending; then the frame is skipped and
 * drawn once that work is done. So a grid's arrival costs one frame, not one per finished piece:
 * each frame costs a copy of the canvas in a software-composited browser (asynchronous through
 * presenter.ts; with `?present=direct` a synchronous read-back in the page's commit).
 * Where frames are presented asynchronously it also holds a frame while two are in flight, and
 * draws it once the next one is shown.
 */
/**
 * Marks the stage once a frame with the surface in it is on screen: until then the DOM overlays
 * (axis ticks, minimum labels, readout, legend) stay hidden, so none shows over an empty canvas.
 */
function markSurfaceShown(canvas: HTMLCanvasElement): void {
  const stage = canvas.closest('.landscape');
  if (stage && !stage.hasAttribute('data-surface-shown')) stage.setAttribute('data-surface-shown', '');
}

function RenderGate({ presentTo }: { presentTo?: RefObject<HTMLCanvasElement | null> }) {
  const invalidate = useThree((s) => s.invalidate);
  const gl = useThree((s) => s.gl);
  const idleWork = useIdleWork();
  const heldSince = useRef(0);
  const poll = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const presenter = useRef<AsyncPresenter | null>(null);
  const deferred = useRef(false);
  /** The first frame drawn with a landscape (1-based in sceneProbe.frames; 0 before). */
  const firstFrame = useRef(0);
  // Where WebGL runs in software, frames reach the screen through an async copy (presenter.ts).
  useEffect(() => {
    const ctx = gl.getContext();
    const target = presentTo?.current;
    const mode = presentModeFor(rendererName(ctx as WebGL2RenderingContext), requestedPresentMode());
    if (mode !== 'async' || !target || typeof WebGL2RenderingContext === 'undefined' || !(ctx instanceof WebGL2RenderingContext)) {
      sceneProbe.presentMode = 'direct';
      return;
    }
    const p = new AsyncPresenter(ctx, gl.domElement, target, (withSurface) => {
      sceneProbe.shown++;
      markFirstLandscape(firstFrame.current);
      if (withSurface) markSurfaceShown(gl.domElement);
      if (deferred.current) {
        deferred.current = false;
        invalidate();
      }
    }, { mayRead: () => frameMayRead(), read: frameRead });
    presenter.current = p;
    sceneProbe.presentMode = 'async';
    const lost = () => p.contextLost();
    gl.domElement.addEventListener('webglcontextlost', lost);
    invalidate();
    return () => {
      gl.domElement.removeEventListener('webglcontextlost', lost);
      p.dispose();
      presenter.current = null;
      sceneProbe.presentMode = 'direct';
    };
  }, [gl, presentTo, invalidate]);
  useFrame(({ gl, scene, camera }) => {
    if (poll.current !== undefined) clearTimeout(poll.current);
    poll.current = undefined;
    // The first landscape is drawn at once (its minima follow in the next frame).
    if (firstFrame.current !== 0 && idleWork.pending()) {
      const now = performance.now();
      if (!heldSince.current) heldSince.current = now;
      if (now - heldSince.current < GATE_MAX_MS) {
        // Look again in a while (the work's end also asks for a frame; this is the backstop).
        poll.current = setTimeout(function gatePoll() {
          poll.current = undefined;
          invalidate();
        }, GATE_MAX_MS / 4);
        return;
      }
    }
    heldSince.current = 0;
    // Paced by the GPU where frames are presented asynchronously: drawn once one is shown.
    if (presenter.current?.busy) {
      deferred.current = true;
      return;
    }
    mark('frame start');
    const withSurface = useStore.getState().gridVersion > 0 ? 1 : 0;
    gl.render(scene, camera);
    if (presenter.current) presenter.current.capture(withSurface);
    else {
      sceneProbe.shown++;
      if (withSurface) markSurfaceShown(gl.domElement);
    }
    mark('frame end');
    sceneProbe.frames++;
    if (firstFrame.current === 0 && frame.res >= 2) firstFrame.current = sceneProbe.frames;
    if (!presenter.current) markFirstLandscape(firstFrame.current);
  }, 1);
  useEffect(() => {
    const off = idleWork.onDone(() => invalidate());
    return () => {
      off();
      if (poll.current !== undefined) clearTimeout(poll.current);
    };
  }, [invalidate, idleWork]);
  return null;
}

function Probe() {
  const get = useThree((s) => s.get);
  const live = useLiveMarkerState();
  useEffect(() => {
    const tmp = new Vector3();
    sceneProbe.mounted = true;
    sceneProbe.markerOnPage = () => {
      const { gl, camera } = get();
      const r = gl.domElement.getBoundingClientRect();
      const [x, y] = markerScreenPosition(live.current(), camera, r.width, r.height, tmp);
      return [r.left + x, r.top + y];
    };
    sceneProbe.surfaceOnPage = (w1, w2) => {
      const { gl, camera } = get();
      const r = gl.domElement.getBoundingClientRect();
      tmp.set(worldX(w1), surfaceHeightAt(w1, w2), worldZ(w2)).project(camera);
      return [r.left + ((tmp.x + 1) / 2) * r.width, r.top + ((1 - tmp.y) / 2) * r.height];
    };
    sceneProbe.worldOnPage = (x, y, z) => {
      const { gl, camera } = get();
      const r = gl.domElement.getBoundingClientRect();
      tmp.set(x, y, z).project(camera);
      if (tmp.z > 1 || tmp.z < -1) return null;
      return [r.left + ((tmp.x + 1) / 2) * r.width, r.top + ((1 - tmp.y) / 2) * r.height];
    };
    sceneProbe.visibleObjects = () => {
      const names: string[] = [];
      get().scene.traverseVisible((o) => {
        if (o.name) names.push(o.name);
      });
      return names;
    };
    sceneProbe.three = () => get();
    return () => {
      sceneProbe.three = null;
      sceneProbe.mounted = false;
      sceneProbe.visibleObjects = null;
      sceneProbe.markerOnPage = null;
      sceneProbe.surfaceOnPage = null;
      sceneProbe.worldOnPage = null;
    };
  }, [get, live]);
  return null;
}

/**
 * While a grid computes, the scene stays in its light mode (the preview is coarse anyway), so the
 * frames drawn between compute chunks stay short; the full-quality frame follows when it is done.
 */
function LightWhileComputing() {
  const { setInteracting } = useSceneState().interaction;
  useEffect(() => {
    // Subscribed directly (not through a render + passive effect), so that the switch back to the
    // full mesh lands in the same frame as the last grid's arrival.
    setInteracting(useStore.getState().computing, 'compute');
    const unsub = useStore.subscribe(
      (s) => s.computing,
      (computing) => setInteracting(computing, 'compute'),
    );
    return () => {
      unsub();
      setInteracting(false, 'compute');
    };
  }, [setInteracting]);
  return null;
}

/**
 * Lower pixel ratio while the user interacts, full at rest. Not while a grid computes: a canvas
 * resize waits on the GPU process, which is then busy with the engine's work.
 */
function AdaptivePixelRatio() {
  const setDpr = useThree((s) => s.setDpr);
  const invalidate = useThree((s) => s.invalidate);
  const { onUserInteraction } = useSceneState().interaction;
  useEffect(
    () =>
      onUserInteraction((user) => {
        setDpr(user ? dragDpr() : restDpr());
        invalidate();
      }),
    [setDpr, invalidate, onUserInteraction],
  );
  return null;
}

/** @param presentTo the 2-D canvas that shows the frames where they are presented asynchronously */
export function LandscapeScene({ presentTo }: { presentTo?: RefObject<HTMLCanvasElement | null> }) {
  const frameVersion = useFrameVersion();
  const res = frame.res;
  const ready = res >= 2;
  const light = useMemo(() => new Vector3(4, 10, 6), []);
  const colors = useSceneColors();
  return (
    <>
      <color attach="background" args={[colors.background]} />
      <ambientLight intensity={0.45} />
      <directionalLight position={light} intensity={1.25} />
      <directionalLight position={[-6, 3, -4]} intensity={0.18} />
      <CameraRig frameVersion={frameVersion} />
      <DragController />
      <AdaptivePixelRatio />
      <LightWhileComputing />
      <Probe />
      <RenderGate presentTo={presentTo} />
      <LabelProjector />
      <SceneCapture />
      {ready && (
        <>
          <Surface res={res} frameVersion={frameVersion} />
          <BoundPlane res={res} frameVersion={frameVersion} />
          <MinimaBars frameVersion={frameVersion} />
          <Marker frameVersion={frameVersion} />
          <Axes frameVersion={frameVersion} />
          <Contours frameVersion={frameVersion} />
          <TrainingPaths frameVersion={frameVersion} />
          <StoryMarks frameVersion={frameVersion} />
          <ExperimentPoints frameVersion={frameVersion} />
        </>
      )}
    </>
  );
}
