/**
 * The one zustand store, built from typed slices (data, model, view, selection, grid status).
 * Parameters live here; big arrays live in `buffers.ts`. User actions change parameters; app/
 * watches them, schedules compute jobs and writes results back as versions and summaries.
 */
import { create } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import type { Dataset, GeneratorParams } from '../core/data';
import { DEFAULT_GENERATOR } from '../core/data';
import { createTrainingSlice, type TrainingSlice } from './training';
import { checkParams, type CameraView, type LangId, type PanelId, type ThemeId } from '../core/urlCodec';
import { PARAMS, checkPoint } from '../core/params';
import { tr, trJoin } from '../core/words';
import type { LocalMinimum } from '../core/minima';
import { DEFAULT_PRESET_ID, presetById } from '../core/presets';
import type { TestGridStatus } from './buffers';

import { COLOUR_FIELDS, type ColourField } from '../core/fields';

/** Fields the surface can be coloured by (core/fields.ts, the field registry). */
export type FieldName = ColourField;
export const FIELD_NAMES: readonly FieldName[] = COLOUR_FIELDS;
/** What the plane below the surface shows: the bound (SPEC §6) or the test loss it bounds (SPEC §9). */
export type PlaneField = 'bound' | 'testLoss';
export type ColormapName = 'viridis' | 'cividis';

/** Where the current data set came from: a shipped preset, the generator, or a user file. */
export type DataSource = { kind: 'preset'; id: string } | { kind: 'generator'; params: GeneratorParams } | { kind: 'file'; name: string };

export interface DataSlice {
  dataset: Dataset | null;
  dataSource: DataSource;
  /** Bumped whenever `dataset` changes. */
  dataVersion: number;
  setDataset: (d: Dataset, source: DataSource) => void;
}

export interface ModelSlice {
  depth: number;
  gamma: number;
  eps: number;
  delta: number;
  setModel: (p: Partial<Pick<ModelSlice, 'depth' | 'gamma' | 'eps' | 'delta'>>) => void;
}

export interface ViewSlice {
  field: FieldName;
  heightScale: 'linear' | 'log';
  colormap: ColormapName;
  /** Top-down 2-D view with contours instead of the orbiting 3-D camera. */
  topDown: boolean;
  showBoundPlane: boolean;
  /** The plane's colouring: the bound or the test loss (read the bound against what it bounds). */
  planeField: PlaneField;
  /** The cut chart's half-width ± h along each cut (weight units; core/params cutHalfWidth). */
  cutHalfWidth: number;
  w1Range: [number, number];
  w2Range: [number, number];
  res: number;
  /**
   * The orbiting camera in scene units (position and orbit target); null = the scene's default.
   * The scene's camera rig writes it when an orbit settles and follows it when it changes
   * (a link or the story sets it). Encoded in the URL.
   */
  camera: CameraView | null;
  setView: (p: Partial<Pick<ViewSlice, 'field' | 'heightScale' | 'colormap' | 'topDown' | 'showBoundPlane' | 'planeField' | 'cutHalfWidth' | 'w1Range' | 'w2Range' | 'res' | 'camera'>>) => void;
}

/** Page layout and classroom modes; all encoded in the URL. */
export interface LayoutSlice {
  /** Panels the user has hidden. */
  hiddenPanels: PanelId[];
  /** Guided-story step, 1-based; null when the story is closed. */
  storyStep: number | null;
  /** Presentation mode: large type, controls hidden, high contrast (full screen when allowed). */
  presenting: boolean;
  /** The keyboard-shortcut help overlay is open. */
  helpOpen: boolean;
  /** Page theme: the dark default or the light high-contrast projector theme. */
  theme: ThemeId;
  /** Interface language (src/i18n loads its catalogue and sets <html lang>). */
  lang: LangId;
  setLayout: (p: Partial<Pick<LayoutSlice, 'hiddenPanels' | 'storyStep' | 'presenting' | 'helpOpen' | 'theme' | 'lang'>>) => void;
}

export interface SelectionSlice {
  marker: [number, number];
  pins: [number, number][];
  setMarker: (w: [number, number]) => void;
  setPins: (pins: [number, number][]) => void;
}

/** Min/max of a field over the current grid (for colour bars and legends). */
export interface Range {
  min: number;
  max: number;
}

export interface GridStatusSlice {
  /** Bumped each time `gridBuffers.fields` is replaced (preview or final). */
  gridVersion: number;
  /** Resolution of the grid now in the buffers (a preview is coarser than `res`). */
  gridRes: number;
  computing: boolean;
  /** 0..1 of the job in flight. */
  progress: number;
  /** What is computing, for the progress indicator. */
  progressLabel: string;
  /** Seconds the landscape job in flight still needs, from its measured rate (null: not known yet). */
  progressEta: number | null;
  fieldRanges: Partial<Record<FieldName, Range>>;
  /** The test-loss / gap pass over the grid (state/buffers.ts). */
  testGrid: TestGridStatus;
  /** tfjs backend in use ('webgl' | 'wasm' | 'cpu') and the grid engine picked at start-up. */
  backend: string;
  engine: string;
  /** Last error or warning the user must see (cleared by the user). */
  message: { kind: 'error' | 'info'; text: string } | null;
  setGridStatus: (p: Partial<Omit<GridStatusSlice, 'setGridStatus' | 'notify'>>) => void;
  notify: (m: GridStatusSlice['message']) => void;
}

