/**
 * Training the two shared weights with TensorFlow.js on the page's backend (SPEC §7): plain
 * gradient descent, mini-batch SGD and the paper's perturbed optimization.
 *
 * The model is SPEC §2 written as tensor ops on x [n, 2] (one 2×2 product per layer); the gradient comes from
 * `tf.grads` (exact reverse mode, float32). Each step is one `tf.tidy` and one async read-back of
 * [w1', w2', L̂(w')], so the page never blocks and the path is float32 throughout (the test
 * loss, an evaluation only, is float64 on the CPU).
 *
 * Determinism: every random choice (mini-batch order, perturbation noise) comes from the run's
 * seeded `core/trainStream` (the same streams a batched ensemble run draws, compute/ensemble);
 * σ* for the perturbation is computed in float64 by `core/metrics` at the (float32) current w. The same start, seed and settings therefore give the same path on every load.
 */
import { tr } from '../core/words';
import * as tf from './tf';
import { gpuFence, type MathBackendWebGL } from './tfjsWebgl';
import { validateTrainSettings, type TrainPoint, type TrainSettings } from './trainSettings';
import { lossAt, type Sample } from '../core/jets';
import { pointReport, type MetricParams } from '../core/metrics';
import { TrainStream, usesMiniBatches } from '../core/trainStream';

// The settings and their checks are tfjs-free (the first view's bundle imports them without tfjs).
export * from './trainSettings';

/** A sample as owned tensors: x [n, 2], y [n]. */
interface SampleTensors {
  n: number;
  x: tf.Tensor2D;
  y: tf.Tensor1D;
}

function toTensors(s: Sample): SampleTensors {
  const x = new Float32Array(2 * s.n), y = new Float32Array(s.n);
  for (let j = 0; j < s.n; j++) {
    x[2 * j] = s.x[2 * j];
    x[2 * j + 1] = s.x[2 * j + 1];
    y[j] = s.y[j];
  }
  return { n: s.n, x: tf.tensor2d(x, [s.n, 2]), y: tf.tensor1d(y) };
}

function disposeTensors(t: SampleTensors | null): void {
  if (!t) return;
  t.x.dispose();
  t.y.dispose();
}

/**
 * Mean BCE from the logit (SPEC §2) for scalar weights a = w1, b = w2 over x [n, 2], y [n].
 * Both units of a layer in one product: [a1, a2] = [h1, h2]·W with W = [[w1, w2], [w2, w1]]
 * (symmetric, so h·W = (W h)ᵀ); few ops per layer keeps a step cheap on the GPU.
 */
export function lossTensor(a: tf.Scalar, b: tf.Scalar, x: tf.Tensor2D, y: tf.Tensor1D, depth: number): tf.Scalar {
  const row = tf.stack([a, b]); // [2]
  const W = tf.stack([row, tf.stack([b, a])]) as tf.Tensor2D; // [2, 2]
  let h: tf.Tensor2D = x; // [n, 2]
  for (let l = 1; l < depth; l++) h = tf.sigmoid(tf.matMul(h, W));
  const z = tf.reshape(tf.matMul(h, tf.reshape(row, [2, 1])), [-1]); // [n] logits
  return tf.mean(tf.sub(tf.softplus(z), tf.mul(y, z))) as tf.Scalar;
}

/**
 * One training run. Owns its tensors: call `dispose()` when done (also after an error).
 * `init()` evaluates the start point; each `step()` takes one update and returns the new point.
 */
export class Trainer {
  readonly settings: TrainSettings;
  private readonly sample: Sample;
  private readonly params: MetricParams;
  private train: SampleTensors | null;
  /** The output tensor of the read in flight, if any. */
  private pending: tf.Tensor | null = null;
  private readonly test: Sample | null;
  /** The run's seeded mini-batch and noise streams (shared definition with batched ensembles). */
  private readonly stream: TrainStream;
  private w: [number, number];
  stepsTaken = 0;

