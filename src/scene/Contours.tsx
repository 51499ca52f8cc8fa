/**
 * Contour lines of the selected field draped on the surface (faint in 3-D, strong in the top-down
 * view). Built by core/contours when the grid, the field or the frame changes — never per frame —
 * in idle-time slices, into one geometry rewritten in place.
 */
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { useThree } from '@react-three/fiber';
import { BufferAttribute, BufferGeometry, DynamicDrawUsage } from 'three';
import { contourSegments } from '../core/contours';
import { useStore } from '../state/store';
import { fieldArray } from '../state/fieldData';
import { frame, surfaceHeightAt, worldX, worldZ } from './frame';
import { DRAPE_LIFT } from './Marker';
import { useIdleWork } from './idleWork';
import { sceneProbe } from './probe';
import { mark } from '../state/timeline';

/** Contour levels per field (at quantiles of the field's values, see contourLevels). */
const CONTOUR_LEVELS = 16;
/** Largest grid the contours are traced on. */
const CONTOUR_RES = 128;

/**
 * Levels at evenly spaced quantiles of the field (rounded to 3 significant digits): the lines then
 * spread over the whole surface instead of bunching on the steep walls, so flat basins show shape.
 */
export function contourLevels(a: Float32Array, count: number): number[] {
  const stride = Math.max(1, Math.floor(a.length / 4096));
  const sample: number[] = [];
  for (let i = 0; i < a.length; i += stride) if (Number.isFinite(a[i])) sample.push(a[i]);
  sample.sort((x, y) => x - y);
  const out: number[] = [];
  // A field with no finite value (or none sampled) has no levels to draw.
  if (sample.length === 0) return out;
  for (let k = 1; k <= count; k++) {
    const v = Number(sample[Math.min(sample.length - 1, Math.floor((k / (count + 1)) * sample.length))].toPrecision(3));
    if (out.length === 0 || v > out[out.length - 1]) out.push(v);
  }
  return out;
}

/**
 * Builds the contour lines of `field` into `g` (rewritten in place; grown when too small) as a
 * sliced job (idleWork.ts): the resampling, each level and the draping are separate steps, so the
 * ~10–50 ms of tracing never make one long task. `done` is called when the lines are in place.
 */
function* buildContours(field: Parameters<typeof fieldArray>[0], g: BufferGeometry, done: () => void): Generator<void, void, unknown> {
  const a = fieldArray(field);
  const res = frame.res;
  const gridVersion = useStore.getState().gridVersion;
  if (!a || a.length !== res * res) return;
  // Trace on at most CONTOUR_RES² nodes (bilinear samples): 16 levels over 256² cost ~50 ms here.
  const n = Math.min(res, CONTOUR_RES);
  let v: ArrayLike<number> = a;
  if (n !== res) {
    const s = new Float32Array(n * n);
    for (let r = 0; r < n; r++) {
      const y = (r * (res - 1)) / (n - 1), r0 = Math.min(res - 2, Math.floor(y)), fy = y - r0;
      for (let c = 0; c < n; c++) {
        const x = (c * (res - 1)) / (n - 1), c0 = Math.min(res - 2, Math.floor(x)), fx = x - c0;
        const i = r0 * res + c0;
        s[r * n + c] = (a[i] * (1 - fx) + a[i + 1] * fx) * (1 - fy) + (a[i + res] * (1 - fx) + a[i + res + 1] * fx) * fy;
      }
      if ((r & 31) === 31) yield;
    }
    v = s;
  }
  yield;
  const segs: number[] = [];
  for (const level of contourLevels(a, CONTOUR_LEVELS)) {
    yield;
    contourSegments(v, n, n, level, segs);
  }
  const count = segs.length / 2;
  let attr = g.getAttribute('position') as BufferAttribute | undefined;
  if (!attr || attr.count < count) {
    // Grow with headroom; dispose first so the renderer drops the old GPU buffer.
    g.dispose();
    attr = new BufferAttribute(new Float32Array(Math.ceil(count * 1.5) * 3 + 3), 3).setUsage(DynamicDrawUsage);
    g.setAttribute('position', attr);
  }
  const pos = attr.array as Float32Array;
  const du = (frame.w1[1] - frame.w1[0]) / (n - 1), dv = (frame.w2[1] - frame.w2[0]) / (n - 1);
  for (let i = 0, k = 0; i < segs.length; i += 2, k += 3) {
    const w1 = frame.w1[0] + segs[i] * du, w2 = frame.w2[0] + segs[i + 1] * dv;
    pos[k] = worldX(w1);
    pos[k + 1] = surfaceHeightAt(w1, w2) + DRAPE_LIFT;
    pos[k + 2] = worldZ(w2);
    if ((i & 4095) === 4094) yield;
  }
  attr.needsUpdate = true;
  g.setDrawRange(0, count);
  sceneProbe.contours = { field, gridVersion, segments: count / 2 };
  mark('contours');
  done();
}

export function Contours({ frameVersion }: { frameVersion: number }) {
  const field = useStore((s) => s.field);
  const topDown = useStore((s) => s.topDown);
  const gridVersion = useStore((s) => s.gridVersion);
  const computing = useStore((s) => s.computing);
  const invalidate = useThree((s) => s.invalidate);
  const { cancelSliced, runSliced, slicedPending } = useIdleWork();
  useEffect(() => {
    sceneProbe.contoursPending = () => slicedPending('contours');
    return () => {
      sceneProbe.contoursPending = () => false;
    };
  }, [slicedPending]);
  const geometry = useMemo(() => {
    const g = new BufferGeometry();
    g.setDrawRange(0, 0);
    return g;
  }, []);
  useEffect(() => () => {
    cancelSliced('contours');
    geometry.dispose();
  }, [geometry, cancelSliced]);
  // While a grid computes the lines are hidden and not traced (the preview is coarse and the
  // scene light anyway; a frame of their own would wait behind the engine's GPU work); they are
  // traced once the grid is final. A layout effect, so that the job is pending before the grid's
  // frame and that frame waits for it (RenderGate) instead of drawing twice.
  useLayoutEffect(() => {
    if (computing) {
      cancelSliced('contours');
      geometry.setDrawRange(0, 0);
      if (sceneProbe.contours) sceneProbe.contours = { ...sceneProbe.contours, segments: 0 };
      return;
    }
    runSliced('contours', buildContours(field, geometry, invalidate));
  }, [field, gridVersion, frameVersion, computing, geometry, invalidate, cancelSliced, runSliced]);
  return (
    <lineSegments geometry={geometry} name="contours" frustumCulled={false}>
      <lineBasicMaterial color="#ffffff" transparent opacity={topDown ? 0.6 : 0.22} depthWrite={false} />
    </lineSegments>
  );
}
