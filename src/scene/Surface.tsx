/**
 * The loss surface: a full-resolution mesh shown at rest and a decimated one shown while the user
 * drags or orbits (software WebGL cannot shade 130k lit triangles at 20 frames/s). Both are
 * created once per resolution; heights, normals and colours are rewritten in place.
 */
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useThree } from '@react-three/fiber';
import { DoubleSide, type Mesh } from 'three';
import { useStore } from '../state/store';
import { colormapLut } from '../core/colormap';
import { createGridGeometry, writeSurfaceColors, writeSurfacePositions } from './surfaceGeometry';
import { displayRange, fieldArray } from './fieldData';
import { onInteraction, isInteracting } from './interaction';

/** Vertices per side of the mesh shown while interacting. */
export const DRAG_MESH_RES = 64;

export function Surface({ res, frameVersion }: { res: number; frameVersion: number }) {
  const invalidate = useThree((s) => s.invalidate);
  const field = useStore((s) => s.field);
  const colormap = useStore((s) => s.colormap);
  const gridVersion = useStore((s) => s.gridVersion);
  const coarseRes = Math.min(res, DRAG_MESH_RES);
  const full = useMemo(() => createGridGeometry(res), [res]);
  const coarse = useMemo(() => createGridGeometry(coarseRes), [coarseRes]);
  const scratch = useMemo(() => new Float32Array(coarseRes * coarseRes), [coarseRes]);
  const lut = useMemo(() => colormapLut(colormap, 256, true), [colormap]);
  const fullRef = useRef<Mesh>(null);
  const coarseRef = useRef<Mesh>(null);

  useEffect(() => () => full.dispose(), [full]);
  useEffect(() => () => coarse.dispose(), [coarse]);

  useLayoutEffect(() => {
    writeSurfacePositions(full, res);
    writeSurfacePositions(coarse, coarseRes);
    invalidate();
  }, [frameVersion, full, coarse, res, coarseRes, invalidate]);

  useLayoutEffect(() => {
    const a = fieldArray(field);
    if (!a || a.length !== res * res) return;
    const { min, max } = displayRange(field);
    writeSurfaceColors(full, res, a, res, min, max, lut);
    writeSurfaceColors(coarse, coarseRes, a, res, min, max, lut, scratch);
    invalidate();
  }, [field, lut, gridVersion, frameVersion, full, coarse, res, coarseRes, scratch, invalidate]);

  useEffect(() => {
    const apply = (active: boolean) => {
      if (fullRef.current) fullRef.current.visible = !active;
      if (coarseRef.current) coarseRef.current.visible = active;
      invalidate();
    };
    apply(isInteracting());
    return onInteraction(apply);
  }, [invalidate]);

  return (
    <group name="surface">
      <mesh ref={fullRef} geometry={full} name="surface-full">
        <meshLambertMaterial vertexColors side={DoubleSide} polygonOffset polygonOffsetFactor={1} polygonOffsetUnits={1} />
      </mesh>
      <mesh ref={coarseRef} geometry={coarse} visible={false} name="surface-coarse">
        <meshLambertMaterial vertexColors side={DoubleSide} polygonOffset polygonOffsetFactor={1} polygonOffsetUnits={1} />
      </mesh>
    </group>
  );
}