  constructor(sample: Sample, test: Sample | null, params: MetricParams, settings: TrainSettings, start: [number, number]) {
    validateTrainSettings(settings);
    if (!start.every(Number.isFinite)) throw new Error(tr('The start point must be two finite numbers.'));
    this.settings = { ...settings };
    this.sample = sample;
    this.params = params;
    this.train = toTensors(sample);
    this.test = test && test.n > 0 ? test : null;
    this.stream = new TrainStream(settings.seed, sample.n);
    // The path lives in float32 from the first point on.
    this.w = [Math.fround(start[0]), Math.fround(start[1])];
  }

  /** Current weights (float32 values). */
  get weights(): [number, number] {
    return [this.w[0], this.w[1]];
  }

  private requireLive(): SampleTensors {
    if (!this.train) throw new Error('This training run was disposed.');
    return this.train;
  }

  /** One step's graph: [w1', w2', L̂(w')] after a (mini-batch) gradient step at w + u. */
  private stepGraph(train: SampleTensors, w1: number, w2: number, u: [number, number], lr: number, depth: number, batch: Int32Array | null): tf.Tensor {
    let bx = train.x, by = train.y;
    if (batch) {
      const idx = tf.tensor1d(batch, 'int32');
      bx = tf.gather(train.x, idx);
      by = tf.gather(train.y, idx);
    }
    const gradFn = tf.grads((a: tf.Tensor, b: tf.Tensor) => lossTensor(a as tf.Scalar, b as tf.Scalar, bx, by, depth));
    // Gradient at the perturbed point w + u (u = 0 for plain runs).
    const [ga, gb] = gradFn([tf.scalar(w1 + u[0]), tf.scalar(w2 + u[1])]);
    const lrT = tf.scalar(lr);
    const a = tf.sub(tf.scalar(w1), tf.mul(lrT, ga)) as tf.Scalar;
    const b = tf.sub(tf.scalar(w2), tf.mul(lrT, gb)) as tf.Scalar;
    const l = lossTensor(a, b, train.x, train.y, depth);
    return tf.stack([a, b, l]); // [3]
  }

  /**
   * Compiles the WebGL programs of `init` and `step` ahead, in tfjs's compile-only mode, and waits
   * for the GPU process to finish compiling without blocking the page (the parallel-compile
   * extension where there is one, else a fence): compiled on first use they made the run's first
   * steps main-thread tasks of 180–240 ms on software WebGL. Touches neither w nor the run's
   * seeded streams (a dummy batch of the run's size), so the path is the same; does nothing on
   * another backend, and a graph that cannot run compile-only simply compiles on first use.
   */
  async compileAhead(): Promise<void> {
    if (tf.getBackend() !== 'webgl') return;
    const b = tf.backend() as MathBackendWebGL;
    const internals = b as unknown as { binaryCache?: Record<string, unknown>; gpgpu?: { parallelCompilationExtension?: unknown } };
    if (!internals.binaryCache || typeof b.checkCompileCompletionAsync !== 'function') return;
    const cache = internals.binaryCache;
    const train = this.requireLive();
    const { method, lr } = this.settings;
    const depth = this.params.depth;
    const [w1, w2] = this.w;
    const before = Object.keys(cache).length;
    tf.env().set('ENGINE_COMPILE_ONLY', true);
    try {
      tf.tidy(() => {
        lossTensor(tf.scalar(w1), tf.scalar(w2), train.x, train.y, depth);
        const batch = usesMiniBatches(method, this.settings.batch, this.sample.n) ? new Int32Array(this.settings.batch) : null;
        this.stepGraph(train, w1, w2, [0, 0], lr, depth, batch);
      });
    } catch {
      // A kernel that cannot run compile-only: the rest compile on first use, as without this.
    } finally {
      tf.env().set('ENGINE_COMPILE_ONLY', false);
    }
    if (Object.keys(cache).length === before) return;
    if (internals.gpgpu?.parallelCompilationExtension) await b.checkCompileCompletionAsync();
    else {
      await gpuFence(b);
      b.checkCompileCompletion();
    }
    b.getUniformLocations();
  }

