/**
 * The loss surface. Two meshes, created once per resolution and rewritten in place: the rest mesh
 * (at most REST_MESH_RES per side) and a decimated one shown while the user drags or orbits.
 * Colours come from one texture with a texel per grid node (full grid resolution on both meshes),
 * shaded by per-vertex baked lighting (surfaceGeometry.ts) under an unlit material.
 *
 * Why capped meshes: in headless Chromium's software WebGL (SwiftShader) a frame of the 256² lit
 * mesh blocks the main thread for ~150 ms; 128² at rest keeps a frame under the 50 ms long-task
 * limit and 64² while dragging keeps ≥ 20 frames/s, and the colour texture keeps the detail.
 */
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useThree } from '@react-three/fiber';
import { DataTexture, DoubleSide, LinearFilter, RGBAFormat, UnsignedByteType, type Mesh } from 'three';
import { useStore } from '../state/store';
import { colormapLut } from '../core/colormap';
import { fieldColormap } from '../core/fields';
import { createGridGeometry, writeFieldTexture, writeSurfacePositions } from './surfaceGeometry';
import { displayRange, fieldArray } from '../state/fieldData';
import { gridBuffers } from '../state/buffers';
import { useSceneState } from './sceneState';
import { useSizeCache } from './resCache';

/** Vertices per side of the mesh shown at rest (capped) and while interacting. */
export const REST_MESH_RES = 96;
/** Byte value of the grey a surface or plane shows for a field the grid does not have yet. */
export const MISSING_GREY = 128;
export const DRAG_MESH_RES = 48;

/** A res×res RGBA8 sRGB texture for a field's colours (one texel per node, linear filtering). */
export function createFieldTexture(res: number): DataTexture {
  const t = new DataTexture(new Uint8Array(res * res * 4), res, res, RGBAFormat, UnsignedByteType);
  // Left as raw bytes (no colour space): the canvas renders `linear` (LandscapeView), so the LUT's
  // sRGB bytes reach the screen unchanged, matching the CSS colour bars, and no fragment pays an
  // sRGB decode + encode. With software WebGL that was ~30 % of a frame (median of 9 frames at
  // 1280×720: rest 25 → 17–21 ms, light 17–22 → 11–13 ms).
  t.magFilter = LinearFilter;
  t.minFilter = LinearFilter;
  t.generateMipmaps = false;
  // uv 0..1 spans node 0 to node res−1, i.e. texel centres, not texture edges.
  t.repeat.set((res - 1) / res, (res - 1) / res);
  t.offset.set(0.5 / res, 0.5 / res);
  return t;
}

export function Surface({ res, frameVersion }: { res: number; frameVersion: number }) {
  const invalidate = useThree((s) => s.invalidate);
  const field = useStore((s) => s.field);
  const colormap = useStore((s) => s.colormap);
  const gridVersion = useStore((s) => s.gridVersion);
  const restRes = Math.min(res, REST_MESH_RES);
  const dragRes = Math.min(res, DRAG_MESH_RES);
  const rest = useSizeCache(restRes, createGridGeometry);
  const drag = useSizeCache(dragRes, createGridGeometry);
  const texture = useSizeCache(res, createFieldTexture);
  const lut = useMemo(() => colormapLut(fieldColormap(field, colormap), 256, false), [field, colormap]);
  const restRef = useRef<Mesh>(null);
  const dragRef = useRef<Mesh>(null);


  useLayoutEffect(() => {
    writeSurfacePositions(rest, restRes);
    writeSurfacePositions(drag, dragRes);
    invalidate();
  }, [frameVersion, rest, drag, restRes, dragRes, invalidate]);

  useLayoutEffect(() => {
    const a = fieldArray(field);
    if (a && a.length !== res * res) return;
    // A field the grid lacks (the test fields before their pass): one neutral grey, never the
    // previous field's colours; the colour bar says why.
    if (!a) {
      if (!gridBuffers.fields || gridBuffers.fields.res !== res) return;
      (texture.image.data as Uint8Array).fill(MISSING_GREY);
    } else {
      const { min, max } = displayRange(field);
      writeFieldTexture(texture.image.data as Uint8Array, a, min, max, lut);
    }
    texture.needsUpdate = true;
    invalidate();
  }, [field, lut, gridVersion, frameVersion, texture, res, invalidate]);

  const { interaction } = useSceneState();
  useEffect(() => {
    const apply = (active: boolean, cause?: string) => {
      if (restRef.current) restRef.current.visible = !active;
      if (dragRef.current) dragRef.current.visible = active;
      // A compute's start needs no frame of its own (the next grid's frame shows the light mesh):
      // a frame now would wait on the GPU behind the engine's work.
      if (!(active && cause === 'compute')) invalidate();
    };
    apply(interaction.isInteracting());
    return interaction.onInteraction(apply);
  }, [invalidate, interaction]);

  return (
    <group name="surface">
      <mesh ref={restRef} geometry={rest} name="surface-full">
        <meshBasicMaterial map={texture} vertexColors side={DoubleSide} polygonOffset polygonOffsetFactor={1} polygonOffsetUnits={1} />
      </mesh>
      <mesh ref={dragRef} geometry={drag} visible={false} name="surface-coarse">
        <meshBasicMaterial map={texture} vertexColors side={DoubleSide} polygonOffset polygonOffsetFactor={1} polygonOffsetUnits={1} />
      </mesh>
    </group>
  );
}
