/**
 * `window.pacscape`: the page's scripting surface for the browser console and automation.
 * Features register their functions here (additively) when the app starts; README documents them.
 */
import { guarded } from './apiGuards';

export type PacscapeApi = Record<string, unknown>;

declare global {
  interface Window {
    pacscape: PacscapeApi;
  }
}

/** Merges functions/values into `window.pacscape` (no-op outside a browser). */
export function registerApi(part: PacscapeApi): void {
  if (typeof window === 'undefined') return;
  // Every entrance with a guard (app/apiGuards) checks its arguments first.
  const checked: PacscapeApi = {};
  for (const [k, v] of Object.entries(part)) checked[k] = guarded(k, v);
  window.pacscape = Object.assign(window.pacscape ?? {}, checked);
}
