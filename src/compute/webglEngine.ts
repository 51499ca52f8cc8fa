/**
 * The fused WebGL grid engine: the whole SPEC §2–§6 field set over a res×res grid as a handful
 * of custom GPGPU programs run through tfjs's WebGL backend (`runWebGLProgram`).
 *
 * Passes (every output is a packed RGBA texture whose logical shape is [2·rows, 2·cols], so one
 * texel = one grid node and its four channels are four fields computed once):
 *  1. J1 (main grid): order-1 jets → (loss, ∂1, ∂2, ·).
 *  2. J3 (grid extended by the largest box half-width on every side): order-3 jets →
 *     (H11, H12, H22, ‖T‖_F). Only ‖T‖ needs order 3; each texel loops over the n samples with
 *     the jet (value, vec2, vec3, vec4 by degree) in registers.
 *  3. ρ, grid mode of SPEC §4: max filter of ‖T‖ over the nodes inside each node's box and its
 *     interpolated edges (a pass along w1, the box's two w2-edge rows, then a pass along w2).
 *  4. Stencil fallback: where the box is too coarse to hold a 3×3 block of nodes (a contiguous
 *     band of rows and one of columns around w = 0, since κ grows with |w|), ‖T‖ at the 25
 *     points of SPEC §4's 5×5 stencil, one texel per point.
 *  5. An elementwise pass: ρ, s, Ψ, the bound and σ* (fixed point as core/metrics.minimiseBound),
 *     packing every field into 3 texels per node, read back once.
 *  6. Separately, after the others (`evaluateTestLossWebGL`): SPEC §9's test loss, the mean loss
 *     on a large fresh sample, order 0 with four grid nodes per texel (vec4 arithmetic, one read
 *     of each sample for four nodes).
 * The heavy passes run in row chunks with a fence wait between them so the page keeps painting;
 * the job is cancellable through an AbortSignal and leaves no tensors behind.
 *
 * Float32 care: sigmoid derivatives from the smaller tail sm = e/(1+e), e = exp(−|a|) (no 1 − s
 * cancellation), the loss as softplus(±z) with log1p by series for small arguments, and the
 * per-sample sums accumulated in blocks (pairwise-style) so n up to 1e5 keeps ~1e-6 accuracy.
 *
 * Split by job: the programs are in webglPrograms.ts, the draw-call tiling in webglTiling.ts, the
 * tfjs WebGL internals in tfjsWebgl.ts (the one adapter); this file holds the data layout, the pass
 * schedule (chunks, fences, cancellation) and the output layout (unpackFields).
 */
import * as tf from './tf';
import type { GridFields, GridJob } from '../core/grid';
import type { Sample } from '../core/jets';
import { allocGridFields } from '../core/grid';
import { planGrid } from '../core/rhoGrid';
import { abortError, type EngineRunOptions } from './engineJob';
import { gpuFence, run, webglBackend, type GPGPUProgram } from './tfjsWebgl';
import { chunkBudgetUnits, chunkTile, evenPart } from './webglTiling';
import { DATA_W, SUM_BLOCK, edgeRowsProgram, finalProgram, jetGridProgram, maxColsProgram, maxRowsProgram, stencilProgram, stitchProgram, testLossProgram } from './webglPrograms';

// The programs and the tiling are their own modules; these stay importable from here.
export { DATA_W, GLSL_COMMON, jetFunction } from './webglPrograms';
export { setChunkBudget, chunkBudgetUnits } from './webglTiling';

/** The packed data texture (x1, x2, 1 − 2y, 0) per sample, logical [2T, 2·DATA_W]. */
function dataTensor(job: Pick<GridJob, 'n' | 'x' | 'y'>): tf.Tensor {
  const t = Math.ceil(job.n / DATA_W);
  const buf = new Float32Array(4 * t * DATA_W);
  const rowLen = 2 * DATA_W;
  for (let j = 0; j < job.n; j++) {
    const r = Math.floor(j / DATA_W), c = j % DATA_W;
    buf[2 * r * rowLen + 2 * c] = job.x[2 * j];
    buf[2 * r * rowLen + 2 * c + 1] = job.x[2 * j + 1];
    buf[(2 * r + 1) * rowLen + 2 * c] = 1 - 2 * job.y[j];
  }
  return tf.tensor2d(buf, [2 * t, rowLen]);
}

