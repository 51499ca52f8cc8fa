/**
 * Contour lines of the selected field, draped on the surface (shown in the top-down view). Built by
 * core/contours when the grid, the field or the frame changes — never per frame.
 */
import { useEffect, useMemo } from 'react';
import { BufferGeometry, Float32BufferAttribute } from 'three';
import { contourSegments } from '../core/contours';
import { niceTicks } from '../core/colormap';
import { useStore } from '../state/store';
import { displayRange, fieldArray } from './fieldData';
import { frame, surfaceHeightAt, worldX, worldZ } from './frame';
import { DRAPE_LIFT } from './Marker';

/** About this many contour levels over the field's range. */
const CONTOUR_LEVELS = 14;

function buildContours(field: Parameters<typeof fieldArray>[0]): BufferGeometry {
  const g = new BufferGeometry();
  const a = fieldArray(field);
  const res = frame.res;
  if (!a || a.length !== res * res) return g;
  const { min, max } = displayRange(field);
  const segs: number[] = [];
  for (const level of niceTicks(min, max, CONTOUR_LEVELS)) contourSegments(a, res, res, level, segs);
  const pos = new Float32Array((segs.length / 2) * 3);
  const du = (frame.w1[1] - frame.w1[0]) / (res - 1), dv = (frame.w2[1] - frame.w2[0]) / (res - 1);
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
  const geometry = useMemo(() => (topDown ? buildContours(field) : new BufferGeometry()), [topDown, field, gridVersion, frameVersion]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  return (
    <lineSegments geometry={geometry} visible={topDown} name="contours">
      <lineBasicMaterial color="#ffffff" transparent opacity={0.55} />
    </lineSegments>
  );
}
