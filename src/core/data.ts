/**
 * Data sets (SPEC §1): the seeded Gaussian-mixture generator, the median label rule,
 * standardisation, and loading/validating user files (JSON `{x, y}` or CSV `x1,x2,y`).
 */
import { tr, trCap, trJoin } from './words';
import { createRng, type Rng } from './rng';
import type { Sample } from './jets';
import { PARAMS, checkParam, inRange, showValue } from './params';

/** Data sets larger than this many points are refused (core/params: the landscape costs O(n) per node). */
export const MAX_DATA_POINTS = PARAMS.n.max;
/** Data files larger than this many bytes are refused before they are read (core/params). */
export const MAX_DATA_BYTES = PARAMS.fileBytes.max;

/** The mixture a data set was drawn from, in standardised coordinates (for fresh test samples). */
export interface Mixture {
  /** Component means [k][2] in the data's standardised coordinates. */
  means: [number, number][];
  /** Per-axis standard deviation of every component, standardised coordinates. */
  sd: [number, number];
  /** Label rule: y = 1 when the component index ≥ this threshold. */
  labelThreshold: number;
}

/** A loaded or generated data set. `x` is [n, 2] row-major float64. */
export interface Dataset extends Sample {
  readonly name: string;
  readonly x: Float64Array;
  readonly y: Uint8Array;
  readonly component?: Int32Array;
  readonly mixture?: Mixture;
}

/** Parameters of the seeded generator (raw, un-standardised coordinates). */
export interface GeneratorParams {
  means: [number, number][];
  sd: number;
  n: number;
  seed: number;
  /** 'median' (SPEC §1 reading) or 'parity' (odd components are class 1). */
  labelRule: 'median' | 'parity';
}

/** The paper figure's mixture (from `paper-toy.json`'s description). */
export const PAPER_TOY_MIXTURE = {
  means: [
    [0.96, -1.53],
    [1.61, -1.73],
    [1.99, -2.62],
  ] as [number, number][],
  sd: 0.88,
};

export const DEFAULT_GENERATOR: GeneratorParams = { ...PAPER_TOY_MIXTURE, n: 100, seed: 1, labelRule: 'median' };

/** Median of integers (mean of the two middle values for even counts). */
function median(values: ArrayLike<number>): number {
  const s = Array.from(values).sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** Labels by rule: median → y = 1 iff c ≥ median(c) (SPEC §1); parity → y = c mod 2. */
export function labelComponents(c: ArrayLike<number>, rule: GeneratorParams['labelRule']): { y: Uint8Array; threshold: number } {
  const y = new Uint8Array(c.length);
  if (rule === 'parity') {
    for (let j = 0; j < c.length; j++) y[j] = c[j] % 2;
    return { y, threshold: NaN };
  }
  const med = median(c);
  for (let j = 0; j < c.length; j++) y[j] = c[j] >= med ? 1 : 0;
  return { y, threshold: med };
}

/** Per-axis sample mean and population standard deviation of [n, 2] points. */
export function standardisation(x: ArrayLike<number>, n: number): { mean: [number, number]; std: [number, number] } {
  const mean: [number, number] = [0, 0];
  const std: [number, number] = [0, 0];
  for (let j = 0; j < n; j++) for (let a = 0; a < 2; a++) mean[a] += x[2 * j + a] / n;
  for (let j = 0; j < n; j++) for (let a = 0; a < 2; a++) std[a] += (x[2 * j + a] - mean[a]) ** 2 / n;
  return { mean, std: [Math.sqrt(std[0]) || 1, Math.sqrt(std[1]) || 1] };
}

/** Draws n raw points and component indices from an equal-weight isotropic mixture. */
export function sampleMixture(rng: Rng, means: readonly (readonly [number, number])[], sd: readonly [number, number] | number, n: number): { x: Float64Array; c: Int32Array } {
  const k = means.length;
  const sds = typeof sd === 'number' ? [sd, sd] : sd;
  const x = new Float64Array(2 * n);
  const c = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const cj = Math.min(k - 1, Math.floor(rng.uniform() * k));
    c[j] = cj;
    x[2 * j] = means[cj][0] + sds[0] * rng.normal();
    x[2 * j + 1] = means[cj][1] + sds[1] * rng.normal();
  }
  return { x, c };
}

