/**
 * "Descend": the path of a damped Newton iteration from w to the nearest minimum of L̂, in
 * float64 with exact derivatives (the inspector's animated "go downhill" action).
 *
 * Each iterate takes Δ = −H⁻¹∇L̂ where H is positive definite, otherwise a Levenberg–Marquardt step
 * with H shifted to be positive definite; the step is clipped to a trust radius and halved until the loss
 * decreases (so the path never climbs and stays in the basin it started in).
 */
import { lossAt, lossDerivatives, type Sample } from './jets';

/** Largest single step in weight space (a trust radius). */
export const DESCEND_MAX_STEP = 0.25;
/** Iteration cap and stopping tolerance on ‖∇L̂‖. */
export const DESCEND_MAX_ITERATIONS = 200;
export const DESCEND_GRAD_TOL = 1e-8;

/** The iterates [w1, w2, L̂] from the start (included) until convergence or the cap. */
export function descendPath(sample: Sample, w1: number, w2: number, depth: number, maxIterations = DESCEND_MAX_ITERATIONS): [number, number, number][] {
  return [...descendIterates(sample, w1, w2, depth, maxIterations)];
}

/**
 * The same iterates, one at a time: a caller on the page computes each when it draws it (one
 * iterate costs a few order-2 jets and a line search over n points), never the whole path at once.
 */
export function* descendIterates(sample: Sample, w1: number, w2: number, depth: number, maxIterations = DESCEND_MAX_ITERATIONS): Generator<[number, number, number]> {
  let x = w1, y = w2;
  let d = lossDerivatives(sample, x, y, depth, 2);
  yield [x, y, d.loss];
  for (let it = 0; it < maxIterations; it++) {
    const [g1, g2] = d.grad;
    if (!(Math.hypot(g1, g2) > DESCEND_GRAD_TOL)) break;
    const [a, b, c] = d.hess;
    const det = a * c - b * b;
    let s1: number, s2: number;
    if (a > 0 && det > 0) {
      s1 = -(c * g1 - b * g2) / det;
      s2 = -(-b * g1 + a * g2) / det;
    } else {
      // Not positive definite: shift H by μ so H + μI is (Levenberg–Marquardt); the trust radius
      // and the line search keep the step safe along negative curvature.
      const mid = 0.5 * (a + c), rad = Math.hypot(0.5 * (a - c), b);
      const mu = -(mid - rad) + 1e-4 + 0.01 * Math.abs(mid + rad);
      const a2 = a + mu, c2 = c + mu, det2 = a2 * c2 - b * b;
      s1 = -(c2 * g1 - b * g2) / det2;
      s2 = -(-b * g1 + a2 * g2) / det2;
    }
    const len = Math.hypot(s1, s2);
    if (len > DESCEND_MAX_STEP) {
      s1 *= DESCEND_MAX_STEP / len;
      s2 *= DESCEND_MAX_STEP / len;
    }
    // Backtrack until the loss does not increase (Newton near a minimum accepts t = 1).
    let t = 1;
    let next = lossAt(sample, x + s1, y + s2, depth);
    while (!(next <= d.loss) && t > 1e-6) {
      t *= 0.5;
      next = lossAt(sample, x + t * s1, y + t * s2, depth);
    }
    if (!(next <= d.loss)) break;
    x += t * s1;
    y += t * s2;
    d = lossDerivatives(sample, x, y, depth, 2);
    yield [x, y, d.loss];
    if (t * len < 1e-12) break;
  }
}
