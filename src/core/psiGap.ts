/**
 * The measures the Ψ-vs-gap panel holds against the generalization gap over a grid's nodes:
 * Ψ (SPEC §5), the bound's complexity term at σ* (SPEC §6) and λmax(H). The complexity term is
 * not a grid field; it follows from the grid's σ* and w exactly as `boundAt` defines it.
 */
import { kappaOf } from './metrics';
import { density2d, finiteRange, spearman, type Density2D } from './stats';

export type PsiGapMeasure = 'psi' | 'complexity' | 'lambdaMax';

/** The selectable measures: id, label, and what the label means. */
export const PSI_GAP_MEASURES: readonly { id: PsiGapMeasure; label: string; tip: string }[] = [
  { id: 'psi', label: 'Ψ', tip: 'Ψ = Σᵢ log(τᵢ/σ°ᵢ), the paper’s generalization metric (SPEC §5)' },
  { id: 'complexity', label: 'bound complexity', tip: 'the bound’s complexity term √((Σᵢ log(τᵢ/σ*ᵢ) + log(2n/δ)) / (2(n−1))) at σ* (SPEC §6)' },
  { id: 'lambdaMax', label: 'λmax', tip: 'the largest eigenvalue of the Hessian ∇²L̂ (sharpness)' },
];

/**
 * The bound's complexity term at σ = (σ1, σ2): √(max(0, Σᵢ log(τᵢ/σᵢ) + log(2n/δ)) / (2(n−1)))
 * with τᵢ = |wᵢ| + κᵢ, κᵢ = γ|wᵢ| + ε (SPEC §6, as `boundAt`).
 */
export function complexityAt(w1: number, w2: number, sigma1: number, sigma2: number, n: number, delta: number, gamma: number, eps: number): number {
  const tau1 = Math.abs(w1) + kappaOf(w1, gamma, eps);
  const tau2 = Math.abs(w2) + kappaOf(w2, gamma, eps);
  const kl = Math.log(tau1 / sigma1) + Math.log(tau2 / sigma2) + Math.log((2 * n) / delta);
  return Math.sqrt(Math.max(0, kl) / (2 * (n - 1)));
}

/**
 * The complexity term at every node of a res×res grid from its σ* field ([res·res, 2]
 * interleaved), row-major (row = w2 index, column = w1 index).
 */
export function complexityGrid(w1: ArrayLike<number>, w2: ArrayLike<number>, sigmaStar: ArrayLike<number>, n: number, delta: number, gamma: number, eps: number): Float64Array {
  const cols = w1.length, rows = w2.length;
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      out[i] = complexityAt(w1[c], w2[r], sigmaStar[2 * i], sigmaStar[2 * i + 1], n, delta, gamma, eps);
    }
  return out;
}

/** What the Ψ-vs-gap panel shows for one grid: Spearman's ρ_s and the 2-D density. */
export interface PsiGapSummary {
  /** Spearman's rank correlation of (gap, measure) over the nodes where both are finite. */
  rho: number;
  /** Nodes used. */
  n: number;
  density: Density2D;
}

/**
 * Spearman's ρ_s of (gap_i, measure_i) over a grid's nodes and their bx × by density over the
 * ranges of the pairs where both are finite (x = gap, y = measure). Null when fewer than 2 nodes are finite.
 */
export function psiGapSummary(gap: ArrayLike<number>, measure: ArrayLike<number>, bx = 64, by = 48): PsiGapSummary | null {
  const m = Math.min(gap.length, measure.length);
  let n = 0;
  for (let i = 0; i < m; i++) if (Number.isFinite(gap[i]) && Number.isFinite(measure[i])) n++;
  if (n < 2) return null;
  const xs = new Float64Array(n), ys = new Float64Array(n);
  for (let i = 0, j = 0; i < m; i++)
    if (Number.isFinite(gap[i]) && Number.isFinite(measure[i])) {
      xs[j] = gap[i];
      ys[j++] = measure[i];
    }
  const xr = finiteRange(xs)!, yr = finiteRange(ys)!;
  return { rho: spearman(xs, ys).rho, n, density: density2d(xs, ys, bx, by, xr, yr) };
}
