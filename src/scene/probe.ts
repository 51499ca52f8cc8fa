/**
 * Read-only facts about the rendered scene for the scripting API, tests and the bench (app/marker.ts
 * exposes them on window.pacscape): frames drawn, and where the marker's handle is on screen.
 */
import type { Camera, Object3D, WebGLRenderer } from 'three';


export const sceneProbe = {
  /** Frames rendered since start (incremented by the scene each frame). */
  frames: 0,
  /** Frames put on screen since start: = frames when presented directly, fewer or later when async. */
  shown: 0,
  /** How frames reach the screen (presenter.ts): the WebGL canvas itself, or an async copy. */
  presentMode: 'direct' as 'direct' | 'async',
  /** Whether the WebGL landscape is mounted (false: the 2-D fallback is shown). */
  mounted: false,
  /** Filled by the scene: the marker handle's position in page CSS pixels, or null. */
  markerOnPage: null as null | (() => [number, number] | null),
  /** Filled by the scene: page CSS pixel position of a world point (w1, w2 on the surface). */
  surfaceOnPage: null as null | ((w1: number, w2: number) => [number, number] | null),
  /** Filled by the scene: page CSS pixel position of a world point (scene units), null behind the camera. */
  worldOnPage: null as null | ((x: number, y: number, z: number) => [number, number] | null),
  camera: null as Camera | null,
  /**
   * The contour lines now in the scene's geometry: the field and grid they were traced for and
   * their segment count (0 while a grid computes; null before the first).
   */
  contours: null as null | { field: string; gridVersion: number; segments: number },
  /** Filled by the scene: whether a contour job is pending (idleWork). */
  contoursPending: (): boolean => false,
  /** Filled by the scene: names of the named objects that are visible now. */
  visibleObjects: null as null | (() => string[]),
  /** Filled by the scene: its renderer, scene graph and camera (the bench's frame timing: app/diagnostics). */
  three: null as null | (() => { gl: WebGLRenderer; scene: Object3D; camera: Camera }),
};
