/**
 * Web Worker of the TS grid engine: holds the job's sample and runs core/gridEval tasks
 * (node rectangles of the extended grid, stencil point lists) with core's specialised jets, and
 * assembles a finished job's fields (ρ's max filter, Ψ, the bound, σ*: tens to hundreds of ms at
 * 128²–256², which on the page's thread were one long task).
 */
import { assembleGrid, runGridTask, type GridTask, type GridWork } from '../core/gridEval';
import type { GridFields } from '../core/grid';
import type { Sample } from '../core/jets';

/** What `assembleGrid` reads of a job's work (no tasks: their closures stay on the page). */
export type AssembleInput = Pick<GridWork, 'job' | 'plan' | 'ext' | 'fallback' | 'stencilRho'>;

export type WorkerRequest =
  | { type: 'sample'; key: number; n: number; x: Float64Array; y: Uint8Array }
  | { type: 'drop'; key: number }
  | { type: 'task'; key: number; id: number; task: GridTask }
  | { type: 'assemble'; id: number; work: AssembleInput };

export interface WorkerReply {
  id: number;
  data?: Float64Array;
  fields?: GridFields;
  error?: string;
}

/** The buffers of a grid's fields, to transfer rather than copy. */
export function fieldBuffers(f: GridFields): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const v of Object.values(f)) if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer && !out.includes(v.buffer)) out.push(v.buffer);
  return out;
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
  const post = (r: WorkerReply) => (self as unknown as Worker).postMessage(r, r.data ? [r.data.buffer] : r.fields ? fieldBuffers(r.fields) : []);
  if (m.type === 'assemble') {
    try {
      post({ id: m.id, fields: assembleGrid({ ...m.work, tasks: [] }) });
    } catch (e) {
      post({ id: m.id, error: (e as Error).message });
    }
    return;
  }
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
