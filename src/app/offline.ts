/**
 * Registers the service worker the build writes (scripts/viteOffline.ts): after the first visit
 * the app and its data open and compute without a network. Production builds only (the dev
 * server's modules are not precached). Browsers offer service workers only to secure origins (https,
 * localhost); a refused registration (private mode, file://) is harmless.
 *
 * Not under automation (navigator.webdriver, e.g. the browser tests): a controlling service worker
 * answers the page's requests itself, so a test that stubs responses (page.route) would no longer
 * see them. The offline browser test clears the flag to exercise the worker for real.
 */
export function registerOffline(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  if (navigator.webdriver) return;
  const register = () => void navigator.serviceWorker.register('./sw.js').catch(() => undefined);
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
