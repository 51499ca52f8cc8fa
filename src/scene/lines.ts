/**
 * Preallocated line objects for things that move every frame (σ* box, marker stem, contours):
 * the buffer is allocated once with a capacity and rewritten in place; setDrawRange shows the
 * part in use.
 */
import { BufferAttribute, BufferGeometry, DynamicDrawUsage, Line, LineBasicMaterial, LineSegments, type Color } from 'three';

/** A Line (strip) or LineSegments with room for `capacity` vertices. */
export function createDynamicLine(capacity: number, color: string | Color, opts: { segments?: boolean; opacity?: number; depthTest?: boolean } = {}): Line | LineSegments {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(new Float32Array(capacity * 3), 3).setUsage(DynamicDrawUsage));
  g.setDrawRange(0, 0);
  const m = new LineBasicMaterial({ color, transparent: opts.opacity !== undefined && opts.opacity < 1, opacity: opts.opacity ?? 1, depthTest: opts.depthTest ?? true });
  const line = opts.segments ? new LineSegments(g, m) : new Line(g, m);
  line.frustumCulled = false;
  return line;
}

/** Writes `count` vertices (xyz triples from `xyz`) into a dynamic line. */
export function setLinePoints(line: Line, xyz: ArrayLike<number>, count: number): void {
  const attr = line.geometry.getAttribute('position') as BufferAttribute;
  const a = attr.array as Float32Array;
  const n = Math.min(count, a.length / 3);
  for (let i = 0; i < 3 * n; i++) a[i] = xyz[i];
  attr.needsUpdate = true;
  line.geometry.setDrawRange(0, n);
}

/** Disposes a line's geometry and material. */
export function disposeLine(line: Line): void {
  line.geometry.dispose();
  (line.material as LineBasicMaterial).dispose();
}
