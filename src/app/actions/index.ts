/**
 * app/actions/ is the one door through which scene/ and ui/ change anything beyond a store setter
 * (the import-boundary check in .dependency-cruiser.cjs lets them reach app/ through this folder
 * only). This module is what scene/ may call: it is free of compute/ and tfjs, so a scene component
 * that pins a point does not pull the training engine into the scene. ui/ may also use
 * `actions/training` (runs, descend) and `actions/data` (presets, generator), which reach compute/.
 */
import { createContext, useContext } from 'react';
import { tr } from '../../core/words';
import { useStore } from '../../state/store';
import { PARAMS, checkPoint } from '../../core/params';

/** At most this many points can be pinned for comparison. */
export const MAX_PINS = PARAMS.pins.max;

/** Pins w (at most MAX_PINS; a point already pinned is not added twice). Returns the pin count. */
export function pinPoint(w1: number, w2: number): number {
  const bad = checkPoint([w1, w2], tr('The pin'));
  if (bad) throw new RangeError(bad);
  const st = useStore.getState();
  if (st.pins.some(([a, b]) => a === w1 && b === w2)) return st.pins.length;
  if (st.pins.length >= MAX_PINS) throw new Error(tr('At most {{max}} points can be pinned; unpin one first.', { max: MAX_PINS }));
  st.setPins([...st.pins, [w1, w2]]);
  return st.pins.length + 1;
}

export { etaText } from '../eta';

/**
 * The app run's cancel of the landscape job in flight (the previous landscape comes back) or else
 * of the test pass (app/landscape owns both; app/App provides it from the app context).
 */
export const CancelJobContext = createContext<() => boolean>(() => false);

/** React hook: the run's cancel of its landscape job or test pass (see CancelJobContext). */
export function useCancelJob(): () => boolean {
  return useContext(CancelJobContext);
}