/** Landscape summaries: the refined local minima of the grid now shown. */
export interface LandscapeSlice {
  minima: LocalMinimum[];
  /** The gridVersion the minima were found on (−1: not from a grid). */
  minimaGrid: number;
  setMinima: (m: LocalMinimum[], forGrid?: number) => void;
}

export type AppState = DataSlice & ModelSlice & ViewSlice & SelectionSlice & GridStatusSlice & LayoutSlice & TrainingSlice & LandscapeSlice;

/** Default view settings; the window, parameters and marker come from the start-up preset below. */
export const DEFAULT_VIEW = {
  field: 'loss' as FieldName,
  heightScale: 'linear' as const,
  colormap: 'viridis' as ColormapName,
  topDown: false,
  showBoundPlane: true,
  planeField: 'bound' as PlaneField,
  cutHalfWidth: PARAMS.cutHalfWidth.default,
  res: 256,
};

/** The preset a fresh page opens (a link without a `data` key means paper-toy: urlCodec V1_DEFAULTS). */
const START = presetById(DEFAULT_PRESET_ID)!;

/**
 * Drops the values of a model/view patch that are out of range (depth, γ, ε, δ, grid range and
 * resolution; core/urlCodec's LIMITS) and says why, so no path (controls, links, scripts, the
 * story) can start an absurd job: the refused keys keep their current values.
 */
function checkedPatch<P extends object>(p: P): Partial<P> & { message?: GridStatusSlice['message'] } {
  const bad = checkParams(p as Parameters<typeof checkParams>[0]);
  const keys = Object.keys(bad);
  if (!keys.length) return p;
  const out = { ...p } as Record<string, unknown>;
  for (const k of keys) delete out[k];
  return { ...(out as Partial<P>), message: { kind: 'error', text: trJoin([...Object.values(bad), tr(keys.length > 1 ? 'The previous values are kept.' : 'The previous value is kept.')], ' ') } };
}

export const useStore = create<AppState>()(
  subscribeWithSelector((set) => ({
    dataset: null,
    dataSource: { kind: 'preset', id: START.id },
    dataVersion: 0,
    setDataset: (dataset, dataSource) => set((s) => ({ dataset, dataSource, dataVersion: s.dataVersion + 1 })),

    depth: START.params.depth,
    gamma: START.params.gamma,
    eps: START.params.eps,
    delta: START.params.delta,
    setModel: (p) => set(checkedPatch(p)),

    ...DEFAULT_VIEW,
    w1Range: [START.window.w1[0], START.window.w1[1]],
    w2Range: [START.window.w2[0], START.window.w2[1]],
    camera: null,
    setView: (p) => set(checkedPatch(p)),

    hiddenPanels: [],
    storyStep: null,
    presenting: false,
    helpOpen: false,
    theme: 'dark',
    lang: 'en',
    setLayout: (p) => set(p),

    marker: [START.marker[0], START.marker[1]],
    pins: [],
    // The marker and pins obey the same |w| limit as links (core/params): a point a link would
    // refuse on reopening is refused here, whoever sets it.
    setMarker: (marker) => {
      const bad = checkPoint(marker, tr('The marker'));
      set(bad ? { message: { kind: 'error', text: trJoin([bad, tr('The marker stays where it was.')], ' ') } } : { marker });
    },
    setPins: (pins) => {
      const bad = !Array.isArray(pins) ? tr('The pins must be a list of points.') : pins.length > PARAMS.pins.max ? tr('At most {{max}} points can be pinned, got {{n}}.', { max: PARAMS.pins.max, n: pins.length }) : pins.map((q, i) => checkPoint(q, tr('Pin {{i}}', { i: i + 1 }))).find((m) => m !== null);
      set(bad ? { message: { kind: 'error', text: trJoin([bad, tr('The pins are unchanged.')], ' ') } } : { pins });
    },

    gridVersion: 0,
    gridRes: 0,
    computing: false,
    progress: 0,
    progressLabel: '',
    progressEta: null,
    fieldRanges: {},
    testGrid: { status: 'pending', reason: '', size: 0, seed: 0, progress: 0, ms: 0, eta: null },
    backend: 'none',
    engine: 'none',
    message: null,
    setGridStatus: (p) => set(p),
    notify: (message) => set({ message }),

    ...createTrainingSlice(set),

    minima: [],
    minimaGrid: -1,
    setMinima: (minima, forGrid = -1) => set({ minima, minimaGrid: forGrid }),
  })),
);

export { DEFAULT_GENERATOR };
