/**
 * Data-set actions for the data panel, links and scripts: the one preset loader (scenarios of
 * core/presets, and the generator-only data sets older links name), and the seeded generator (user
 * files load through app/export.ts). Every action validates first and leaves the current data untouched on error (the error
 * is thrown with a readable message for the caller to show).
 */
import { tr } from '../core/words';
import { generateDataset, type Dataset, type GeneratorParams } from '../core/data';
import { DATA_SETS, PRESETS, knownDataIds, presetById, presetDataset, presetInfo, type Preset } from '../core/presets';
import { useStore } from '../state/store';
import { takeRequest } from './bootData';
import { idle } from './landscape';

/** Applies the seeded generator's data set. Throws on invalid parameters. */
export function applyGenerator(p: GeneratorParams): void {
  const d = generateDataset(p);
  useStore.getState().setDataset(d, { kind: 'generator', params: { ...p, means: p.means.map((m) => [m[0], m[1]] as [number, number]) } });
}

/** URL of a shipped file, relative to the page (works from any static server and sub-path). */
function pageUrl(file: string): string {
  return typeof document === 'undefined' ? file : new URL(file, document.baseURI).href;
}

const fetched = new Map<string, Promise<Dataset>>();

function unknownId(id: string): Error {
  return new Error(tr('Unknown preset "{{value}}"; the presets are {{options}}.', { value: id, options: knownDataIds().join(', ') }));
}

/**
 * The data set of a preset or data-set id: a preset's shipped points (fetched once, then shared)
 * with its exact mixture, or a data set's seeded draw. Rejects an unknown id with a message.
 */
export function presetData(id: string): Promise<Dataset> {
  const p = presetById(id);
  if (!p) {
    const g = DATA_SETS.find((d) => d.id === id);
    if (!g) return Promise.reject(unknownId(id));
    return Promise.resolve(generateDataset(g.generator, g.name));
  }
  let hit = fetched.get(id);
  if (!hit) {
    hit = (async () => {
      const url = pageUrl(p.file);
      const res = await (takeRequest(url) ?? fetch(url));
      if (!res.ok) throw new Error(tr('Could not load {{name}} (HTTP {{status}}).', { name: p.file, status: res.status }));
      return presetDataset(p, JSON.parse(await res.text()));
    })();
    hit.catch(() => fetched.delete(id));
    fetched.set(id, hit);
  }
  return hit;
}

/** The store values a preset's view sets (parameters, window, marker; pins and camera cleared). */
export function presetView(p: Preset) {
  return {
    depth: p.params.depth,
    gamma: p.params.gamma,
    eps: p.params.eps,
    delta: p.params.delta,
    w1Range: [p.window.w1[0], p.window.w1[1]] as [number, number],
    w2Range: [p.window.w2[0], p.window.w2[1]] as [number, number],
    marker: [p.marker[0], p.marker[1]] as [number, number],
    pins: [] as [number, number][],
    camera: null,
  };
}

/**
 * The one preset loader (data panel, `pacscape.loadPreset`, links): makes the preset's data set
 * current and, unless `dataOnly` (a link carries its own view), its whole view — depth, γ, ε, δ,
 * window and marker — in one store update, so one landscape job starts.
 */
export async function loadPreset(id: string, opts: { dataOnly?: boolean } = {}): Promise<Dataset> {
  const d = await presetData(id);
  const p = presetById(id);
  const source = { kind: 'preset' as const, id };
  if (opts.dataOnly || !p) useStore.getState().setDataset(d, source);
  else useStore.setState((s) => ({ ...presetView(p), dataset: d, dataSource: source, dataVersion: s.dataVersion + 1 }));
  return d;
}

/**
 * Resolves when the landscape of data set `d` is ready: the full-resolution grid is in the
 * buffers and the minima of that grid are found.
 */
export async function landscapeReady(d: Dataset): Promise<void> {
  for (;;) {
    await idle();
    const s = useStore.getState();
    if (s.dataset !== d) throw new Error(tr('Another data set was loaded meanwhile.'));
    if (!s.computing && s.gridRes === s.res && s.minimaGrid === s.gridVersion) return;
    await new Promise<void>((resolve) => {
      const unsub = useStore.subscribe(
        (t) => [t.computing, t.gridVersion, t.minimaGrid, t.dataset] as const,
        () => {
          unsub();
          resolve();
        },
        { equalityFn: (a, b) => a.every((v, i) => v === b[i]) },
      );
    });
  }
}

/** `pacscape.presets()`: every preset with its points (fetched), view, mixture and claims. */
export async function presetList() {
  return Promise.all(PRESETS.map(async (p) => presetInfo(p, await presetData(p.id))));
}

/** `pacscape.loadPreset(id)`: loads a preset's whole view; resolves when its landscape is ready. */
export async function loadPresetAndWait(id: string): Promise<{ id: string }> {
  if (typeof id !== 'string' || !knownDataIds().includes(id)) throw unknownId(String(id));
  const d = await loadPreset(id);
  await landscapeReady(d);
  return { id };
}
