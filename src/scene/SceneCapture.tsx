/**
 * Registers the 3-D view's image capture for export. The canvas does not preserve its
 * drawing buffer (that would cost every frame), so a capture renders one fresh frame at the
 * requested pixel ratio and copies the canvas in the same task, then restores the ratio.
 * Also redraws after a lost WebGL context comes back.
 */
import { useEffect } from 'react';
import { useThree } from '@react-three/fiber';
import { registerCapture } from '../state/capture';
import { msg } from '../i18n';

export function SceneCapture() {
  const get = useThree((s) => s.get);
  useEffect(
    () =>
      registerCapture({
        id: 'scene',
        label: msg('3-D landscape'),
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
  // A lost and restored WebGL context (driver reset, GPU switch, tab in the background on a
  // phone): three.js re-creates its GPU resources on the next render, so ask for one.
  useEffect(() => {
    const { gl, invalidate } = get();
    const canvas = gl.domElement;
    const restored = () => {
      invalidate();
      setTimeout(invalidate, 100);
    };
    canvas.addEventListener('webglcontextrestored', restored);
    return () => canvas.removeEventListener('webglcontextrestored', restored);
  }, [get]);
  return null;
}
