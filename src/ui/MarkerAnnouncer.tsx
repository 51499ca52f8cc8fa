/**
 * The marker's readout as text for screen readers: a visually hidden polite live region that
 * announces where the marker settled and the values there (computed by core/ at the exact point,
 * through the scene's shared cache). Debounced, so a drag announces its end, not every frame.
 */
import { useEffect, useState } from 'react';
import { useStore } from '../state/store';
import { markerReportOf } from '../scene/markerReport';
import { fmt } from './format';

/** Quiet time before the marker's new position is announced, ms. */
export const ANNOUNCE_DELAY_MS = 500;

/** One sentence describing the marker's point (also used for the tooltip-free text readout). */
export function markerSentence(): string {
  const s = useStore.getState();
  const r = markerReportOf(s);
  if (!r) return 'The marker readout is not available until the data set is loaded.';
  const flat = r.eigen.values[1] < 0.2 ? 'flat' : 'curved';
  return `Marker at w1 = ${fmt(r.w[0])}, w2 = ${fmt(r.w[1])}: loss ${fmt(r.loss)}, Ψ ${fmt(r.psi)}, bound ${fmt(r.bound)}, largest curvature ${fmt(r.eigen.values[1])} (${flat}), σ* = (${fmt(r.sigmaStar[0], 3)}, ${fmt(r.sigmaStar[1], 3)}).`;
}

export function MarkerAnnouncer() {
  const key = useStore((s) => `${s.marker[0]},${s.marker[1]},${s.dataVersion},${s.depth},${s.gamma},${s.eps},${s.delta}`);
  const [text, setText] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setText(markerSentence()), ANNOUNCE_DELAY_MS);
    return () => clearTimeout(t);
  }, [key]);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="marker-announcer">
      {text}
    </div>
  );
}
