/**
 * The endpoints of the experiment on screen as a point cloud on the loss surface, coloured by
 * configuration (the Experiments view's colours), while that view is open. Points outside the
 * window are not drawn.
 */
import { useEffect, useMemo } from 'react';
import { useThree } from '@react-three/fiber';
import { BufferAttribute, BufferGeometry, Color, PointsMaterial } from 'three';
import { frame, surfaceHeightAt, worldX, worldZ } from './frame';
import { CONFIG_COLORS, useExperiments } from '../state/experiments';

/** World lift above the surface (above the training paths). */
const LIFT = 0.06;

export function ExperimentPoints({ frameVersion }: { frameVersion: number }) {
  const open = useExperiments((s) => s.open);
  const rows = useExperiments((s) => s.rows);
  const invalidate = useThree((s) => s.invalidate);
  const material = useMemo(() => new PointsMaterial({ size: 6, sizeAttenuation: false, vertexColors: true, depthTest: false, transparent: true, opacity: 0.9 }), []);
  const geometry = useMemo(() => {
    const g = new BufferGeometry();
    const pos: number[] = [], col: number[] = [];
    const c = new Color();
    for (const r of rows) {
      const [w1, w2] = r.end;
      if (!(w1 >= frame.w1[0] && w1 <= frame.w1[1] && w2 >= frame.w2[0] && w2 <= frame.w2[1])) continue;
      pos.push(worldX(w1), surfaceHeightAt(w1, w2) + LIFT, worldZ(w2));
      c.set(CONFIG_COLORS[r.config % CONFIG_COLORS.length]);
      col.push(c.r, c.g, c.b);
    }
    g.setAttribute('position', new BufferAttribute(new Float32Array(pos), 3));
    g.setAttribute('color', new BufferAttribute(new Float32Array(col), 3));
    return g;
    // frameVersion: heights and the w→world map change with each new grid.
  }, [rows, frameVersion]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => () => geometry.dispose(), [geometry]);
  useEffect(() => () => material.dispose(), [material]);
  useEffect(() => invalidate(), [geometry, open, invalidate]);
  if (!open || !rows.length) return null;
  return <points name="experiment-endpoints" geometry={geometry} material={material} renderOrder={20} />;
}
