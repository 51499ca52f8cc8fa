/**
 * The TensorFlow.js side of compute/, loaded by compute/index.ts when it is first needed (after
 * the first landscape is on screen: the first view computes it with the TS engine, without tfjs):
 *
 * - `initBackend`: tfjs backend webgl → wasm (single-threaded SIMD, files served by the app) → cpu,
 *   and the watch on the WebGL context (lost: the TS engine takes over; restored: back);
 * - the WebGL grid engine (webglEngine.ts), training (train.ts) and batched ensembles (ensemble.ts).
 */
import * as tf from './tf';
import { MathBackendWebGL } from './tf';
import { availableEngines, contextListeners, engine, setEngine } from './engineState';

export { evaluateGridWebGL, evaluateTestLossWebGL } from './webglEngine';
export * from './train';
export * from './ensemble';

/** Live tensor count (for leak checks). */
export function numTensors(): number {
  return tf.memory().numTensors;
}

async function initWasm(): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // Files bundled with the app (no requests outside its origin); single-threaded SIMD only.
  const [plain, simd, threaded] = await Promise.all([
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'),
  ]);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setWasmPaths({ 'tfjs-backend-wasm.wasm': plain.default, 'tfjs-backend-wasm-simd.wasm': simd.default, 'tfjs-backend-wasm-threaded-simd.wasm': threaded.default });
}

/** The canvas of tfjs's current WebGL backend (undefined on another backend). */
function backendCanvas(): (HTMLCanvasElement | OffscreenCanvas) | undefined {
  if (tf.getBackend() !== 'webgl') return undefined;
  const b = tf.backend() as MathBackendWebGL;
  return (b as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } }).gpgpu?.gl?.canvas as (HTMLCanvasElement | OffscreenCanvas) | undefined;
}

/**
 * Watches the tfjs WebGL canvas: on context loss the TS engine takes over (and back on restore).
 * Only the current backend's canvas counts: a canvas of a backend replaced after an earlier loss
 * may be lost and restored again with the others (a GPU reset loses every context), and acting on
 * it would replace the working backend under a job in flight.
 */
/** Empties a WebGL backend's fence-poll queue (its polls can never pass once its context is lost). */
function dropPolls(backend: MathBackendWebGL): void {
  const gpgpu = (backend as unknown as { gpgpu?: { itemsToPoll?: unknown[] } }).gpgpu;
  if (gpgpu && Array.isArray(gpgpu.itemsToPoll)) gpgpu.itemsToPoll = [];
}

function watchContext(): void {
  const canvas = backendCanvas();
  if (!canvas || typeof canvas.addEventListener !== 'function') return;
  const backend = tf.backend() as MathBackendWebGL;
  canvas.addEventListener('webglcontextlost', () => {
    if (backendCanvas() !== canvas) return;
    // A read queued on the lost context polls its fence for ever (clientWaitSync on a dead sync
    // object, hundreds of WebGL warnings a second): drop those polls; the reads' callers are told
    // of the loss (onGpuContext) and stop waiting.
    dropPolls(backend);
    engine.contextLost = true;
    for (const fn of contextListeners) fn(true);
    setEngine('ts');
  });
  canvas.addEventListener('webglcontextrestored', () => {
    if (backendCanvas() !== canvas) return;
    // tfjs keeps its textures in the lost context; re-create the backend before using WebGL again.
    void (async () => {
      try {
        // The old backend's programs, textures and buffers died with the lost context: deleting
        // them on the restored one only makes WebGL warn ("object does not belong to this
        // context"), so it is removed without its dispose. Its program cache is tfjs's global one
        // (shared with the next backend): emptied, not deleted program by program.
        dropPolls(backend); // reads queued while the context was lost poll dead fences too
        const old = backend as unknown as { disposed: boolean; binaryCache?: Record<string, unknown> };
        if (old.binaryCache) for (const k of Object.keys(old.binaryCache)) delete old.binaryCache[k];
        old.disposed = true;
        tf.removeBackend('webgl');
        tf.registerBackend('webgl', () => new MathBackendWebGL());
        await tf.setBackend('webgl');
        engine.contextLost = false;
        watchContext();
        for (const fn of contextListeners) fn(false);
        setEngine('webgl');
      } catch {
        // stay on the TS engine
      }
    })();
  });
}

/** Picks the tfjs backend: webgl → wasm → cpu. Returns the backend name in use. */
export async function initBackend(preferred: string[] = ['webgl', 'wasm', 'cpu']): Promise<string> {
  for (const name of preferred) {
    try {
      if (name === 'wasm') await initWasm();
      if (await tf.setBackend(name)) {
        await tf.ready();
        engine.backend = tf.getBackend();
        if (engine.backend === 'webgl') watchContext();
        // Until calibrateEngine times them: the GPU engine where there is one.
        engine.picked = availableEngines()[0];
        return engine.backend;
      }
    } catch {
      // try the next backend
    }
  }
  await tf.ready();
  engine.backend = tf.getBackend();
  return engine.backend;
}
