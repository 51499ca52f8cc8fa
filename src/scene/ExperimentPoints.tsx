/**
 * The endpoints of the experiment on screen as a point cloud on the loss surface, coloured by
 * configuration (the Experiments view's colours), while that view is open. Points outside the
 * window are not drawn.
 */
import { useEffect, useMemo } from 'react';
import { useThree } from '@react-three/fiber';
import { BufferAttribute, BufferGeometry, Color, PointsMaterial, Vector3, type Camera } from 'three';
import { frame, surfaceHeightAt, worldX, worldZ } from './frame';
import { CONFIG_COLORS, useExperiments } from '../state/experiments';

/** World lift above the surface (above the training paths). */
const LIFT = 0.06;

/** What the drawn cloud needs to be projected to the page (set while it is mounted). */
let drawn: { geometry: BufferGeometry; camera: Camera; canvas: HTMLCanvasElement } | null = null;

/**
 * The drawn endpoints in page pixels (CSS px from the viewport's top left) with the current
 * camera: one [x, y] per point; empty when the cloud is not drawn. For the layout test.
 */
export function endpointsOnScreen(): [number, number][] {
  if (!drawn) return [];
  const { geometry, camera, canvas } = drawn;
  const rect = canvas.getBoundingClientRect();
  const pos = geometry.getAttribute('position');
  const v = new Vector3();
  const out: [number, number][] = [];
  camera.updateMatrixWorld();
  for (let i = 0; i < pos.count; i++) {
    v.set(pos.getX(i), pos.getY(i), pos.getZ(i)).project(camera);
    out.push([rect.left + ((v.x + 1) / 2) * rect.width, rect.top + ((1 - v.y) / 2) * rect.height]);
  }
  return out;
}

export function ExperimentPoints({ frameVersion }: { frameVersion: number }) {
  const open = useExperiments((s) => s.open);
  const rows = useExperiments((s) => s.rows);
  const invalidate = useThree((s) => s.invalidate);
  const camera = useThree((s) => s.camera);
  const canvas = useThree((s) => s.gl.domElement);
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
  const shown = open && rows.length > 0;
  useEffect(() => {
    if (!shown) return;
    const me = { geometry, camera, canvas };
    drawn = me;
    return () => {
      if (drawn === me) drawn = null;
    };
  }, [shown, geometry, camera, canvas]);
  if (!shown) return null;
  return <points name="experiment-endpoints" geometry={geometry} material={material} renderOrder={20} />;
}
