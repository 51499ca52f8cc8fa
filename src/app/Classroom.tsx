/**
 * Wiring of the classroom features into the page: URL sync, the shortcut registry and its
 * built-in keys, `window.pacscape.state()/link()`, and the components App.tsx mounts in its slots
 * (header actions, the export panel, overlays: story, help, messages, drop zone, presentation).
 */
import { lazy, Suspense, useCallback, useEffect } from 'react';
import { useStore } from '../state/store';
import { shareLink, viewStateOf, type DataLoader, type UrlSync } from '../state/urlSync';
import { registerApi } from './api';
import { keyLabel, SHORTCUT_GROUPS, useShortcuts, type Shortcuts } from './shortcuts';
import { exportData, exportText, importDataFile, importDataText, type DataExport } from './export';
import { cancelImport } from './dataImport';
import type { CaptureOptions } from './exportPng';
import { pngTargets } from './pngTargets';
import { Story, STORY_STEPS, goToStoryStep, storyStepBy, storyTextNow, toggleStory } from '../ui/Story';
import { storyLayoutProbe } from '../ui/StoryPointer';
import { MessageBanner } from '../ui/MessageBanner';
import { Presentation, PresentButton, togglePresentation, setPresentation } from '../ui/Presentation';
import { DropZone, ExportPanel, type ExportActions } from '../ui/ExportPanel';
import { MarkerAnnouncer } from '../ui/MarkerAnnouncer';
import { URL_COLORMAPS, type PanelId } from '../core/urlCodec';
import { applyGenerator, loadPreset, loadPresetAndWait, presetList } from './dataActions';
import { installContextRecovery } from './recovery';
import { installStoryRuns } from './storyRuns';
import { cancelExperiment, installExperimentsApi, openExperiments, startExperiment } from './experiments';
import type { ExperimentActions } from '../ui/Experiments';
import { useExperiments } from '../state/experiments';
import { resetView, toggleTheme } from './viewActions';
import { stageTrainActions, toggleStageTraining, stepStageTraining } from './stageTraining';
import { TrainStage } from '../ui/TrainStage';
import { StagePortal } from '../ui/StagePortal';
import { EmbedBar } from '../ui/EmbedBar';
import { EMBED_CONTROLS, embedOptions, fullAppUrl } from './embed';
import { ViewButtons, useThemeClass } from '../ui/ViewButtons';
import { msg, t, tx, useT } from '../i18n';
import { LangSwitch } from '../ui/LangSwitch';
import '../ui/classroom.css';
import '../ui/polish.css';

const get = () => useStore.getState();

/** The shortcut list loads the first time it is opened; the experiments view likewise. */
const HelpOverlay = lazy(() => import('../ui/HelpOverlay').then((m) => ({ default: m.HelpOverlay })));
const ExperimentsView = lazy(() => import('../ui/Experiments').then((m) => ({ default: m.ExperimentsView })));

/**
 * The PNG export (app/exportPng.ts with its DOM-to-image library) is not part of the first view's JS:
 * these load it on first use (it is fetched once the first view is complete).
 */
const pngExporter = () => import('./exportPng');
const exportPngSafe = async (id: string, scale: 1 | 2) => (await pngExporter()).exportPngSafe(id, scale);
const capturePng = async (id: string, scale: 1 | 2, opts?: CaptureOptions) => (await pngExporter()).capturePng(id, scale, opts);

async function copyShareLink(): Promise<void> {
  const url = shareLink();
  try {
    await navigator.clipboard.writeText(url);
    get().notify({ kind: 'info', text: t('Link to this view copied: {{url}}', { url }) });
  } catch {
    get().notify({ kind: 'info', text: t('Link to this view: {{url}}', { url }) });
  }
}

/** Closes the topmost thing Esc should close: help, then the story, then presentation mode. */
function escape(): void {
  const s = get();
  if (s.helpOpen) s.setLayout({ helpOpen: false });
  else if (useExperiments.getState().open) openExperiments(false);
  else if (s.message) s.notify(null);
  else if (s.storyStep !== null) s.setLayout({ storyStep: null });
  else if (s.presenting) setPresentation(false);
}

