/**
 * How the WebGL engine splits a pass into draw calls: a work budget per draw (node · sample ·
 * layer evaluations) and about square tiles within it, so no draw runs long enough to hold back
 * the page's frames or trip a GPU watchdog.
 */

/** Node·sample·layer evaluations per draw call, tuned so one draw takes ~10–25 ms of GPU time even on
 * software WebGL: a canvas frame queued behind the engine waits for the draws in flight. */
let chunkBudget = 1e6;

/** Lets tests and the calibration change the chunk size (work units per draw call). */
export function setChunkBudget(units: number): void {
  chunkBudget = Math.max(1e4, units);
}

/** The current work per draw call. */
export function chunkBudgetUnits(): number {
  return chunkBudget;
}

/** Splits `total` into equal parts of at most `most` (≥ 1); returns the part size. */
export function evenPart(total: number, most: number): number {
  const m = Math.max(1, Math.min(total, Math.floor(most)));
  return Math.ceil(total / Math.ceil(total / m));
}

/**
 * Tile of one draw call for a pass over rows × cols nodes (order-3 work counts ~3× order 1): about
 * square, within the budget, so that no single draw runs long (GPU watchdogs reset the context
 * after ~2 s) even for n up to 1e5. Square, not strips of whole rows: software WebGL (SwiftShader)
 * shares a draw's pixels among its threads by output rows, and a strip a few texels high left one
 * of two cores idle (256², same run: 1e6 units as row strips 2.3 s, as square tiles 1.1 s).
 */
export function chunkTile(rows: number, cols: number, n: number, depth: number, weight: number): [number, number] {
  const perNode = n * Math.max(1, depth) * weight;
  const nodes = chunkBudget / perNode;
  if (nodes >= rows * cols) return [rows, cols];
  const ch = evenPart(rows, Math.min(rows, Math.sqrt(nodes)));
  return [ch, evenPart(cols, nodes / ch)];
}
