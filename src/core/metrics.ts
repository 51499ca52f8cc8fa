/**
 * The SPEC §4–§7 quantities at one point, in float64: κ, ρ (5×5 stencil), s, σ°, Ψ and its
 * terms, the approximate PAC-Bayes bound with its minimiser σ*, and expected sharpness.
 */
import { lossAt, lossJet, jetToDerivatives, thirdNormFromJet, JET_SIZE, type LossDerivatives, type Sample } from './jets';
import { createRng, truncatedNormal } from './rng';

/** Number of parameters m (the two shared weights). */
export const NUM_PARAMS = 2;

/** Hyper-parameters of the metric: box scale γ, box floor ε, confidence δ, network depth. */
export interface MetricParams {
  depth: number;
  gamma: number;
  eps: number;
  delta: number;
}

export const DEFAULT_PARAMS: MetricParams = { depth: 5, gamma: 0.1, eps: 0.1, delta: 0.05 };

/** The 5×5 stencil offsets {−1, −½, 0, ½, 1} of SPEC §4, in units of κ. */
export const STENCIL5 = [-1, -0.5, 0, 0.5, 1] as const;

/** Half-width κ = γ·|w| + ε of the neighbourhood box along one coordinate. */
export function kappaOf(w: number, gamma: number, eps: number): number {
  return gamma * Math.abs(w) + eps;
}

const JET = new Float64Array(JET_SIZE);

/**
 * ρ at one point: max of ‖∇³L̂‖_F over the `k`×`k` stencil w + (a κ1, b κ2), a, b evenly spaced
 * in [−1, 1] (k = 5 is the SPEC's `rho5`; k = 21 the reference's `rhoSup`).
 */
export function rhoStencil(sample: Sample, w1: number, w2: number, k1: number, k2: number, depth: number, k = 5): number {
  let best = 0;
  for (let a = 0; a < k; a++) {
    const u = k === 1 ? 0 : -1 + (2 * a) / (k - 1);
    for (let b = 0; b < k; b++) {
      const v = k === 1 ? 0 : -1 + (2 * b) / (k - 1);
      const t = thirdNormFromJet(lossJet(sample, w1 + u * k1, w2 + v * k2, depth, 3, JET));
      if (t > best) best = t;
    }
  }
  return best;
}

/** s_i = max(0, H_ii + ρ·√m·κ_i) (SPEC §5). */
export function sOf(hii: number, rho: number, kappa: number): number {
  return Math.max(0, hii + rho * Math.SQRT2 * kappa);
}

/** σ°_i = min(κ_i, 1/√s_i), κ_i when s_i = 0. */
export function sigmaCircOf(s: number, kappa: number): number {
  return s > 0 ? Math.min(kappa, 1 / Math.sqrt(s)) : kappa;
}

/**
 * One coordinate's Ψ term log(τ_i/σ°_i) = log(τ_i·max(√s_i, 1/κ_i)), split into the scale part
 * log(τ_i/κ_i) = log(1 + |w_i|/κ_i) and the curvature part log(κ_i/σ°_i) = max(0, log(κ_i √s_i)).
 */
export function psiTerm(w: number, s: number, kappa: number): { total: number; scale: number; curvature: number } {
  const scale = Math.log1p(Math.abs(w) / kappa);
  const curvature = s > 0 ? Math.max(0, 0.5 * Math.log(s) + Math.log(kappa)) : 0;
  return { total: scale + curvature, scale, curvature };
}

/** The three parts of the bound at a given σ. */
export interface BoundParts {
  value: number;
  loss: number;
  /** ½ Σ s_i σ_i² */
  curvature: number;
  /** sqrt((Σ log(τ_i/σ_i) + log(2n/δ)) / (2(n−1))) */
  complexity: number;
}

/** The bound's objective at a given σ (SPEC §6). */
export function boundAt(loss: number, s: readonly number[], tau: readonly number[], sigma: readonly number[], n: number, delta: number): BoundParts {
  let curvature = 0;
  let kl = Math.log((2 * n) / delta);
  for (let i = 0; i < s.length; i++) {
    curvature += 0.5 * s[i] * sigma[i] * sigma[i];
    kl += Math.log(tau[i] / sigma[i]);
  }
  const complexity = Math.sqrt(Math.max(0, kl) / (2 * (n - 1)));
  return { value: loss + curvature + complexity, loss, curvature, complexity };
}

