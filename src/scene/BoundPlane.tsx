/**
 * The bound plane (SPEC §6): a horizontal plane below the surface, coloured by the approximate
 * generalization bound through a DataTexture (one texel per grid node, rewritten in place), as in
 * the paper's figure. Its own colour bar is the "bound" ColorBar.
 */
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { useThree } from '@react-three/fiber';
import { DataTexture, LinearFilter, RGBAFormat, SRGBColorSpace, UnsignedByteType } from 'three';
import { useStore } from '../state/store';
import { colormapLut } from '../core/colormap';
import { displayRange, fieldArray } from './fieldData';
import { PLANE_Y, halfExtent } from './frame';

export function BoundPlane({ res, frameVersion }: { res: number; frameVersion: number }) {
  const invalidate = useThree((s) => s.invalidate);
  const colormap = useStore((s) => s.colormap);
  const visible = useStore((s) => s.showBoundPlane);
  const gridVersion = useStore((s) => s.gridVersion);
  const texture = useMemo(() => {
    const t = new DataTexture(new Uint8Array(res * res * 4), res, res, RGBAFormat, UnsignedByteType);
    t.colorSpace = SRGBColorSpace;
    t.magFilter = LinearFilter;
    t.minFilter = LinearFilter;
    t.generateMipmaps = false;
    return t;
  }, [res]);
  useEffect(() => () => texture.dispose(), [texture]);
  const lut = useMemo(() => colormapLut(colormap, 256, false), [colormap]);

  useLayoutEffect(() => {
    const a = fieldArray('bound');
    if (!a || a.length !== res * res) return;
    const { min, max } = displayRange('bound');
    const data = texture.image.data as Uint8Array;
    const span = max > min ? max - min : 1;
    for (let i = 0; i < res * res; i++) {
      const v = a[i];
      const t = Number.isFinite(v) ? Math.min(1, Math.max(0, (v - min) / span)) : 0;
      const k = Math.round(t * 255);
      data[4 * i] = Math.round(lut[3 * k] * 255);
      data[4 * i + 1] = Math.round(lut[3 * k + 1] * 255);
      data[4 * i + 2] = Math.round(lut[3 * k + 2] * 255);
      data[4 * i + 3] = 255;
    }
    texture.needsUpdate = true;
    invalidate();
  }, [texture, lut, gridVersion, frameVersion, res, invalidate]);

  const [hx, hz] = halfExtent();
  return (
    <mesh name="bound-plane" position={[0, PLANE_Y, 0]} rotation={[-Math.PI / 2, 0, 0]} scale={[2 * hx, 2 * hz, 1]} visible={visible}>
      <planeGeometry args={[1, 1]} />
      <meshBasicMaterial map={texture} />
    </mesh>
  );
}
