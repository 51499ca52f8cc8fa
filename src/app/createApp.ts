/**
 * The app context: one app run's subsystems, made in one place and disposed in reverse order.
 *
 * `createApp()` makes the panels' models (ui/uiModels), installs the classroom features (URL sync,
 * shortcuts, context recovery, the story's runs), starts the run (start-up data, the landscape
 * scheduler, the engines' start-up), and registers the features' parts of `window.pacscape`.
 * `dispose()` undoes each of those, last made first; the React tree gets the run's state from
 * the context App provides (`UiModelsContext`), so nothing of a run lives in module scope.
 * Page-wide facilities stay page-wide: TensorFlow.js (one backend and WebGL context per page), the
 * grid workers, the interface language, and the zustand stores (parameters and their setters).
 */
import { createUiModels, type UiModels } from '../ui/uiModels';
import { createLiveMarker, type LiveMarker } from '../state/liveMarker';
import { createIdleWork, type IdleWork } from '../scene/idleWork';
import { createShortcuts, type Shortcuts } from './shortcuts';
import { installClassroom, loadDataRef } from './Classroom';
import { installUrlSync } from '../state/urlSync';
import { createFirstView, startApp, type DiagnosticsHost } from './startApp';
import { installMarkerApi } from './marker';
import { installTrainingApi } from './training';
import { installCutApi } from './cuts';
import { installPsiGapApi } from './psiGap';
import { cancelLandscape } from './landscape';

export interface AppContext {
  /** Cancels the landscape job in flight or else the test pass (components: `useCancelJob()`). */
  cancelJob: () => boolean;
  /** The shortcut registry (the help overlay reads it through `ShortcutsContext`). */
  shortcuts: Shortcuts;
  /** The idle-time job queue (minima, contours; provided to the scene by app/App through `IdleWorkContext`). */
  idle: IdleWork;
  /** The marker while dragged (provided to components by app/App through `LiveMarkerContext`). */
  live: LiveMarker;
  /** The panels' models (provided to components by app/App through `UiModelsContext`). */
  ui: UiModels;
  /** Resolves once the run's first view is complete (lazily loaded views wait for it). */
  firstViewDone: () => Promise<void>;
  /** Ends the run: everything above is removed, last made first. Idempotent. */
  dispose: () => void;
}

export type AppOptions = DiagnosticsHost;

/** Makes and starts one app run (main.tsx mounts it with the React tree). */
export function createApp(opts: AppOptions = {}): AppContext {
  const disposers: (() => void)[] = [];
  const own = <T extends { dispose: () => void }>(x: T): T => {
    disposers.push(() => x.dispose());
    return x;
  };
  const shortcuts = own(createShortcuts());
  const idle = own(createIdleWork());
  const live = own(createLiveMarker());
  const ui = own(createUiModels(live));
  const firstView = own(createFirstView());
  // First: the URL sync applies a link's view, before start-up picks the data and the first job.
  const sync = installUrlSync(loadDataRef);
  disposers.push(sync.stop);
  disposers.push(installClassroom(sync, shortcuts, firstView.done));
  own(startApp(sync.startupData, idle, opts));
  disposers.push(installMarkerApi(idle, shortcuts));
  disposers.push(installTrainingApi(shortcuts));
  installCutApi(ui.cuts);
  installPsiGapApi(ui.psiGap);
  let disposed = false;
  return {
    cancelJob: cancelLandscape,
    shortcuts,
    idle,
    live,
    ui,
    firstViewDone: firstView.done,
    dispose: () => {
      if (disposed) return;
      disposed = true;
      for (const d of disposers.reverse()) d();
    },
  };
}
