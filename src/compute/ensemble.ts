/**
 * Batched training: K runs of SPEC §7 stepped together, the parameters of all runs as one tensor,
 * and their endpoint metrics in one pass.
 *
 * Each run has its own start, seed (→ its mini-batch and noise streams, core/trainStream, the same
 * definition compute/train's single runs use) and training sample (one shared sample, or one per
 * run when an experiment resamples its training sets). All runs of one ensemble share the method,
 * learning rate (and schedule), batch size and step count.
 *
 * Two implementations with the same meaning:
 * - the fused WebGL program (tfjs webgl backend): one texel per run holds (w1, w2, data row);
 *   one draw takes S steps of every run (forward and backward written out by hand), so K = 1024
 *   runs × 500 steps are a few dozen draws. The mini-batch indices are computed in the program
 *   from each run's seed (its epoch orders by random access, core/trainStream epochOrder: the
 *   same integers TrainStream draws), so nothing is uploaded or read back between draws; for
 *   n > GPU_INDEX_MAX_N they are drawn on the CPU and uploaded with each draw instead. Perturbed
 *   runs with a σ* grid (`sigmaGrid`) draw the noise u ~ N(0, σ*²) truncated to ±κ in the program
 *   from each run's stream (a counter and the Box–Muller spare in the run's texel), S steps a draw
 *   and one read-back; without one (or once a run leaves the grid) they take one step per draw:
 *   after each draw w is read back and the noise is drawn on the CPU from the run's own stream at
 *   the σ* the caller supplies (`sigmaAt`) — both exactly as a single run draws it;
 * - tfjs ops (any backend; unit tests on the CPU backend): the same steps as batched tensor ops
 *   with the gradient from `tf.grad` (first order only).
 *
 * Float32 throughout, as single runs; the per-sample gradient sums are blocked (64 samples) so
 * large n keeps its accuracy.
 */
