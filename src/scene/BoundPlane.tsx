/**
 * The bound plane (SPEC §6): a horizontal plane below the surface, coloured by the approximate
 * generalization bound through a DataTexture (one texel per grid node, rewritten in place), as in
 * the paper's figure — or by the test loss (SPEC §9), what the bound bounds (the store's
 * planeField), in a lighter tint of the surface's colour map (scene/planeTint) so that it cannot be
 * mistaken for the surface, framed by a thin outline. Its own colour bar is the "bound" ColorBar.
 */
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { BufferGeometry, Float32BufferAttribute } from 'three';
import { useThree } from '@react-three/fiber';
import { useStore } from '../state/store';
import { displayRange, fieldArray } from '../state/fieldData';
import { PLANE_Y, halfExtent } from './frame';
import { createFieldTexture, MISSING_GREY } from './Surface';
import { gridBuffers } from '../state/buffers';
import { writeFieldTexture } from './surfaceGeometry';
import { useSizeCache } from './resCache';
import { planeLut } from './planeTint';
import { fieldColormap } from '../core/fields';
import { useSceneColors } from './sceneTheme';

export function BoundPlane({ res, frameVersion }: { res: number; frameVersion: number }) {
  const invalidate = useThree((s) => s.invalidate);
  const colormap = useStore((s) => s.colormap);
  const visible = useStore((s) => s.showBoundPlane);
  const planeField = useStore((s) => s.planeField);
  const gridVersion = useStore((s) => s.gridVersion);
  const texture = useSizeCache(res, createFieldTexture);
  // A thin frame around the plane (its own outline, in the axes' colour).
  const outline = useMemo(() => {
    const c = [-0.5, -0.5, 0.5, -0.5, 0.5, 0.5, -0.5, 0.5];
    const xyz: number[] = [];
    for (let i = 0; i < 4; i++) xyz.push(c[2 * i], c[2 * i + 1], 0.002, c[(2 * i + 2) % 8], c[(2 * i + 3) % 8], 0.002);
    return new BufferGeometry().setAttribute('position', new Float32BufferAttribute(xyz, 3));
  }, []);
  useEffect(() => () => outline.dispose(), [outline]);
  // The surface's colour map mixed with white (scene/planeTint): the plane never shows the surface's colours.
  const lut = useMemo(() => planeLut(fieldColormap(planeField, colormap), 256), [planeField, colormap]);

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
  const colors = useSceneColors();
  return (
    <mesh name="bound-plane" position={[0, PLANE_Y, 0]} rotation={[-Math.PI / 2, 0, 0]} scale={[2 * hx, 2 * hz, 1]} visible={visible}>
      <planeGeometry args={[1, 1]} />
      <meshBasicMaterial map={texture} />
      <lineSegments name="bound-plane-outline" geometry={outline}>
        <lineBasicMaterial color={colors.axis} transparent opacity={0.7} />
      </lineSegments>
    </mesh>
  );
}
