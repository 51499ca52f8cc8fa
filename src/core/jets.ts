/**
 * The SPEC §2 model and loss as order-3 Taylor jets in the two shared weights.
 *
 * A jet is the truncated Taylor polynomial of a quantity f around w = (w1, w2) in the offsets
 * (e1, e2), stored as 10 float64 coefficients in this fixed order:
 *
 *   index: 0   1   2   3    4     5    6    7      8      9
 *   term:  1   e1  e2  e1²  e1e2  e2²  e1³  e1²e2  e1e2²  e2³
 *
 * Derivatives follow from the coefficients: ∂1 f = c1, ∂11 f = 2 c3, ∂12 f = c4, ∂111 f = 6 c6,
 * ∂112 f = 2 c7, ∂122 f = 2 c8, ∂222 f = 6 c9. Everything is exact (no finite differences).
 *
 * Specialised arithmetic (why hand-written): a generic jet product costs a 10×10 table per
 * multiply (~400 µs a point for n = 100). Here the weights enter only as (w + e), so multiplying
 * by a weight is a scale plus a shift of coefficients, and sigmoid is applied by univariate
 * composition f(a0) + f' δ + f''/2 δ² + f'''/6 δ³ with δ² and δ³ written out term by term.
 */

/** Number of Taylor coefficients of an order-3 jet in two variables. */
export const JET_SIZE = 10;

/** Flat training sample: `x` is [n, 2] row-major, `y` holds 0/1 labels. */
export interface Sample {
  readonly n: number;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
}

/** Exact derivatives of the empirical loss at one w (SPEC §3). */
export interface LossDerivatives {
  loss: number;
  /** ∇L̂, [∂1, ∂2] */
  grad: [number, number];
  /** ∇²L̂ as [H11, H12, H22] */
  hess: [number, number, number];
  /** ∇³L̂ as [T111, T112, T122, T222]; zeros when order < 3 */
  third: [number, number, number, number];
}

/** Numerically stable log(1 + e^z). */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Logistic sigmoid 1 / (1 + e^-z), stable for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Composes a scalar function with a jet in place: out = f(a) given f and its first three
 * derivatives at a0 = a[0]. `order` ≤ 3 skips the unneeded high terms.
 */
function compose(a: Float64Array, f0: number, f1: number, f2: number, f3: number, order: number, out: Float64Array): void {
  const d1 = a[1], d2 = a[2];
  out[0] = f0;
  out[1] = f1 * d1;
  out[2] = f1 * d2;
  if (order < 2) return;
  const d3 = a[3], d4 = a[4], d5 = a[5];
  const h2 = 0.5 * f2;
  out[3] = f1 * d3 + h2 * d1 * d1;
  out[4] = f1 * d4 + h2 * 2 * d1 * d2;
  out[5] = f1 * d5 + h2 * d2 * d2;
  if (order < 3) return;
  const h3 = f3 / 6;
  out[6] = f1 * a[6] + h2 * 2 * d1 * d3 + h3 * d1 * d1 * d1;
  out[7] = f1 * a[7] + h2 * 2 * (d1 * d4 + d2 * d3) + h3 * 3 * d1 * d1 * d2;
  out[8] = f1 * a[8] + h2 * 2 * (d1 * d5 + d2 * d4) + h3 * 3 * d1 * d2 * d2;
  out[9] = f1 * a[9] + h2 * 2 * d2 * d5 + h3 * d2 * d2 * d2;
}

/**
 * out = (wa + e_a)·p + (wb + e_b)·q for jets p, q, where (a, b) = (1, 2) or (2, 1):
 * `swap` = false gives w1·p + w2·q + e1·p + e2·q (unit 1 and the output layer),
 * `swap` = true gives w2·p + w1·q + e2·p + e1·q (unit 2).
 */
