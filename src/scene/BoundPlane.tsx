/**
 * The bound plane (SPEC §6): a horizontal plane below the surface, coloured by the approximate
 * generalization bound through a DataTexture (one texel per grid node, rewritten in place), as in
 * the paper's figure — or by the test loss (SPEC §9), what the bound bounds (the store's
 * planeField). Its own colour bar is the "bound" ColorBar.
 */
import { useLayoutEffect, useMemo } from 'react';
import { useThree } from '@react-three/fiber';
import { useStore } from '../state/store';
import { colormapLut } from '../core/colormap';
import { displayRange, fieldArray } from './fieldData';
import { PLANE_Y, halfExtent } from './frame';
import { createFieldTexture, MISSING_GREY } from './Surface';
import { gridBuffers } from '../state/buffers';
import { writeFieldTexture } from './surfaceGeometry';
import { useSizeCache } from './resCache';

export function BoundPlane({ res, frameVersion }: { res: number; frameVersion: number }) {
  const invalidate = useThree((s) => s.invalidate);
  const colormap = useStore((s) => s.colormap);
  const visible = useStore((s) => s.showBoundPlane);
  const planeField = useStore((s) => s.planeField);
  const gridVersion = useStore((s) => s.gridVersion);
  const texture = useSizeCache(res, createFieldTexture);
  const lut = useMemo(() => colormapLut(colormap, 256, false), [colormap]);

  useLayoutEffect(() => {
    const a = fieldArray(planeField);
    if (a && a.length !== res * res) return;
    if (!a) {
      if (!gridBuffers.fields || gridBuffers.fields.res !== res) return;
      (texture.image.data as Uint8Array).fill(MISSING_GREY);
    } else {
      const { min, max } = displayRange(planeField);
      writeFieldTexture(texture.image.data as Uint8Array, a, min, max, lut);
    }
    texture.needsUpdate = true;
    invalidate();
  }, [texture, lut, gridVersion, frameVersion, res, invalidate, planeField]);

  const [hx, hz] = halfExtent();
  return (
    <mesh name="bound-plane" position={[0, PLANE_Y, 0]} rotation={[-Math.PI / 2, 0, 0]} scale={[2 * hx, 2 * hz, 1]} visible={visible}>
      <planeGeometry args={[1, 1]} />
      <meshBasicMaterial map={texture} />
    </mesh>
  );
}
