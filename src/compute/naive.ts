/**
 * The benchmark's naive baseline (column (b) of docs/PERFORMANCE.md): the loss written as ordinary tfjs ops on
 * [G, n] tensors (one row per grid node, all nodes of a batch at once) and every derivative by
 * nested `tf.grads` of the sum over nodes, then the same ρ/Ψ/bound assembly as the engines. tfjs 4.22's Sigmoid gradient uses its saved *output*, which
 * is not on the tape of an outer gradient, so second and third derivatives through sigmoid come
 * out wrong; `registerDifferentiableSigmoid` re-registers it in terms of the saved input (with
 * sigmoid itself, so every order stays differentiable). Softplus's gradient is sigmoid of its input
 * and needs nothing else.
 */
import * as tf from './tf';
import type { GridFields, GridJob } from '../core/grid';
import { assembleGrid, planWork } from '../core/gridEval';
import { NODE_STRIDE } from '../core/nodeJets';

let registered = false;

/** Makes Sigmoid's gradient differentiable to any order (idempotent). */
export function registerDifferentiableSigmoid(): void {
  if (registered) return;
  registered = true;
  tf.registerGradient({
    kernelName: 'Sigmoid',
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved;
      return { x: () => { const s = tf.sigmoid(x); return tf.mul(dy as tf.Tensor, tf.mul(s, tf.sub(1, s))); } };
    },
  });
}

type F = (a: tf.Tensor, b: tf.Tensor) => tf.Scalar;

/** Nodes per batch (bounds the [G, n] intermediates); every batch has this shape (one shader set). */
export const NAIVE_BATCH = 4096;

/**
 * loss, ∂1, ∂2, H11, H12, H22, ‖T‖ at G nodes (a, b) ([G, 1] each), stacked as [G, 7]. The nodes are
 * independent, so the gradient of the SUM over nodes is the per-node gradient; nesting it gives
 * Hessian rows (∂ of Σ∂1 and of Σ∂2) and third derivatives (∂ of ΣH11 → T111, T112; of ΣH22 →
 * T122, T222).
 */
export function naiveNodeDerivatives(x1: tf.Tensor, x2: tf.Tensor, sg: tf.Tensor, depth: number, a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const lossNodes = (w1: tf.Tensor, w2: tf.Tensor) => {
    let h1 = tf.mul(tf.onesLike(w1), x1), h2 = tf.mul(tf.onesLike(w1), x2);
    for (let l = 1; l < depth; l++) {
      const a1 = tf.add(tf.mul(w1, h1), tf.mul(w2, h2));
      const a2 = tf.add(tf.mul(w2, h1), tf.mul(w1, h2));
      h1 = tf.sigmoid(a1);
      h2 = tf.sigmoid(a2);
    }
    const z = tf.add(tf.mul(w1, h1), tf.mul(w2, h2));
    return tf.mean(tf.softplus(tf.mul(sg, z)), 1, true);
  };
  const grad = (f: F) => tf.grads((p: tf.Tensor, q: tf.Tensor) => f(p, q));
  const dL = grad((p, q) => tf.sum(lossNodes(p, q)));
  const dG1 = grad((p, q) => tf.sum(dL([p, q])[0]));
  const dG2 = grad((p, q) => tf.sum(dL([p, q])[1]));
  const dH11 = grad((p, q) => tf.sum(dG1([p, q])[0]));
  const dH22 = grad((p, q) => tf.sum(dG2([p, q])[1]));
  const loss = lossNodes(a, b);
  const [g1, g2] = dL([a, b]);
  const [h11, h12] = dG1([a, b]);
  const h22 = dG2([a, b])[1];
  const [t111, t112] = dH11([a, b]);
  const [t122, t222] = dH22([a, b]);
  const tn = tf.sqrt(tf.addN([tf.square(t111), tf.mul(3, tf.square(t112)), tf.mul(3, tf.square(t122)), tf.square(t222)]));
  return tf.concat([loss, g1, g2, h11, h12, h22, tn], 1);
}

/**
 * The full field set by the naive baseline: every extended-grid node and every stencil point of
 * the fallback bands through `naiveNodeDerivatives` in equal batches, then the same ρ/Ψ/bound
 * assembly as the engines (so it computes the same thing, only slower).
 */
export async function evaluateGridNaive(job: GridJob, batch = NAIVE_BATCH): Promise<GridFields> {
  registerDifferentiableSigmoid();
  const w = planWork(job, Infinity);
  // Every point to evaluate, task by task: rect tasks' nodes row-major, points tasks' points.
  const pts: number[] = [];
  const spans: { start: number; count: number; store: (d: Float64Array) => void }[] = [];
  for (const t of w.tasks) {
    const start = pts.length / 2;
    if (t.task.type === 'rect') {
      const { origin, step, row0, rows, cols } = t.task;
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) pts.push(origin[0] + step[0] * c, origin[1] + step[1] * (row0 + r));
    } else if (t.task.type === 'points') for (const v of t.task.pts) pts.push(v);
    spans.push({ start, count: pts.length / 2 - start, store: t.store });
  }
  const total = pts.length / 2;
  const nb = Math.ceil(total / batch);
  const size = Math.ceil(total / nb);
  const out = new Float64Array(total * NODE_STRIDE);
  const sel = (k: number) => Float32Array.from({ length: job.n }, (_, j) => (k < 2 ? job.x[2 * j + k] : 1 - 2 * job.y[j]));
  const x1 = tf.tensor2d(sel(0), [1, job.n]), x2 = tf.tensor2d(sel(1), [1, job.n]), sg = tf.tensor2d(sel(2), [1, job.n]);
  try {
    for (let g0 = 0; g0 < total; g0 += size) {
      const cnt = Math.min(size, total - g0);
      // The last batch is padded to the common shape (repeating its last point).
      const wa = new Float32Array(size), wb = new Float32Array(size);
      for (let i = 0; i < size; i++) {
        const g = g0 + Math.min(i, cnt - 1);
        wa[i] = pts[2 * g];
        wb[i] = pts[2 * g + 1];
      }
      const t = tf.tidy(() => naiveNodeDerivatives(x1, x2, sg, job.depth, tf.tensor2d(wa, [size, 1]), tf.tensor2d(wb, [size, 1])));
      const d = (await t.data()) as Float32Array;
      t.dispose();
      for (let i = 0; i < cnt * NODE_STRIDE; i++) out[g0 * NODE_STRIDE + i] = d[i];
    }
  } finally {
    x1.dispose();
    x2.dispose();
    sg.dispose();
  }
  for (const s of spans) s.store(out.subarray(s.start * NODE_STRIDE, (s.start + s.count) * NODE_STRIDE));
  return assembleGrid(w);
}
