/**
 * Experiments (SPEC §7, §9): a design — a training configuration, optionally swept over batch
 * size, learning rate or method, repeated R times from seeded starts (and optionally on freshly
 * resampled training sets) — expanded into runs, and the statistics the Experiments view shows.
 * Pure: no tfjs, no store.
 */
import { createRng } from './rng';
import { PARAMS, checkParam, inRange } from './params';
import { tr } from './words';

export type ExperimentMethod = 'gd' | 'sgd' | 'perturbed';
export type SweepParam = 'batch' | 'lr' | 'method';
export type Schedule = 'constant' | 'cosine' | 'step';

/** An experiment design (the shape `pacscape.experiment(design)` takes). */
export interface ExperimentDesign {
  method: ExperimentMethod;
  lr: number;
  batch: number;
  steps: number;
  repeats: number;
  seed: number;
  /** 'random': uniform in the view's window (seeded); or a list of starts used in turn. */
  starts: 'random' | [number, number][];
  /** A fresh n-point training sample of the data set's mixture per repeat. */
  resample: boolean;
  sweep?: { param: SweepParam; values: (number | ExperimentMethod)[] };
  /** Size of the fresh test sample (the same one for every run of the experiment). */
  testN: number;
  /** Learning-rate schedule over the steps (default constant; only constant runs match `pacscape.train`). */
  schedule?: Schedule;
}

/** One configuration of a design (one point of the sweep). */
export interface ExperimentConfig {
  index: number;
  label: string;
  method: ExperimentMethod;
  lr: number;
  batch: number;
  steps: number;
  schedule: Schedule;
}

/** One run of a design: configuration, repeat, seed, start and training-sample seed. */
export interface ExperimentRunSpec {
  config: number;
  run: number;
  seed: number;
  start: [number, number];
  /** Seed of the run's fresh training sample (resample on), or null (the loaded data set). */
  sampleSeed: number | null;
}

export const DEFAULT_DESIGN: ExperimentDesign = {
  method: 'sgd',
  lr: 1,
  batch: 16,
  steps: 500,
  repeats: 64,
  seed: 1,
  starts: 'random',
  resample: false,
  testN: 20000,
  schedule: 'constant',
};

export const MAX_EXPERIMENT_RUNS = 8192;
export const MAX_REPEATS = PARAMS.repeats.max;
export const METHODS: readonly ExperimentMethod[] = ['gd', 'sgd', 'perturbed'];

/** Fills the defaults of a partial design and checks every value; throws a readable error. */
export function normalizeDesign(d: Partial<ExperimentDesign>): ExperimentDesign {
  const o: ExperimentDesign = { ...DEFAULT_DESIGN, ...d } as ExperimentDesign;
  if (!METHODS.includes(o.method)) throw new Error(tr('Unknown method "{{value}}" (use gd, sgd or perturbed).', { value: String(o.method) }));
  // Every bound from the one parameter table (core/params), the same as pacscape.train's.
  const lrOk = (x: unknown) => inRange('lr', x);
  const batchOk = (x: unknown) => inRange('batch', x);
  const bad = checkParam('lr', o.lr) ?? checkParam('batch', o.batch) ?? checkParam('steps', o.steps) ?? checkParam('repeats', o.repeats) ?? checkParam('seed', o.seed) ?? checkParam('testN', o.testN);
  if (bad) throw new Error(bad);
  if (o.schedule === undefined) o.schedule = 'constant';
  if (!['constant', 'cosine', 'step'].includes(o.schedule)) throw new Error(tr('The schedule must be constant, cosine or step.'));
  o.resample = !!o.resample;
  if (o.starts !== 'random') {
    if (!Array.isArray(o.starts) || !o.starts.length || !o.starts.every((s) => Array.isArray(s) && s.length === 2 && s.every((v) => inRange('w', v))))
      throw new Error(tr("starts must be 'random' or a non-empty list of [w1, w2] pairs with |w| ≤ {{max}}.", { max: PARAMS.w.max }));
    o.starts = o.starts.map((s) => [s[0], s[1]] as [number, number]);
  }
  if (o.sweep) {
    const { param, values } = o.sweep;
    if (!['batch', 'lr', 'method'].includes(param)) throw new Error(tr('sweep.param must be batch, lr or method.'));
    if (!Array.isArray(values) || !values.length || values.length > 16) throw new Error(tr('sweep.values must list 1 to 16 values.'));
    const ok = param === 'lr' ? lrOk : param === 'batch' ? batchOk : (x: unknown) => METHODS.includes(x as ExperimentMethod);
    const bad = values.find((v) => !ok(v));
    if (bad !== undefined) throw new Error(tr('sweep value {{value}} is not a valid {{key}}.', { value: String(bad), key: param }));
    o.sweep = { param, values: [...values] };
  } else delete o.sweep;
  if (configsOf(o).length * o.repeats > MAX_EXPERIMENT_RUNS) throw new Error(tr('At most {{max}} runs per experiment (configurations × repeats).', { max: MAX_EXPERIMENT_RUNS }));
  return o;
}

