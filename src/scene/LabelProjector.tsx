/** Projects the registered labels (labels.ts) to the screen on every rendered frame. */
import { useEffect, useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { Vector3 } from 'three';
import { labelAnchors, labelHooks } from './labels';
import { surfaceHeightAt, worldX, worldZ } from './frame';

export function LabelProjector() {
  const invalidate = useThree((s) => s.invalidate);
  const tmp = useMemo(() => new Vector3(), []);
  useEffect(() => {
    labelHooks.invalidate = invalidate;
    invalidate();
    return () => {
      labelHooks.invalidate = () => {};
    };
  }, [invalidate]);
  useFrame(({ camera, size }) => {
    for (const a of labelAnchors.values()) {
      tmp.set(worldX(a.w1), surfaceHeightAt(a.w1, a.w2) + a.lift, worldZ(a.w2)).project(camera);
      const hidden = tmp.z > 1 || tmp.z < -1;
      a.el.style.visibility = hidden ? 'hidden' : 'visible';
      a.el.style.transform = `translate(${((tmp.x + 1) / 2) * size.width}px, ${((1 - tmp.y) / 2) * size.height}px) translate(-50%, -100%)`;
    }
  });
  return null;
}