/** Generates a standardised data set from the seeded mixture (same seed ⇒ same points anywhere). */
export function generateDataset(p: GeneratorParams, name = `mixture k=${p.means.length} seed=${p.seed}`): Dataset {
  validateGenerator(p);
  const { x, c } = sampleMixture(createRng(p.seed), p.means, p.sd, p.n);
  const { y, threshold } = labelComponents(c, p.labelRule);
  const { mean, std } = standardisation(x, p.n);
  for (let j = 0; j < p.n; j++) for (let a = 0; a < 2; a++) x[2 * j + a] = (x[2 * j + a] - mean[a]) / std[a];
  const mixture: Mixture = {
    means: p.means.map(([m1, m2]) => [(m1 - mean[0]) / std[0], (m2 - mean[1]) / std[1]]),
    sd: [p.sd / std[0], p.sd / std[1]],
    labelThreshold: p.labelRule === 'median' ? threshold : NaN,
  };
  return { name, n: p.n, x, y, component: c, mixture };
}

/** The first problem of a generator parameter set (core/params bounds), or null. */
export function generatorProblem(p: GeneratorParams): string | null {
  if (typeof p !== 'object' || p === null) return tr('The generator parameters must be an object.');
  if (!Array.isArray(p.means) || !inRange('components', p.means.length)) return tr('The mixture needs {{min}} to {{max}} components, got {{value}}.', { min: PARAMS.components.min, max: PARAMS.components.max, value: Array.isArray(p.means) ? p.means.length : showValue(p.means) });
  for (let i = 0; i < p.means.length; i++) {
    const m = p.means[i];
    if (!Array.isArray(m) || m.length !== 2) return tr('Component mean {{i}} must be two numbers.', { i: i + 1 });
    const bad = checkParam('mean', m[0], tr("Component mean {{i}}'s x₁", { i: i + 1 })) ?? checkParam('mean', m[1], tr("Component mean {{i}}'s x₂", { i: i + 1 }));
    if (bad) return bad;
  }
  return checkParam('sd', p.sd) ?? checkParam('n', p.n) ?? checkParam('seed', p.seed) ?? (p.labelRule === 'median' || p.labelRule === 'parity' ? null : tr('The label rule must be "median" or "parity", got {{value}}.', { value: showValue(p.labelRule) }));
}

/** Throws a clear error when generator parameters are out of range. */
export function validateGenerator(p: GeneratorParams): void {
  const m = generatorProblem(p);
  if (m) throw new RangeError(m);
}

/**
 * Fits the mixture of a data set with known components, when the generator is not known:
 * component means and a pooled per-axis standard deviation in the data's own coordinates.
 */
export function fitMixture(x: ArrayLike<number>, c: ArrayLike<number>, y: ArrayLike<number>): Mixture | undefined {
  const k = Math.max(...Array.from(c)) + 1;
  if (!(k >= 1 && k <= 64)) return undefined;
  const sum = Array.from({ length: k }, () => [0, 0, 0]);
  for (let j = 0; j < c.length; j++) {
    sum[c[j]][0] += x[2 * j];
    sum[c[j]][1] += x[2 * j + 1];
    sum[c[j]][2]++;
  }
  const means = sum.map(([a, b, m]) => [m ? a / m : 0, m ? b / m : 0] as [number, number]);
  const v = [0, 0];
  for (let j = 0; j < c.length; j++) for (let a = 0; a < 2; a++) v[a] += (x[2 * j + a] - means[c[j]][a]) ** 2;
  const dof = Math.max(1, c.length - k);
  // Threshold: the smallest component index whose points are labelled 1.
  let threshold = k;
  for (let j = 0; j < c.length; j++) if (y[j] === 1) threshold = Math.min(threshold, c[j]);
  return { means, sd: [Math.sqrt(v[0] / dof), Math.sqrt(v[1] / dof)], labelThreshold: threshold };
}

