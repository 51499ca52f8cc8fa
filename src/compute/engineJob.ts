/**
 * What both grid engines (webglEngine.ts, cpuEngine.ts) share about a job: its run options and
 * the error a cancelled job rejects with. Imports nothing, so the worker engine does not reach
 * tfjs through it.
 */

/** Options of one engine job. */
export interface EngineRunOptions {
  signal?: AbortSignal;
  /** Called with 0..1 as chunks finish. */
  onProgress?: (fraction: number) => void;
  /** When given, filled with the wall time (ms) of each pass, for benchmarks. */
  timings?: Record<string, number>;
  /**
   * false: no 5×5 stencil fallback where the grid is too coarse (grid mode with interpolated
   * edges everywhere). Only for the transient quick preview; the SPEC result keeps the default.
   */
  stencilFallback?: boolean;
}

/** Thrown (as a DOMException-like Error with name 'AbortError') when a job is cancelled. */
export function abortError(message = 'grid job cancelled'): Error {
  const e = new Error(message);
  e.name = 'AbortError';
  return e;
}
