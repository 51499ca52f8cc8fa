/**
 * app/actions/ is the one door through which scene/ and ui/ change anything beyond a store setter
 * (the import-boundary check in .dependency-cruiser.cjs lets them reach app/ through this folder
 * only). This module is what scene/ may call: it is free of compute/ and tfjs, so a scene component
 * that pins a point does not pull the training engine into the scene. ui/ may also use
 * `actions/training` (runs, descend) and `actions/data` (presets, generator), which reach compute/.
 */
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

let cancelJobs: () => boolean = () => false;

/** app/landscape installs the cancel of the landscape job and the test pass (it owns them). */
export function setJobCanceller(f: () => boolean): void {
  cancelJobs = f;
}

/** Cancels the landscape job in flight (the previous landscape comes back) or else the test pass. */
export function cancelJob(): boolean {
  return cancelJobs();
}
