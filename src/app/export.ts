/**
 * Export and import: PNG of the 3-D view and of the 2-D panels (screen or 2× resolution),
 * CSV/JSON of the grid fields and of the inspected/pinned points, the data set as JSON; import of a
 * data file (CSV x1,x2,y or the JSON format). Every failure ends in a clear message through the
 * store and leaves the current state as it was.
 */
import { tr } from '../core/words';
import { useStore, type AppState } from '../state/store';
import { gridBuffers } from '../state/buffers';
import { DataError, dataTextProblem, datasetToObject, MAX_DATA_POINTS, MAX_DATA_BYTES, type Dataset } from '../core/data';
import { ImportCancelled, ReadError, parseDataOffThread } from './dataImport';
import { pointReport, pointJson } from '../core/metrics';
import type { GridFields } from '../core/grid';
import { FIELDS, GRID_CSV_COLUMNS, fieldValues, gridJsonAll } from '../core/fields';
import { notifyUntilGridReady } from '../ui/MessageBanner';
import { t, txm } from '../i18n';

/** Files larger than this are refused before reading (a 100 000-row CSV is ~3 MB). */
export const MAX_IMPORT_BYTES = MAX_DATA_BYTES;

/** `pacscape-<what>-<YYYYMMDD-HHMMSS>.<ext>` */
export function exportName(what: string, ext: string): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `pacscape-${what}-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}.${ext}`;
}

/** Saves a blob as a download (an <a download> click; works offline and from any static server). */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function gridOrThrow(): GridFields {
  const f = gridBuffers.fields;
  if (!f) throw new Error(tr('no landscape has been computed yet'));
  return f;
}

/**
 * The grid fields as CSV: one row per node (row-major, w2 outer), the columns of the field
 * registry (core/fields.ts GRID_CSV_COLUMNS). The test loss and gap columns are empty until the
 * grid's test pass has run (or where the data set has no known mixture).
 */