/**
 * Joins tiles in order along `axis`, pairwise (log₂ rounds, so no tile is copied more than that);
 * each joined input is released at once (the queued draws keep their order), each result kept.
 */
function joinTiles(b: ReturnType<typeof webglBackend>, parts: tf.Tensor[], axis: 0 | 1, keep: <T extends tf.Tensor>(t: T) => T, release: (t: tf.Tensor) => void): tf.Tensor {
  const join = (a: tf.Tensor, c: tf.Tensor): tf.Tensor => {
    const [ar, ac] = a.shape as [number, number], [cr, cc] = c.shape as [number, number];
    const shape: [number, number] = axis === 0 ? [ar + cr, ac] : [ar, ac + cc];
    const out = keep(run(b, stitchProgram(shape), [a, c], [[axis], [axis === 0 ? ar : ac]]));
    release(a);
    release(c);
    return out;
  };
  while (parts.length > 1) {
    const next: tf.Tensor[] = [];
    for (let i = 0; i < parts.length; i += 2) next.push(i + 1 < parts.length ? join(parts[i], parts[i + 1]) : parts[i]);
    parts = next;
  }
  return parts[0];
}

/**
 * Evaluates every field of `job` on the WebGL backend (see the file comment). One read-back;
 * all intermediate tensors are disposed even on cancellation or error.
 */
export async function evaluateGridWebGL(job: GridJob, opts: EngineRunOptions = {}): Promise<GridFields> {
  const b = webglBackend();
  const { res, n, depth, gamma, eps } = job;
  if (n < 2) throw new Error('the grid needs at least 2 samples');
  const plan = planGrid(job, opts.stencilFallback ?? true);
  const [m1, m2] = plan.margin;
  const ce = res + 2 * m1, re = res + 2 * m2;
  const step = plan.step;
  const owned: tf.Tensor[] = [];
  const keep = <T extends tf.Tensor>(t: T): T => {
    owned.push(t);
    return t;
  };
  const check = () => {
    if (opts.signal?.aborted) throw abortError();
  };
  const jetU = [[n], [depth]];
  const bandRows = Math.max(0, plan.bandR[1] - plan.bandR[0] + 1);
  const bandCols = Math.max(0, plan.bandC[1] - plan.bandC[0] + 1);
  // Work accounting for progress (order-3 counted 3×, a stencil point as one order-3 node).
  const work = { total: res * res + 3 * re * ce + 3 * 25 * (bandRows * res + bandCols * res), done: 0 };
  const progress = (units: number) => {
    work.done += units;
    opts.onProgress?.(Math.min(1, work.done / work.total));
  };
  let tPrev = performance.now();
  const mark = async (name: string) => {
    if (!opts.timings) return;
    await gpuFence(b);
    const t = performance.now();
    opts.timings[name] = (opts.timings[name] ?? 0) + t - tPrev;
    tPrev = t;
  };
  try {
    check();
    const x = keep(dataTensor(job));

    /**
     * Runs a pass tiled into draw calls of equal size (chunkTile); returns the tiles joined (the
     * result may have a few extra rows/columns past the end, which no later pass reads).
     */
    const chunked = async (rows: number, cols: number, weight: number, make: (ch: number, cw: number) => GPGPUProgram, uni: (row0: number, col0: number) => number[][], outRowsPerRow = 1): Promise<tf.Tensor> => {
      const [ch, cw] = chunkTile(rows, cols, n, depth, weight * outRowsPerRow);
      const prog = make(ch, cw);
      const joinAll = (parts: tf.Tensor[], axis: 0 | 1) => joinTiles(b, parts, axis, keep, (t) => t.dispose());
      const rowParts: tf.Tensor[] = [];
      // Two draws in flight: the fence after draw k is awaited once draw k + 1 is queued, so the
      // GPU never idles while the page polls, and anything else queued (a canvas frame) waits
      // behind at most about two draws.
      let inflight: Promise<void> | null = null;
      for (let row0 = 0; row0 < rows; row0 += ch) {
        const colParts: tf.Tensor[] = [];
        for (let col0 = 0; col0 < cols; col0 += cw) {
          check();
          colParts.push(keep(run(b, prog, [x], uni(row0, col0))));
          progress(Math.min(ch, rows - row0) * Math.min(cw, cols - col0) * outRowsPerRow * weight);
          // No wait after a pass's last draw: the next pass queues behind it anyway.
          if (row0 + ch < rows || col0 + cw < cols) {
            const fence = gpuFence(b);
            // Marked handled: the last fence of a pass (or of a cancelled job) is never awaited.
            fence.catch(() => undefined);
            if (inflight) await inflight;
            inflight = fence;
          }
        }
        rowParts.push(joinAll(colParts, 1));
      }
      // The last fence is left to settle on its own: the next pass queues behind these draws anyway.
      check();
      return joinAll(rowParts, 0);
    };

    const j1 = await chunked(res, res, 1, (ch, cw) => jetGridProgram(1, ch, cw), (row0, col0) => [...jetU, [job.w1[0], job.w2[0]], step, [row0], [col0]]);
    await mark('j1');
    const origin3 = [job.w1[0] - m1 * step[0], job.w2[0] - m2 * step[1]];
    const j3 = await chunked(re, ce, 3, (ch, cw) => jetGridProgram(3, ch, cw), (row0, col0) => [...jetU, origin3, step, [row0], [col0]]);
    await mark('j3');
    const ge = [gamma, eps];
    const dummy = keep(tf.zeros([2, 2]));
    let sr = dummy, sc = dummy;
    if (bandRows > 0)
      sr = await chunked(bandRows, res, 3, (ch, cw) => stencilProgram(ch, cw), (row0, col0) => [...jetU, [job.w1[0], job.w2[0]], step, [plan.bandR[0] + row0], [col0], ge], 25);
    if (bandCols > 0)
      sc = await chunked(res, bandCols, 3, (ch, cw) => stencilProgram(ch, cw), (row0, col0) => [...jetU, [job.w1[0], job.w2[0]], step, [row0], [plan.bandC[0] + col0], ge], 25);
    await mark('stencil');
    check();
    const mr = keep(run(b, maxRowsProgram(re, res), [j3], [[job.w1[0]], [step[0]], ge, [m1], [ce]]));
    const er = keep(run(b, edgeRowsProgram(res), [j3], [[job.w1[0]], [step[0]], ge, [m1], [ce], [job.w2[0]], [step[1]], [m2], [re]]));
    const rho = keep(run(b, maxColsProgram(res), [mr, er], [[job.w2[0]], [step[1]], ge, [m2], [re]]));
    await mark('maxFilter');
    const fin = keep(
      run(b, finalProgram(res), [j1, j3, rho, sr, sc], [
        [job.w1[0], job.w2[0]],
        step,
        ge,
        [m1, m2],
        plan.bandR,
        plan.bandC,
        [n],
        [Math.log((2 * n) / job.delta)],
      ]),
    );
    const data = (await fin.data()) as Float32Array;
    await mark('final+readback');
    check();
    return unpackFields(data, job);
  } finally {
    for (const t of owned) t.dispose();
  }
}

