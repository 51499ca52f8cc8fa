/**
 * A wide screen-space line (three-stdlib's Line2) whose points change while its material stays:
 * drei's `<Line>` disposes its material whenever the points change, so three.js compiles the
 * line's shader program again on the next frame — on software WebGL one to several hundred ms of
 * main-thread work per rebuild, a long task every time a training path grows. Here the line and
 * its material live as long as the component; a new point list only replaces the geometry.
 */
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { useThree } from '@react-three/fiber';
import { Line2, LineGeometry, LineMaterial } from 'three-stdlib';

export interface WideLineProps {
  points: readonly (readonly [number, number, number])[];
  color: string;
  /** Width in CSS pixels. */
  lineWidth: number;
  depthTest?: boolean;
  renderOrder?: number;
  opacity?: number;
}

export function WideLine({ points, color, lineWidth, depthTest = true, renderOrder = 0, opacity = 1 }: WideLineProps) {
  const size = useThree((s) => s.size);
  const invalidate = useThree((s) => s.invalidate);
  const line = useMemo(() => new Line2(new LineGeometry(), new LineMaterial()), []);
  useEffect(
    () => () => {
      line.geometry.dispose();
      line.material.dispose();
    },
    [line],
  );
  useLayoutEffect(() => {
    const m = line.material;
    m.color.set(color);
    m.linewidth = lineWidth;
    m.depthTest = depthTest;
    m.transparent = opacity < 1;
    m.opacity = opacity;
    m.resolution.set(size.width, size.height);
    line.renderOrder = renderOrder;
    invalidate();
  }, [line, color, lineWidth, depthTest, opacity, renderOrder, size.width, size.height, invalidate]);
  useLayoutEffect(() => {
    const flat = new Float32Array(points.length * 3);
    for (let i = 0; i < points.length; i++) {
      flat[3 * i] = points[i][0];
      flat[3 * i + 1] = points[i][1];
      flat[3 * i + 2] = points[i][2];
    }
    const g = new LineGeometry();
    g.setPositions(flat);
    const old = line.geometry;
    line.geometry = g;
    old.dispose();
    line.computeLineDistances();
    invalidate();
  }, [line, points, invalidate]);
  return <primitive object={line} />;
}
