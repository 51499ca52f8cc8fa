/**
 * The panels' models that outlive a component (the cut chart's, the Ψ-vs-gap panel's): one set per
 * app run, made and disposed by app/createApp and handed to the panels through this React
 * context (and to `window.pacscape` by the app), never held in module scope.
 */
import { createContext, useContext } from 'react';
import { createCutModel, type CutModel } from './cutModel';
import { createPsiGapModel, type PsiGapModelStore } from './psiGapModel';
import type { LiveMarker } from '../state/liveMarker';

export interface UiModels {
  cuts: CutModel;
  psiGap: PsiGapModelStore;
  dispose: () => void;
}

/** The panels' models of one app run (disposed in reverse order of creation); `live`: the run's marker. */
export function createUiModels(live: LiveMarker): UiModels {
  const cuts = createCutModel(live);
  const psiGap = createPsiGapModel();
  return {
    cuts,
    psiGap,
    dispose: () => {
      psiGap.dispose();
      cuts.dispose();
    },
  };
}

export const UiModelsContext = createContext<UiModels | null>(null);

/** The models of the app run this component belongs to (app/App provides them). */
export function useUiModels(): UiModels {
  const m = useContext(UiModelsContext);
  if (!m) throw new Error('useUiModels: no app context (render inside app/App)');
  return m;
}
