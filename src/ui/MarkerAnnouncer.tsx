/**
 * The marker's readout as text for screen readers: a visually hidden polite live region that
 * announces where the marker settled and the values there (computed by core/ at the exact point,
 * through the scene's shared cache). Debounced, so a drag announces its end, not every frame.
 */
import { useEffect, useState } from 'react';
import { useStore } from '../state/store';
import { markerReportOf } from '../state/markerReport';
import { fmtQ, fmtW, pairQ } from '../core/format';
import { t } from '../i18n';

/** Quiet time before the marker's new position is announced, ms. */
export const ANNOUNCE_DELAY_MS = 500;

/** One sentence describing the marker's point (also used for the tooltip-free text readout). */
export function markerSentence(): string {
  const s = useStore.getState();
  const r = markerReportOf(s);
  if (!r) return t('The marker readout is not available until the data set is loaded.');
  const flat = r.eigen.values[1] < 0.2 ? t('flat') : t('curved');
  return t('Marker at w1 = {{w1}}, w2 = {{w2}}: loss {{loss}}, Ψ {{psi}}, bound {{bound}}, largest curvature {{lmax}} ({{shape}}), σ* = {{sigma}}.', { w1: fmtW(r.w[0]), w2: fmtW(r.w[1]), loss: fmtQ('value', r.loss), psi: fmtQ('value', r.psi), bound: fmtQ('value', r.bound), lmax: fmtQ('value', r.eigen.values[1]), shape: flat, sigma: pairQ('width', r.sigmaStar) });
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
