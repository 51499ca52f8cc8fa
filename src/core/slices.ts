/**
 * The main-thread budget, defined once: every job that runs in pieces on the page's thread
 * (training steps and their test loss, experiments, the cut chart's test loss, contours and
 * minima after a grid, …) measures its slices with a `SliceBudget` and yields to the page when
 * the next piece would take the slice past SLICE_MS. A browser counts a task of 50 ms or more as
 * long; 8 ms leaves room for the frame's own work (React, the scene) in a 16.7 ms frame.
 *
 * The rule (checked by slices.test.ts with a fake clock): a job calls `check()` after each unit
 * of work; the budget predicts the next unit as the longest seen so far (or `unitMs`, when the
 * caller knows its units' cost) and answers "yield now" when the slice so far plus that
 * prediction would exceed the budget. So a slice is within the budget whenever no unit is longer
 * than the prediction, and a unit longer than the budget runs alone in its slice.
 *
 * Pure: the clock and the way to yield are parameters (`SliceClock`); `pageClock` is the page's
 * (performance.now, and a new task by a message to ourselves: no setTimeout 4 ms clamp).
 */

/** Longest run of main-thread work between yields to the page (ms). */
export const SLICE_MS = 8;

/** Where a budget reads the time and how a job gives the page a turn. */
export interface SliceClock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Resolves in a new task (the page may handle input and draw before it). */
  yieldTask(): Promise<void>;
}

/** A new task without setTimeout's clamp: a message to ourselves (setTimeout where there is none). */
export function nextTask(): Promise<void> {
  return new Promise<void>((resolve) => {
    if (typeof MessageChannel !== 'function') return void setTimeout(resolve, 0);
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/** The page's clock: performance.now (Date.now without it) and `nextTask`. */
export const pageClock: SliceClock = {
  now: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
  yieldTask: nextTask,
};

export interface SliceOptions {
  /** The slice's length (ms); default SLICE_MS. */
  budgetMs?: number;
  /** The longest unit the caller expects (ms): the prediction before (and under) the units seen. */
  unitMs?: number;
  clock?: SliceClock;
}

/** One job's slices: `check()` after each unit, `restart()` when the job had the page yield. */
export class SliceBudget {
  readonly budgetMs: number;
  private readonly clock: SliceClock;
  private start: number;
  private last: number;
  private longest: number;
  constructor(opts: SliceOptions = {}) {
    this.budgetMs = opts.budgetMs ?? SLICE_MS;
    this.clock = opts.clock ?? pageClock;
    this.longest = opts.unitMs ?? 0;
    this.start = this.last = this.clock.now();
  }
  /** Milliseconds since this slice started. */
  elapsed(): number {
    return this.clock.now() - this.start;
  }
  /**
   * Ends a unit of work. True when the job should yield before the next unit: the slice so far
   * plus the longest unit seen would pass the budget.
   */
  check(): boolean {
    const t = this.clock.now();
    this.longest = Math.max(this.longest, t - this.last);
    this.last = t;
    return t - this.start + this.longest > this.budgetMs;
  }
  /** A new slice starts now (after the job yielded). */
  restart(): void {
    this.start = this.last = this.clock.now();
  }
  /** `check()`, and when it says so, yields to the page and starts a new slice. */
  async next(): Promise<void> {
    if (!this.check()) return;
    await this.clock.yieldTask();
    this.restart();
  }
}

/**
 * An async checkpoint for a job: `await slice()` after each unit of work yields to the page when
 * the slice is spent (SliceBudget.next).
 */
export function slicer(opts: SliceOptions = {}): () => Promise<void> {
  const b = new SliceBudget(opts);
  return () => b.next();
}
