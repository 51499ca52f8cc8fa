/**
 * Training paths (issue 4): every run's path draped on the loss surface and projected on the bound
 * plane, in the run's colour, with a dot at its current end; and the Hessian's principal axes at
 * the marker (the inspector's eigenvectors), draped on the surface. Lines are preallocated per run
 * and rewritten in place as the path grows.
 */
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { useThree } from '@react-three/fiber';
import type { Line } from 'three';
import { useStore } from '../state/store';
import type { TrainingRun } from '../state/training';
import { PLANE_Y, surfaceHeightAt, worldX, worldZ } from './frame';
import { createDynamicLine, disposeLine, setLinePoints } from './lines';
import { useMarkerReport } from './markerReport';

/** World lift of the paths above the surface and the plane (above the σ* box's lift). */
const PATH_LIFT = 0.04;
/** Half-length of the principal-axis segments, in units of w. */
const AXIS_HALF_W = 0.6;
const AXIS_POINTS = 25;
/** Vertices per path: a run never has more points than steps + 1. */
function capacityOf(r: TrainingRun): number {
  return (r.settings ? r.settings.steps : 200) + 2;
}

function RunPath({ run, frameVersion }: { run: TrainingRun; frameVersion: number }) {
  const invalidate = useThree((s) => s.invalidate);
  const cap = capacityOf(run);
  const surf = useMemo(() => createDynamicLine(cap, run.color, { depthTest: false }), [cap, run.color]);
  const plane = useMemo(() => createDynamicLine(cap, run.color, { opacity: 0.9 }), [cap, run.color]);
  const xyz = useMemo(() => new Float32Array(cap * 3), [cap]);
  useEffect(
    () => () => {
      disposeLine(surf);
      disposeLine(plane);
    },
    [surf, plane],
  );
  const path = run.path;
  const last = path[path.length - 1];
  useLayoutEffect(() => {
    const n = Math.min(path.length, cap);
    for (let i = 0; i < n; i++) {
      const [w1, w2] = path[i];
      xyz[3 * i] = worldX(w1);
      xyz[3 * i + 1] = surfaceHeightAt(w1, w2) + PATH_LIFT;
      xyz[3 * i + 2] = worldZ(w2);
    }
    setLinePoints(surf as Line, xyz, n);
    for (let i = 0; i < n; i++) xyz[3 * i + 1] = PLANE_Y + 0.02;
    setLinePoints(plane as Line, xyz, n);
    invalidate();
  }, [path, cap, xyz, surf, plane, frameVersion, invalidate]);
  const end = last ? ([worldX(last[0]), surfaceHeightAt(last[0], last[1]) + PATH_LIFT, worldZ(last[1])] as [number, number, number]) : null;
  return (
    <group name={`run-${run.id}`} userData={{ runId: run.id, points: path.length }}>
      <primitive object={surf} />
      <primitive object={plane} />
      {end && (
        <mesh position={end} renderOrder={2}>
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
  const maxAxis = useMemo(() => createDynamicLine(AXIS_POINTS, '#ffb000', { depthTest: false }), []);
  const minAxis = useMemo(() => createDynamicLine(AXIS_POINTS, '#35d0ff', { depthTest: false }), []);
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
    const draw = (line: Line, v: [number, number]) => {
      for (let i = 0; i < AXIS_POINTS; i++) {
        const t = -AXIS_HALF_W + (2 * AXIS_HALF_W * i) / (AXIS_POINTS - 1);
        const a = marker[0] + t * v[0], b = marker[1] + t * v[1];
        xyz[3 * i] = worldX(a);
        xyz[3 * i + 1] = surfaceHeightAt(a, b) + PATH_LIFT;
        xyz[3 * i + 2] = worldZ(b);
      }
      setLinePoints(line, xyz, AXIS_POINTS);
    };
    draw(maxAxis as Line, report.eigen.vectors[1]);
    draw(minAxis as Line, report.eigen.vectors[0]);
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