function configLabel(c: Omit<ExperimentConfig, 'index' | 'label'>, param: SweepParam | null): string {
  if (param === 'batch') return `batch ${c.batch}`;
  if (param === 'lr') return `lr ${c.lr}`;
  if (param === 'method') return c.method === 'perturbed' ? 'perturbed' : c.method === 'sgd' ? `SGD b=${c.batch}` : 'GD';
  return c.method === 'sgd' ? `SGD b=${c.batch} lr=${c.lr}` : `${c.method} lr=${c.lr}`;
}

/** The configurations of a design, in sweep order (one without a sweep). */
export function configsOf(d: ExperimentDesign): ExperimentConfig[] {
  const base = { method: d.method, lr: d.lr, batch: d.batch, steps: d.steps, schedule: d.schedule ?? 'constant' };
  const list = d.sweep ? d.sweep.values.map((v) => ({ ...base, [d.sweep!.param]: v })) : [base];
  return list.map((c, index) => ({ ...c, index, label: configLabel(c, d.sweep?.param ?? null) }));
}

/** A 32-bit hash of (seed, i, salt) (murmur3's finaliser), for derived seeds. */
export function mixSeed(seed: number, i: number, salt: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The runs of a design: repeat r of every configuration has the same training seed
 * (mixSeed(seed, r, 1)), start and training sample, so configurations differ only in their
 * setting. Random starts: uniform in the window from createRng(mixSeed(seed, 0, 2)), two
 * uniforms per repeat (w1 then w2). Resampled training sets: sample seed mixSeed(seed, r, 3).
 */
export function expandRuns(d: ExperimentDesign, w1Range: readonly [number, number], w2Range: readonly [number, number]): ExperimentRunSpec[] {
  const starts: [number, number][] = [];
  if (d.starts === 'random') {
    const rng = createRng(mixSeed(d.seed, 0, 2));
    for (let r = 0; r < d.repeats; r++) {
      const a = rng.uniform(), b = rng.uniform();
      starts.push([w1Range[0] + a * (w1Range[1] - w1Range[0]), w2Range[0] + b * (w2Range[1] - w2Range[0])]);
    }
  } else for (let r = 0; r < d.repeats; r++) starts.push(d.starts[r % d.starts.length]);
  const out: ExperimentRunSpec[] = [];
  for (const c of configsOf(d))
    for (let r = 0; r < d.repeats; r++) out.push({ config: c.index, run: r, seed: mixSeed(d.seed, r, 1), start: [starts[r][0], starts[r][1]], sampleSeed: d.resample ? mixSeed(d.seed, r, 3) : null });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Statistics

/** Mean and a 95 % interval of the mean (Student t with n − 1 degrees of freedom). */
export function meanInterval(xs: readonly number[]): { mean: number; lo: number; hi: number; n: number; sd: number } {
  const v = xs.filter(Number.isFinite);
  const n = v.length;
  if (!n) return { mean: NaN, lo: NaN, hi: NaN, n: 0, sd: NaN };
  const mean = v.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, lo: mean, hi: mean, n, sd: 0 };
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const h = tQuantile975(n - 1) * (sd / Math.sqrt(n));
  return { mean, lo: mean - h, hi: mean + h, n, sd };
}

/** The 97.5 % quantile of Student's t with `df` degrees of freedom (table, then Cornish–Fisher). */
export function tQuantile975(df: number): number {
  const table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];
  if (df >= 1 && df <= 30) return table[Math.round(df) - 1];
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

// ---------------------------------------------------------------------------------------------
// Summaries and export

/** The per-run values an experiment summary reads (a subset of the app's row). */
export interface RowValues {
  config: number;
  trainLoss: number;
  testLoss: number;
  gap: number;
  psi: number;
  bound: number;
  lambdaMax: number;
  trainAcc: number;
  testAcc: number;
  basin: number | null;
}

export const SUMMARY_KEYS = ['psi', 'gap', 'trainLoss', 'testLoss', 'bound', 'lambdaMax', 'trainAcc', 'testAcc'] as const;
export type SummaryKey = (typeof SUMMARY_KEYS)[number];

export interface ConfigSummary {
  config: number;
  runs: number;
  stats: Record<SummaryKey, ReturnType<typeof meanInterval>>;
  /** Fraction of runs per basin index (key 'none': no listed minimum reached). */
  basins: Record<string, number>;
}

/** Mean ± 95 % interval of every summary key and the basin fractions, per configuration. */
export function summarize(rows: readonly RowValues[], configs: number): ConfigSummary[] {
  const out: ConfigSummary[] = [];
  for (let c = 0; c < configs; c++) {
    const rs = rows.filter((r) => r.config === c);
    const stats = {} as ConfigSummary['stats'];
    for (const k of SUMMARY_KEYS) stats[k] = meanInterval(rs.map((r) => r[k]));
    const basins: Record<string, number> = {};
    for (const r of rs) {
      const key = r.basin === null ? 'none' : String(r.basin);
      basins[key] = (basins[key] ?? 0) + 1 / rs.length;
    }
    out.push({ config: c, runs: rs.length, stats, basins });
  }
  return out;
}

/** Rows as CSV: one line per run, the columns in the order of the first row's keys ([a, b] pairs split into _1, _2). */
export function rowsToCsv(rows: readonly Record<string, unknown>[]): string {
  if (!rows.length) return '';
  const keys = Object.keys(rows[0]);
  const head: string[] = [];
  for (const k of keys) {
    const v = rows[0][k];
    if (Array.isArray(v)) head.push(`${k}_1`, `${k}_2`);
    else head.push(k);
  }
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v));
  const lines = [head.join(',')];
  for (const r of rows) {
    const cells: string[] = [];
    for (const k of keys) {
      const v = r[k];
      if (Array.isArray(v)) cells.push(cell(v[0]), cell(v[1]));
      else cells.push(cell(v));
    }
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// The design in a link

const num = (x: number) => String(Number(x.toPrecision(8)));

/**
 * A design as a link value: `method,lr,batch,steps,repeats,seed,starts,resample,testN,schedule[,sweepParam,v;v;…]`
 * with starts `r` (random) or `w1_w2;w1_w2;…` and resample 0/1, e.g.
 * `sgd,1,16,500,64,1,r,0,20000,constant,batch,1;4;16;64;100`.
 */
export function encodeDesign(d: ExperimentDesign): string {
  const starts = d.starts === 'random' ? 'r' : d.starts.map((s) => `${num(s[0])}_${num(s[1])}`).join(';');
  const parts = [d.method, num(d.lr), String(d.batch), String(d.steps), String(d.repeats), String(d.seed), starts, d.resample ? '1' : '0', String(d.testN), d.schedule ?? 'constant'];
  if (d.sweep) parts.push(d.sweep.param, d.sweep.values.map((v) => (typeof v === 'number' ? num(v) : v)).join(';'));
  return parts.join(',');
}

/** The design of a link value (`encodeDesign`'s format); throws a readable error. */
export function decodeDesign(text: string): ExperimentDesign {
  const p = text.split(',');
  if (p.length !== 10 && p.length !== 12) throw new Error(tr('an experiment design has 10 or 12 comma-separated fields.'));
  const number = (t: string, what: string) => {
    const v = Number(t);
    if (t.trim() === '' || !Number.isFinite(v)) throw new Error(tr('{{what}} "{{value}}" is not a number.', { what, value: t.slice(0, 20) }));
    return v;
  };
  const starts: ExperimentDesign['starts'] =
    p[6] === 'r'
      ? 'random'
      : p[6].split(';').map((s) => {
          const [a, b] = s.split('_');
          return [number(a, tr('a start')), number(b ?? '', tr('a start'))] as [number, number];
        });
  const d: Partial<ExperimentDesign> = {
    method: p[0] as ExperimentMethod,
    lr: number(p[1], 'lr'),
    batch: number(p[2], 'batch'),
    steps: number(p[3], 'steps'),
    repeats: number(p[4], 'repeats'),
    seed: number(p[5], 'seed'),
    starts,
    resample: p[7] === '1',
    testN: number(p[8], 'testN'),
    schedule: p[9] as Schedule,
  };
  if (p.length === 12) {
    const param = p[10] as SweepParam;
    d.sweep = { param, values: p[11].split(';').map((v) => (param === 'method' ? (v as ExperimentMethod) : number(v, 'a sweep value'))) };
  }
  return normalizeDesign(d);
}
