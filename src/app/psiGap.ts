/**
 * `pacscape.psiGap()` (the Ψ-vs-gap panel's numbers) and `pacscape.setPsiGapMeasure(m)`.
 */
import { registerApi } from './api';
import { psiGapState, setPsiGapMeasure } from '../ui/psiGapModel';
import type { PsiGapMeasure } from '../core/psiGap';

/** `pacscape.psiGap()` and `pacscape.setPsiGapMeasure(m)`. */
export function psiGapApi() {
  return {
    psiGap: psiGapState,
    setPsiGapMeasure: (m: PsiGapMeasure) => {
      setPsiGapMeasure(m);
      return m;
    },
  };
}

let installed = false;

/** Registers `pacscape.psiGap()` and `pacscape.setPsiGapMeasure(m)` (idempotent). */
export function installPsiGapApi(): void {
  if (installed) return;
  installed = true;
  registerApi(psiGapApi());
}
