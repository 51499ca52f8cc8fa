/**
 * A lost WebGL context, told to the user: compute/ switches the grid engine to the TS
 * workers when the tfjs WebGL context is lost and back when it is restored, and startApp
 * recomputes the landscape on every engine change; this says what happened. Engine changes that
 * are not about the context (start-up calibration) say nothing.
 */
import { tr } from '../core/words';
import { availableEngines, onEngineChange } from '../compute';
import { useStore } from '../state/store';

/** Tells the user when the GPU context is lost or back (one app run); returns its removal. */
export function installContextRecovery(): () => void {
  // What the engines were once TensorFlow.js has started its backend (after the first landscape,
  // which the TS engine computes): the WebGL engine joining then is not a restored context.
  let available: string | null = null;
  const unsub = useStore.subscribe(
    (s) => s.backend,
    (b) => {
      if (b !== 'none' && available === null) {
        available = availableEngines().join();
        unsub();
      }
    },
  );
  const offEngine = onEngineChange((engine) => {
    if (available === null) return;
    const now = availableEngines().join();
    if (now === available) return; // calibration picked another engine: nothing was lost
    available = now;
    const st = useStore.getState();
    if (st.gridVersion === 0 && !st.computing) return; // nothing on screen yet; the first job will run
    const lost = !now.includes('webgl');
    st.notify({
      kind: 'info',
      text: lost ? tr('The GPU context was lost; the landscape is being recomputed on the CPU engine.') : tr(engine === 'webgl' ? 'The GPU is back; the landscape is being recomputed on the GPU.' : 'The GPU is back; the landscape is being recomputed on the CPU engine.'),
    });
  });
  return () => {
    unsub();
    offEngine();
  };
}
