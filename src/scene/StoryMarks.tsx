/**
 * Where the story's step-7 runs ended (state/storyRuns): one small sphere per endpoint on the
 * surface, plain gradient descent in white and perturbed training in magenta, and a ring at their
 * common start. Shown while the story's training step is open; one instanced mesh per method.
 */
import { useLayoutEffect, useMemo, useRef } from 'react';
import { useThree } from '@react-three/fiber';
import { Matrix4, type InstancedMesh } from 'three';
import { useStore } from '../state/store';
import { useStoryRuns } from '../state/storyRuns';
import { surfaceHeightAt, worldX, worldZ } from './frame';

export const PLAIN_END_COLOR = '#ffffff';
export const PERTURBED_END_COLOR = '#ff3fd0';
/** The story's training step (1-based), the only one that shows the endpoints. */
const TRAINING_STEP = 7;
const MAX_ENDS = 256;
const LIFT = 0.06;

function Ends({ method, color, frameVersion }: { method: 'gd' | 'perturbed'; color: string; frameVersion: number }) {
  const ref = useRef<InstancedMesh>(null);
  const invalidate = useThree((s) => s.invalidate);
  const endpoints = useStoryRuns((s) => s.endpoints);
  const m = useMemo(() => new Matrix4(), []);
  useLayoutEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    const es = endpoints.filter((e) => e.method === method).slice(0, MAX_ENDS);
    // Perturbed ends sit a little higher, so coinciding ends of both methods both show.
    const lift = method === 'perturbed' ? 2 * LIFT : LIFT;
    es.forEach((e, i) => {
      m.makeTranslation(worldX(e.w[0]), surfaceHeightAt(e.w[0], e.w[1]) + lift, worldZ(e.w[1]));
      mesh.setMatrixAt(i, m);
    });
    mesh.count = es.length;
    mesh.instanceMatrix.needsUpdate = true;
    invalidate();
  }, [endpoints, method, m, frameVersion, invalidate]);
  return (
    <instancedMesh ref={ref} args={[undefined, undefined, MAX_ENDS]} name={`story-ends-${method}`} frustumCulled={false}>
      <sphereGeometry args={[0.07, 10, 8]} />
      <meshBasicMaterial color={color} />
    </instancedMesh>
  );
}

export function StoryMarks({ frameVersion }: { frameVersion: number }) {
  const open = useStore((s) => s.storyStep === TRAINING_STEP);
  const has = useStoryRuns((s) => s.endpoints.length > 0);
  return (
    <group name="story-marks" visible={open && has}>
      <Ends method="gd" color={PLAIN_END_COLOR} frameVersion={frameVersion} />
      <Ends method="perturbed" color={PERTURBED_END_COLOR} frameVersion={frameVersion} />
    </group>
  );
}
