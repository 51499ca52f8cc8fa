/**
 * Web Worker of the TS grid engine: holds the job's sample and runs core/gridEval tasks
 * (node rectangles of the extended grid, stencil point lists) with core's specialised jets.
 */
import { runGridTask, type GridTask } from '../core/gridEval';
import type { Sample } from '../core/jets';

export type WorkerRequest = { type: 'sample'; key: number; n: number; x: Float64Array; y: Uint8Array } | { type: 'drop'; key: number } | { type: 'task'; key: number; id: number; task: GridTask };

export interface WorkerReply {
  id: number;
  data?: Float64Array;
  error?: string;
}

/** The samples of the jobs in flight by key (a job's training sample, a test pass's test sample), until dropped. */
const samples = new Map<number, Sample>();

self.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const m = ev.data;
  if (m.type === 'sample') {
    samples.set(m.key, { n: m.n, x: m.x, y: m.y });
    return;
  }
  if (m.type === 'drop') {
    samples.delete(m.key);
    return;
  }
  const post = (r: WorkerReply) => (self as unknown as Worker).postMessage(r, r.data ? [r.data.buffer] : []);
  const sample = samples.get(m.key);
  if (!sample) {
    post({ id: m.id, error: 'sample missing' });
    return;
  }
  try {
    post({ id: m.id, data: runGridTask(sample, m.task) });
  } catch (e) {
    post({ id: m.id, error: (e as Error).message });
  }
};
