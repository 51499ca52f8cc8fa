/**
 * The grid engine in use and the state of tfjs's WebGL context, shared by compute/index.ts (the
 * tfjs-free front the first view loads) and compute/gpu.ts (the TensorFlow.js side, loaded later).
 */
export type EngineName = 'webgl' | 'ts';

export const engine = {
  /** The grid engine in use. */
  picked: 'ts' as EngineName,
  /** tfjs's backend once compute/gpu.ts started one ('none' before). */
  backend: 'none',
  /** True while tfjs's WebGL context is lost (work queued on it may never finish). */
  contextLost: false,
};

export const engineListeners = new Set<(e: EngineName) => void>();
export const contextListeners = new Set<(lost: boolean) => void>();

/** Engines usable on the current backend. */
export function availableEngines(): EngineName[] {
  return engine.backend === 'webgl' && !engine.contextLost ? ['webgl', 'ts'] : ['ts'];
}

export function setEngine(e: EngineName): void {
  if (e === engine.picked) return;
  engine.picked = e;
  for (const fn of engineListeners) fn(e);
}
