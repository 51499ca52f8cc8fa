/**
 * Cooperative slicing of main-thread work that follows a grid's arrival (contours, minima): a job
 * is a generator that yields between small steps; it runs in idle time (requestIdleCallback, a
 * timeout fallback) for at most the main-thread budget per task (core/slices), so no such work
 * makes a long task. A newer job with the same key cancels the older one.
 */
import { SliceBudget } from '../core/slices';

type Job = Generator<unknown, void, unknown>;
const current = new Map<string, { gen: Job; cancelled: boolean }>();
const doneListeners = new Set<() => void>();

function settled(): void {
  if (current.size === 0) doneListeners.forEach((l) => l());
}

/** Whether any job is pending (the scene holds its next frame until they are done, see RenderGate). */
export function idleWorkPending(): boolean {
  return current.size > 0;
}

/** Calls `l` whenever the last pending job finishes or is cancelled. */
export function onIdleWorkDone(l: () => void): () => void {
  doneListeners.add(l);
  return () => doneListeners.delete(l);
}

const ric: (cb: () => void) => void =
  typeof requestIdleCallback === 'function' ? (cb) => requestIdleCallback(cb, { timeout: 100 }) : (cb) => setTimeout(cb, 0);

/** Starts `gen` under `key` (cancelling the previous job with that key). */
export function runSliced(key: string, gen: Job): void {
  const prev = current.get(key);
  if (prev) prev.cancelled = true;
  const entry = { gen, cancelled: false };
  current.set(key, entry);
  const step = () => {
    if (entry.cancelled) return;
    // One budget per task; a generator's step is one unit (the longest so far predicts the next).
    const slice = new SliceBudget();
    for (;;) {
      const r = entry.gen.next();
      if (r.done) {
        if (current.get(key) === entry) current.delete(key);
        settled();
        return;
      }
      if (entry.cancelled) return;
      if (slice.check()) break;
    }
    ric(step);
  };
  ric(step);
}

/** Cancels the job under `key`, if any. */
export function cancelSliced(key: string): void {
  const prev = current.get(key);
  if (prev) prev.cancelled = true;
  if (current.delete(key)) settled();
}

/** Whether a job under `key` is pending. */
export function slicedPending(key: string): boolean {
  return current.has(key);
}

/** The next animation frame (or 100 ms, where a hidden page runs none). */
const nextFrame = () =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, 100);
    if (typeof requestAnimationFrame === 'function')
      requestAnimationFrame(() => {
        clearTimeout(t);
        resolve();
      });
  });

/**
 * Resolves when the scene has caught up with the state: two animation frames have passed (so the
 * scene has rendered the latest grid and started its work for it) and no sliced job (contours,
 * minima) is pending. `pacscape.idle()` waits for it after the landscape job.
 */
export async function idleWorkSettled(): Promise<void> {
  for (;;) {
    await nextFrame();
    await nextFrame();
    if (!idleWorkPending()) return;
    await new Promise<void>((resolve) => {
      const off = onIdleWorkDone(() => {
        off();
        resolve();
      });
    });
  }
}