/** The built-in shortcuts (features add theirs to the same registry, passed in by app/createApp). */
function registerBuiltins(shortcuts: Shortcuts): () => void {
  const storyOpen = () => get().storyStep !== null;
  return shortcuts.register([
    { id: 'help', keys: ['?'], label: msg('Show or hide this list of shortcuts'), group: 'General', run: () => get().setLayout({ helpOpen: !get().helpOpen }) },
    { id: 'escape', keys: ['Escape'], label: msg('Close the help, the Experiments view, the message, the story, or leave presentation mode'), group: 'General', run: escape, inFields: true },
    {
      id: 'panels',
      keys: ['h'],
      label: msg('Hide or show the side panels'),
      group: 'General',
      run: () => get().setLayout({ hiddenPanels: toggleSidePanels(get().hiddenPanels) }),
    },
    { id: 'story', keys: ['s'], label: msg('Start or close the guided story'), group: 'Story & presentation', run: toggleStory },
    { id: 'story-next', keys: ['PageDown', 'n', ']'], label: msg('Next story step'), group: 'Story & presentation', run: () => storyStepBy(1), enabled: storyOpen },
    { id: 'story-prev', keys: ['PageUp', '['], label: msg('Previous story step'), group: 'Story & presentation', run: () => storyStepBy(-1), enabled: storyOpen },
    {
      id: 'story-goto',
      keys: STORY_STEPS.map((_, i) => String(i + 1)),
      display: [`1 … ${STORY_STEPS.length}`],
      label: msg('Go to story step 1–{{n}}'),
      group: 'Story & presentation',
      run: (e) => goToStoryStep(Number(e.key)),
      enabled: storyOpen,
    },
    { id: 'present', keys: ['f'], label: msg('Presentation mode: full screen, large type, controls hidden'), group: 'Story & presentation', run: togglePresentation },
    { id: 'field-bound', keys: ['B'], label: msg('Colour by the bound'), group: 'View', run: () => get().setView({ field: 'bound' }) },
    { id: 'plane', keys: ['b'], label: msg('Show or hide the bound plane'), group: 'View', run: () => get().setView({ showBoundPlane: !get().showBoundPlane }) },
    { id: 'top', keys: ['d'], label: msg('Top-down 2-D view ↔ 3-D view'), group: 'View', run: () => get().setView({ topDown: !get().topDown }) },
    { id: 'log', keys: ['g'], label: msg('Linear ↔ logarithmic height'), group: 'View', run: () => get().setView({ heightScale: get().heightScale === 'log' ? 'linear' : 'log' }) },
    { id: 'theme', keys: ['l'], label: msg('Light projector theme ↔ dark theme'), group: 'View', run: toggleTheme },
    { id: 'reset', keys: ['0'], label: msg('Reset the whole view (the data set is kept)'), group: 'View', run: resetView },
    { id: 'train-play', keys: ['Space'], label: msg('Train from the marker / pause / resume'), group: 'Training', run: toggleStageTraining },
    { id: 'train-step', keys: ['.'], label: msg('One training step'), group: 'Training', run: stepStageTraining },
    {
      id: 'cmap',
      keys: ['c'],
      label: msg('Next colour map (cividis is colour-blind safe)'),
      group: 'View',
      run: () => {
        const i = URL_COLORMAPS.indexOf(get().colormap);
        get().setView({ colormap: URL_COLORMAPS[(i + 1) % URL_COLORMAPS.length] });
      },
    },
    { id: 'link', keys: ['u'], label: msg('Copy a link to this exact view'), group: 'Export & share', run: () => void copyShareLink() },
    { id: 'png', keys: ['e'], label: msg('Save the 3-D view as PNG'), group: 'Export & share', run: () => void exportPngSafe('scene', 1) },
    { id: 'png2', keys: ['E'], label: msg('Save the 3-D view as PNG at 2×'), group: 'Export & share', run: () => void exportPngSafe('scene', 2) },
  ]);
}

const isSidePanel = (p: PanelId) => p === 'left' || p === 'right';
/** Hides both side panels, or shows them when either is hidden; collapsed cards stay as they are. */
function toggleSidePanels(hidden: PanelId[]): PanelId[] {
  const others = hidden.filter((p) => !isSidePanel(p));
  return hidden.some(isSidePanel) ? others : [...others, 'left', 'right'];
}

/** Loads the data source a link names: a shipped preset or the seeded generator. */
export const loadDataRef: DataLoader = async (ref) => {
  if (ref.kind === 'preset') await loadPreset(ref.id, { dataOnly: true });
  else if (ref.kind === 'generator') applyGenerator(ref.params);
};

