/**
 * compute/: the only public face of the TensorFlow.js side. First version: backend selection and
 * a chunked CPU (TS engine) grid; the fused WebGL engine replaces the grid path.
 */
import * as tf from '@tensorflow/tfjs';
import type { GridFields, GridJob } from '../core/grid';
import { gridLayout, allocNodeFields, evaluateNodeRows, rhoGrid, assembleFields, validateJob } from '../core/gridCpu';

export type { GridFields, GridJob };

/** Training runs (issue 4): GD, mini-batch SGD and perturbed optimization on the page's backend. */
export * from './train';

export interface EvaluateOptions {
  signal?: AbortSignal;
  /** Called with progress in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

/** Picks the tfjs backend: webgl → wasm → cpu. Returns the backend name in use. */
export async function initBackend(preferred: string[] = ['webgl', 'cpu']): Promise<string> {
  for (const name of preferred) {
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return tf.getBackend();
      }
    } catch {
      // try the next backend
    }
  }
  await tf.ready();
  return tf.getBackend();
}

/** The grid engine in use (shown in the UI). */
export function engineName(): string {
  return 'ts';
}

const yieldToBrowser = () => new Promise<void>((r) => setTimeout(r, 0));

/** Evaluates every field over a job's grid, chunked and cancellable (throws AbortError). */
export async function evaluateGrid(job: GridJob, opts: EvaluateOptions = {}): Promise<GridFields> {
  validateJob(job);
  const l = gridLayout(job);
  const nodes = allocNodeFields(l);
  const rows = 3 * l.res;
  const chunk = Math.max(1, Math.floor(20000 / (rows * Math.max(1, job.n / 100))));
  for (let a = 0; a < rows; a += chunk) {
    if (opts.signal?.aborted) throw new DOMException('Grid job cancelled', 'AbortError');
    evaluateNodeRows(job, l, nodes, a, Math.min(rows, a + chunk));
    opts.onProgress?.(Math.min(1, (a + chunk) / rows) * 0.95);
    await yieldToBrowser();
  }
  if (opts.signal?.aborted) throw new DOMException('Grid job cancelled', 'AbortError');
  const f = assembleFields(job, l, nodes, rhoGrid(job, l, nodes.thirdNorm));
  opts.onProgress?.(1);
  return f;
}

/** Live tensor count (for leak checks). */
export function numTensors(): number {
  return tf.memory().numTensors;
}
