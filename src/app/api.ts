/**
 * `window.pacscape`: the page's scripting surface for the browser console and automation.
 * Features register their functions here (additively) when the app starts; README documents them.
 *
 * `PacscapeApi` is built from the features' own api functions (each returns the object it
 * registers), so the type the tests and scripts use is the one the page has: a key one feature
 * renames is a compile error wherever it is used.
 */
import { guarded } from './apiGuards';
import type { markerApi } from './marker';
import type { trainingApi } from './training';
import type { psiGapApi } from './psiGap';
import type { cutApi } from './cuts';
import type { experimentsApi } from './experiments';
import type { classroomApi } from './Classroom';
import type { startupApi, CalibrationApi } from './startApp';
import type { diagnosticsApi } from './diagnostics';
import type { landscapeApi } from './landscape';

/** The diagnostics hooks: present once `pacscape.diagnostics()` resolved (or with `?diag`). */
type DiagnosticsApi = ReturnType<typeof diagnosticsApi>;

export type PacscapeApi = ReturnType<typeof startupApi> &
  ReturnType<typeof markerApi> &
  ReturnType<typeof trainingApi> &
  ReturnType<typeof psiGapApi> &
  ReturnType<typeof cutApi> &
  ReturnType<typeof experimentsApi> &
  ReturnType<typeof classroomApi> &
  ReturnType<typeof landscapeApi> &
  Partial<CalibrationApi & DiagnosticsApi>;

declare global {
  interface Window {
    pacscape: PacscapeApi;
  }
}

/** Merges functions/values into `window.pacscape` (no-op outside a browser). */
export function registerApi(part: Partial<PacscapeApi>): void {
  if (typeof window === 'undefined') return;
  // Every entrance with a guard (app/apiGuards) checks its arguments first.
  const checked: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(part)) checked[k] = guarded(k, v);
  window.pacscape = Object.assign(window.pacscape ?? {}, checked) as PacscapeApi;
}