/** The view, link, story, export and preset part of `window.pacscape` (`sync`: the run's URL sync). */
export function classroomApi(sync: Pick<UrlSync, 'settled'>) {
  return {
    /** The object the URL encodes. */
    state: () => viewStateOf(get()),
    /** The share URL of the current view. */
    link: () => shareLink(),
    /** The address bar holds the view and the last gesture has ended (state/urlSync linkSettled). */
    linkSettled: () => sync.settled(),
    /** Story navigation for scripts. */
    story: (n: number | null) => (n === null ? (get().setLayout({ storyStep: null }), true) : goToStoryStep(n)),
    /** The rendered text of story step n for the current view (null when there is no such step). */
    storyText: (n: number) => storyTextNow(n),
    /** The same text in English whatever the interface language (`storyTextIn(n, 'en')`). */
    storyTextIn: (n: number, lang: 'en') => storyTextNow(n, lang),
    /** Where the open story's card is and the screen positions of what its step highlights. */
    storyLayout: () => ({ card: storyLayoutProbe.card, targets: storyLayoutProbe.targets.map((t) => ({ ...t })), covered: storyLayoutProbe.covered, panel: storyLayoutProbe.panel }),
    /** Export texts ('grid.csv' | 'grid.json' | 'points.csv' | 'points.json' | 'data.json'). */
    exportText: (kind: DataExport) => exportText(kind),
    /** PNG of a view: resolves to {width, height, bytes} (the image is not downloaded). */
    capture: async (id = 'scene', scale: 1 | 2 = 1, opts?: CaptureOptions) => {
      const blob = await capturePng(id, scale, opts);
      const bmp = await createImageBitmap(blob);
      const out = { width: bmp.width, height: bmp.height, bytes: blob.size };
      bmp.close();
      return out;
    },
    /** The same PNG as a Blob (for scripts that want the pixels); `{overlays: false}`: the WebGL frame alone. */
    captureBlob: (id = 'scene', scale: 1 | 2 = 1, opts?: CaptureOptions) => capturePng(id, scale, opts),
    /** Bumped each time a grid (preview or final) lands in the buffers. */
    gridVersion: () => get().gridVersion,
    /** The views that can be saved as PNG. */
    pngTargets: () => pngTargets(),
    /** Imports data text as if it were a dropped file; resolves to whether it loaded. */
    importText: (text: string, name = 'script.csv') => importDataText(text, name),
    /** The preset library: resolves to [{id, name, shows, data, params, window, marker, mixture, standardize, claims}]. */
    presets: () => presetList(),
    /** Loads a preset's data and view; resolves when its landscape (full grid and minima) is ready. */
    loadPreset: (id: string) => loadPresetAndWait(id),
    /** Resets the whole view (data set and theme kept). */
    resetView: () => resetView(),
    /** 'dark' | 'light' (the projector theme). */
    setTheme: (t: 'dark' | 'light') => get().setLayout({ theme: t }),
  };
}

/**
 * Installs the classroom features for one app run (app/createApp, after the run's URL sync, which
 * applied the link's view) and returns their removal. `firstViewDone` is the run's (the PNG
 * export loads then).
 */
export function installClassroom(sync: UrlSync, shortcuts: Shortcuts, firstViewDone: () => Promise<void>): () => void {
  const offs: (() => void)[] = [];
  const embed = embedOptions();
  if (embed) {
    document.documentElement.classList.add('embed');
    document.documentElement.classList.toggle('embed-train', embed.controls.has('train'));
    offs.push(() => document.documentElement.classList.remove('embed', 'embed-train'));
  }
  if (embed?.unknown.length) get().notify({ kind: 'info', text: t(embed.unknown.length > 1 ? 'This embed names {{names}}, which are not controls; it can show: {{controls}}.' : 'This embed names {{names}}, which is not a control; it can show: {{controls}}.', { names: embed.unknown.map((n) => `"${n}"`).join(', '), controls: EMBED_CONTROLS.join(', ') }) });
  offs.push(installContextRecovery());
  void firstViewDone().then(pngExporter);
  offs.push(installStoryRuns());
  offs.push(installExperimentsApi());
  offs.push(registerBuiltins(shortcuts));
  offs.push(shortcuts.install());
  // Say so when the landscape is not computed on the GPU (no WebGL, or it failed).
  offs.push(
    useStore.subscribe(
      (s) => s.backend,
      (backend) => {
        if (backend === 'wasm' || backend === 'cpu') {
          const st = get();
          const text = t(backend === 'wasm' ? 'WebGL is not available in this browser, so the landscape is computed on the CPU with WebAssembly (slower, same numbers).' : 'WebGL is not available in this browser, so the landscape is computed on the CPU (slower, same numbers).');
          if (!st.message || st.message.kind === 'info') st.notify({ kind: 'info', text });
        }
      },
    ),
  );
  registerApi(classroomApi(sync));
  return () => {
    for (const off of offs.reverse()) off();
  };
}

