/**
 * The random streams of one training run (SPEC §7), in one place so that a run done alone
 * (compute/train's Trainer) and the same run inside a batched ensemble (compute/ensemble) draw
 * exactly the same mini-batches and perturbation noise from the same seed.
 *
 * One mulberry32 generator per run, seeded with the run's seed, consumed in step order:
 * - SGD (batch < n): mini-batch indices, a Fisher–Yates reshuffle of 0..n−1 at the start of each
 *   epoch (the first one before the first batch), batches taken in order, an epoch's tail carried
 *   into the next batch (the batch then wraps into the new permutation);
 * - perturbed: per step u_i ~ N(0, σ*_i²) truncated to [−κ_i, κ_i] (rejection, Box–Muller
 *   normals), first for w1, then for w2;
 * - GD and SGD with batch ≥ n draw nothing.
 */
import { createRng, truncatedNormal, type Rng, type RngState } from './rng';

export class TrainStream {
  private readonly rng: Rng;
  private readonly order: Int32Array;
  private cursor: number;

  /**
   * `n`: size of the training sample the mini-batches index. `at`: a perturbed run's stream
   * resumed where it stands (core/rng createRng; the ensemble's GPU noise hands runs over so).
   */
  constructor(
    seed: number,
    readonly n: number,
    at?: RngState,
  ) {
    this.rng = createRng(seed, at);
    this.order = new Int32Array(n);
    this.cursor = n; // forces a shuffle before the first mini-batch
  }

  /**
   * The next `size` mini-batch indices into 0..n−1, written to `out` at `offset` (a new array when
   * `out` is omitted).
   */
  nextBatch(size: number, out: Int32Array | Float32Array = new Int32Array(size), offset = 0): Int32Array | Float32Array {
    const n = this.n;
    for (let i = 0; i < size; i++) {
      if (this.cursor >= n) {
        for (let j = 0; j < n; j++) this.order[j] = j;
        for (let j = n - 1; j > 0; j--) {
          const k = Math.floor(this.rng.uniform() * (j + 1));
          const t = this.order[j];
          this.order[j] = this.order[k];
          this.order[k] = t;
        }
        this.cursor = 0;
      }
      out[offset + i] = this.order[this.cursor++];
    }
    return out;
  }

  /** The perturbation of one step: u_i ~ N(0, σ_i²) truncated to [−κ_i, κ_i], i = 1, 2. */
  perturbation(sigma: readonly [number, number], kappa: readonly [number, number]): [number, number] {
    const u1 = truncatedNormal(this.rng, sigma[0], kappa[0]);
    const u2 = truncatedNormal(this.rng, sigma[1], kappa[1]);
    return [u1, u2];
  }
}

/** True when a run of this method and batch size draws mini-batches (SGD with batch < n). */
export function usesMiniBatches(method: string, batch: number, n: number): boolean {
  return method === 'sgd' && batch < n;
}

/** mulberry32's state increment (core/rng): the state after i uniforms is seed + i·INC (mod 2³²). */
export const MULBERRY_INC = 0x6d2b79f5;

/** mulberry32's output for state a (after the increment), as an unsigned 32-bit integer. */
export function mulberryOutput(a: number): number {
  let t = a >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/**
 * ⌊t·m / 2³²⌋ for an unsigned 32-bit t and 1 ≤ m ≤ 2¹⁶ in 32-bit integer steps (16-bit halves):
 * = Math.floor(uniform · m) of core/rng exactly (t/2³² and its product with m are exact doubles).
 */
export function mulHigh(t: number, m: number): number {
  const hi = t >>> 16, lo = t & 0xffff;
  return ((hi * m + ((lo * m) >>> 16)) >>> 16) >>> 0;
}

/**
 * The order of epoch `epoch` (0-based) of an SGD run's mini-batches, by random access: the
 * Fisher–Yates shuffle `TrainStream.nextBatch` makes at the start of that epoch. An SGD run's
 * stream draws nothing but these shuffles (n − 1 uniforms each), so epoch e starts at state
 * seed + e·(n − 1)·INC. The ensemble's WebGL program computes the same integers on the GPU.
 */
export function epochOrder(seed: number, n: number, epoch: number, out: Int32Array = new Int32Array(n)): Int32Array {
  let a = ((seed >>> 0) + Math.imul(Math.imul(epoch, n - 1), MULBERRY_INC)) >>> 0;
  for (let j = 0; j < n; j++) out[j] = j;
  for (let j = n - 1; j > 0; j--) {
    a = (a + MULBERRY_INC) >>> 0;
    const k = mulHigh(mulberryOutput(a), j + 1);
    const t = out[j];
    out[j] = out[k];
    out[k] = t;
  }
  return out;
}