/**
 * The paper-toy preset's mixture in its standardised coordinates: the raw means and sd are known,
 * the standardisation is recovered by regressing the per-component sample means on the raw means
 * (x_std = (x_raw − μ̂)/σ̂ per axis is affine).
 */
export function paperToyMixture(d: Dataset): Mixture | undefined {
  if (!d.component) return undefined;
  const fit = fitMixture(d.x, d.component, d.y);
  if (!fit || fit.means.length !== PAPER_TOY_MIXTURE.means.length) return fit;
  const raw = PAPER_TOY_MIXTURE.means;
  const sd: [number, number] = [0, 0];
  const means = raw.map(() => [0, 0] as [number, number]);
  for (let a = 0; a < 2; a++) {
    const xs = raw.map((m) => m[a]);
    const ys = fit.means.map((m) => m[a]);
    const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
    const my = ys.reduce((s, v) => s + v, 0) / ys.length;
    let sxy = 0, sxx = 0;
    for (let i = 0; i < xs.length; i++) {
      sxy += (xs[i] - mx) * (ys[i] - my);
      sxx += (xs[i] - mx) ** 2;
    }
    const slope = sxy / sxx; // = 1/σ̂
    if (!(slope > 0)) return fit;
    for (let i = 0; i < xs.length; i++) means[i][a] = my + slope * (xs[i] - mx);
    sd[a] = PAPER_TOY_MIXTURE.sd * slope;
  }
  return { means, sd, labelThreshold: fit.labelThreshold };
}

/** Draws a fresh labelled sample of size m from a data set's mixture (seeded). */
export function freshSample(mix: Mixture, m: number, seed: number): { n: number; x: Float64Array; y: Uint8Array } {
  const { x, c } = sampleMixture(createRng(seed), mix.means, mix.sd, m);
  const y = new Uint8Array(m);
  for (let j = 0; j < m; j++) y[j] = c[j] >= mix.labelThreshold ? 1 : 0;
  return { n: m, x, y };
}

/** Error raised for a data file that cannot be used; the message names the problem. */
export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}

/** Why a JSON value is not a usable coordinate (null when it is). */
function coordProblem(v: unknown): string | null {
  if (typeof v === 'string') return tr('is the string {{value}}, not a number', { value: showValue(v) });
  if (typeof v !== 'number') return tr('is {{value}}, not a number', { value: showValue(v) });
  if (!Number.isFinite(v)) return tr('is {{value}}, not a finite number', { value: showValue(v) });
  if (!inRange('coord', v)) return tr('is {{value}}, outside ±{{max}} ({{why}})', { value: v, max: PARAMS.coord.max, why: PARAMS.coord.why });
  return null;
}

/**
 * The first problem of a data object's shape (`{x: [...], y: [...]}`: an object, two arrays of
 * equal length, n within the limits), or null. The checks of each point and label are
 * `pointProblem` and `labelProblem`; app/dataSchema composes the same three into a valibot schema.
 */