/** Iterations of the η fixed point; it contracts by ≤ m/(4 log(2n/δ)) ≈ 0.06 per step. */
export const BOUND_ITERATIONS = 12;

/**
 * Minimises the bound over σ ∈ (0, κ1] × (0, κ2] (SPEC §6). At the optimum
 * σ_i = min(κ_i, 1/√(η s_i)) with η = sqrt(8(n−1)·A(σ)), A = Σ log(τ_i/σ_i) + log(2n/δ);
 * η ↦ sqrt(8(n−1)A(σ(η))) is a contraction, so a fixed-point iteration from σ = κ converges.
 */
export function minimiseBound(loss: number, s: readonly number[], kappa: readonly number[], tau: readonly number[], n: number, delta: number): { sigma: number[]; parts: BoundParts } {
  const m = s.length;
  const sigma = kappa.slice();
  for (let it = 0; it < BOUND_ITERATIONS; it++) {
    let a = Math.log((2 * n) / delta);
    for (let i = 0; i < m; i++) a += Math.log(tau[i] / sigma[i]);
    const eta = Math.sqrt(8 * (n - 1) * Math.max(a, 1e-12));
    for (let i = 0; i < m; i++) sigma[i] = s[i] > 0 ? Math.min(kappa[i], 1 / Math.sqrt(eta * s[i])) : kappa[i];
  }
  return { sigma, parts: boundAt(loss, s, tau, sigma, n, delta) };
}

/** Everything the inspector and the CLI's `point` report at one w. */
export interface PointReport {
  w: [number, number];
  loss: number;
  grad: [number, number];
  hessian: [[number, number], [number, number]];
  third: [number, number, number, number];
  thirdNorm: number;
  kappa: [number, number];
  rho: number;
  s: [number, number];
  sigmaCirc: [number, number];
  tau: [number, number];
  psi: number;
  psiTerms: { total: number; scale: number; curvature: number }[];
  bound: number;
  boundParts: BoundParts;
  sigmaStar: [number, number];
  /** Eigen-decomposition of H, ascending: λmin, λmax with unit eigenvectors. */
  eigen: { values: [number, number]; vectors: [[number, number], [number, number]] };
}

/** Eigenvalues (ascending) and unit eigenvectors of the symmetric 2×2 matrix [[a, b], [b, c]]. */
export function eigenSym2(a: number, b: number, c: number): { values: [number, number]; vectors: [[number, number], [number, number]] } {
  const mid = 0.5 * (a + c);
  const rad = Math.hypot(0.5 * (a - c), b);
  const lo = mid - rad;
  const hi = mid + rad;
  // Eigenvector of λ: (b, λ − a) or (λ − c, b); pick the better-conditioned one.
  const vec = (l: number): [number, number] => {
    let x = b, y = l - a;
    if (Math.hypot(x, y) < 1e-300 || Math.abs(l - c) > Math.abs(l - a)) {
      x = l - c;
      y = b;
    }
    const r = Math.hypot(x, y);
    if (r < 1e-300) return l === lo ? (a <= c ? [1, 0] : [0, 1]) : a <= c ? [0, 1] : [1, 0];
    return [x / r, y / r];
  };
  return { values: [lo, hi], vectors: [vec(lo), vec(hi)] };
}

/** Assembles s, σ°, Ψ, the bound and σ* from loss, Hessian diagonal and ρ at w. */
export function metricFromParts(w1: number, w2: number, loss: number, h11: number, h22: number, rho: number, n: number, p: MetricParams) {
  const kappa: [number, number] = [kappaOf(w1, p.gamma, p.eps), kappaOf(w2, p.gamma, p.eps)];
  const s: [number, number] = [sOf(h11, rho, kappa[0]), sOf(h22, rho, kappa[1])];
  const tau: [number, number] = [Math.abs(w1) + kappa[0], Math.abs(w2) + kappa[1]];
  const psiTerms = [psiTerm(w1, s[0], kappa[0]), psiTerm(w2, s[1], kappa[1])];
  const { sigma, parts } = minimiseBound(loss, s, kappa, tau, n, p.delta);
  return {
    kappa,
    s,
    tau,
    sigmaCirc: [sigmaCircOf(s[0], kappa[0]), sigmaCircOf(s[1], kappa[1])] as [number, number],
    psi: psiTerms[0].total + psiTerms[1].total,
    psiTerms,
    boundParts: parts,
    bound: parts.value,
    sigmaStar: [sigma[0], sigma[1]] as [number, number],
  };
}

