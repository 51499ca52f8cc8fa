/**
 * Named spans on the page's performance timeline (`performance.measure`), so a long main-thread
 * task can be attributed to the step of the work it fell in (scripts/experimentsReport.ts reads
 * them). Names start with a prefix per caller ('xp:' for experiments); the caller clears its
 * prefix when a new piece of work starts (`clearSpans`), so the timeline stays small. No-op where
 * the timeline is missing.
 */
export function span(name: string, start: number, detail?: Record<string, unknown>): void {
  if (typeof performance === 'undefined' || typeof performance.measure !== 'function') return;
  try {
    performance.measure(name, { start, end: performance.now(), detail });
  } catch {
    // An old timeline without the options form: nothing to attribute with.
  }
}

/** Clears the spans whose names start with `prefix` (at the start of a new piece of work). */
export function clearSpans(prefix: string): void {
  if (typeof performance === 'undefined' || typeof performance.getEntriesByType !== 'function') return;
  const names = new Set(performance.getEntriesByType('measure').map((e) => e.name).filter((n) => n.startsWith(prefix)));
  for (const n of names) performance.clearMeasures(n);
}
