/**
 * Whether the scene should be in its light mode right now (non-reactive): while the user drags or
 * orbits, and while a grid computes. In light mode the scene shows the decimated surface; a user's
 * interaction also lowers the pixel ratio (a compute does not: resizing the canvas reallocates its
 * drawing buffer, a GPU round trip that waits behind the engine's queued work). At rest it switches
 * back to the full mesh.
 */
export type InteractionSource = 'pointer' | 'orbit' | 'compute';
/** `cause`: the source whose change flipped the mode. */
type Listener = (active: boolean, cause: InteractionSource) => void;

/** Delay after the last user interaction before the full-quality scene comes back (ms). */
export const SETTLE_MS = 180;

/** The scene's interaction state (one per mounted landscape view: scene/sceneState). */
export type Interaction = ReturnType<typeof createInteraction>;

export function createInteraction() {
  const listeners = new Set<Listener>();
  const userListeners = new Set<(user: boolean) => void>();
  let userWas = false;
  const sources = new Set<InteractionSource>();
  let active = false;
  let endTimer: ReturnType<typeof setTimeout> | undefined;

  function isInteracting(): boolean {
    return active;
  }

  /** Whether the user (pointer or orbit, not a compute) is interacting right now. */
  function isUserInteracting(): boolean {
    return active && (sources.has('pointer') || sources.has('orbit') || endTimer !== undefined);
  }

  /**
   * Marks the start (true) or end (false) of an interaction by `source`. The end of a user's
   * interaction is debounced; the end of a compute is immediate, so that the last grid's frame is
   * already the full-quality one (one frame instead of two).
   */
  function setInteracting(on: boolean, source: InteractionSource = 'pointer'): void {
    if (on) sources.add(source);
    else if (!sources.delete(source)) return;
    if (endTimer) clearTimeout(endTimer);
    endTimer = undefined;
    if (sources.size > 0) {
      if (!active) {
        active = true;
        listeners.forEach((l) => l(true, source));
      }
      // A user's start or end (the latter while a compute runs: no light → rest flip, but the pixel
      // ratio comes back).
      if (source !== 'compute') notifyUser();
      return;
    }
    const end = () => {
      endTimer = undefined;
      if (!active || sources.size > 0) return;
      active = false;
      listeners.forEach((l) => l(false, source));
    };
    if (source === 'compute') end();
    else endTimer = setTimeout(() => {
      end();
      notifyUser();
    }, SETTLE_MS);
  }

  function notifyUser(): void {
    const u = isUserInteracting();
    if (u === userWas) return;
    userWas = u;
    userListeners.forEach((l) => l(u));
  }

  /** Calls `l` when the user starts or (after the settle delay) stops interacting: the pixel ratio. */
  function onUserInteraction(l: (user: boolean) => void): () => void {
    userListeners.add(l);
    return () => userListeners.delete(l);
  }

  function onInteraction(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  }

  return {
    isInteracting,
    isUserInteracting,
    setInteracting,
    onUserInteraction,
    onInteraction,
    /** Drops the pending settle and every listener. */
    dispose: () => {
      if (endTimer) clearTimeout(endTimer);
      endTimer = undefined;
      listeners.clear();
      userListeners.clear();
      sources.clear();
      active = userWas = false;
    },
  };
}