/** The full report at w with ρ from the 5×5 stencil (SPEC §4–§6). */
export function pointReport(sample: Sample, w1: number, w2: number, p: MetricParams = DEFAULT_PARAMS): PointReport {
  const d = jetToDerivatives(lossJet(sample, w1, w2, p.depth, 3));
  const [t111, t112, t122, t222] = d.third;
  const tn = Math.sqrt(t111 * t111 + 3 * t112 * t112 + 3 * t122 * t122 + t222 * t222);
  const k1 = kappaOf(w1, p.gamma, p.eps);
  const k2 = kappaOf(w2, p.gamma, p.eps);
  const rho = rhoStencil(sample, w1, w2, k1, k2, p.depth, 5);
  return reportFromParts(w1, w2, d, tn, rho, sample.n, p);
}

/**
 * The full report at w from its derivatives, ‖T‖_F and a given ρ (the 5×5 stencil's for
 * `pointReport`; a grid's own ρ for core/gridCheck, so Ψ, the bound and σ* follow from it).
 */
export function reportFromParts(w1: number, w2: number, d: LossDerivatives, thirdNorm: number, rho: number, n: number, p: MetricParams): PointReport {
  const m = metricFromParts(w1, w2, d.loss, d.hess[0], d.hess[2], rho, n, p);
  return {
    w: [w1, w2],
    loss: d.loss,
    grad: d.grad,
    hessian: [
      [d.hess[0], d.hess[1]],
      [d.hess[1], d.hess[2]],
    ],
    third: d.third,
    thirdNorm,
    rho,
    ...m,
    eigen: eigenSym2(d.hess[0], d.hess[1], d.hess[2]),
  };
}

/** The CLI's `point` object (SPEC field names, JSON-ready). */
export function pointJson(r: PointReport) {
  return {
    loss: r.loss,
    grad: r.grad,
    hessian: r.hessian,
    thirdNorm: r.thirdNorm,
    kappa: r.kappa,
    rho: r.rho,
    s: r.s,
    psi: r.psi,
    bound: r.bound,
    sigmaStar: r.sigmaStar,
  };
}

/**
 * Expected sharpness E_u[L̂(w+u)] − L̂(w) by seeded Monte Carlo (SPEC §7): isotropic
 * u ~ N(0, σ²I) when `sigma` is a number, or per-coordinate widths truncated to [−κ, κ] when
 * `sigma` and `kappa` are given as pairs (the σ* case). Returns the mean and its standard error.
 */
export function expectedSharpness(sample: Sample, w1: number, w2: number, depth: number, sigma: number | readonly [number, number], samples: number, seed: number, kappa?: readonly [number, number]): { mean: number; stderr: number } {
  const it = expectedSharpnessSteps(sample, w1, w2, depth, sigma, samples, seed, kappa);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/**
 * expectedSharpness as a generator that yields after each loss evaluation (one pass over the
 * sample), so a caller can spread the estimate over short tasks; returns the same numbers.
 */
export function* expectedSharpnessSteps(sample: Sample, w1: number, w2: number, depth: number, sigma: number | readonly [number, number], samples: number, seed: number, kappa?: readonly [number, number]): Generator<void, { mean: number; stderr: number }, unknown> {
  const rng = createRng(seed);
  const base = lossAt(sample, w1, w2, depth);
  let sum = 0, sum2 = 0;
  for (let i = 0; i < samples; i++) {
    yield;
    let u1: number, u2: number;
    if (typeof sigma === 'number') {
      u1 = rng.normal() * sigma;
      u2 = rng.normal() * sigma;
    } else {
      u1 = truncatedNormal(rng, sigma[0], kappa ? kappa[0] : Infinity);
      u2 = truncatedNormal(rng, sigma[1], kappa ? kappa[1] : Infinity);
    }
    const d = lossAt(sample, w1 + u1, w2 + u2, depth) - base;
    sum += d;
    sum2 += d * d;
  }
  const mean = sum / samples;
  const varr = Math.max(0, sum2 / samples - mean * mean);
  return { mean, stderr: Math.sqrt(varr / Math.max(1, samples - 1)) };
}
