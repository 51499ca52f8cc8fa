/**
 * When the grid rule for ρ (core/rhoGrid) cannot hold a node's whole box, say so: boxes wider than
 * the extended grid's margin (MAX_MARGIN_FRACTION of the grid) are clipped there, so ρ — the max
 * of ‖T‖ over the box — is taken over part of the box only and may be too low.
 */
import type { GridJob } from './grid';
import { MAX_MARGIN_FRACTION } from './rhoGrid';
import { tr } from './words';

/** The fields whose grid values come from the grid's ρ (Ψ, the bound and ρ itself): where the note matters. */
export const RHO_FIELDS: readonly string[] = ['rho', 'psi', 'psiScale', 'psiCurvature', 'bound', 'boundComplexity', 'sigmaStar1', 'sigmaStar2'];

/** The view panel's note: a one-line summary and the explanation behind it (English templates, core/words). */
export interface GridRuleNote {
  short: string;
  detail: string;
}

/** A note for the view panel, or null when every box fits. */
export function gridRuleNote(job: Pick<GridJob, 'w1' | 'w2' | 'res' | 'gamma' | 'eps'>): GridRuleNote | null {
  const { res, gamma, eps } = job;
  if (!(res >= 2)) return null;
  const cap = Math.ceil(res * MAX_MARGIN_FRACTION);
  let worst = 0;
  let kappa = 0;
  for (const r of [job.w1, job.w2]) {
    const step = (r[1] - r[0]) / (res - 1);
    const k = gamma * Math.max(Math.abs(r[0]), Math.abs(r[1])) + eps;
    const cells = k / step;
    if (cells > worst) {
      worst = cells;
      kappa = k;
    }
  }
  if (Math.ceil(worst) + 1 <= cap) return null;
  return {
    short: tr('Ψ and the bound may be too low at the outer nodes.'),
    detail: tr(
      "The boxes of the outer nodes (κ up to {{kappa}}) are {{cells}} cells wide, more than the {{cap}} cells the grid extends by: ρ there is the maximum over the part of the box the grid covers and may be too low (Ψ and the bound with it). A smaller γ or ε, or a wider range, avoids it; the inspector's 5×5 stencil is not affected.",
      { kappa: Number(kappa.toPrecision(3)), cells: Math.round(worst), cap },
    ),
  };
}