function mix(p: Float64Array, q: Float64Array, w1: number, w2: number, swap: boolean, out: Float64Array): void {
  // u multiplies the jet that gets the e1 shift, v the one that gets e2.
  const u = swap ? q : p;
  const v = swap ? p : q;
  // The e1-shifted jet always carries weight w1, the e2-shifted one w2.
  const cu = w1;
  const cv = w2;
  out[0] = cu * u[0] + cv * v[0];
  out[1] = cu * u[1] + cv * v[1] + u[0];
  out[2] = cu * u[2] + cv * v[2] + v[0];
  out[3] = cu * u[3] + cv * v[3] + u[1];
  out[4] = cu * u[4] + cv * v[4] + u[2] + v[1];
  out[5] = cu * u[5] + cv * v[5] + v[2];
  out[6] = cu * u[6] + cv * v[6] + u[3];
  out[7] = cu * u[7] + cv * v[7] + u[4] + v[3];
  out[8] = cu * u[8] + cv * v[8] + u[5] + v[4];
  out[9] = cu * u[9] + cv * v[9] + v[5];
}

/** Scratch jets reused across calls: the evaluator is single-threaded and re-entrant free. */
const H1 = new Float64Array(JET_SIZE);
const H2 = new Float64Array(JET_SIZE);
const A1 = new Float64Array(JET_SIZE);
const A2 = new Float64Array(JET_SIZE);
const Z = new Float64Array(JET_SIZE);
const L = new Float64Array(JET_SIZE);
const ACC = new Float64Array(JET_SIZE);

/** Jet of sigmoid(a), written into out. */
function sigmoidJet(a: Float64Array, order: number, out: Float64Array): void {
  const s = sigmoid(a[0]);
  const s1 = s * (1 - s);
  const s2 = s1 * (1 - 2 * s);
  const s3 = s1 * (1 - 6 * s + 6 * s * s);
  compose(a, s, s1, s2, s3, order, out);
}

/**
 * Evaluates the mean loss jet (SPEC §2) over the sample at (w1, w2) for a network of `depth`
 * layers, up to `order` (0..3), and returns its 10 Taylor coefficients in `out`.
 *
 * Per sample j: h⁰ = x_j; hˡ = sigmoid(W hˡ⁻¹) for l < depth; z = w1·h1 + w2·h2;
 * loss_j = softplus(z) − y_j·z (equal to the SPEC's BCE from the logit).
 */
export function lossJet(sample: Sample, w1: number, w2: number, depth: number, order: number, out: Float64Array = new Float64Array(JET_SIZE)): Float64Array {
  ACC.fill(0);
  const { n, x, y } = sample;
  for (let j = 0; j < n; j++) {
    // h⁰ = x_j is a constant jet.
    H1.fill(0);
    H2.fill(0);
    H1[0] = x[2 * j];
    H2[0] = x[2 * j + 1];
    for (let l = 1; l < depth; l++) {
      mix(H1, H2, w1, w2, false, A1); // a1 = w1 h1 + w2 h2
      mix(H1, H2, w1, w2, true, A2); //  a2 = w2 h1 + w1 h2
      sigmoidJet(A1, order, H1);
      sigmoidJet(A2, order, H2);
    }
    mix(H1, H2, w1, w2, false, Z);
    const z = Z[0];
    const p = sigmoid(z);
    const p1 = p * (1 - p);
    const p2 = p1 * (1 - 2 * p);
    compose(Z, softplus(z), p, p1, p2, order, L);
    const yj = y[j];
    // − y·z is linear in the jet of z.
    for (let k = 0; k < JET_SIZE; k++) ACC[k] += L[k] - yj * Z[k];
  }
  const inv = 1 / n;
  for (let k = 0; k < JET_SIZE; k++) out[k] = ACC[k] * inv;
  return out;
}

/** Converts a loss jet's Taylor coefficients to derivatives (SPEC §3). */
export function jetToDerivatives(c: ArrayLike<number>): LossDerivatives {
  return {
    loss: c[0],
    grad: [c[1], c[2]],
    hess: [2 * c[3], c[4], 2 * c[5]],
    third: [6 * c[6], 2 * c[7], 2 * c[8], 6 * c[9]],
  };
}

/** Loss, gradient, Hessian and third derivatives at w (order 3, one pass). */
export function lossDerivatives(sample: Sample, w1: number, w2: number, depth: number, order = 3): LossDerivatives {
  return jetToDerivatives(lossJet(sample, w1, w2, depth, order));
}

