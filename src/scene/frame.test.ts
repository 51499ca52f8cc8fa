import { describe, expect, it } from 'vitest';
import { linspace, type GridFields } from '../core/grid';
import { PLANE_Y, SURFACE_HEIGHT, frame, heightOfLoss, intersectHeightfield, setFrameFromGrid, surfaceHeightAt, w1OfX, w2OfZ, worldX, worldZ } from './frame';

/** A res² grid of loss = (w1 − 1)² + (w2 + 0.5)² + 0.5 over [−2, 4] × [−3, 2]. */
function bowl(res: number): GridFields {
  const w1 = linspace(-2, 4, res), w2 = linspace(-3, 2, res);
  const loss = new Float32Array(res * res);
  for (let r = 0; r < res; r++) for (let c = 0; c < res; c++) loss[r * res + c] = (w1[c] - 1) ** 2 + (w2[r] + 0.5) ** 2 + 0.5;
  const z = new Float32Array(res * res);
  return { res, w1, w2, loss, grad: z, hess: z, thirdNorm: z, rho: z, psi: z, bound: z, sigmaStar: z, lambdaMax: z };
}

describe('landscape frame', () => {
  it('maps w to world and back, keeping the aspect ratio', () => {
    setFrameFromGrid(bowl(65), [-2, 4], [-3, 2], false);
    expect(frame.scale).toBeCloseTo(10 / 6, 12);
    expect(w1OfX(worldX(3.3))).toBeCloseTo(3.3, 12);
    expect(w2OfZ(worldZ(-1.2))).toBeCloseTo(-1.2, 12);
    expect(worldZ(2)).toBeLessThan(worldZ(-3)); // w2 grows away from the default camera (−z)
    expect(heightOfLoss(frame.lossMin)).toBe(0);
    expect(heightOfLoss(frame.lossMax)).toBeCloseTo(SURFACE_HEIGHT, 5);
    expect(PLANE_Y).toBeLessThan(0);
  });

  it('interpolates the node heights bilinearly and flattens for the map', () => {
    setFrameFromGrid(bowl(65), [-2, 4], [-3, 2], false);
    const h = surfaceHeightAt(1, -0.5);
    expect(h).toBeCloseTo(heightOfLoss(0.5), 2);
    setFrameFromGrid(bowl(65), [-2, 4], [-3, 2], false, 0.002);
    expect(surfaceHeightAt(4, 2)).toBeLessThan(0.01);
  });

  it('intersects a ray with the heightfield where the surface is', () => {
    setFrameFromGrid(bowl(129), [-2, 4], [-3, 2], true);
    // Straight down onto (w1, w2) = (2, 0): hits there.
    const hit = intersectHeightfield(worldX(2), 20, worldZ(0), 0, -1, 0)!;
    expect(hit[0]).toBeCloseTo(2, 6);
    expect(hit[1]).toBeCloseTo(0, 6);
    // An oblique ray aimed at the surface point of (−1, 1) finds that point (nothing in front of it).
    const tx = worldX(-1), tz = worldZ(1), ty = surfaceHeightAt(-1, 1);
    const o = [tx - 6, ty + 8, tz + 6];
    const d = [tx - o[0], ty - o[1], tz - o[2]];
    const n = Math.hypot(d[0], d[1], d[2]);
    const w = intersectHeightfield(o[0], o[1], o[2], d[0] / n, d[1] / n, d[2] / n)!;
    expect(Math.hypot(w[0] + 1, w[1] - 1)).toBeLessThan(0.02);
    // A ray that passes beside the surface misses.
    expect(intersectHeightfield(50, 5, 0, 0, -1, 0)).toBeNull();
  });
});
