/**
 * Requests sent by the page's first script (src/boot.ts), before the app has loaded: each is
 * handed, once, to the app code that would have sent it (app/dataActions' preset fetch).
 */
const sent = new Map<string, Promise<Response>>();

/** Sends a GET for `url` now (once); `takeRequest` hands its response over. */
export function sendEarly(url: string): void {
  if (sent.has(url) || typeof fetch !== 'function') return;
  const r = fetch(url);
  r.catch(() => undefined);
  sent.set(url, r);
}

/** The response of the early request for `url`, if one was sent and not yet taken. */
export function takeRequest(url: string): Promise<Response> | undefined {
  const r = sent.get(url);
  sent.delete(url);
  return r;
}
