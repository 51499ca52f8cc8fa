/**
 * Module-level mutable state that scripts/moduleState.test.ts lets through, each with its reason.
 * Keys are `file:name` as scripts/moduleState.ts reports them. A new `let`, `var` or mutated
 * module object fails the test: put the state in `createApp()`'s context instead (see
 * docs/ARCHITECTURE.md, "The app context"), or add it here with a reason that holds.
 *
 * JUSTIFIED: state whose lifetime really is the page's, not an app run's.
 * PENDING: app-run state not yet moved into the context (the count is the work left).
 */

/** State that belongs to the page (or to a pure function's call), with why. */
export const JUSTIFIED: Record<string, string> = {
  // Memo caches of pure functions, keyed by their input (by object identity where a WeakMap): a
  // hit is the value the function would compute, whatever app run asks.
  'src/core/fields.ts:cache': "memo of a field's values per grid object (WeakMap)",
  'src/core/reconstruct.ts:testCache': 'memo of the seeded test sample per data set object (WeakMap)',
  'src/core/words.ts:composed': 'bounded memo of composed sentences (a function of the text)',
  'src/i18n/index.ts:perLang': 'one stable translate function per language (keeps React memo identities)',
  'src/app/dataActions.ts:fetched': "memo of the shipped preset files' fetch and parse (static files; failures are dropped)",
  'src/ui/Story.tsx:cache': "memo of the story's facts, keyed by their inputs (identity-compared)",
  'src/state/markerReport.ts:last': 'one-entry memo of the point report, keyed by the point, the data version and the model parameters',
  'src/state/fieldData.ts:cache': "one-entry memo of a field's colour range, keyed by grid version and field",
  'src/scene/LabelProjector.tsx:fullSize': "measured size per label element (WeakMap: gone with the element)",
  // Scratch memory reused inside one synchronous call; nothing survives the call.
  'src/core/jets.ts:H1': "lossJet's scratch jet",
  'src/core/jets.ts:H2': "lossJet's scratch jet",
  'src/core/jets.ts:ACC': "lossJet's scratch jet",
  'src/scene/surfaceGeometry.ts:scratch': "the surface builder's scratch heights",
  'src/core/storyText.ts:tr': 'the words of one synchronous storySteps call (set and restored in a finally)',
  // A Web Worker's module scope is the worker's lifetime (the pool owns the worker).
  'src/compute/gridWorker.ts:samples': "the worker's samples of the jobs in flight",
  // TensorFlow.js is a page-wide singleton (one backend, one kernel registry, one WebGL context):
  // what mirrors it lives as long as the page.
  'src/compute/index.ts:gpu': 'the loaded TensorFlow.js module (a dynamic import, loaded once per page)',
  'src/compute/index.ts:gpuLoad': 'the dynamic import of TensorFlow.js in flight (loaded once per page)',
  'src/compute/engineState.ts:engine': "tfjs's backend and its WebGL context, page-wide",
  'src/compute/engineState.ts:engineListeners': 'listeners of the page-wide engine pick (each subscriber removes itself)',
  'src/compute/engineState.ts:contextListeners': "listeners of tfjs's page-wide WebGL context (each subscriber removes itself)",
  'src/compute/index.ts:calibrationErrors': "the last engine calibration's errors (of the page-wide engines)",
  'src/compute/naive.ts:registered': "the naive baseline's tfjs kernels, registered once in tfjs's page-wide registry",
  'src/compute/cpuEngine.ts:shared': 'the grid workers, made on first use: a page-wide pool like the tfjs backend (a new app run reuses them)',
  'src/compute/cpuEngine.ts:sampleKey': 'a counter giving each sample sent to the workers a unique id (only uniqueness matters)',
  'src/state/gpuTurns.ts:gpuTurns': "turn-taking between tfjs's page-wide context and the 3-D view's frame copy on the page's one GPU process",
  'src/compute/webglTiling.ts:chunkBudget': "the WebGL engine's work per draw call, a tuning of the page-wide GPU (bench diagnostics set it)",
  // The interface language is the page's (document.lang; main.tsx loads it before the first run
  // and a remount keeps it): t() in every layer reads the active catalogue.
  'src/i18n/index.ts:table': "the active language's catalogue",
  'src/i18n/index.ts:patterns': "the active catalogue's templates compiled to patterns (a memo of table)",
  'src/i18n/index.ts:wanted': 'the language last asked for (a later request wins over one still loading)',
  // The zustand stores are page-wide (the parameters and their setters); these are their
  // non-reactive halves, written where the store is.
  'src/state/buffers.ts:gridBuffers': "the store's grid arrays (outside React; the store holds their version)",
  'src/state/timeline.ts:timeline': 'the opt-in diagnostics event log that compute, the scheduler and the scene write to',
  // The start-up preview the page's script computes before the first app run (taken once).
  'src/app/startApp.ts:earlyPreview': "the start-up preview prefetched as the page's script runs, before the first app run, taken once",
  // What the page's first script (src/boot.ts) starts before the app has loaded: once per page load.
  'src/app/bootData.ts:sent': "the start-up data set's request sent by the page's first script, handed over once",
  'src/compute/startWorkers.ts:started': 'grid workers the page\'s first script started, taken by the (page-wide) worker pool',
  // The page's address: read once, it does not change without a reload.
  'src/app/embed.ts:current': "this page's embed options, parsed once from location.search",
  // The page's root: it makes, replaces and ends the app run (main.tsx), so it outlives each run.
  'src/main.tsx:page': "the page's one app run (its unmount), replaced by remount",
  // A browser state the page cannot read back: whether this page asked for full screen.
  'src/ui/Presentation.tsx:enteredFullscreen': 'whether the page itself entered full screen (so leaving presentation exits only that)',
};

/** App-run state not yet moved into `createApp()`'s context. */
export const PENDING: Record<string, string> = {
  'src/app/dataImport.ts:inFlight': 'the import in flight',
  'src/app/experiments.ts:controller': 'the experiment in flight',
  'src/app/landscape.ts:controller': 'the scheduler',
  'src/app/landscape.ts:running': 'the scheduler',
  'src/app/landscape.ts:firstGridMarked': 'the scheduler',
  'src/app/landscape.ts:seeded': 'the scheduler',
  'src/app/landscape.ts:fullGate': 'the scheduler',
  'src/app/landscape.ts:shown': 'the scheduler',
  'src/app/landscape.ts:revertTo': 'the scheduler',
  'src/app/storyRuns.ts:live': "the story's runs",
  'src/app/storyRuns.ts:unsub': "the story's runs",
  'src/app/testGrid.ts:controller': 'the test pass',
  'src/app/testGrid.ts:running': 'the test pass',
  'src/app/training.ts:controllers': 'the training runs',
  'src/app/training.ts:nextRunId': 'the training runs',
  'src/scene/ExperimentPoints.tsx:drawn': 'scene probe',
  'src/scene/frame.ts:frame': 'the world frame',
  'src/scene/labels.ts:labelAnchors': 'labels',
  'src/scene/labels.ts:axisLabelAnchors': 'labels',
  'src/scene/labels.ts:labelHooks': 'labels',
  'src/scene/probe.ts:sceneProbe': 'scene probe',
  'src/state/capture.ts:captures': 'capture registry',
  'src/ui/StoryPointer.tsx:storyLayoutProbe': 'story probe',
};