import * as tf from './tf';
import type { MathBackendWebGL, GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import type { Sample } from '../core/jets';
import { MULBERRY_INC, TrainStream, usesMiniBatches } from '../core/trainStream';
import { SliceBudget } from '../core/slices';
import type { RngState } from '../core/rng';
import { DATA_W, GLSL_COMMON, jetFunction } from './webglEngine';
import type { TrainMethod } from './train';
import { span } from './spans';

/** How the learning rate changes over a run: lr·f(t/T) for step t of T. */
export type LrSchedule = 'constant' | 'cosine' | 'step';
export const LR_SCHEDULES: readonly LrSchedule[] = ['constant', 'cosine', 'step'];

/** The learning-rate factor of step t (0-based) of T: 1; ½(1 + cos πt/T); 1, 0.1 from T/2, 0.01 from 3T/4. */
export function lrFactor(schedule: LrSchedule, t: number, total: number): number {
  if (schedule === 'cosine') return 0.5 * (1 + Math.cos((Math.PI * t) / total));
  if (schedule === 'step') return t >= 0.75 * total ? 0.01 : t >= 0.5 * total ? 0.1 : 1;
  return 1;
}

/** One run of an ensemble. */
export interface EnsembleRun {
  start: [number, number];
  seed: number;
  /** Index into `EnsembleJob.samples` of the run's training sample. */
  sample: number;
}

/** σ* and κ at a run's current w (perturbed runs). */
export type SigmaSource = (run: number, w1: number, w2: number) => { sigma: [number, number]; kappa: [number, number] };

/**
 * A σ* field on a res × res grid of nodes x0 + i·dx, y0 + j·dy (node (j, i) at 2·(j·res + i)):
 * what `sigmaAt` interpolates (bilinearly) inside it, with κ = γ|w| + ε. Given with the job, the
 * fused program draws a perturbed run's noise itself there (no read-back per step).
 */
export interface SigmaGrid {
  res: number;
  x0: number;
  dx: number;
  y0: number;
  dy: number;
  sigma: Float32Array;
  gamma: number;
  eps: number;
}

export interface EnsembleJob {
  samples: Sample[];
  runs: EnsembleRun[];
  method: TrainMethod;
  lr: number;
  batch: number;
  steps: number;
  schedule?: LrSchedule;
  depth: number;
  /** Required for 'perturbed'. */
  sigmaAt?: SigmaSource;
  /**
   * The field `sigmaAt` interpolates inside its grid (it must: the program's draws and
   * `sigmaAt` give a run the same noise). With it, perturbed runs step on the GPU with their
   * noise drawn there, S steps a draw, read back once; a run leaving the grid is handed back to
   * the per-step path (σ* from `sigmaAt`, noise from its stream, resumed where it stands).
   */
  sigmaGrid?: SigmaGrid;
}

/**
 * Turn-taking with the page's other GPU user (the 3-D view's frame copy, state/gpuTurns): a job
 * calls `begin` at each draw and `end` once the draw's result or fence is back, and before a
 * draw, when `waiting()`, lets its draws finish and awaits `turn()`.
 */
export interface GpuTurns {
  begin(): void;
  end(): void;
  waiting(): boolean;
  turn(): Promise<void>;
}

export interface EnsembleOptions {
  signal?: AbortSignal;
  /** Turn-taking with the frame copy (state/gpuTurns); none: no turns. */
  turns?: GpuTurns;
  /** Steps done of the total, after each draw. */
  onProgress?: (stepsDone: number, steps: number) => void;
  /** Force the tfjs-ops implementation (tests). */
  generic?: boolean;
  /** Work units (run·sample·layer) per draw of the fused program. */
  budget?: number;
  /** Draw the mini-batch indices on the CPU and upload them with each draw (the path for large n; tests). */
  cpuIndices?: boolean;
  /** Perturbed runs: draw the noise on the CPU at every step even with a `sigmaGrid` (tests, bench). */
  cpuNoise?: boolean;
  /**
   * Filled with wall times (ms): 'prepare' (CPU draws of indices/noise and uploads), 'wait' (GPU
   * fences and read-backs), 'turns'; and counts: 'draws', 'reads' (read-backs), 'handed' (runs
   * handed from the GPU noise to the per-step path).
   */
  timings?: Record<string, number>;
}

function abortError(): Error {
  const e = new Error('experiment cancelled');
  e.name = 'AbortError';
  return e;
}

function checkJob(job: EnsembleJob): void {
  if (!job.runs.length) throw new Error('An ensemble needs at least one run.');
  if (!job.samples.length || job.samples.some((s) => s.n < 1)) throw new Error('Every training sample needs at least one point.');
  const n = job.samples[0].n;
  if (job.samples.some((s) => s.n !== n)) throw new Error('All training samples of an ensemble must have the same size.');
  if (job.runs.some((r) => !(r.sample >= 0 && r.sample < job.samples.length))) throw new Error('A run names a training sample that does not exist.');
  if (job.method === 'perturbed' && !job.sigmaAt) throw new Error('Perturbed runs need a σ* source.');
}

/** Uses the fused program when the page runs tfjs on WebGL. */
function fusedAvailable(): boolean {
  const b = tf.backend() as Partial<MathBackendWebGL>;
  return tf.getBackend() === 'webgl' && typeof b.runWebGLProgram === 'function';
}

/**
 * Trains every run of `job`; resolves to the endpoints, [w1, w2] per run as float32 values
 * (K × 2, run-major). Cancellable through `signal` (rejects with an AbortError, no tensors left).
 */
export async function trainEnsemble(job: EnsembleJob, opts: EnsembleOptions = {}): Promise<Float32Array> {
  checkJob(job);
  return !opts.generic && fusedAvailable() ? trainFused(job, opts) : trainGeneric(job, opts);
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

/** Per-run streams and their per-step draws. */
class Streams {
  readonly list: TrainStream[];
  readonly mini: boolean;
  constructor(job: EnsembleJob, at?: readonly RngState[]) {
    const n = job.samples[0].n;
    this.list = job.runs.map((r, k) => new TrainStream(r.seed, n, at?.[k]));
    this.mini = usesMiniBatches(job.method, job.batch, n);
  }
}

/**
 * The perturbed points w + u of one step (float32 like a single run's tf.scalar(w + u)), with a
 * yield to the page whenever the slice of runs is spent (core/slices; exact σ* costs ≈ 2 ms a run).
 */
async function perturbedPoints(job: EnsembleJob, streams: Streams, w: Float32Array, out: Float32Array, stride: number, signal?: AbortSignal, active?: (k: number) => boolean): Promise<void> {
  const slice = new SliceBudget();
  for (let k = 0; k < job.runs.length; k++) {
    if (active && !active(k)) {
      // Not yet at its first step: its point unused, flagged (channel 3) so the program skips it.
      out[stride * k] = w[2 * k];
      out[stride * k + 1] = w[2 * k + 1];
      if (stride > 3) out[stride * k + 3] = 1;
      continue;
    }
    if (slice.check()) {
      await new Promise((r) => setTimeout(r, 0));
      if (signal?.aborted) throw abortError();
      slice.restart();
    }
    const w1 = w[2 * k], w2 = w[2 * k + 1];
    const { sigma, kappa } = job.sigmaAt!(k, w1, w2);
    const u = streams.list[k].perturbation(sigma, kappa);
    out[stride * k] = w1 + u[0];
    out[stride * k + 1] = w2 + u[1];
  }
}

// ---------------------------------------------------------------------------------------------
// Generic: tfjs ops, any backend

/**
 * Σ over runs of the mean loss of run k at (a[k], b[k]) ([K, 1] each) on its rows of the inputs
 * x1, x2 [K, B] with sg = 1 − 2y [K, B]. (Only kernels compute/tf registers: no slicing.)
 */
function ensembleLoss(a: tf.Tensor, b: tf.Tensor, x1: tf.Tensor, x2: tf.Tensor, sg: tf.Tensor, depth: number): tf.Scalar {
  let h1 = x1, h2 = x2;
  for (let l = 1; l < depth; l++) {
    const n1 = tf.sigmoid(tf.add(tf.mul(a, h1), tf.mul(b, h2)));
    const n2 = tf.sigmoid(tf.add(tf.mul(b, h1), tf.mul(a, h2)));
    h1 = n1;
    h2 = n2;
  }
  const z = tf.add(tf.mul(a, h1), tf.mul(b, h2));
  return tf.sum(tf.mean(tf.softplus(tf.mul(sg, z)), 1)) as tf.Scalar;
}

async function trainGeneric(job: EnsembleJob, opts: EnsembleOptions): Promise<Float32Array> {
  const K = job.runs.length, n = job.samples[0].n;
  const streams = new Streams(job);
  const schedule = job.schedule ?? 'constant';
  // All samples as one flat table; a run's rows start at sample·n.
  const m = n * job.samples.length;
  const x1s = new Float32Array(m), x2s = new Float32Array(m), sgs = new Float32Array(m);
  job.samples.forEach((s, i) => {
    for (let j = 0; j < n; j++) {
      x1s[i * n + j] = s.x[2 * j];
      x2s[i * n + j] = s.x[2 * j + 1];
      sgs[i * n + j] = 1 - 2 * s.y[j];
    }
  });
  const X1 = tf.tensor1d(x1s), X2 = tf.tensor1d(x2s), SG = tf.tensor1d(sgs);
  const B = streams.mini ? job.batch : n;
  const idx = new Int32Array(K * B);
  const w = new Float32Array(2 * K);
  job.runs.forEach((r, k) => {
    w[2 * k] = r.start[0];
    w[2 * k + 1] = r.start[1];
  });
  const p = new Float32Array(2 * K);
  try {
    for (let t = 0; t < job.steps; t++) {
      if (opts.signal?.aborted) throw abortError();
      for (let k = 0; k < K; k++) {
        const base = job.runs[k].sample * n;
        if (streams.mini) {
          streams.list[k].nextBatch(B, idx, k * B);
          for (let b = 0; b < B; b++) idx[k * B + b] += base;
        } else for (let b = 0; b < B; b++) idx[k * B + b] = base + b;
      }
      if (job.method === 'perturbed') await perturbedPoints(job, streams, w, p, 2, opts.signal);
      else p.set(w);
      const lr = job.lr * lrFactor(schedule, t, job.steps);
      const out = tf.tidy(() => {
        const it = tf.tensor1d(idx, 'int32');
        const rows = (t: tf.Tensor) => tf.reshape(tf.gather(t, it), [K, B]);
        const bx1 = rows(X1), bx2 = rows(X2), bs = rows(SG);
        const pa = new Float32Array(K), pb = new Float32Array(K), wa = new Float32Array(K), wb = new Float32Array(K);
        for (let k = 0; k < K; k++) {
          pa[k] = p[2 * k];
          pb[k] = p[2 * k + 1];
          wa[k] = w[2 * k];
          wb[k] = w[2 * k + 1];
        }
        const [ga, gb] = tf.grads((a: tf.Tensor, b: tf.Tensor) => ensembleLoss(a, b, bx1, bx2, bs, job.depth))([tf.tensor2d(pa, [K, 1]), tf.tensor2d(pb, [K, 1])]);
        const lrT = tf.scalar(lr);
        return [tf.sub(tf.tensor2d(wa, [K, 1]), tf.mul(lrT, ga)), tf.sub(tf.tensor2d(wb, [K, 1]), tf.mul(lrT, gb))];
      });
      const [va, vb] = await Promise.all(out.map((t) => t.data() as Promise<Float32Array>));
      for (const t of out) t.dispose();
      for (let k = 0; k < K; k++) {
        w[2 * k] = va[k];
        w[2 * k + 1] = vb[k];
      }
      opts.onProgress?.(t + 1, job.steps);
    }
    return w;
  } finally {
    X1.dispose();
    X2.dispose();
    SG.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Fused WebGL program

type Uniform = NonNullable<GPGPUProgram['customUniforms']>[number];

/**
 * Mini-batch indices packed per float channel: P indices of `bits` bits each (exact integers below
 * 2^24), so a draw uploads fewer bytes (paper-toy, n = 100: 3 indices a channel, 12 a texel).
 */
export function indexPacking(n: number): { bits: number; per: number } {
  const bits = Math.max(1, Math.ceil(Math.log2(Math.max(2, n))));
  return { bits, per: Math.max(1, Math.floor(24 / bits)) };
}

/** GLSL of one sample's forward and backward pass at depth D, unrolled (no arrays): adds ∇ to G. */
function sampleGradGlsl(depth: number): string {
  const L = depth - 1;
  const lines: string[] = ['float h1_0 = xd.x, h2_0 = xd.y;'];
  for (let l = 1; l <= L; l++) {
    lines.push(`float h1_${l}, h2_${l}, d1_${l}, d2_${l};`);
    lines.push(`sig2(w.x * h1_${l - 1} + w.y * h2_${l - 1}, h1_${l}, d1_${l});`);
    lines.push(`sig2(w.y * h1_${l - 1} + w.x * h2_${l - 1}, h2_${l}, d2_${l});`);
  }
  lines.push(`float q = xd.z * (w.x * h1_${L} + w.y * h2_${L});`);
  lines.push('float e = exp(-abs(q));');
  lines.push('float sm = e / (1.0 + e);');
  // d softplus(sg·z)/dz = sg·σ(q)
  lines.push('float gz = xd.z * (q >= 0.0 ? 1.0 - sm : sm);');
  lines.push(`G += gz * vec2(h1_${L}, h2_${L});`);
  lines.push('float g1 = gz * w.x, g2 = gz * w.y;');
  for (let l = L; l >= 1; l--) {
    lines.push(`{ float a1 = g1 * d1_${l}, a2 = g2 * d2_${l};`);
    lines.push(`  G += vec2(a1 * h1_${l - 1} + a2 * h2_${l - 1}, a1 * h2_${l - 1} + a2 * h1_${l - 1});`);
    if (l > 1) lines.push('  g1 = a1 * w.x + a2 * w.y; g2 = a1 * w.y + a2 * w.x;');
    lines.push('}');
  }
  return lines.join('\n      ');
}

/**
 * S steps of every run. Inputs: W [2K, 2] (texel k = w1, w2, data row, ·), P [2K, 2] (the
 * perturbed point of a one-step perturbed draw; W otherwise), D the data texture (DATA_W texels
 * a row, texel = x1, x2, 1 − 2y, ·), I [2K, 2C] the mini-batch indices of the S steps (4 channels
 * of `per` packed indices a texel). Output [2K, 2]: texel k = (w1', w2', data row, ·).
 * The depth and the index packing are compiled in (loops unrolled).
 */
function stepProgram(K: number, depth: number, n: number, gpuIndices: boolean, noise = false): GPGPUProgram {
  const { bits, per } = indexPacking(n);
  const uniforms: Uniform[] = [
    { name: 'uN', type: 'int' },
    { name: 'uB', type: 'int' },
    { name: 'uSteps', type: 'int' },
    { name: 'uFull', type: 'int' },
    { name: 'uPerturbed', type: 'int' },
    { name: 'uLr', type: 'float' },
    { name: 'uStep0', type: 'int' },
    { name: 'uTotal', type: 'int' },
    { name: 'uSched', type: 'int' },
  ];
  if (noise)
    uniforms.push({ name: 'uG0', type: 'vec2' }, { name: 'uGD', type: 'vec2' }, { name: 'uGRes', type: 'int' }, { name: 'uGE', type: 'vec2' });
  // The mini-batch index of position e of the run's index stream: from the uploaded texture I,
  // or (gpuIndices) from the epoch's Fisher–Yates order computed here (core/trainStream
  // epochOrder, the same 32-bit integers), kept in a local array while the epoch lasts.
  // (Perturbed runs use the whole sample: with the noise program there are no mini-batches.)
  const fetchIndex = noise
    ? `
        j = b;`
    : gpuIndices
    ? `
        int e = s * uB + b + uStep0 * uB;
        int ep = e / ${n};
        if (ep != gEpoch) shuffleEpoch(ep);
        j = gOrd[e - ep * ${n}];`
    : `
        int e = s * uB + b;
        int slot = e / ${per};
        int c = slot / 4;
        if (c != lastC) { t = getI(2 * k, 2 * c); lastC = c; }
        int v = int(t[imod(slot, 4)] + 0.5);
        j = (v >> (${bits} * (e - slot * ${per}))) & ${(1 << bits) - 1};`;
  const rngGlsl =
    gpuIndices || noise
      ? `
uint gSeed;
// mulberry32's output at state a (core/trainStream mulberryOutput).
uint mulberry(uint a) {
  uint t = (a ^ (a >> 15u)) * (a | 1u);
  t ^= t + (t ^ (t >> 7u)) * (t | 61u);
  return t ^ (t >> 14u);
}`
      : '';
  // A perturbed run's stream (core/rng, core/trainStream perturbation): uniforms by counter, the
  // Box–Muller pair's spare held, normals truncated by rejection; σ* interpolated bilinearly in
  // the grid G as app/experiments interpolateSigma does (a margin of 1e-3 cells inside its edge:
  // a run there or outside is handed back to the CPU, which decides as before).
  const noiseGlsl = noise
    ? `
int gCnt;
bool gHas;
float gSpare;
float uniformAt(int i) { return float(mulberry(gSeed + uint(i + 1) * ${MULBERRY_INC}u)) * (1.0 / 4294967296.0); }
float unif() { float u = uniformAt(gCnt); gCnt++; return u; }
void pairOf(float u, float v, out float c, out float sn) {
  float r = sqrt(-2.0 * log(u));
  float th = 6.283185307179586 * v;
  c = r * cos(th);
  sn = r * sin(th);
}
float normal_() {
  if (gHas) { gHas = false; return gSpare; }
  float u = unif();
  for (int i = 0; i < 64 && u <= 0.0; i++) u = unif();
  float v = unif();
  float c;
  pairOf(u, v, c, gSpare);
  gHas = true;
  return c;
}
float truncNormal(float sd, float lim) {
  if (sd <= 0.0) return 0.0;
  for (int i = 0; i < 1000; i++) {
    float u = normal_() * sd;
    if (u >= -lim && u <= lim) return u;
  }
  return 0.0;
}
bool sigmaAt(vec2 w, out vec2 sg) {
  vec2 uv = (w - uG0) / uGD;
  float lo = 1e-3, hi = float(uGRes - 1) - 1e-3;
  if (!(uv.x >= lo && uv.y >= lo && uv.x <= hi && uv.y <= hi)) return false;
  int c = min(uGRes - 2, int(floor(uv.x)));
  int r = min(uGRes - 2, int(floor(uv.y)));
  float a = uv.x - float(c), b = uv.y - float(r);
  sg = (1.0 - a) * (1.0 - b) * getG(2 * r, 2 * c).xy + a * (1.0 - b) * getG(2 * r, 2 * c + 2).xy
     + (1.0 - a) * b * getG(2 * r + 2, 2 * c).xy + a * b * getG(2 * r + 2, 2 * c + 2).xy;
  return true;
}`
    : '';
  const shuffleGlsl = gpuIndices
    ? `
int gOrd[${n}];
int gEpoch = -1;
// floor(t·m / 2^32) for m ≤ 2^16 (core/trainStream mulHigh).
int mulHigh(uint t, uint m) {
  return int(((t >> 16u) * m + (((t & 65535u) * m) >> 16u)) >> 16u);
}
void shuffleEpoch(int ep) {
  gEpoch = ep;
  uint a = gSeed + uint(ep) * ${n - 1}u * ${MULBERRY_INC}u;
  for (int j = 0; j < ${n}; j++) gOrd[j] = j;
  for (int j = ${n - 1}; j > 0; j--) {
    a += ${MULBERRY_INC}u;
    int q = mulHigh(mulberry(a), uint(j + 1));
    int tmp = gOrd[j];
    gOrd[j] = gOrd[q];
    gOrd[q] = tmp;
  }
}`
    : '';
  return {
    variableNames: noise ? ['W', 'G', 'D', 'R'] : gpuIndices ? ['W', 'P', 'D', 'R'] : ['W', 'P', 'D', 'I'],
    outputShape: [2 * K, 2],
    packedInputs: true,
    packedOutput: true,
    enableShapeUniforms: true,
    customUniforms: uniforms,
    userCode: `
// σ(a) and σ'(a) without cancellation in the tails.
void sig2(float a, out float s0, out float s1) {
  float e = exp(-abs(a));
  float sm = e / (1.0 + e);
  s0 = a >= 0.0 ? 1.0 - sm : sm;
  s1 = sm * (1.0 - sm);
}
float lrAt(int t) {
  float f = 1.0;
  if (uSched == 1) f = 0.5 * (1.0 + cos(3.14159265358979 * float(t) / float(uTotal)));
  else if (uSched == 2) f = float(t) >= 0.75 * float(uTotal) ? 0.01 : (float(t) >= 0.5 * float(uTotal) ? 0.1 : 1.0);
  return uLr * f;
}${rngGlsl}${noiseGlsl}${shuffleGlsl}
vec2 gradAt(vec2 w, int row0, int k, int s) {
  int cnt = uFull == 1 ? uN : uB;
  vec2 S = vec2(0.0);
  int lastC = -1;
  vec4 t = vec4(0.0);
  for (int b0 = 0; b0 < cnt; b0 += 64) {
    vec2 G = vec2(0.0);
    int b1 = min(b0 + 64, cnt);
    for (int b = b0; b < b1; b++) {
      int j;
      if (uFull == 1) j = b;
      else {${fetchIndex}
      }
      vec4 xd = getD(2 * (row0 + j / ${DATA_W}), 2 * imod(j, ${DATA_W}));
      ${sampleGradGlsl(depth)}
    }
    S += G;
  }
  return S / float(cnt);
}
void main() {
  int k = getOutputCoords().x / 2;
  vec4 wt = getW(2 * k, 0);
  vec2 w = wt.xy;
  int row0 = int(wt.z + 0.5);${gpuIndices || noise ? `
  vec4 seed = getR(2 * k, 0);
  gSeed = (uint(seed.x + 0.5) << 16u) | uint(seed.y + 0.5);` : ''}${noise ? `
  // Channel 3: 2·(uniforms drawn) + (spare held). Channel 2 < 0: handed back at step −1 − z.
  gCnt = int(wt.w * 0.5 + 0.25);
  gHas = wt.w - 2.0 * float(gCnt) > 0.5;
  if (gHas) { float c; pairOf(uniformAt(gCnt - 2), uniformAt(gCnt - 1), c, gSpare); }
  float rowOut = wt.z;
  for (int s = 0; s < uSteps; s++) {
    if (rowOut < 0.0) break;
    vec2 sg;
    if (!sigmaAt(w, sg) || gCnt > 4000000) { rowOut = -1.0 - float(uStep0 + s); break; }
    vec2 kap = uGE.x * abs(w) + uGE.y;
    float u1 = truncNormal(sg.x, kap.x);
    float u2 = truncNormal(sg.y, kap.y);
    w = w - lrAt(uStep0 + s) * gradAt(w + vec2(u1, u2), row0, k, s);
  }
  setOutput(vec4(w, rowOut, 2.0 * float(gCnt) + (gHas ? 1.0 : 0.0)));` : `
  if (uPerturbed == 1 && getP(2 * k, 0).w > 0.5) { setOutput(wt); return; }
  for (int s = 0; s < uSteps; s++) {
    vec2 p = uPerturbed == 1 ? getP(2 * k, 0).xy : w;
    w = w - lrAt(uStep0 + s) * gradAt(p, row0, k, s);
  }
  setOutput(vec4(w, wt.z, 0.0));`}
}`,
  };
}

function webgl(): MathBackendWebGL {
  return tf.backend() as MathBackendWebGL;
}

function runProgram(b: MathBackendWebGL, p: GPGPUProgram, inputs: tf.Tensor[], uniforms: number[][]): tf.Tensor {
  return tf.engine().makeTensorFromTensorInfo(b.runWebGLProgram(p, inputs, 'float32', uniforms));
}

/**
 * Compiles `p` for these inputs without drawing and waits for the link off the main thread
 * (KHR_parallel_shader_compile, tfjs's compile-only mode), so a program's first draw does not
 * block the page for the compile (hundreds of ms on software WebGL). With `read`, also the program
 * tfjs runs to read the output back (`tensor.data()` first decodes a packed texture with a program
 * of its own per output shape, compiled synchronously at the first read: 50–170 ms here). A
 * program already compiled costs nothing here; without the extension the compile happens at the
 * first draw, as before.
 */
async function compileAhead(b: MathBackendWebGL, p: GPGPUProgram, inputs: tf.Tensor[], uniforms: number[][], read = false, turns?: GpuTurns): Promise<void> {
  const internals = b as unknown as { binaryCache?: Record<string, unknown>; gpgpu?: { parallelCompilationExtension?: unknown }; decode?: (dataId: unknown) => { dataId: unknown } };
  if (!internals.binaryCache) return;
  const before = Object.keys(internals.binaryCache).length;
  tf.env().set('ENGINE_COMPILE_ONLY', true);
  try {
    const out = b.runWebGLProgram(p, inputs, 'float32', uniforms);
    try {
      // As `read` does (tfjs backend_webgl): decode the output to a dense texture.
      if (read && typeof internals.decode === 'function' && tf.env().getBool('WEBGL_BUFFER_SUPPORTED')) b.disposeIntermediateTensorInfo(internals.decode.call(b, out.dataId) as Parameters<MathBackendWebGL['disposeIntermediateTensorInfo']>[0]);
    } finally {
      b.disposeIntermediateTensorInfo(out);
    }
  } finally {
    tf.env().set('ENGINE_COMPILE_ONLY', false);
  }
  if (Object.keys(internals.binaryCache).length === before) return;
  // The compile and link run in the GPU process: GPU work like a draw (state/gpuTurns).
  turns?.begin();
  try {
    if (internals.gpgpu?.parallelCompilationExtension) await b.checkCompileCompletionAsync();
    else {
      // Without the extension: the GPU process compiles in order behind a fence we wait for
      // without blocking; the link-status check after it then finds the link (mostly) done.
      await fence(b);
      b.checkCompileCompletion();
    }
  } finally {
    turns?.end();
  }
  b.getUniformLocations();
}

/** Waits for the GPU's queued work (fence), yielding to the event loop meanwhile. */
async function fence(b: MathBackendWebGL): Promise<void> {
  const g = (b as unknown as { gpgpu?: { createAndWaitForFence?: () => Promise<void> } }).gpgpu;
  if (g?.createAndWaitForFence) await g.createAndWaitForFence();
  else await new Promise((r) => setTimeout(r, 0));
}

/** Texel rows of one sample in the data texture. */
function rowsOf(n: number): number {
  return Math.ceil(n / DATA_W);
}

/**
 * The samples stacked as one packed data texture (logical [2·rows, 2·DATA_W], the WebGL engine's
 * layout: texel = x1, x2, 1 − 2y, 0), each starting on a new texel row. Returns the tensor and
 * the first texel row of each sample.
 */
export function stackedDataTensor(samples: readonly Sample[]): { tensor: tf.Tensor2D; rows: number[] } {
  const rows: number[] = [];
  let total = 0;
  for (const s of samples) {
    rows.push(total);
    total += rowsOf(s.n);
  }
  const rowLen = 2 * DATA_W;
  const buf = new Float32Array(2 * total * rowLen);
  samples.forEach((s, i) => {
    for (let j = 0; j < s.n; j++) {
      const r = rows[i] + Math.floor(j / DATA_W), c = j % DATA_W;
      buf[2 * r * rowLen + 2 * c] = s.x[2 * j];
      buf[2 * r * rowLen + 2 * c + 1] = s.x[2 * j + 1];
      buf[(2 * r + 1) * rowLen + 2 * c] = 1 - 2 * s.y[j];
    }
  });
  return { tensor: tf.tensor2d(buf, [2 * total, rowLen]), rows };
}

/** Largest n whose epoch order the step program keeps in a local array (GPU-drawn mini-batches). */
export const GPU_INDEX_MAX_N = 4096;

/** Default work per draw (run·sample·layer): ~10–30 ms of software-WebGL time. */
const STEP_BUDGET = 4e6;

/**
 * Perturbed runs handed back from the GPU noise: run k starts at step `from[k]` (its start is
 * the w it stood at), its stream resumed at `at[k]`.
 */
interface Resume {
  from: number[];
  at: RngState[];
}

async function trainFused(job: EnsembleJob, opts: EnsembleOptions, resume?: Resume): Promise<Float32Array> {
  const b = webgl();
  const K = job.runs.length, n = job.samples[0].n;
  const streams = new Streams(job, resume?.at);
  const perturbed = job.method === 'perturbed';
  // Perturbed runs with a σ* grid: the noise drawn in the program, S steps a draw, no read-back.
  const grid = perturbed && !opts.cpuNoise && !resume ? job.sigmaGrid : undefined;
  const B = streams.mini ? job.batch : n;
  const sched = LR_SCHEDULES.indexOf(job.schedule ?? 'constant');
  // Steps per draw: within the budget; one for perturbed runs whose noise comes from the CPU (σ*
  // at each step's w); at most 2048 index texels per run and draw (the index texture's width).
  const { bits, per } = indexPacking(n);
  const perStep = K * B * Math.max(1, job.depth);
  // Mini-batch indices: computed on the GPU from the runs' seeds (no upload per draw) when the
  // epoch's order fits a shader's local array; else drawn on the CPU and uploaded with each draw.
  const gpuIdx = streams.mini && !opts.cpuIndices && n <= GPU_INDEX_MAX_N;
  const upload = streams.mini && !gpuIdx;
  const cpuNoise = perturbed && !grid;
  const S = cpuNoise ? 1 : Math.max(1, Math.min(job.steps, Math.floor((opts.budget ?? STEP_BUDGET) / perStep), upload ? Math.floor((2048 * 4 * per) / B) : job.steps));
  const prog = stepProgram(K, Math.max(1, job.depth), n, gpuIdx, !!grid);
  const tStart = resume ? Math.min(...resume.from) : 0;
  const owned = new Set<tf.Tensor>();
  const own = <T extends tf.Tensor>(t: T): T => {
    owned.add(t);
    return t;
  };
  const drop = (t: tf.Tensor) => {
    owned.delete(t);
    t.dispose();
  };
  try {
    const data = stackedDataTensor(job.samples);
    own(data.tensor);
    const wbuf = new Float32Array(4 * K);
    // texel k of [2K, 2]: logical (2k, 0) w1, (2k, 1) w2, (2k + 1, 0) the data row
    job.runs.forEach((r, k) => {
      wbuf[4 * k] = r.start[0];
      wbuf[4 * k + 1] = r.start[1];
      wbuf[4 * k + 2] = data.rows[r.sample];
    });
    let W: tf.Tensor = own(tf.tensor2d(wbuf, [2 * K, 2]));
    const dummy: tf.Tensor = own(tf.zeros([2, 2]));
    let seeds = dummy;
    if (gpuIdx || grid) {
      // texel k = (seed >> 16, seed & 0xffff, ·, ·): exact in float32
      const sbuf = new Float32Array(4 * K);
      job.runs.forEach((r, k) => {
        const u = r.seed >>> 0;
        sbuf[4 * k] = u >>> 16;
        sbuf[4 * k + 1] = u & 0xffff;
      });
      seeds = own(tf.tensor2d(sbuf, [2 * K, 2]));
    }
    let G = dummy;
    if (grid) {
      // node (j, i) of the σ* grid at texel (j, i): logical (2j, 2i) σ1, (2j, 2i + 1) σ2
      const R = grid.res, gbuf = new Float32Array(4 * R * R);
      for (let j = 0; j < R; j++)
        for (let i = 0; i < R; i++) {
          gbuf[2 * j * 2 * R + 2 * i] = grid.sigma[2 * (j * R + i)];
          gbuf[2 * j * 2 * R + 2 * i + 1] = grid.sigma[2 * (j * R + i) + 1];
        }
      G = own(tf.tensor2d(gbuf, [2 * R, 2 * R]));
    }
    let wNow = new Float32Array(2 * K);
    job.runs.forEach((r, k) => {
      wNow[2 * k] = Math.fround(r.start[0]);
      wNow[2 * k + 1] = Math.fround(r.start[1]);
    });
    // Fences of the draws in flight (at most two).
    const inflight: Promise<void>[] = [];
    const turns = opts.turns;
    const tm = opts.timings;
    const tick = (name: string, since: number) => {
      if (tm) tm[name] = (tm[name] ?? 0) + performance.now() - since;
    };
    if (tm) tm.draws ??= 0;
    for (let t0 = tStart; t0 < job.steps; t0 += S) {
      if (opts.signal?.aborted) throw abortError();
      if (turns?.waiting()) {
        // A frame of the 3-D view waits to be copied: let the GPU finish, then give it its turn.
        const tw = performance.now();
        await Promise.all(inflight.splice(0));
        await turns.turn();
        tick('turns', tw);
        if (opts.signal?.aborted) throw abortError();
      }
      const s = Math.min(S, job.steps - t0);
      let tp = performance.now();
      let I = gpuIdx ? seeds : dummy;
      if (upload) {
        // The S steps' indices of every run, packed `per` to a channel; drawn in slices of runs
        // with a yield between them so no task runs long (the GPU works meanwhile).
        const C = Math.ceil((s * B) / (4 * per));
        const ibuf = new Float32Array(4 * K * C);
        const tmp = new Int32Array(s * B);
        const mult = Array.from({ length: per }, (_, q) => 2 ** (bits * q));
        const slots = Math.ceil((s * B) / per);
        const slice = new SliceBudget();
        for (let k = 0; k < K; k++) {
          if (slice.check()) {
            tick('prepare', tp);
            await new Promise((r) => setTimeout(r, 0));
            if (opts.signal?.aborted) throw abortError();
            slice.restart();
            tp = performance.now();
          }
          streams.list[k].nextBatch(s * B, tmp, 0);
          for (let slot = 0, e = 0; slot < slots; slot++) {
            let v = 0;
            for (let q = 0; q < per && e < s * B; q++, e++) v += tmp[e] * mult[q];
            const c = slot >> 2, ch = slot & 3;
            // texel (k, c) channel ch ↔ logical (2k + (ch >> 1), 2c + (ch & 1))
            ibuf[(2 * k + (ch >> 1)) * 2 * C + 2 * c + (ch & 1)] = v;
          }
        }
        I = own(tf.tensor2d(ibuf, [2 * K, 2 * C]));
      }
      let P = W;
      if (cpuNoise) {
        const pbuf = new Float32Array(4 * K);
        await perturbedPoints(job, streams, wNow, pbuf, 4, opts.signal, resume ? (k) => resume.from[k] <= t0 : undefined);
        P = own(tf.tensor2d(pbuf, [2 * K, 2]));
      }
      const uniforms = [[n], [B], [s], [streams.mini ? 0 : 1], [cpuNoise ? 1 : 0], [job.lr], [t0], [job.steps], [sched]];
      if (grid) uniforms.push([grid.x0, grid.y0], [grid.dx, grid.dy], [grid.res], [grid.gamma, grid.eps]);
      const inputs = grid ? [W, G, data.tensor, seeds] : [W, P, data.tensor, I];
      if (t0 === tStart) {
        tick('prepare', tp);
        const tc = performance.now();
        await compileAhead(b, prog, inputs, uniforms, true, turns);
        span('xp:step-compile', tc, { gpuIdx, K });
        if (opts.signal?.aborted) throw abortError();
        tp = performance.now();
      }
      const next = own(runProgram(b, prog, inputs, uniforms));
      turns?.begin();
      tick('prepare', tp);
      if (t0 === tStart) span('xp:first-step', tp);
      if (tm) tm.draws++;
      tp = performance.now();
      if (I !== dummy && I !== seeds) drop(I);
      if (P !== W) drop(P);
      drop(W);
      W = next;
      if (cpuNoise) {
        let v: Float32Array;
        try {
          v = (await W.data()) as Float32Array;
        } finally {
          turns?.end();
        }
        if (tm) tm.reads = (tm.reads ?? 0) + 1;
        wNow = new Float32Array(2 * K);
        for (let k = 0; k < K; k++) {
          wNow[2 * k] = v[4 * k];
          wNow[2 * k + 1] = v[4 * k + 1];
        }
      } else {
        // Two draws in flight: the page keeps painting and the GPU never idles.
        const f = fence(b).catch(() => undefined).finally(() => turns?.end());
        if (inflight.length >= 1) await inflight.shift();
        inflight.push(f);
      }
      tick('wait', tp);
      opts.onProgress?.(t0 + s, job.steps);
    }
    if (opts.signal?.aborted) throw abortError();
    const v = (await W.data()) as Float32Array;
    if (tm) tm.reads = (tm.reads ?? 0) + 1;
    const out = new Float32Array(2 * K);
    for (let k = 0; k < K; k++) {
      out[2 * k] = v[4 * k];
      out[2 * k + 1] = v[4 * k + 1];
    }
    if (grid) {
      // Runs that left the σ* grid: on to the per-step path from where they stand.
      const handed = job.runs.map((_, k) => k).filter((k) => v[4 * k + 2] < 0);
      if (tm) tm.handed = (tm.handed ?? 0) + handed.length;
      if (handed.length) {
        for (const t of owned) t.dispose();
        owned.clear();
        const sub: EnsembleJob = {
          ...job,
          runs: handed.map((k) => ({ ...job.runs[k], start: [out[2 * k], out[2 * k + 1]] as [number, number] })),
          sigmaAt: (q, w1, w2) => job.sigmaAt!(handed[q], w1, w2),
        };
        const from = handed.map((k) => Math.round(-1 - v[4 * k + 2]));
        const at = handed.map((k) => {
          const c = Math.round(v[4 * k + 3]);
          return { count: c >> 1, spare: (c & 1) === 1 };
        });
        const ends = await trainFused(sub, opts, { from, at });
        handed.forEach((k, q) => {
          out[2 * k] = ends[2 * q];
          out[2 * k + 1] = ends[2 * q + 1];
        });
      }
    }
    return out;
  } finally {
    for (const t of owned) t.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Endpoint jets in one pass

/** Raw derivatives at one endpoint; the caller assembles ρ, Ψ, the bound (core/metrics). */
export interface EndpointJets {
  loss: number;
  grad: [number, number];
  hess: [number, number, number];
  /** ‖T‖_F at the 25 points of the 5×5 stencil (SPEC §4), a-major: (a, b) at 5·i_a + i_b. */
  stencil: Float32Array;
  testLoss: number;
  trainAcc: number;
  testAcc: number;
}

/** Texels per endpoint: 25 stencil points, train jet, test jet, accuracies. */
const POINT_TEXELS = 28;

/**
 * Per endpoint k (texel (k, s) of [2K', 2·28]): s < 25 the order-3 jet (H11, H12, H22, ‖T‖_F) at
 * stencil point s of w_k; s = 25 the order-1 jet (loss, ∂1, ∂2) on its training sample; s = 26
 * the loss on the test sample; s = 27 train and test accuracy. The engine's jet functions, read
 * through a per-texel sample offset and size.
 */
function pointProgram(count: number): GPGPUProgram {
  return {
    variableNames: ['X', 'Q'],
    outputShape: [2 * count, 2 * POINT_TEXELS],
    packedInputs: true,
    packedOutput: true,
    enableShapeUniforms: true,
    customUniforms: [
      { name: 'uDepth', type: 'int' },
      { name: 'uNTrain', type: 'int' },
      { name: 'uNTest', type: 'int' },
      { name: 'uTestRow', type: 'int' },
      { name: 'uGE', type: 'vec2' },
      { name: 'uRun0', type: 'int' },
    ],
    userCode: `
int gRow;
int gN;
vec4 getXOff(int r, int c) { return getX(r + 2 * gRow, c); }
#define getX(r, c) getXOff(r, c)
#define uN gN
${GLSL_COMMON}${jetFunction(1)}${jetFunction(3)}
float accuracyOf(vec2 w) {
  int hits = 0;
  for (int j = 0; j < gN; j++) {
    vec4 xd = sample_(j);
    float h1 = xd.x, h2 = xd.y;
    for (int l = 1; l < uDepth; l++) {
      float a1 = w.x * h1 + w.y * h2;
      float a2 = w.y * h1 + w.x * h2;
      h1 = 1.0 / (1.0 + exp(-a1));
      h2 = 1.0 / (1.0 + exp(-a2));
    }
    float z = w.x * h1 + w.y * h2;
    if ((z > 0.0) == (xd.z < 0.0)) hits++;
  }
  return float(hits) / float(gN);
}
void main() {
  ivec2 rc = getOutputCoords() / 2;
  vec4 q = getQ(2 * (rc.x + uRun0), 0);
  vec2 w = q.xy;
  int s = rc.y;
  gRow = int(q.z + 0.5);
  gN = uNTrain;
  if (s < 25) {
    vec2 k = uGE.x * abs(w) + uGE.y;
    vec2 off = vec2(float(s / 5), float(imod(s, 5))) * 0.5 - 1.0;
    setOutput(jet3(w.x + off.x * k.x, w.y + off.y * k.y));
  } else if (s == 25) {
    setOutput(jet1(w.x, w.y));
  } else if (s == 26) {
    gRow = uTestRow; gN = uNTest;
    setOutput(jet1(w.x, w.y));
  } else {
    float tr = accuracyOf(w);
    gRow = uTestRow; gN = uNTest;
    setOutput(vec4(tr, accuracyOf(w), 0.0, 0.0));
  }
}`,
  };
}

/** Work per draw of the endpoint pass (point·sample·layer, order 3 counted 3×). */
const POINT_BUDGET = 3e6;

/**
 * Loss, gradient, Hessian, the 25 stencil ‖T‖_F, test loss and accuracies at every endpoint
 * (`points` K × 2, `sampleOf[k]` the index of run k's training sample), on the GPU in draws of a
 * few dozen endpoints each. Needs the webgl backend.
 */
export async function endpointJets(points: Float32Array | Float64Array, sampleOf: readonly number[], samples: readonly Sample[], test: Sample, depth: number, gamma: number, eps: number, opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void; turns?: GpuTurns } = {}): Promise<EndpointJets[]> {
  if (!fusedAvailable()) throw new Error('endpoint metrics on the GPU need the tfjs webgl backend');
  const b = webgl();
  const K = sampleOf.length;
  const nTrain = samples[0].n;
  const owned: tf.Tensor[] = [];
  try {
    const data = stackedDataTensor([...samples, test]);
    owned.push(data.tensor);
    const testRow = data.rows[samples.length];
    const qbuf = new Float32Array(4 * K);
    for (let k = 0; k < K; k++) {
      qbuf[4 * k] = points[2 * k];
      qbuf[4 * k + 1] = points[2 * k + 1];
      qbuf[4 * k + 2] = data.rows[sampleOf[k]];
    }
    const Q = tf.tensor2d(qbuf, [2 * K, 2]);
    owned.push(Q);
    const perPoint = Math.max(1, depth) * (25 * 3 * nTrain + 2 * nTrain + 2 * test.n);
    const G = Math.max(1, Math.min(K, Math.floor(POINT_BUDGET / perPoint)));
    const out: EndpointJets[] = [];
    for (let k0 = 0; k0 < K; k0 += G) {
      if (opts.signal?.aborted) throw abortError();
      const g = Math.min(G, K - k0);
      const prog = pointProgram(g), uniforms = [[depth], [nTrain], [test.n], [testRow], [gamma, eps], [k0]];
      const tc = performance.now();
      await compileAhead(b, prog, [data.tensor, Q], uniforms, true, opts.turns);
      span('xp:endpoint-compile', tc, { g });
      // A frame of the 3-D view waits to be copied: nothing of ours is in flight here; its turn.
      if (opts.turns?.waiting()) await opts.turns.turn();
      if (opts.signal?.aborted) throw abortError();
      const td = performance.now();
      const t = runProgram(b, prog, [data.tensor, Q], uniforms);
      opts.turns?.begin();
      let v: Float32Array;
      try {
        v = (await t.data()) as Float32Array;
      } finally {
        opts.turns?.end();
        t.dispose();
      }
      span('xp:endpoint-pass', td, { g });
      const rowLen = 2 * POINT_TEXELS * 2;
      // texel (r, s) channel c at logical (2r + (c >> 1), 2s + (c & 1))
      const at = (r: number, s: number, c: number) => v[(2 * r + (c >> 1)) * (rowLen / 2) + 2 * s + (c & 1)];
      for (let r = 0; r < g; r++) {
        const stencil = new Float32Array(25);
        for (let s = 0; s < 25; s++) stencil[s] = at(r, s, 3);
        out.push({
          loss: at(r, 25, 0),
          grad: [at(r, 25, 1), at(r, 25, 2)],
          hess: [at(r, 12, 0), at(r, 12, 1), at(r, 12, 2)],
          stencil,
          testLoss: at(r, 26, 0),
          trainAcc: at(r, 27, 0),
          testAcc: at(r, 27, 1),
        });
      }
      opts.onProgress?.(k0 + g, K);
    }
    return out;
  } finally {
    for (const t of owned) t.dispose();
  }
}
