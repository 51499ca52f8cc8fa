/**
 * Turn-taking on the GPU between the long compute jobs (experiment ensembles and their endpoint
 * passes, run through tfjs) and the 3-D view's frame copy (scene/presenter).
 *
 * Why: with software WebGL the GPU process runs every draw on its main thread while it executes
 * the context's commands, and Chromium's `getBufferSubData` waits there for the scene's context
 * (a trace shows `WaitForCmd` → `CommandBufferHelper::Finish` in every frame copy, even after the
 * copy's fence has passed). A frame copy issued while an endpoint draw (≈ 100–300 ms under load)
 * is queued therefore blocks the page until that draw is done: the 67–270 ms `poll` tasks of
 * docs/EXPERIMENTS.md. So the jobs count the draws they have in flight (`begin` at the draw,
 * `end` once its result or fence is back), the presenter copies a finished frame only when none
 * is in flight, and a job whose next draw would keep a waiting frame from the screen first lets
 * its draws finish and yields (`turn`), so the copy runs against an idle GPU process.
 *
 * One GPU and one tfjs context per page: the state is the page's.
 */
/**
 * The hooks compute/ensemble's jobs take (its `GpuTurns`, matched by shape: state/ does not import
 * compute/).
 */
interface ComputeTurns {
  begin(): void;
  end(): void;
  waiting(): boolean;
  turn(): Promise<void>;
}

/**
 * Longest a finished frame waits for its turn before it is copied anyway (ms): a guard only. A
 * job gives a turn between its draws (each ≤ a few hundred ms), but a new program's compile and
 * link (≈ 0.3–2 s on software WebGL, once per program) cannot be interrupted, and a copy during
 * it would wait for it on the page's thread: the view's last frame stays a little longer instead.
 */
const MAX_FRAME_WAIT_MS = 5000;
/** Longest a job waits in `turn` for the frame copy (ms), in yields of TURN_POLL_MS. */
const MAX_TURN_MS = 40;
const TURN_POLL_MS = 2;

export const gpuTurns = {
  /** Compute draws in flight (their completion not yet seen). */
  inFlight: 0,
  /** When a finished frame started waiting for its turn (performance.now()), or 0. */
  frameWaitingSince: 0,
  /** Frame copies done; of them while compute draws were in flight (the wait ran out); turns a job gave. */
  frameReads: 0,
  frameReadsWhileBusy: 0,
  turnsGiven: 0,
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * `?gpuTurns=off` in the page's address turns the turn-taking off (a device diagnostic, as
 * `?present=`; not part of a shared view): scripts/experimentsReport.ts measures both.
 */
const off = typeof location !== 'undefined' && new URLSearchParams(location.search).get('gpuTurns') === 'off';

/** The hooks compute/ensemble's jobs take (`EnsembleOptions.turns`). */
export const computeTurns: ComputeTurns = {
  begin() {
    gpuTurns.inFlight++;
  },
  end() {
    gpuTurns.inFlight = Math.max(0, gpuTurns.inFlight - 1);
  },
  waiting() {
    return !off && gpuTurns.frameWaitingSince > 0;
  },
  async turn() {
    if (!gpuTurns.frameWaitingSince) return;
    gpuTurns.turnsGiven++;
    for (let t = 0; t < MAX_TURN_MS && gpuTurns.frameWaitingSince; t += TURN_POLL_MS) await sleep(TURN_POLL_MS);
    // A presenter that did not take its turn (gone, or its page hidden) asks again when it polls.
    gpuTurns.frameWaitingSince = 0;
  },
};

/**
 * Asked by the presenter when a frame's fence has passed: whether to copy it now. No while
 * compute draws are in flight (the frame then waits, and the job gives it a turn before its next
 * draw), unless it has waited MAX_FRAME_WAIT_MS.
 */
export function frameMayRead(now = performance.now()): boolean {
  if (off || gpuTurns.inFlight === 0) return true;
  if (!gpuTurns.frameWaitingSince) gpuTurns.frameWaitingSince = now;
  return now - gpuTurns.frameWaitingSince >= MAX_FRAME_WAIT_MS;
}

/** Told by the presenter right before it copies a frame. */
export function frameRead(): void {
  gpuTurns.frameReads++;
  if (gpuTurns.inFlight > 0) gpuTurns.frameReadsWhileBusy++;
  gpuTurns.frameWaitingSince = 0;
}

/** The counters (`pacscape.gpuTurns()`, for tests and the report). */
export function gpuTurnsState() {
  return { ...gpuTurns };
}
