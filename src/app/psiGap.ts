/**
 * `pacscape.psiGap()` (the Ψ-vs-gap panel's numbers) and `pacscape.setPsiGapMeasure(m)`.
 */
import { registerApi } from './api';
import type { PsiGapModelStore } from '../ui/psiGapModel';
import type { PsiGapMeasure } from '../core/psiGap';

/** `pacscape.psiGap()` and `pacscape.setPsiGapMeasure(m)` of one app run's panel model. */
export function psiGapApi(model: PsiGapModelStore) {
  return {
    psiGap: model.state,
    setPsiGapMeasure: (m: PsiGapMeasure) => {
      model.setMeasure(m);
      return m;
    },
  };
}

/** Registers `pacscape.psiGap()` and `pacscape.setPsiGapMeasure(m)` (app/createApp). */
export function installPsiGapApi(model: PsiGapModelStore): void {
  registerApi(psiGapApi(model));
}
