/**
 * Non-reactive holder for the big grid buffers (STYLE habit 5): the store carries only a version
 * counter and small summaries; scene/ and ui/ read the arrays from here when the version bumps.
 */
import type { GridFields } from '../core/grid';

/**
 * The test pass over the grid (SPEC §9: test loss and gap on a fresh sample of the mixture), run
 * after the main fields of each full grid. `fields.testLoss` / `fields.gap` are set once it is
 * 'ready' (a new GridFields object with the same main arrays, and gridVersion bumps).
 */
export interface TestGridStatus {
  /**
   * off: nothing shows or asked for the test fields, so the pass did not run (it costs
   * 200× the training sample per node); unavailable: no known mixture (`reason` says why);
   * pending: waits for the main grid.
   */
  status: 'off' | 'unavailable' | 'pending' | 'computing' | 'ready' | 'error';
  /** Why the fields are missing (unavailable / error), for the UI. */
  reason: string;
  /** Size and seed of the sample the fields are (being) computed with. */
  size: number;
  seed: number;
  /** 0..1 of the pass in flight. */
  progress: number;
  /** Wall time of the last finished pass (ms). */
  ms: number;
  /** Seconds the pass in flight still needs, from its measured rate (null: not known yet). */
  eta: number | null;
}

export interface GridBuffers {
  /**
   * The fields of the newest finished (or preview) grid; null before the first result. Its
   * `testLoss` and `gap` (res² float32, row-major, row = w2 index) are present once the test
   * pass for this grid finished (see TestGridStatus).
   */
  fields: GridFields | null;
  /** The w1/w2 ranges the fields were computed for. */
  w1Range: [number, number];
  w2Range: [number, number];
  /** Size and seed of the test sample of `fields.testLoss` (null while it has none). */
  test: { size: number; seed: number } | null;
}

export const gridBuffers: GridBuffers = { fields: null, w1Range: [0, 0], w2Range: [0, 0], test: null };