/** Decodes the final pass's packed read-back ([2res, 6res] logical) into GridFields. */
function unpackFields(d: Float32Array, job: GridJob): GridFields {
  const res = job.res;
  const f: GridFields = allocGridFields(job);
  const rowLen = 6 * res;
  // texel (r, t) channel q lives at logical (2r + (q >> 1), 2t + (q & 1))
  const at = (r: number, t: number, q: number) => d[(2 * r + (q >> 1)) * rowLen + 2 * t + (q & 1)];
  for (let r = 0; r < res; r++) {
    for (let c = 0; c < res; c++) {
      const i = r * res + c, t = 3 * c;
      f.loss[i] = at(r, t, 0);
      f.grad[2 * i] = at(r, t, 1);
      f.grad[2 * i + 1] = at(r, t, 2);
      const h11 = at(r, t, 3), h12 = at(r + 0, t + 1, 0), h22 = at(r, t + 1, 1);
      f.hess[3 * i] = h11;
      f.hess[3 * i + 1] = h12;
      f.hess[3 * i + 2] = h22;
      f.thirdNorm[i] = at(r, t + 1, 2);
      f.rho[i] = at(r, t + 1, 3);
      f.psi[i] = at(r, t + 2, 0);
      f.bound[i] = at(r, t + 2, 1);
      f.sigmaStar[2 * i] = at(r, t + 2, 2);
      f.sigmaStar[2 * i + 1] = at(r, t + 2, 3);
      f.lambdaMax[i] = 0.5 * (h11 + h22) + Math.hypot(0.5 * (h11 - h22), h12);
    }
  }
  return f;
}

