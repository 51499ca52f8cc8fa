/**
 * The marker's point report from core/ at the exact marker position (not interpolated from the
 * grid), cached on (marker, data, model parameters) so the scene, the readout and the scripting
 * API share one computation per marker move.
 */
import { pointReport, type PointReport } from '../core/metrics';
import { useStore, type AppState } from '../state/store';

let last: { key: string; report: PointReport } | null = null;

function keyOf(s: AppState): string {
  return `${s.marker[0]},${s.marker[1]},${s.dataVersion},${s.depth},${s.gamma},${s.eps},${s.delta}`;
}

/** The report at the store's marker, or null before data is loaded. */
export function markerReportOf(s: AppState): PointReport | null {
  if (!s.dataset) return null;
  const key = keyOf(s);
  if (last && last.key === key) return last.report;
  const report = pointReport(s.dataset, s.marker[0], s.marker[1], { depth: s.depth, gamma: s.gamma, eps: s.eps, delta: s.delta });
  last = { key, report };
  return report;
}

/** React hook: the marker's report, recomputed when the marker, data or parameters change. */
export function useMarkerReport(): PointReport | null {
  useStore((s) => keyOf(s));
  return markerReportOf(useStore.getState());
}