export function gridCsv(f: GridFields = gridOrThrow()): string {
  const lines: string[] = [GRID_CSV_COLUMNS.join(',')];
  const R = f.res;
  const num = (v: number) => (Number.isFinite(v) ? String(v) : '');
  const cols = FIELDS.map((d) => fieldValues(f, d.id));
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < R; c++) {
      const i = r * R + c;
      const row = [num(f.w1[c]), num(f.w2[r])];
      for (const v of cols) row.push(v ? num(v[i]) : '');
      lines.push(row.join(','));
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * The grid fields as JSON: the model parameters, the test sample (size and seed, null without a
 * test pass), then every field of the registry present in the grid (core/fields.gridJsonAll: the
 * CLI's `grid` keys plus the others), arrays row-major.
 */
export function gridJson(f: GridFields = gridOrThrow(), s: AppState = useStore.getState()): string {
  return JSON.stringify({
    depth: s.depth,
    gamma: s.gamma,
    eps: s.eps,
    delta: s.delta,
    data: s.dataset?.name ?? null,
    test: f.testLoss && gridBuffers.test ? { size: gridBuffers.test.size, seed: gridBuffers.test.seed } : null,
    ...gridJsonAll(f),
  });
}

/** The marker and the pinned points, each with the CLI's `point` object computed by core/. */
export function pointsObject(s: AppState = useStore.getState()) {
  if (!s.dataset) throw new Error(tr('no data set is loaded'));
  const params = { depth: s.depth, gamma: s.gamma, eps: s.eps, delta: s.delta };
  const row = (kind: string, w: [number, number]) => ({ kind, w, ...pointJson(pointReport(s.dataset!, w[0], w[1], params)) });
  return { data: s.dataset.name, ...params, points: [row('marker', s.marker), ...s.pins.map((p, i) => row(`pin ${i + 1}`, p))] };
}

/** The same points as CSV (one row each; matrices flattened). */
export function pointsCsv(s: AppState = useStore.getState()): string {
  const o = pointsObject(s);
  const head = ['kind', 'w1', 'w2', 'loss', 'grad1', 'grad2', 'h11', 'h12', 'h22', 'thirdNorm', 'kappa1', 'kappa2', 'rho', 's1', 's2', 'psi', 'bound', 'sigmaStar1', 'sigmaStar2'];
  const rows = o.points.map((p) => [p.kind, p.w[0], p.w[1], p.loss, p.grad[0], p.grad[1], p.hessian[0][0], p.hessian[0][1], p.hessian[1][1], p.thirdNorm, p.kappa[0], p.kappa[1], p.rho, p.s[0], p.s[1], p.psi, p.bound, p.sigmaStar[0], p.sigmaStar[1]].join(','));
  return [head.join(','), ...rows].join('\n') + '\n';
}

/** The current data set in the JSON file format (re-importable). */
export function datasetJson(d: Dataset | null = useStore.getState().dataset): string {
  if (!d) throw new Error(tr('no data set is loaded'));
  return JSON.stringify(datasetToObject(d));
}

export type DataExport = 'grid.csv' | 'grid.json' | 'points.csv' | 'points.json' | 'data.json';

/** The text of one data export. */
export function exportText(kind: DataExport): string {
  switch (kind) {
    case 'grid.csv':
      return gridCsv();
    case 'grid.json':
      return gridJson();
    case 'points.csv':
      return pointsCsv();
    case 'points.json':
      return JSON.stringify(pointsObject(), null, 1);
    case 'data.json':
      return datasetJson();
    default:
      throw new Error(tr('unknown export "{{value}}"', { value: String(kind) }));
  }
}

/** Downloads one data export; a failure becomes a message. */
export function exportData(kind: DataExport): void {
  try {
    const text = exportText(kind);
    const [what, ext] = kind.split('.');
    downloadBlob(new Blob([text], { type: ext === 'csv' ? 'text/csv' : 'application/json' }), exportName(what, ext));
  } catch (e) {
    useStore.getState().notify({ kind: 'error', text: t('Could not export {{kind}}: {{error}}.', { kind, error: txm((e as Error).message) }) });
  }
}

/** Makes a parsed data set current and says so (the landscape recomputes). */
function loaded(d: Dataset, name: string): true {
  useStore.getState().setDataset(d, { kind: 'file', name });
  const ones = d.y.reduce((a, b) => a + b, 0);
  notifyUntilGridReady(t('Loaded {{n}} points from "{{name}}" ({{ones}} labelled 1, {{zeros}} labelled 0). Recomputing the landscape…', { n: d.n, name, ones, zeros: d.n - ones }));
  return true;
}

/** Says why a file was not loaded (the current data set stays); a cancelled import says so. */
function notLoaded(e: unknown, name: string): false {
  const st = useStore.getState();
  if (e instanceof ReadError) st.notify({ kind: 'error', text: t('"{{name}}" could not be read: {{error}}. The current data set is unchanged.', { name, error: txm(e.message) }) });
  else if (e instanceof ImportCancelled) st.notify({ kind: 'info', text: t('Reading "{{name}}" was cancelled. The current data set is unchanged.', { name }) });
  else st.notify({ kind: 'error', text: t('"{{name}}" was not loaded: {{error}} The current data set is unchanged.', { name, error: txm((e as Error).message) }) });
  return false;
}

/**
 * Loads a data set from text (CSV x1,x2,y or JSON), parsed in a worker (app/dataImport). On success
 * it replaces the data set and says so; on failure the message names the problem and the current
 * data set stays. Resolves to whether it loaded.
 */
export async function importDataText(text: string, name: string): Promise<boolean> {
  name = typeof name === 'string' && name ? name.slice(0, 200) : 'script data';
  // Too long or not text: refused before a character is copied to the worker.
  const early = dataTextProblem(text);
  if (early) return notLoaded(new DataError(early), name);
  try {
    return loaded(await parseDataOffThread({ text }, name), name);
  } catch (e) {
    return notLoaded(e, name);
  }
}

const kB = (bytes: number) => (bytes > 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`);

/** Reads a File (picker or drop) and imports it; refuses files too big to be a valid data set. */
export async function importDataFile(file: File): Promise<boolean> {
  const st = useStore.getState();
  if (file.size === 0) {
    st.notify({ kind: 'error', text: t('"{{name}}" is empty. The current data set is unchanged.', { name: file.name }) });
    return false;
  }
  if (file.size > MAX_IMPORT_BYTES) {
    st.notify({ kind: 'error', text: t('"{{name}}" is {{size}}; data files are limited to {{max}} (at most {{points}} points), and the size is checked before reading. The current data set is unchanged.', { name: file.name, size: kB(file.size), max: kB(MAX_IMPORT_BYTES), points: MAX_DATA_POINTS }) });
    return false;
  }
  // Read, parsed and checked in a worker: the page's thread does not touch the file's bytes.
  try {
    return loaded(await parseDataOffThread({ file }, file.name), file.name);
  } catch (e) {
    return notLoaded(e, file.name);
  }
}
