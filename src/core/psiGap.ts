/**
 * The measures the Ψ-vs-gap panel holds against the generalization gap over a grid's nodes —
 * Ψ (SPEC §5), the bound's complexity term at σ* (SPEC §6) and λmax(H), by their ids in the field
 * registry (core/fields) — and the panel's summary: Spearman's ρ_s and the 2-D density.
 */
import { density2d, finiteRange, spearman, type Density2D } from './stats';

export type PsiGapMeasure = 'psi' | 'boundComplexity' | 'lambdaMax';

/** The selectable measures: id, label, and what the label means. */
export const PSI_GAP_MEASURES: readonly { id: PsiGapMeasure; label: string; tip: string }[] = [
  { id: 'psi', label: 'Ψ', tip: 'Ψ = Σᵢ log(τᵢ/σ°ᵢ), the paper’s generalization metric (SPEC §5)' },
  { id: 'boundComplexity', label: 'bound complexity', tip: 'the bound’s complexity term √((Σᵢ log(τᵢ/σ*ᵢ) + log(2n/δ)) / (2(n−1))) at σ* (SPEC §6)' },
  { id: 'lambdaMax', label: 'λmax', tip: 'the largest eigenvalue of the Hessian ∇²L̂ (sharpness)' },
];

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
