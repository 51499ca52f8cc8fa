/**
 * Data sets (SPEC §1): the seeded Gaussian-mixture generator, the median label rule,
 * standardisation, and loading/validating user files (JSON `{x, y}` or CSV `x1,x2,y`).
 */
import { createRng, type Rng } from './rng';
import type { Sample } from './jets';

/** Files larger than this many points are refused (the landscape costs O(n) per grid node). */
export const MAX_DATA_POINTS = 100_000;

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

/** Throws a clear error when generator parameters are out of range. */
export function validateGenerator(p: GeneratorParams): void {
  if (!Array.isArray(p.means) || p.means.length < 1 || p.means.length > 8) throw new Error('The mixture needs 1 to 8 components.');
  for (const m of p.means) if (!Array.isArray(m) || m.length !== 2 || !m.every(Number.isFinite)) throw new Error('Each component mean must be two finite numbers.');
  if (!(p.sd > 0 && p.sd <= 100)) throw new Error('The standard deviation must be in (0, 100].');
  if (!Number.isInteger(p.n) || p.n < 2 || p.n > MAX_DATA_POINTS) throw new Error(`n must be an integer from 2 to ${MAX_DATA_POINTS}.`);
  if (!Number.isInteger(p.seed) || p.seed < 0 || p.seed > 0xffffffff) throw new Error('The seed must be an integer from 0 to 4294967295.');
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

/**
 * Validates a parsed data object `{x: [[x1, x2], ...], y: [0|1, ...], component?: [...]}` (extra keys
 * ignored) and returns a Dataset. Throws DataError naming the first problem found.
 */
export function datasetFromObject(obj: unknown, name = 'uploaded data'): Dataset {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new DataError('The data must be a JSON object with keys "x" and "y".');
  const o = obj as Record<string, unknown>;
  if (!Array.isArray(o.x)) throw new DataError('"x" is missing or is not an array of [x1, x2] pairs.');
  if (!Array.isArray(o.y)) throw new DataError('"y" is missing or is not an array of 0/1 labels.');
  const n = o.x.length;
  if (o.y.length !== n) throw new DataError(`"x" has ${n} points but "y" has ${o.y.length} labels.`);
  if (n < 2) throw new DataError(`The data needs at least 2 points; it has ${n}.`);
  if (n > MAX_DATA_POINTS) throw new DataError(`The data has ${n} points; at most ${MAX_DATA_POINTS} are supported.`);
  const x = new Float64Array(2 * n);
  const y = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const p = o.x[j] as unknown;
    if (!Array.isArray(p) || p.length !== 2) throw new DataError(`Point ${j + 1} of "x" is not a pair [x1, x2].`);
    for (let a = 0; a < 2; a++) {
      const v = p[a];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new DataError(`Point ${j + 1} of "x" has a non-finite coordinate (${String(v)}).`);
      x[2 * j + a] = v;
    }
    const label = o.y[j];
    if (label !== 0 && label !== 1 && label !== true && label !== false) throw new DataError(`Label ${j + 1} is ${JSON.stringify(label)}; labels must be 0 or 1.`);
    y[j] = label === 1 || label === true ? 1 : 0;
  }
  let component: Int32Array | undefined;
  if (Array.isArray(o.component) && o.component.length === n && o.component.every((c) => Number.isInteger(c) && (c as number) >= 0 && (c as number) < 64)) {
    component = Int32Array.from(o.component as number[]);
  }
  const dsName = typeof o.name === 'string' && o.name ? o.name : name;
  const base: Dataset = { name: dsName, n, x, y, component };
  const mixture = component ? (dsName === 'paper-toy' ? paperToyMixture(base) : fitMixture(x, component, y)) : fitMixture(x, y, y);
  return { ...base, mixture };
}

/** Parses CSV text with rows `x1,x2,y` (an optional header row is skipped). */
export function datasetFromCsv(text: string, name = 'uploaded CSV'): Dataset {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('#'));
  if (lines.length === 0) throw new DataError('The CSV file is empty.');
  const rows: string[][] = lines.map((l) => l.split(/[,;\t]/).map((c) => c.trim()));
  if (rows[0].some((c) => c !== '' && !Number.isFinite(Number(c)))) rows.shift();
  if (rows.length > MAX_DATA_POINTS) throw new DataError(`The data has ${rows.length} points; at most ${MAX_DATA_POINTS} are supported.`);
  const xs: number[][] = [];
  const ys: number[] = [];
  rows.forEach((r, i) => {
    if (r.length < 3) throw new DataError(`CSV row ${i + 1} has ${r.length} columns; expected x1,x2,y.`);
    const v = r.slice(0, 3).map((c) => (c === '' ? NaN : Number(c)));
    if (!Number.isFinite(v[0]) || !Number.isFinite(v[1])) throw new DataError(`CSV row ${i + 1} has a non-numeric or non-finite coordinate.`);
    xs.push([v[0], v[1]]);
    ys.push(v[2]);
  });
  return datasetFromObject({ x: xs, y: ys }, name);
}

/** Parses a data file's text, JSON or CSV by content. */
export function parseDataFile(text: string, name = 'uploaded data'): Dataset {
  const t = text.trim();
  if (t.length === 0) throw new DataError('The file is empty.');
  if (t.startsWith('{') || t.startsWith('[')) {
    let obj: unknown;
    try {
      obj = JSON.parse(t);
    } catch (e) {
      throw new DataError(`The file is not valid JSON: ${(e as Error).message}`);
    }
    return datasetFromObject(obj, name);
  }
  return datasetFromCsv(t, name);
}

/** Serialises a data set to the JSON file format (round-trips through datasetFromObject). */
export function datasetToObject(d: Dataset) {
  const x: [number, number][] = [];
  for (let j = 0; j < d.n; j++) x.push([d.x[2 * j], d.x[2 * j + 1]]);
  return { name: d.name, x, y: Array.from(d.y), ...(d.component ? { component: Array.from(d.component) } : {}) };
}
