/**
 * The marker's point report from core/ at the exact marker position (not interpolated from the
 * grid), cached on (position, data, model parameters) so the scene, the readouts and the scripting
 * API share one computation per marker move.
 */
import { pointReport, type PointReport } from '../core/metrics';
import { useStore, type AppState } from './store';
import { useLiveMarker } from './liveMarker';

let last: { key: string; report: PointReport } | null = null;

/** The report at w for the store's data and parameters, or null before data is loaded. */
export function reportAt(s: AppState, w: readonly [number, number]): PointReport | null {
  if (!s.dataset) return null;
  const key = `${w[0]},${w[1]},${s.dataVersion},${s.depth},${s.gamma},${s.eps},${s.delta}`;
  if (last && last.key === key) return last.report;
  const report = pointReport(s.dataset, w[0], w[1], { depth: s.depth, gamma: s.gamma, eps: s.eps, delta: s.delta });
  last = { key, report };
  return report;
}

/** The report at the store's marker. */
export function markerReportOf(s: AppState): PointReport | null {
  return reportAt(s, s.marker);
}

/** React hook: the report at the live marker (follows a drag move by move). */
export function useMarkerReport(): PointReport | null {
  const w = useLiveMarker();
  useStore((s) => `${s.dataVersion},${s.depth},${s.gamma},${s.eps},${s.delta}`);
  return reportAt(useStore.getState(), w);
}