/**
 * SPEC §9's test loss over `job`'s grid on the WebGL backend: the mean loss on `test` (a fresh
 * sample of the mixture, already in the training sample's standardised coordinates) at every node,
 * row-major res² float32. Tiled into draw calls of about the same GPU time as the other passes,
 * two in flight, cancellable between draws, one read-back; leaves no tensors behind.
 */
export async function evaluateTestLossWebGL(job: GridJob, test: Sample, opts: EngineRunOptions = {}): Promise<Float32Array> {
  const b = webglBackend();
  const { res, depth } = job;
  const n = test.n;
  if (n < 1) throw new Error('the test sample is empty');
  const step = planGrid(job, false).step;
  const owned = new Set<tf.Tensor>();
  const keep = <T extends tf.Tensor>(t: T): T => {
    owned.add(t);
    return t;
  };
  const drop = (t: tf.Tensor) => {
    owned.delete(t);
    t.dispose();
  };
  const check = () => {
    if (opts.signal?.aborted) throw abortError();
  };
  const t0 = performance.now();
  try {
    check();
    const x = keep(dataTensor({ n, x: test.x, y: test.y }));
    // A draw covers a tile of nodes and a slice of the samples, about chunkBudget units (an order-0
    // node·sample·layer counted ⅓ of an order-1 one). Slices of at least one summation block, tiles
    // as large as the budget allows: a draw of a few texels would leave software WebGL's threads
    // and SIMD lanes idle. Tiles are even-sized, so every join lands on a packed texel boundary.
    const L = Math.max(1, depth);
    const perSampleNode = L / 3;
    let slice = SUM_BLOCK;
    let nodes = Math.max(16, Math.floor(chunkBudgetUnits() / (slice * perSampleNode)));
    if (nodes >= res * res) {
      nodes = res * res;
      slice = Math.min(n, Math.max(SUM_BLOCK, SUM_BLOCK * Math.floor(chunkBudgetUnits() / (nodes * perSampleNode) / SUM_BLOCK)));
    }
    const even = (v: number) => Math.min(res, 2 * Math.max(1, Math.ceil(v / 2)));
    let ch = nodes >= res * res ? res : even(evenPart(res, Math.sqrt(nodes)));
    let cw = nodes >= res * res ? res : even(evenPart(res, nodes / ch));
    if (ch >= res) ch = res;
    if (cw >= res) cw = res;
    const prog = testLossProgram(ch, cw);
    const slices = Math.ceil(n / slice);
    const joinAll = (parts: tf.Tensor[], axis: 0 | 1) => joinTiles(b, parts, axis, keep, drop);
    const tilesR = Math.ceil(res / ch), tilesC = Math.ceil(res / cw);
    const totalDraws = tilesR * tilesC * slices;
    let draws = 0;
    let inflight: Promise<void> | null = null;
    const rowParts: tf.Tensor[] = [];
    for (let row0 = 0; row0 < res; row0 += ch) {
      const colParts: tf.Tensor[] = [];
      for (let col0 = 0; col0 < res; col0 += cw) {
        let acc: tf.Tensor = x;
        for (let k = 0; k < slices; k++) {
          check();
          const j0 = k * slice, j1 = Math.min(n, j0 + slice);
          const next = keep(run(b, prog, [x, acc], [[n], [depth], [job.w1[0], job.w2[0]], step, [row0], [col0], [j0], [j1], [k === 0 ? 1 : 0], [k === slices - 1 ? 1 : 0]]));
          if (acc !== x) drop(acc);
          acc = next;
          draws++;
          opts.onProgress?.(Math.min(1, draws / totalDraws));
          if (draws < totalDraws) {
            const fence = gpuFence(b);
            // Marked handled: the last fence of a cancelled pass is never awaited.
            fence.catch(() => undefined);
            if (inflight) await inflight;
            inflight = fence;
          }
        }
        colParts.push(acc);
      }
      rowParts.push(joinAll(colParts, 1));
    }
    check();
    const all = joinAll(rowParts, 0);
    const cols = all.shape[1] as number;
    const d = (await all.data()) as Float32Array;
    check();
    const out = new Float32Array(res * res);
    for (let r = 0; r < res; r++) out.set(d.subarray(r * cols, r * cols + res), r * res);
    if (opts.timings) opts.timings.testLoss = (opts.timings.testLoss ?? 0) + performance.now() - t0;
    return out;
  } finally {
    for (const t of owned) t.dispose();
  }
}