export function dataShapeProblem(obj: unknown, maxPoints: number = MAX_DATA_POINTS): string | null {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return tr('The data must be a JSON object with keys "x" and "y"; this is {{value}}.', { value: Array.isArray(obj) ? tr('an array') : showValue(obj) });
  const o = obj as Record<string, unknown>;
  if (!Array.isArray(o.x)) return tr('"x" is {{value}}; it must be an array of [x1, x2] pairs.', { value: o.x === undefined ? tr('missing') : showValue(o.x) });
  if (!Array.isArray(o.y)) return tr('"y" is {{value}}; it must be an array of 0/1 labels.', { value: o.y === undefined ? tr('missing') : showValue(o.y) });
  const n = o.x.length;
  if (o.y.length !== n) return tr('"x" has {{n}} points but "y" has {{m}} labels.', { n, m: o.y.length });
  if (n < PARAMS.n.min) return tr('The data needs at least {{min}} points; it has {{n}}.', { min: PARAMS.n.min, n });
  if (n > maxPoints) return maxPoints === MAX_DATA_POINTS ? tr('The data has {{n}} points; at most {{max}} are supported ({{why}}).', { n, max: maxPoints, why: PARAMS.n.why }) : tr('The data has {{n}} points; at most {{max}} are supported.', { n, max: maxPoints });
  return null;
}

/** Why `p`, point j (0-based) of "x", is not a pair of usable coordinates, or null. */
export function pointProblem(p: unknown, j: number): string | null {
  if (!Array.isArray(p) || p.length !== 2) return tr('Point {{j}} of "x" is not a pair [x1, x2] (it is {{value}}).', { j: j + 1, value: showValue(p) });
  for (let a = 0; a < 2; a++) {
    const why = coordProblem(p[a]);
    if (why) return tr('Point {{j}} of "x": x{{a}} {{why}}.', { j: j + 1, a: a + 1, why });
  }
  return null;
}

/** Why `label`, entry j (0-based) of "y", is not a 0/1 label, or null. */
export function labelProblem(label: unknown, j: number): string | null {
  return label === 0 || label === 1 || label === true || label === false ? null : tr('Entry {{j}} of "y" is {{value}}; labels must be 0 or 1.', { j: j + 1, value: showValue(label) });
}

/**
 * Validates a parsed data object `{x: [[x1, x2], ...], y: [0|1, ...], component?: [...]}` (extra keys
 * ignored) and returns a Dataset. Throws DataError naming the first problem found: the shape, then
 * the points of "x" in order, then the labels of "y" in order.
 */
export function datasetFromObject(obj: unknown, name = 'uploaded data', maxPoints: number = MAX_DATA_POINTS): Dataset {
  const shape = dataShapeProblem(obj, maxPoints);
  if (shape) throw new DataError(shape);
  const o = obj as { x: unknown[]; y: unknown[]; component?: unknown; name?: unknown };
  const n = o.x.length;
  const x = new Float64Array(2 * n);
  const y = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const why = pointProblem(o.x[j], j);
    if (why) throw new DataError(why);
    const p = o.x[j] as [number, number];
    x[2 * j] = p[0];
    x[2 * j + 1] = p[1];
  }
  for (let j = 0; j < n; j++) {
    const why = labelProblem(o.y[j], j);
    if (why) throw new DataError(why);
    y[j] = o.y[j] === 1 || o.y[j] === true ? 1 : 0;
  }
  let component: Int32Array | undefined;
  if (Array.isArray(o.component) && o.component.length === n && o.component.every((c) => Number.isInteger(c) && (c as number) >= 0 && (c as number) < 64)) {
    component = Int32Array.from(o.component as number[]);
  }
  const dsName = typeof o.name === 'string' && o.name ? o.name.slice(0, 200) : name;
  // No mixture: a file does not say which distribution its points came from, so no fresh test
  // sample (SPEC §9) can honestly be drawn for it. Presets attach theirs (withPaperToyMixture).
  return { name: dsName, n, x, y, component };
}

/**
 * The paper-toy preset: the shipped file with the mixture it was drawn from (raw means and sd
 * known, standardisation recovered by paperToyMixture). Only the preset loader calls this.
 */
export function withPaperToyMixture(d: Dataset): Dataset {
  const mixture = paperToyMixture(d);
  return mixture ? { ...d, mixture } : d;
}

