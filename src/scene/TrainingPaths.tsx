/**
 * Training paths: every run's path draped on the loss surface and projected on the bound
 * plane, in the run's colour, with a dot at its current end; and the Hessian's principal axes at
 * the marker (the inspector's eigenvectors), draped on the surface. Paths are wide screen-space
 * lines (their geometry rebuilt as they grow, their material kept: scene/WideLine); the axes are
 * preallocated lines.
 */
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { useThree } from '@react-three/fiber';
import type { Line as ThreeLine } from 'three';
import { useStore } from '../state/store';
import type { TrainingRun } from '../state/training';
import { PLANE_Y, surfaceHeightAt, worldX, worldZ } from './frame';
import { createDynamicLine, disposeLine, setLinePoints } from './lines';
import { useMarkerReport } from '../state/markerReport';
import { WideLine } from './WideLine';

/** World lift of the paths above the surface and the plane (above the σ* box's lift). */
const PATH_LIFT = 0.04;
/** Half-length of the principal-axis segments, in units of w. */
const AXIS_HALF_W = 0.6;
const AXIS_POINTS = 25;
/** Screen-space widths (px) of the path on the surface and of its projection on the bound plane. */
const SURFACE_WIDTH = 3;
const PLANE_WIDTH = 2;

function RunPath({ run, frameVersion }: { run: TrainingRun; frameVersion: number }) {
  const path = run.path;
  // Wide lines (Line2) so a path reads against the contours; the geometry is rebuilt when it grows.
  const { surf, plane } = useMemo(() => {
    const surfPts: [number, number, number][] = [];
    const planePts: [number, number, number][] = [];
    for (const [w1, w2] of path) {
      const x = worldX(w1), z = worldZ(w2);
      surfPts.push([x, surfaceHeightAt(w1, w2) + PATH_LIFT, z]);
      planePts.push([x, PLANE_Y + 0.02, z]);
    }
    return { surf: surfPts, plane: planePts };
    // frameVersion: heights and the w→world map change with each new grid.
  }, [path, frameVersion]); // eslint-disable-line react-hooks/exhaustive-deps
  const end = surf[surf.length - 1];
  return (
    <group name={`run-${run.id}`} userData={{ runId: run.id, points: path.length }}>
      {surf.length >= 2 && <WideLine points={surf} color={run.color} lineWidth={SURFACE_WIDTH} depthTest={false} renderOrder={2} />}
      {plane.length >= 2 && <WideLine points={plane} color={run.color} lineWidth={PLANE_WIDTH} opacity={0.9} />}
      {end && (
        <mesh position={end} renderOrder={3}>
          <sphereGeometry args={[0.07, 12, 8]} />
          <meshBasicMaterial color={run.color} depthTest={false} />
        </mesh>
      )}
    </group>
  );
}

/** The eigenvectors of H at the marker as two draped segments: λmax (orange), λmin (cyan). */
export function PrincipalAxes({ frameVersion }: { frameVersion: number }) {
  const invalidate = useThree((s) => s.invalidate);
  const marker = useStore((s) => s.marker);
  const report = useMarkerReport();
  const [maxAxis, minAxis] = useMemo(() => {
    // Without a depth test nothing writes depth, so draw after the surface (renderOrder) to stay on top.
    const lines = [createDynamicLine(AXIS_POINTS, '#ffb000', { depthTest: false }), createDynamicLine(AXIS_POINTS, '#35d0ff', { depthTest: false })];
    for (const l of lines) l.renderOrder = 2;
    return lines;
  }, []);
  const xyz = useMemo(() => new Float32Array(AXIS_POINTS * 3), []);
  useEffect(
    () => () => {
      disposeLine(maxAxis);
      disposeLine(minAxis);
    },
    [maxAxis, minAxis],
  );
  useLayoutEffect(() => {
    if (!report) return;
    const draw = (line: ThreeLine, v: [number, number]) => {
      for (let i = 0; i < AXIS_POINTS; i++) {
        const t = -AXIS_HALF_W + (2 * AXIS_HALF_W * i) / (AXIS_POINTS - 1);
        const a = marker[0] + t * v[0], b = marker[1] + t * v[1];
        xyz[3 * i] = worldX(a);
        xyz[3 * i + 1] = surfaceHeightAt(a, b) + PATH_LIFT;
        xyz[3 * i + 2] = worldZ(b);
      }
      setLinePoints(line, xyz, AXIS_POINTS);
    };
    draw(maxAxis as ThreeLine, report.eigen.vectors[1]);
    draw(minAxis as ThreeLine, report.eigen.vectors[0]);
    invalidate();
  }, [marker, report, frameVersion, maxAxis, minAxis, xyz, invalidate]);
  return (
    <group name="principal-axes">
      <primitive object={maxAxis} />
      <primitive object={minAxis} />
    </group>
  );
}

/** All runs' paths plus the marker's principal axes. Mount inside the landscape canvas. */
export function TrainingPaths({ frameVersion }: { frameVersion: number }) {
  const runs = useStore((s) => s.runs);
  return (
    <group name="training-paths">
      {runs.map((r) => (
        <RunPath key={r.id} run={r} frameVersion={frameVersion} />
      ))}
      <PrincipalAxes frameVersion={frameVersion} />
    </group>
  );
}
