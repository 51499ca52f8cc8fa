/** Projects the registered labels (labels.ts) to the screen on every rendered frame. */
import { useEffect, useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { Vector3 } from 'three';
import { labelAnchors, labelHooks, separate, type Placed } from './labels';
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
    const tags: Placed[] = [];
    for (const a of labelAnchors.values()) {
      tmp.set(worldX(a.w1), surfaceHeightAt(a.w1, a.w2) + a.lift, worldZ(a.w2)).project(camera);
      const hidden = tmp.z > 1 || tmp.z < -1;
      tags.push({ el: a.el, hidden, x: ((tmp.x + 1) / 2) * size.width, y: ((1 - tmp.y) / 2) * size.height, w: a.el.offsetWidth, h: a.el.offsetHeight });
    }
    separate(tags);
    for (const t of tags) {
      t.el.style.visibility = t.hidden ? 'hidden' : 'visible';
      t.el.style.transform = `translate(${t.x}px, ${t.y}px) translate(-50%, -100%)`;
      // A moved tag keeps a leader line down to its anchor (landscape.css).
      t.el.style.setProperty('--lead', `${Math.round(t.lead ?? 0)}px`);
    }
  });
  return null;
}
