/**
 * Contour lines of the selected field draped on the surface (faint in 3-D, strong in the top-down
 * view). Built by
 * core/contours when the grid, the field or the frame changes — never per frame.
 */
import { useEffect, useMemo } from 'react';
import { BufferGeometry, Float32BufferAttribute } from 'three';
import { contourSegments } from '../core/contours';
import { useStore } from '../state/store';
import { fieldArray } from './fieldData';
import { frame, surfaceHeightAt, worldX, worldZ } from './frame';
import { DRAPE_LIFT } from './Marker';

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
  for (let k = 1; k <= count; k++) {
    const v = Number(sample[Math.min(sample.length - 1, Math.floor((k / (count + 1)) * sample.length))].toPrecision(3));
    if (out.length === 0 || v > out[out.length - 1]) out.push(v);
  }
  return out;
}

function buildContours(field: Parameters<typeof fieldArray>[0]): BufferGeometry {
  const g = new BufferGeometry();
  const a = fieldArray(field);
  const res = frame.res;
  if (!a || a.length !== res * res) return g;
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
    }
    v = s;
  }
  const segs: number[] = [];
  for (const level of contourLevels(a, CONTOUR_LEVELS)) contourSegments(v, n, n, level, segs);
  const pos = new Float32Array((segs.length / 2) * 3);
  const du = (frame.w1[1] - frame.w1[0]) / (n - 1), dv = (frame.w2[1] - frame.w2[0]) / (n - 1);
  for (let i = 0, k = 0; i < segs.length; i += 2, k += 3) {
    const w1 = frame.w1[0] + segs[i] * du, w2 = frame.w2[0] + segs[i + 1] * dv;
    pos[k] = worldX(w1);
    pos[k + 1] = surfaceHeightAt(w1, w2) + DRAPE_LIFT;
    pos[k + 2] = worldZ(w2);
  }
  g.setAttribute('position', new Float32BufferAttribute(pos, 3));
  return g;
}

export function Contours({ frameVersion }: { frameVersion: number }) {
  const field = useStore((s) => s.field);
  const topDown = useStore((s) => s.topDown);
  const gridVersion = useStore((s) => s.gridVersion);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const geometry = useMemo(() => buildContours(field), [field, gridVersion, frameVersion]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  return (
    <lineSegments geometry={geometry} name="contours">
      <lineBasicMaterial color="#ffffff" transparent opacity={topDown ? 0.6 : 0.22} depthWrite={false} />
    </lineSegments>
  );
}
