/**
 * The marker: a handle on the surface at the store's marker w, a stem down to the bound plane
 * with its projection there, and the σ* box (SPEC §6: the optimal perturbation widths) draped on
 * the surface around it. Objects are created once; moves rewrite positions in place.
 */
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useThree } from '@react-three/fiber';
import type { Group } from 'three';
import { PLANE_Y, surfaceHeightAt, worldX, worldZ } from './frame';
import { createDynamicLine, disposeLine, setLinePoints } from './lines';
import { MARK_COLORS, screenColor } from './markColors';
import { useMarkerReport } from '../state/markerReport';
import { useLiveMarker } from '../state/liveMarker';

/** Points per edge of the draped σ* box. */
const BOX_EDGE_POINTS = 24;
/** World lift of draped lines above the surface (avoids z-fighting). */
export const DRAPE_LIFT = 0.025;
/** The marker's colour as drawn (scene/markColors: the legend's swatch is the same). */
export const MARKER_COLOR = screenColor(MARK_COLORS.marker);

export function Marker({ frameVersion }: { frameVersion: number }) {
  const invalidate = useThree((s) => s.invalidate);
  const marker = useLiveMarker();
  const report = useMarkerReport();
  const handle = useRef<Group>(null);
  const shadow = useRef<Group>(null);
  const box = useMemo(() => createDynamicLine(4 * BOX_EDGE_POINTS + 1, '#ffffff'), []);
  const boxShadow = useMemo(() => createDynamicLine(5, MARKER_COLOR, { opacity: 0.9 }), []);
  const stem = useMemo(() => createDynamicLine(2, MARKER_COLOR, { opacity: 0.8 }), []);
  const xyz = useMemo(() => new Float32Array((4 * BOX_EDGE_POINTS + 1) * 3), []);
  useEffect(
    () => () => {
      disposeLine(box);
      disposeLine(boxShadow);
      disposeLine(stem);
    },
    [box, boxShadow, stem],
  );

  useLayoutEffect(() => {
    const [w1, w2] = marker;
    const x = worldX(w1), z = worldZ(w2), y = surfaceHeightAt(w1, w2);
    handle.current?.position.set(x, y, z);
    shadow.current?.position.set(x, PLANE_Y + 0.01, z);
    xyz[0] = x; xyz[1] = y; xyz[2] = z;
    xyz[3] = x; xyz[4] = PLANE_Y; xyz[5] = z;
    setLinePoints(stem, xyz, 2);
    const s = report?.sigmaStar;
    if (s && Number.isFinite(s[0]) && Number.isFinite(s[1])) {
      // Corners in w, walked counter-clockwise, each edge sampled so the box follows the surface.
      const cx = [w1 - s[0], w1 + s[0], w1 + s[0], w1 - s[0], w1 - s[0]];
      const cy = [w2 - s[1], w2 - s[1], w2 + s[1], w2 + s[1], w2 - s[1]];
      let k = 0;
      for (let e = 0; e < 4; e++) {
        for (let j = 0; j < BOX_EDGE_POINTS; j++) {
          const t = j / BOX_EDGE_POINTS;
          const a = cx[e] + (cx[e + 1] - cx[e]) * t, b = cy[e] + (cy[e + 1] - cy[e]) * t;
          xyz[3 * k] = worldX(a);
          xyz[3 * k + 1] = surfaceHeightAt(a, b) + DRAPE_LIFT;
          xyz[3 * k + 2] = worldZ(b);
          k++;
        }
      }
      xyz[3 * k] = xyz[0]; xyz[3 * k + 1] = xyz[1]; xyz[3 * k + 2] = xyz[2];
      setLinePoints(box, xyz, k + 1);
      for (let c = 0; c < 5; c++) {
        xyz[3 * c] = worldX(cx[c]);
        xyz[3 * c + 1] = PLANE_Y + 0.012;
        xyz[3 * c + 2] = worldZ(cy[c]);
      }
      setLinePoints(boxShadow, xyz, 5);
    } else {
      box.geometry.setDrawRange(0, 0);
      boxShadow.geometry.setDrawRange(0, 0);
    }
    invalidate();
  }, [marker, report, frameVersion, box, boxShadow, stem, xyz, invalidate]);

  return (
    <group name="marker">
      <group ref={handle} name="marker-handle">
        <mesh>
          <sphereGeometry args={[0.085, 20, 14]} />
          <meshBasicMaterial color={MARKER_COLOR} />
        </mesh>
        {/* A pink ring (what the legend and help call the marker) with a thin white rim for contrast on every colour. */}
        <mesh rotation={[-Math.PI / 2, 0, 0]}>
          <ringGeometry args={[0.1, 0.14, 32]} />
          <meshBasicMaterial color={MARKER_COLOR} depthTest={false} transparent opacity={0.95} />
        </mesh>
        <mesh rotation={[-Math.PI / 2, 0, 0]}>
          <ringGeometry args={[0.14, 0.16, 32]} />
          <meshBasicMaterial color="#ffffff" depthTest={false} transparent opacity={0.85} />
        </mesh>
      </group>
      <group ref={shadow}>
        <mesh rotation={[-Math.PI / 2, 0, 0]}>
          <circleGeometry args={[0.09, 24]} />
          <meshBasicMaterial color={MARKER_COLOR} />
        </mesh>
      </group>
      <primitive object={stem} />
      <primitive object={box} />
      <primitive object={boxShadow} />
    </group>
  );
}
