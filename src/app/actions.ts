/**
 * Named actions of the app that scene/ and ui/ may call (the import-boundary check lets scene/
 * reach app/ through this module only). Everything here is free of compute/ and tfjs, so a scene
 * component that pins a point does not pull the training engine into the scene.
 */
import { useStore } from '../state/store';

/** At most this many points can be pinned for comparison. */
export const MAX_PINS = 4;

/** Pins w (at most MAX_PINS; a point already pinned is not added twice). Returns the pin count. */
export function pinPoint(w1: number, w2: number): number {
  if (!Number.isFinite(w1) || !Number.isFinite(w2)) throw new Error('pin(w1, w2) needs two finite numbers.');
  const st = useStore.getState();
  if (st.pins.some(([a, b]) => a === w1 && b === w2)) return st.pins.length;
  if (st.pins.length >= MAX_PINS) throw new Error(`At most ${MAX_PINS} points can be pinned; unpin one first.`);
  st.setPins([...st.pins, [w1, w2]]);
  return st.pins.length + 1;
}
