/**
 * Heightfield geometry: one indexed BufferGeometry per resolution (created once, then its
 * position and normal attributes are rewritten in place when a grid arrives); colours come from a
 * field texture at the grid's full resolution, so a coarser mesh keeps every grid node's colour.
 */
import { BufferAttribute, BufferGeometry, DynamicDrawUsage } from 'three';
import { frame, surfaceHeightAt, worldX, worldZ } from './frame';
import { linspace } from '../core/grid';

/** An n×n grid mesh with empty position/normal attributes (filled below) and fixed uvs. */
export function createGridGeometry(n: number): BufferGeometry {
  const g = new BufferGeometry();
  const count = n * n;
  const pos = new BufferAttribute(new Float32Array(count * 3), 3).setUsage(DynamicDrawUsage);
  const nor = new BufferAttribute(new Float32Array(count * 3), 3).setUsage(DynamicDrawUsage);
  // uv: (column, row) / (n − 1); the field texture's row 0 is w2's low end, like the mesh's row 0.
  const uv = new Float32Array(count * 2);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      uv[2 * (r * n + c)] = c / (n - 1);
      uv[2 * (r * n + c) + 1] = r / (n - 1);
    }
  }
  g.setAttribute('position', pos);
  g.setAttribute('normal', nor);
  g.setAttribute('color', new BufferAttribute(new Float32Array(count * 3), 3).setUsage(DynamicDrawUsage));
  g.setAttribute('uv', new BufferAttribute(uv, 2));
  const idx = count > 65535 ? new Uint32Array((n - 1) * (n - 1) * 6) : new Uint16Array((n - 1) * (n - 1) * 6);
  let k = 0;
  for (let r = 0; r < n - 1; r++) {
    for (let c = 0; c < n - 1; c++) {
      const a = r * n + c, b = a + 1, d = a + n, e = d + 1;
      // Counter-clockwise seen from +y (rows run towards −z).
      idx[k++] = a; idx[k++] = b; idx[k++] = d;
      idx[k++] = b; idx[k++] = e; idx[k++] = d;
    }
  }
  g.setIndex(new BufferAttribute(idx, 1));
  return g;
}

const scratch = { heights: new Float32Array(0) };

/**
 * Baked lighting (linear light, multiplied with the colour texture by an unlit material): ambient
 * plus a key light from KEY_LIGHT_DIR and a faint fill from the opposite side. Lambert shading of
 * the (static) lights per vertex, because per-fragment lighting of the surface alone cost ~50 ms a
 * frame in software WebGL; on a smooth heightfield the difference is invisible.
 */
export const AMBIENT_LIGHT = 0.42;
export const KEY_LIGHT = 0.78;
export const FILL_LIGHT = 0.12;
const KEY_LIGHT_DIR = normalise3(4, 10, 6);
const FILL_LIGHT_DIR = normalise3(-6, 3, -4);

function normalise3(x: number, y: number, z: number): [number, number, number] {
  const l = Math.hypot(x, y, z);
  return [x / l, y / l, z / l];
}

/**
 * Writes positions and normals of an n×n mesh over the frame's w ranges: heights are the frame's
 * node heights when n = res, else sampled bilinearly at the mesh's own nodes (a decimated mesh).
 * Normals come from central differences of those heights; the baked shade goes to `color`.
 */
export function writeSurfacePositions(g: BufferGeometry, n: number): void {
  const res = frame.res;
  if (res < 2) return;
  const pos = g.getAttribute('position') as BufferAttribute;
  const nor = g.getAttribute('normal') as BufferAttribute;
  const p = pos.array as Float32Array;
  const q = nor.array as Float32Array;
  const col = g.getAttribute('color') as BufferAttribute;
  const k = col.array as Float32Array;
  const w1 = linspace(frame.w1[0], frame.w1[1], n);
  const w2 = linspace(frame.w2[0], frame.w2[1], n);
  let h = frame.heights;
  if (n !== res) {
    if (scratch.heights.length < n * n) scratch.heights = new Float32Array(n * n);
    h = scratch.heights;
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) h[r * n + c] = surfaceHeightAt(w1[c], w2[r]);
  }
  const dxw = (worldX(frame.w1[1]) - worldX(frame.w1[0])) / (n - 1);
  const dzw = (worldZ(frame.w2[1]) - worldZ(frame.w2[0])) / (n - 1);
  for (let r = 0; r < n; r++) {
    const z = worldZ(w2[r]);
    const rl = r > 0 ? r - 1 : r, rr = r < n - 1 ? r + 1 : r;
    for (let c = 0; c < n; c++) {
      const i = r * n + c;
      p[3 * i] = worldX(w1[c]);
      p[3 * i + 1] = h[i];
      p[3 * i + 2] = z;
      const cl = c > 0 ? c - 1 : c, cr = c < n - 1 ? c + 1 : c;
      const dhdx = (h[r * n + cr] - h[r * n + cl]) / ((cr - cl) * dxw);
      const dhdz = (h[rr * n + c] - h[rl * n + c]) / ((rr - rl) * dzw);
      const inv = 1 / Math.sqrt(dhdx * dhdx + 1 + dhdz * dhdz);
      const nx = -dhdx * inv, ny = inv, nz = -dhdz * inv;
      q[3 * i] = nx;
      q[3 * i + 1] = ny;
      q[3 * i + 2] = nz;
      const shade = AMBIENT_LIGHT + KEY_LIGHT * Math.max(0, nx * KEY_LIGHT_DIR[0] + ny * KEY_LIGHT_DIR[1] + nz * KEY_LIGHT_DIR[2]) + FILL_LIGHT * Math.max(0, nx * FILL_LIGHT_DIR[0] + ny * FILL_LIGHT_DIR[1] + nz * FILL_LIGHT_DIR[2]);
      k[3 * i] = k[3 * i + 1] = k[3 * i + 2] = shade;
    }
  }
  pos.needsUpdate = true;
  nor.needsUpdate = true;
  col.needsUpdate = true;
  g.computeBoundingSphere();
  g.computeBoundingBox();
}

/**
 * Writes the colours of a res×res field into an RGBA8 texture (sRGB bytes, one texel per grid node)
 * through `lut` (sRGB, [size, 3]) over [lo, hi]. Non-finite values get the lowest colour.
 */
export function writeFieldTexture(data: Uint8Array, field: ArrayLike<number>, lo: number, hi: number, lut: Float32Array): void {
  const size = lut.length / 3;
  const span = hi > lo ? hi - lo : 0;
  for (let i = 0; i < field.length; i++) {
    const v = field[i];
    let k = 0;
    if (span > 0 && Number.isFinite(v)) {
      const t = (v - lo) / span;
      k = t <= 0 ? 0 : t >= 1 ? size - 1 : Math.round(t * (size - 1));
    } else if (span === 0) k = (size - 1) >> 1;
    data[4 * i] = Math.round(lut[3 * k] * 255);
    data[4 * i + 1] = Math.round(lut[3 * k + 1] * 255);
    data[4 * i + 2] = Math.round(lut[3 * k + 2] * 255);
    data[4 * i + 3] = 255;
  }
}
