/**
 * Cooperative slicing of main-thread work that follows a grid's arrival (contours, minima): a job
 * is a generator that yields between small steps; it runs in idle time (requestIdleCallback, a
 * timeout fallback) for at most the main-thread budget per task (core/slices), so no such work
 * makes a long task. A newer job with the same key cancels the older one. One queue per app run
 * (app/createApp makes it and hands it to app/marker; the scene reads it through IdleWorkContext).
 */
import { createContext, useContext } from 'react';
import { SliceBudget } from '../core/slices';

type Job = Generator<unknown, void, unknown>;

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

const ric: (cb: () => void) => void =
  typeof requestIdleCallback === 'function' ? (cb) => requestIdleCallback(cb, { timeout: 100 }) : (cb) => setTimeout(cb, 0);

/** An app run's queue of sliced idle-time jobs. */
export type IdleWork = ReturnType<typeof createIdleWork>;

export function createIdleWork() {
  const current = new Map<string, { gen: Job; cancelled: boolean }>();
  const doneListeners = new Set<() => void>();

  const settled = () => {
    if (current.size === 0) doneListeners.forEach((l) => l());
  };

  return {
    /** Whether any job is pending (the scene holds its next frame until they are done, see RenderGate). */
    pending: (): boolean => current.size > 0,

    /** Calls `l` whenever the last pending job finishes or is cancelled. */
    onDone(l: () => void): () => void {
      doneListeners.add(l);
      return () => doneListeners.delete(l);
    },

    /** Starts `gen` under `key` (cancelling the previous job with that key). */
    runSliced(key: string, gen: Job): void {
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
    },

    /** Cancels the job under `key`, if any. */
    cancelSliced(key: string): void {
      const prev = current.get(key);
      if (prev) prev.cancelled = true;
      if (current.delete(key)) settled();
    },

    /** Whether a job under `key` is pending. */
    slicedPending: (key: string): boolean => current.has(key),

    /**
     * Resolves when the scene has caught up with the state: two animation frames have passed (so the
     * scene has rendered the latest grid and started its work for it) and no sliced job (contours,
     * minima) is pending. `pacscape.idle()` waits for it after the landscape job.
     */
    async settledAfterFrames(): Promise<void> {
      for (;;) {
        await nextFrame();
        await nextFrame();
        if (current.size === 0) return;
        await new Promise<void>((resolve) => {
          const off = () => doneListeners.delete(done);
          const done = () => {
            off();
            resolve();
          };
          doneListeners.add(done);
        });
      }
    },

    /** Cancels every job and drops the listeners. */
    dispose(): void {
      for (const e of current.values()) e.cancelled = true;
      current.clear();
      doneListeners.clear();
    },
  };
}

export const IdleWorkContext = createContext<IdleWork | null>(null);

/** The idle-work queue of the app run this component belongs to (app/App provides it). */
export function useIdleWork(): IdleWork {
  const w = useContext(IdleWorkContext);
  if (!w) throw new Error('useIdleWork: no idle-work queue (render inside app/App)');
  return w;
}
