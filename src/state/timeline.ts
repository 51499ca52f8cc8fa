/**
 * An opt-in log of what the page did and when (performance.now() ms): compute start/end, grids
 * published, scene frames drawn. Off by default (one boolean test per event); the bench turns it
 * on to say which phase a long main-thread task fell in (`pacscape.timeline(true)`).
 */
export const timeline = {
  on: false,
  events: [] as [number, string][],
};

/** Records `what` at the current time when the timeline is on (at most 2000 events kept). */
export function mark(what: string): void {
  if (!timeline.on) return;
  if (timeline.events.length >= 2000) timeline.events.shift();
  timeline.events.push([performance.now(), what]);
}