/** ‖T‖_F = sqrt(T111² + 3 T112² + 3 T122² + T222²), from Taylor coefficients. */
export function thirdNormFromJet(c: ArrayLike<number>): number {
  const t111 = 6 * c[6], t112 = 2 * c[7], t122 = 2 * c[8], t222 = 6 * c[9];
  return Math.sqrt(t111 * t111 + 3 * t112 * t112 + 3 * t122 * t122 + t222 * t222);
}

const TMP = new Float64Array(JET_SIZE);

/** ‖∇³L̂(w)‖_F (SPEC §3). */
export function thirdNorm(sample: Sample, w1: number, w2: number, depth: number): number {
  return thirdNormFromJet(lossJet(sample, w1, w2, depth, 3, TMP));
}

/** Mean loss only (order 0), for Monte Carlo and training. */
export function lossAt(sample: Sample, w1: number, w2: number, depth: number): number {
  return lossJet(sample, w1, w2, depth, 0, TMP)[0];
}

/**
 * `lossAt` in pieces: `acc` plus the loss terms softplus(z_j) − y_j·z_j of samples j0 ≤ j < j1,
 * added one by one with `lossJet`'s order-0 arithmetic (a scalar forward pass, no jets). Starting
 * from acc = 0 at j0 = 0, carrying the sum over consecutive pieces up to n and multiplying by 1/n
 * gives `lossAt(sample, w1, w2, depth)` bit for bit (the same operations in the same order), so a
 * caller can slice a large sample's loss between yields without changing a digit.
 */
export function lossSum(sample: Sample, w1: number, w2: number, depth: number, j0: number, j1: number, acc: number): number {
  const { x, y } = sample;
  for (let j = j0; j < j1; j++) {
    let h1 = x[2 * j], h2 = x[2 * j + 1];
    for (let l = 1; l < depth; l++) {
      // mix(): a1 = w1·h1 + w2·h2, a2 = w1·h2 + w2·h1 (lossJet's operand order).
      const a1 = w1 * h1 + w2 * h2;
      const a2 = w1 * h2 + w2 * h1;
      h1 = sigmoid(a1);
      h2 = sigmoid(a2);
    }
    const z = w1 * h1 + w2 * h2;
    acc += softplus(z) - y[j] * z;
  }
  return acc;
}

/** Network output probabilities p(x) = sigmoid(z(x; w)) for points x ([m, 2] row-major). */
export function predictProba(x: ArrayLike<number>, m: number, w1: number, w2: number, depth: number, out: Float64Array = new Float64Array(m)): Float64Array {
  for (let j = 0; j < m; j++) {
    let h1 = x[2 * j], h2 = x[2 * j + 1];
    for (let l = 1; l < depth; l++) {
      const a1 = w1 * h1 + w2 * h2;
      const a2 = w2 * h1 + w1 * h2;
      h1 = sigmoid(a1);
      h2 = sigmoid(a2);
    }
    out[j] = sigmoid(w1 * h1 + w2 * h2);
  }
  return out;
}

/**
 * The mean loss by a plain scalar forward pass (no jets): the same SPEC §2 value as `lossAt`
 * (to rounding), several times faster, for scans over many w or many points. With `perPoint`
 * it also writes each point's loss softplus(z) − y·z.
 */
export function lossForward(sample: Sample, w1: number, w2: number, depth: number, perPoint?: Float64Array): number {
  const { n, x, y } = sample;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    let h1 = x[2 * j], h2 = x[2 * j + 1];
    for (let l = 1; l < depth; l++) {
      const a1 = w1 * h1 + w2 * h2;
      const a2 = w2 * h1 + w1 * h2;
      h1 = sigmoid(a1);
      h2 = sigmoid(a2);
    }
    const z = w1 * h1 + w2 * h2;
    const lj = softplus(z) - y[j] * z;
    if (perPoint) perPoint[j] = lj;
    sum += lj;
  }
  return sum / n;
}
