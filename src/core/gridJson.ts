/**
 * The JSON object of a grid result, shared by the CLI's `grid` command and
 * `window.pacscape.evaluateGrid` (same keys, same layout: row-major, row = w2 index).
 */
import type { GridFields } from './grid';

export interface GridJson {
  res: number;
  w1: number[];
  w2: number[];
  loss: number[];
  psi: number[];
  bound: number[];
  rho: number[];
  thirdNorm: number[];
}

export function gridJson(f: GridFields): GridJson {
  return {
    res: f.res,
    w1: Array.from(f.w1),
    w2: Array.from(f.w2),
    loss: Array.from(f.loss),
    psi: Array.from(f.psi),
    bound: Array.from(f.bound),
    rho: Array.from(f.rho),
    thirdNorm: Array.from(f.thirdNorm),
  };
}
