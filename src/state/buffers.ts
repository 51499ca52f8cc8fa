/**
 * Non-reactive holder for the big grid buffers (STYLE habit 5): the store carries only a version
 * counter and small summaries; scene/ and ui/ read the arrays from here when the version bumps.
 */
import type { GridFields } from '../core/grid';

export interface GridBuffers {
  /** The fields of the newest finished (or preview) grid; null before the first result. */
  fields: GridFields | null;
  /** The w1/w2 ranges the fields were computed for. */
  w1Range: [number, number];
  w2Range: [number, number];
}

export const gridBuffers: GridBuffers = { fields: null, w1Range: [0, 0], w2Range: [0, 0] };