/** A cell that names a column rather than holding a value (header detection is by content). */
function isNameCell(c: string): boolean {
  return c !== '' && !Number.isFinite(Number(c)) && !/^[-+]?(inf(inity)?|nan|null|true|false|yes|no)$/i.test(c);
}

/** Strict number of a CSV cell: decimal notation only ('0x10', '1_0', 'Infinity' are refused). */
function csvNumber(c: string): number {
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(c) ? Number(c) : NaN;
}

/** One non-blank, non-comment line of a CSV file: its line number (1-based, as the file counts) and cells. */
export interface CsvLine {
  no: number;
  cells: string[];
}

/** Which columns hold x1, x2, y, and their names (for messages). */
export interface CsvColumns {
  cols: number[];
  names: string[];
}

/**
 * Cuts CSV text into lines (CR, LF or CRLF ends; blank and '#' comment lines counted but dropped).
 * Past the largest data set (and a header) the rows are only counted (`extra`), not cut into
 * strings: a 1 MB file of short rows took ~0.5 s to split before it was refused.
 */
export function csvLines(text: string): { lines: CsvLine[]; extra: number } {
  const body = text.replace(/^\uFEFF/, '');
  const lines: CsvLine[] = [];
  let extra = 0;
  let lineNo = 0;
  for (let start = 0; start <= body.length; ) {
    lineNo++;
    let end = start;
    while (end < body.length && body.charCodeAt(end) !== 10 && body.charCodeAt(end) !== 13) end++;
    const next = end + (body.charCodeAt(end) === 13 && body.charCodeAt(end + 1) === 10 ? 2 : 1);
    if (lines.length > MAX_DATA_POINTS + 1) {
      let k = start;
      while (k < end && body.charCodeAt(k) <= 32) k++;
      if (k < end && body.charCodeAt(k) !== 35) extra++;
    } else {
      const l = body.slice(start, end).trim();
      if (l.length > 0 && !l.startsWith('#')) lines.push({ no: lineNo, cells: l.split(/[,;\t]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1')) });
    }
    start = next;
  }
  return { lines, extra };
}

/**
 * Decides the header by content and the columns (removing the header line from `lines`): the first
 * row is a header when every cell of it is a name; a header naming x1, x2 and y picks those columns.
 * Throws DataError for an empty file, a header without rows, or too many rows.
 */
export function csvColumns(lines: CsvLine[], extra: number): CsvColumns {
  if (lines.length === 0) throw new DataError(tr('The CSV file is empty (no rows other than blank or # comment lines).'));
  let cols = [0, 1, 2];
  let names = ['x1', 'x2', 'y'];
  if (lines[0].cells.every(isNameCell)) {
    const h = lines.shift()!.cells.map((c) => c.toLowerCase());
    const idx = ['x1', 'x2', 'y'].map((k) => h.indexOf(k));
    if (idx.every((i) => i >= 0)) cols = idx;
    names = cols.map((c, k) => h[c] ?? ['x1', 'x2', 'y'][k]);
    if (lines.length === 0) throw new DataError(tr('The CSV file has a header row but no data rows.'));
  }
  if (lines.length + extra > MAX_DATA_POINTS) throw new DataError(tr('The data has {{n}} points; at most {{max}} are supported ({{why}}).', { n: lines.length + extra, max: MAX_DATA_POINTS, why: PARAMS.n.why }));
  return { cols, names };
}

/** Why a CSV line is refused (its line and column named), or null when it is a usable row. */
export function csvRowProblem({ no, cells }: CsvLine, { cols, names }: CsvColumns): string | null {
  const need = Math.max(...cols) + 1;
  if (cells.length < need) return tr(cells.length === 1 ? 'line {{line}} has {{n}} column; expected {{need}} (x1,x2,y)' : 'line {{line}} has {{n}} columns; expected {{need}} (x1,x2,y)', { line: no, n: cells.length, need });
  for (let k = 0; k < 2; k++) {
    const c = cells[cols[k]];
    const v = csvNumber(c);
    if (!Number.isFinite(v)) return c === '' ? tr('line {{line}}, column {{col}} ({{name}}): empty is not a finite number', { line: no, col: cols[k] + 1, name: names[k] }) : tr('line {{line}}, column {{col}} ({{name}}): {{value}} is not a finite number', { line: no, col: cols[k] + 1, name: names[k], value: JSON.stringify(c.slice(0, 40)) });
    if (!inRange('coord', v)) return tr('line {{line}}, column {{col}} ({{name}}): {{value}} is outside ±{{max}}', { line: no, col: cols[k] + 1, name: names[k], value: c, max: PARAMS.coord.max });
  }
  const lab = cells[cols[2]];
  if (lab !== '0' && lab !== '1') return lab === '' ? tr('line {{line}}, column {{col}} ({{name}}): the label is empty; labels must be 0 or 1', { line: no, col: cols[2] + 1, name: names[2] }) : tr('line {{line}}, column {{col}} ({{name}}): the label is {{value}}; labels must be 0 or 1', { line: no, col: cols[2] + 1, name: names[2], value: JSON.stringify(lab.slice(0, 40)) });
  return null;
}

/** A usable CSV line's values (csvRowProblem returned null for it). */
export function csvRowValues({ cells }: CsvLine, { cols }: CsvColumns): [number, number, 0 | 1] {
  return [csvNumber(cells[cols[0]]), csvNumber(cells[cols[1]]), cells[cols[2]] === '1' ? 1 : 0];
}

/** The message naming the refused rows: the first three problems, how many more, and the count. */
export function csvRefusal(problems: string[], badRows: number, rows: number): string {
  const shown = problems.slice(0, 3);
  const more = badRows - shown.length;
  const vars = { problems: trCap(trJoin(shown, '; ')), more, bad: badRows, rows };
  return more <= 0 ? tr('{{problems}}. {{bad}} of {{rows}} data rows refused.', vars) : tr(more === 1 ? '{{problems}}; and {{more}} more row. {{bad}} of {{rows}} data rows refused.' : '{{problems}}; and {{more}} more rows. {{bad}} of {{rows}} data rows refused.', vars);
}

/**
 * Parses CSV text with rows `x1,x2,y` (comma, semicolon or tab). The first row is a header when
 * every cell of it is a name (by content, not by position: a headerless file whose first row is
 * bad is refused, not dropped); a header naming x1, x2 and y picks those columns. Lines are
 * counted as the file counts them (blank and '#' comment lines included; CR, LF or CRLF ends), and
 * every refused row is named by its line and column.
 */
export function datasetFromCsv(text: string, name = 'uploaded CSV'): Dataset {
  const { lines, extra } = csvLines(text);
  const columns = csvColumns(lines, extra);
  const xs: number[][] = [];
  const ys: number[] = [];
  const problems: string[] = [];
  let badRows = 0;
  for (const line of lines) {
    const why = csvRowProblem(line, columns);
    if (why) {
      badRows++;
      if (problems.length < 3) problems.push(why);
    } else {
      const [a, b, lab] = csvRowValues(line, columns);
      xs.push([a, b]);
      ys.push(lab);
    }
  }
  if (badRows) throw new DataError(csvRefusal(problems, badRows, lines.length));
  return datasetFromObject({ x: xs, y: ys }, name);
}

/** Deepest nesting a JSON data file may have (object → x → point, one level to spare). */
export const MAX_JSON_DEPTH = 4;

/** The deepest nesting of [ and { outside strings (JSON.parse of 500 000 nested brackets took 0.3 s). */
export function jsonDepth(t: string): number {
  let depth = 0, max = 0, inString = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) max = depth;
      if (max > MAX_JSON_DEPTH) return max;
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}

const showChar = (c: string) => (c === '"' ? `'"'` : JSON.stringify(c));

/**
 * What JSON.parse refused, in words of our own (its messages differ by browser and are English):
 * where the text breaks off, or the line, column and character where parsing stopped.
 */
function jsonProblem(text: string, engine: string): string {
  if (/end of (JSON )?(input|data)|unterminated|unexpected end/i.test(engine)) return tr('The file is not valid JSON: it ends before the data is complete.');
  const body = text.replace(/^\uFEFF/, '');
  const lead = body.length - body.trimStart().length;
  const at = /position (\d+)/.exec(engine);
  const lc = /line (\d+) column (\d+)/.exec(engine);
  let i = at ? lead + Number(at[1]) : -1;
  if (i < 0 && lc) {
    const lines = body.slice(lead).split('\n');
    i = lead + lines.slice(0, Number(lc[1]) - 1).reduce((a, l) => a + l.length + 1, 0) + Number(lc[2]) - 1;
  }
  if (i >= body.trimEnd().length) return tr('The file is not valid JSON: it ends before the data is complete.');
  if (i < 0) {
    const tok = /unexpected (?:token|character) '?(.)'?/i.exec(engine);
    return tok ? tr('The file is not valid JSON: unexpected {{char}}.', { char: showChar(tok[1]) }) : tr('The file is not valid JSON ({{error}}).', { error: engine });
  }
  const before = body.slice(0, i);
  const line = before.split(/\r\n|\r|\n/).length;
  const col = i - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return tr('The file is not valid JSON: unexpected {{char}} at line {{line}}, column {{col}}.', { char: showChar(body[i]), line, col });
}

/** Why `text` cannot be a data file before a character of it is read (not text, or too long), or null. */
export function dataTextProblem(text: unknown): string | null {
  if (typeof text !== 'string') return tr('The data must be text, got {{value}}.', { value: showValue(text) });
  if (text.length > MAX_DATA_BYTES) return tr('The file has {{n}} characters; data files are limited to {{max}} bytes ({{why}}).', { n: text.length, max: MAX_DATA_BYTES, why: PARAMS.fileBytes.why });
  return null;
}

/**
 * A data file's text sorted by content, before its rows are checked: the parsed JSON value, or the
 * CSV text. Throws DataError for what is not text, too long (checked first: it costs nothing), empty,
 * nested deeper than a data file (checked before JSON.parse) or not valid JSON.
 */
export function dataTextForm(text: unknown): { json: unknown } | { csv: string } {
  const size = dataTextProblem(text);
  if (size) throw new DataError(size);
  if (typeof text !== 'string') throw new DataError(size ?? '');
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t.length === 0) throw new DataError(tr('The file is empty.'));
  if (!/^([{["]|null$|true$|false$)/.test(t)) return { csv: text };
  const depth = jsonDepth(t);
  if (depth > MAX_JSON_DEPTH) throw new DataError(tr('The file is JSON nested {{depth}} levels deep; a data file {x: [[x1, x2], …], y: […]} needs {{need}}.', { depth, need: MAX_JSON_DEPTH - 1 }));
  try {
    return { json: JSON.parse(t) as unknown };
  } catch (e) {
    throw new DataError(jsonProblem(text, (e as Error).message));
  }
}

/** Parses a data file's text, JSON or CSV by content (the CLI's and the tests' loader; the page parses in a worker, app/dataSchema). */
export function parseDataFile(text: string, name = 'uploaded data'): Dataset {
  const form = dataTextForm(text);
  return 'json' in form ? datasetFromObject(form.json, name) : datasetFromCsv(form.csv, name);
}

/** Serialises a data set to the JSON file format (round-trips through datasetFromObject). */
export function datasetToObject(d: Dataset) {
  const x: [number, number][] = [];
  for (let j = 0; j < d.n; j++) x.push([d.x[2 * j], d.x[2 * j + 1]]);
  return { name: d.name, x, y: Array.from(d.y), ...(d.component ? { component: Array.from(d.component) } : {}) };
}
