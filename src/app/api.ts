/**
 * `window.pacscape`: the page's scripting surface for the browser console and automation.
 * Features register their functions here (additively) when the app starts; README documents them.
 */
export type PacscapeApi = Record<string, unknown>;

declare global {
  interface Window {
    pacscape: PacscapeApi;
  }
}

/** Merges functions/values into `window.pacscape` (no-op outside a browser). */
export function registerApi(part: PacscapeApi): void {
  if (typeof window === 'undefined') return;
  window.pacscape = Object.assign(window.pacscape ?? {}, part);
}
