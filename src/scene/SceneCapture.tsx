/**
 * Registers the 3-D view's image capture for export (issue 5). The canvas does not preserve its
 * drawing buffer (that would cost every frame), so a capture renders one fresh frame at the
 * requested pixel ratio and copies the canvas in the same task, then restores the ratio.
 */
import { useEffect } from 'react';
import { useThree } from '@react-three/fiber';
import { registerCapture } from '../state/capture';

export function SceneCapture() {
  const get = useThree((s) => s.get);
  useEffect(
    () =>
      registerCapture({
        id: 'scene',
        label: '3-D landscape',
        capture: (scale) => {
          const { gl, scene, camera, size, invalidate } = get();
          const prev = gl.getPixelRatio();
          gl.setPixelRatio(scale);
          gl.setSize(size.width, size.height, false);
          gl.render(scene, camera);
          // Copy now, in the same task as the render, before the buffer is presented and cleared.
          const out = document.createElement('canvas');
          out.width = gl.domElement.width;
          out.height = gl.domElement.height;
          out.getContext('2d')!.drawImage(gl.domElement, 0, 0);
          gl.setPixelRatio(prev);
          gl.setSize(size.width, size.height, false);
          invalidate();
          return out;
        },
      }),
    [get],
  );
  return null;
}
