/**
 * Heightfield geometry: one indexed BufferGeometry per resolution (created once, then its
 * position, normal and colour attributes are rewritten in place when a grid arrives or the
 * colouring changes).
 */
import { BufferAttribute, BufferGeometry, DynamicDrawUsage } from 'three';
import { frame, worldX, worldZ } from './frame';
import { linspace } from '../core/grid';
import { applyColormap } from '../core/colormap';

/** An n×n grid mesh with empty position/normal/colour attributes (filled by the writers below). */
export function createGridGeometry(n: number): BufferGeometry {
  const g = new BufferGeometry();
  const count = n * n;
  const pos = new BufferAttribute(new Float32Array(count * 3), 3).setUsage(DynamicDrawUsage);
  const nor = new BufferAttribute(new Float32Array(count * 3), 3).setUsage(DynamicDrawUsage);
  const col = new BufferAttribute(new Float32Array(count * 3), 3).setUsage(DynamicDrawUsage);
  g.setAttribute('position', pos);
  g.setAttribute('normal', nor);
  g.setAttribute('color', col);
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

/** Grid node index of coarse node i (of n) in a grid of `res` nodes per side. */
export function coarseToFine(i: number, n: number, res: number): number {
  return n === res ? i : Math.round((i * (res - 1)) / (n - 1));
}

/**
 * Writes positions and normals of an n×n mesh sampled from the frame's heights (res×res): n = res
 * is the full mesh, a smaller n a decimated one. Normals come from central differences of the
 * sampled heights. Allocation-free apart from the (cached) node coordinates.
 */
export function writeSurfacePositions(g: BufferGeometry, n: number): void {
  const res = frame.res;
  if (res < 2) return;
  const pos = g.getAttribute('position') as BufferAttribute;
  const nor = g.getAttribute('normal') as BufferAttribute;
  const p = pos.array as Float32Array;
  const q = nor.array as Float32Array;
  const h = frame.heights;
  const w1 = linspace(frame.w1[0], frame.w1[1], n);
  const w2 = linspace(frame.w2[0], frame.w2[1], n);
  const dxw = (worldX(frame.w1[1]) - worldX(frame.w1[0])) / (n - 1);
  const dzw = (worldZ(frame.w2[1]) - worldZ(frame.w2[0])) / (n - 1);
  const hAt = (r: number, c: number) => h[coarseToFine(r, n, res) * res + coarseToFine(c, n, res)];
  for (let r = 0; r < n; r++) {
    const z = worldZ(w2[r]);
    for (let c = 0; c < n; c++) {
      const i = r * n + c;
      p[3 * i] = worldX(w1[c]);
      p[3 * i + 1] = hAt(r, c);
      p[3 * i + 2] = z;
      const cl = c > 0 ? c - 1 : c, cr = c < n - 1 ? c + 1 : c;
      const rl = r > 0 ? r - 1 : r, rr = r < n - 1 ? r + 1 : r;
      const dhdx = (hAt(r, cr) - hAt(r, cl)) / ((cr - cl) * dxw);
      const dhdz = (hAt(rr, c) - hAt(rl, c)) / ((rr - rl) * dzw);
      const inv = 1 / Math.sqrt(dhdx * dhdx + 1 + dhdz * dhdz);
      q[3 * i] = -dhdx * inv;
      q[3 * i + 1] = inv;
      q[3 * i + 2] = -dhdz * inv;
    }
  }
  pos.needsUpdate = true;
  nor.needsUpdate = true;
  g.computeBoundingSphere();
  g.computeBoundingBox();
}

/**
 * Writes vertex colours of an n×n mesh from a res×res field through a LUT over [lo, hi]. For the
 * full mesh this is one pass of applyColormap; a decimated mesh samples the field first into
 * `scratch` (n*n floats).
 */
export function writeSurfaceColors(g: BufferGeometry, n: number, field: Float32Array, res: number, lo: number, hi: number, lut: Float32Array, scratch?: Float32Array): void {
  const col = g.getAttribute('color') as BufferAttribute;
  let values: ArrayLike<number> = field;
  if (n !== res) {
    const s = scratch && scratch.length >= n * n ? scratch : new Float32Array(n * n);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) s[r * n + c] = field[coarseToFine(r, n, res) * res + coarseToFine(c, n, res)];
    values = s.length === n * n ? s : s.subarray(0, n * n);
  }
  applyColormap(values, lo, hi, lut, col.array as Float32Array);
  col.needsUpdate = true;
}