  /** Loss (and test loss) at the current w: the path's first point. */
  async init(): Promise<TrainPoint> {
    const train = this.requireLive();
    const depth = this.params.depth;
    const [w1, w2] = this.w;
    const out = tf.tidy(() => lossTensor(tf.scalar(w1), tf.scalar(w2), train.x, train.y, depth));
    this.pending = out;
    try {
      const v = await out.data();
      return { w: [w1, w2], loss: v[0], testLoss: this.testLossAt(w1, w2) };
    } finally {
      out.dispose();
      if (this.pending === out) this.pending = null;
    }
  }

  /** One update; resolves to the new w with its train and test loss. */
  async step(): Promise<TrainPoint> {
    const train = this.requireLive();
    const { method, lr } = this.settings;
    const depth = this.params.depth;
    const [w1, w2] = this.w;
    let u: [number, number] = [0, 0];
    let sigma: [number, number] | undefined;
    if (method === 'perturbed') {
      // σ* at the current w every step (SPEC §7), u_i ~ N(0, σ*_i²) truncated to [−κ_i, κ_i].
      const r = pointReport(this.sample, w1, w2, this.params);
      sigma = r.sigmaStar;
      u = this.stream.perturbation(sigma, r.kappa);
    }
    const batch = usesMiniBatches(method, this.settings.batch, this.sample.n) ? (this.stream.nextBatch(this.settings.batch) as Int32Array) : null;
    const out = tf.tidy(() => this.stepGraph(train, w1, w2, u, lr, depth, batch));
    let v: Float32Array | Int32Array | Uint8Array;
    this.pending = out;
    try {
      v = await out.data();
    } finally {
      out.dispose();
      if (this.pending === out) this.pending = null;
    }
    this.w = [v[0], v[1]];
    this.stepsTaken++;
    const p: TrainPoint = { w: [v[0], v[1]], loss: v[2], testLoss: this.testLossAt(v[0], v[1]) };
    if (sigma) {
      p.sigma = sigma;
      p.noise = u;
    }
    return p;
  }

  /**
   * Test loss at w on the fresh sample, NaN without one. An evaluation, not part of training:
   * float64 on the CPU instead of ~20 more GPU ops a step. Linear in the sample's size: measured
   * ≈ 1.3 µs a point at depth 5 in Node on the shared dev machine, so ≈ 26 ms a step for the
   * default 20 000 points.
   */
  private testLossAt(w1: number, w2: number): number {
    return this.test ? lossAt(this.test, w1, w2, this.params.depth) : NaN;
  }

  /**
   * Releases every tensor this run owns (idempotent), including the output of a step whose read
   * never finished (a lost WebGL context leaves it pending for ever).
   */
  dispose(): void {
    disposeTensors(this.train);
    this.train = null;
    if (this.pending && !this.pending.isDisposed) this.pending.dispose();
    this.pending = null;
  }
}

/**
 * Runs a whole training to completion (no animation): resolves to the path [[w1, w2, loss], ...]
 * with steps + 1 points. `onPoint` sees every point; `signal` stops early (the path so far).
 */
export async function trainPath(sample: Sample, test: Sample | null, params: MetricParams, settings: TrainSettings, start: [number, number], opts: { signal?: AbortSignal; onPoint?: (p: TrainPoint, i: number) => void } = {}): Promise<[number, number, number][]> {
  const t = new Trainer(sample, test, params, settings, start);
  try {
    const first = await t.init();
    opts.onPoint?.(first, 0);
    const path: [number, number, number][] = [[first.w[0], first.w[1], first.loss]];
    for (let i = 1; i <= settings.steps; i++) {
      if (opts.signal?.aborted) break;
      const p = await t.step();
      opts.onPoint?.(p, i);
      path.push([p.w[0], p.w[1], p.loss]);
    }
    return path;
  } finally {
    t.dispose();
  }
}

/** Live tensor count of the tfjs engine (for leak checks in tests and scripts). */
export function tensorCount(): number {
  return tf.memory().numTensors;
}
