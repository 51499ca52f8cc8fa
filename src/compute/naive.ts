/**
 * The benchmark's naive baseline (issue 2 §5 (b)): the loss written as ordinary tfjs ops on
 * [G, n] tensors (one row per grid node) and every derivative by nested `tf.grads`, then the same
 * ρ/Ψ/bound assembly as the engines. tfjs 4.22's Sigmoid gradient uses its saved *output*, which
 * is not on the tape of an outer gradient, so second and third derivatives through sigmoid come
 * out wrong; `registerDifferentiableSigmoid` re-registers it in terms of the saved input (with
 * sigmoid itself, so every order stays differentiable). Softplus's gradient is sigmoid of its input
 * and needs nothing else.
 */
import * as tf from '@tensorflow/tfjs';
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

/** Both partial derivatives of f (a sum over nodes, so per-node derivatives). */
const D = (f: F) => (a: tf.Tensor, b: tf.Tensor) => tf.grads((p: tf.Tensor, q: tf.Tensor) => f(p, q))([a, b]);

/** Nodes per batch (bounds the [G, n] intermediates). */
const BATCH = 2048;

/** loss, ∂1, ∂2, H11, H12, H22, ‖T‖ at the nodes (a, b) ([G, 1] each) by nested tf.grads. */
function nodeDerivatives(x1: tf.Tensor, x2: tf.Tensor, sg: tf.Tensor, depth: number, a: tf.Tensor, b: tf.Tensor): tf.Tensor[] {
  const lossNodes = (w1: tf.Tensor, w2: tf.Tensor) => {
    let h1 = tf.mul(tf.onesLike(w1), x1), h2 = tf.mul(tf.onesLike(w1), x2);
    for (let l = 1; l < depth; l++) {
      const a1 = tf.add(tf.mul(w1, h1), tf.mul(w2, h2));
      const a2 = tf.add(tf.mul(w2, h1), tf.mul(w1, h2));
      h1 = tf.sigmoid(a1);
      h2 = tf.sigmoid(a2);
    }
    const z = tf.add(tf.mul(w1, h1), tf.mul(w2, h2));
    return tf.mean(tf.softplus(tf.mul(sg, z)), 1);
  };
  const L: F = (p, q) => tf.sum(lossNodes(p, q));
  const G1: F = (p, q) => tf.sum(D(L)(p, q)[0]);
  const G2: F = (p, q) => tf.sum(D(L)(p, q)[1]);
  const H11: F = (p, q) => tf.sum(D(G1)(p, q)[0]);
  const H12: F = (p, q) => tf.sum(D(G1)(p, q)[1]);
  const H22: F = (p, q) => tf.sum(D(G2)(p, q)[1]);
  const loss = lossNodes(a, b);
  const [g1, g2] = D(L)(a, b);
  const [h11, h12] = D(G1)(a, b);
  const h22 = D(G2)(a, b)[1];
  const [t111, t112] = D(H11)(a, b);
  const t122 = D(H12)(a, b)[1];
  const t222 = D(H22)(a, b)[1];
  const tn = tf.sqrt(tf.addN([tf.square(t111), tf.mul(3, tf.square(t112)), tf.mul(3, tf.square(t122)), tf.square(t222)]));
  return [loss, g1, g2, h11, h12, h22, tn].map((t) => tf.reshape(t, [-1]));
}

/** The full field set by the naive baseline (same grid plan and assembly as the engines). */
export async function evaluateGridNaive(job: GridJob): Promise<GridFields> {
  registerDifferentiableSigmoid();
  const w = planWork(job, Infinity);
  const { res, step } = w.plan;
  const [m1, m2] = w.plan.margin;
  const ce = res + 2 * m1, re = res + 2 * m2;
  const nodes = re * ce;
  const x = Float32Array.from({ length: job.n }, (_, j) => job.x[2 * j]);
  const xx = Float32Array.from({ length: job.n }, (_, j) => job.x[2 * j + 1]);
  const sgv = Float32Array.from({ length: job.n }, (_, j) => 1 - 2 * job.y[j]);
  const x1 = tf.tensor2d(x, [1, job.n]), x2 = tf.tensor2d(xx, [1, job.n]), sg = tf.tensor2d(sgv, [1, job.n]);
  try {
    for (let g0 = 0; g0 < nodes; g0 += BATCH) {
      const cnt = Math.min(BATCH, nodes - g0);
      const wa = new Float32Array(cnt), wb = new Float32Array(cnt);
      for (let i = 0; i < cnt; i++) {
        const g = g0 + i;
        wa[i] = job.w1[0] + step[0] * ((g % ce) - m1);
        wb[i] = job.w2[0] + step[1] * (Math.floor(g / ce) - m2);
      }
      const out = tf.tidy(() => tf.stack(nodeDerivatives(x1, x2, sg, job.depth, tf.tensor2d(wa, [cnt, 1]), tf.tensor2d(wb, [cnt, 1])), 1));
      const d = (await out.data()) as Float32Array;
      out.dispose();
      for (let i = 0; i < cnt; i++) for (let k = 0; k < NODE_STRIDE; k++) w.ext[(g0 + i) * NODE_STRIDE + k] = d[i * NODE_STRIDE + k];
    }
  } finally {
    x1.dispose();
    x2.dispose();
    sg.dispose();
  }
  // Stencil-band nodes (coarse grids only) get ρ = 0: the baseline times the grid passes.
  for (const t of w.tasks) if (t.task.type === 'points') t.store(new Float64Array(t.units * NODE_STRIDE));
  return assembleGrid(w);
}
