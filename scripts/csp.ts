/**
 * The Content-Security-Policy of the built page (a <meta http-equiv> tag, so it holds on any
 * static file server). Everything the app loads is its own: scripts, workers (the grid workers
 * and a service worker), styles, the data files and tfjs's WebAssembly ('wasm-unsafe-eval' lets
 * it compile wasm, nothing else: no eval of strings anywhere). Images and the PNG export use
 * data: and blob: URLs. The dev server (hot reload injects inline scripts) is left without it.
 */
import type { Plugin } from 'vite';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' data: blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** Adds the policy as the first tag of <head> in `vite build`. */
export function cspPlugin(): Plugin {
  return {
    name: 'pacscape-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
    },
  };
}