/** Applies the hidden-panels state as classes on <html> (styles.css hides the panels). */
function usePanelClasses() {
  const hidden = useStore((s) => s.hiddenPanels);
  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle('hide-left', hidden.includes('left'));
    root.classList.toggle('hide-right', hidden.includes('right'));
    window.dispatchEvent(new Event('resize'));
  }, [hidden]);
}

/** Header buttons: story, presentation, help, share. */
export function HeaderActions() {
  const story = useStore((s) => s.storyStep !== null);
  const panelsHidden = useStore((s) => s.hiddenPanels.some(isSidePanel));
  const t = useT();
  return (
    <div className="header-actions" role="toolbar" aria-label={t('Classroom')}>
      <button type="button" className="header-button" aria-pressed={story} onClick={toggleStory} title={t('Guided story (s)')}>
        {t('Story')}
      </button>
      <PresentButton />
      <ViewButtons onReset={resetView} onToggleTheme={toggleTheme} />
      <button type="button" className="header-button" aria-pressed={panelsHidden} onClick={() => get().setLayout({ hiddenPanels: toggleSidePanels(get().hiddenPanels) })} title={t('Hide or show the side panels (h)')}>
        {t(panelsHidden ? 'Show panels' : 'Hide panels')}
      </button>
      <ExperimentsButton />
      <button type="button" className="header-button" onClick={() => void copyShareLink()} title={t('Copy a link to this view (u)')}>
        {t('Share')}
      </button>
      <LangSwitch />
      <button type="button" className="header-button help-button" onClick={() => get().setLayout({ helpOpen: true })} aria-label={t('Keyboard shortcuts (?)')} title={t('Keyboard shortcuts (?)')}>
        ?
      </button>
    </div>
  );
}

function ExperimentsButton() {
  const open = useExperiments((s) => s.open);
  const t = useT();
  return (
    <button type="button" className="header-button" aria-pressed={open} onClick={() => openExperiments(!open)} title={t('Experiments: many training runs at once, Ψ against the measured gap')}>
      {t('Experiments')}
    </button>
  );
}

/** The experiments view, mounted (and its chunk fetched) once it is opened. */
function ExperimentsSlot() {
  const open = useExperiments((s) => s.open);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <ExperimentsView actions={experimentActions} />
    </Suspense>
  );
}

const experimentActions: ExperimentActions = {
  run: (design) => startExperiment(design),
  cancel: () => void cancelExperiment(),
  close: () => openExperiments(false),
};

const exportActions: ExportActions = {
  pngTargets,
  exportPng: exportPngSafe,
  exportData: (k) => exportData(k),
  importFile: importDataFile,
  cancelImport: () => cancelImport(),
  link: () => shareLink(),
};

/** The export & import panel for the left column. */
export function ExportSlot() {
  return <ExportPanel actions={exportActions} />;
}

/** Overlays: story card, help dialog, message banner, drop zone, presentation mode. */
export function ClassroomOverlays() {
  usePanelClasses();
  useThemeClass();
  const embed = embedOptions();
  const shortcuts = useShortcuts();
  useStore((s) => s.storyStep); // re-render so `enabled` reflects the story state
  const helpOpen = useStore((s) => s.helpOpen);
  const onFile = useCallback((f: File) => void importDataFile(f), []);
  useT(); // re-render in a new language: the labels are registered in English and shown translated
  const entries = shortcuts.map((s) => ({ id: s.id, keys: s.display ?? s.keys, label: tx(s.label, { n: STORY_STEPS.length }), group: s.group, enabled: s.enabled ? s.enabled() : true }));
  return (
    <>
      <MessageBanner />
      <StagePortal>
        <TrainStage actions={stageTrainActions} />
        {embed && <EmbedBar controls={embed.controls} fullUrl={() => fullAppUrl(shareLink())} onReset={resetView} onToggleTheme={toggleTheme} />}
      </StagePortal>
      <MarkerAnnouncer />
      <Story />
      {helpOpen && (
        <Suspense fallback={null}>
          <HelpOverlay entries={entries} groups={SHORTCUT_GROUPS} keyLabel={keyLabel} />
        </Suspense>
      )}
      <DropZone onFile={onFile} />
      <Presentation />
      <ExperimentsSlot />
    </>
  );
}
