/**
 * The parameter table: every limit, default and unit PACscape accepts, in one place. The grid
 * job check (core/grid.validateJob), the data loader (core/data), the link codec
 * (core/urlCodec), the store, the UI inputs (min/max/step and messages), `window.pacscape` and
 * the CLI all read their bounds and messages from here, so a value one entrance accepts is
 * accepted by all of them, and README's limits table is generated from `limitsTableMarkdown()`
 * (a unit test keeps the two equal).
 *
 * Each entry says why its bound is where it is. Several are set by the float32 WebGL engine:
 * where a value would make the GPU grid disagree with the float64 core (SPEC §10 tolerances),
 * the limit excludes it rather than show a number that is not the metric.
 */
import { STORY_STEP_COUNT } from './storyText';
import { tr } from './words';

/** One numeric parameter: its bounds (closed unless marked open), default, unit and reason. */
export interface NumParam {
  /** Name used in messages ("Depth", "γ", …). */
  label: string;
  /** Unit or kind, for the README table. */
  unit: string;
  min: number;
  max: number;
  /** true: min itself is refused (v > min). */
  minOpen?: boolean;
  /** true: max itself is refused (v < max). */
  maxOpen?: boolean;
  integer?: boolean;
  /** Start-up value (undefined where there is none). */
  default?: number;
  /** Step of the UI input. */
  step?: number;
  /** Why the bound is where it is. */
  why: string;
}

const p = <T extends Record<string, NumParam>>(t: T) => t;

export const PARAMS = p({
  depth: { label: 'Depth', unit: 'layers D', min: 1, max: 8, integer: true, default: 5, step: 1, why: 'layers sharing the two weights; the float32 engine is checked against core up to D = 8' },
  gamma: { label: 'γ', unit: 'box scale (dimensionless)', min: 0, max: 10, default: 0.1, step: 0.01, why: 'κᵢ = γ|wᵢ| + ε; boxes wider than half the grid are clipped at its extended edge (the view panel says so)' },
  eps: {
    label: 'ε',
    unit: 'box floor (parameter units)',
    min: 1e-3,
    max: 10,
    default: 0.1,
    step: 0.01,
    why: 'κ > 0 at w = 0 needs ε > 0; below 1e-3 the float32 engine cannot tell the 5×5 stencil points apart (at ε = 1e-40 κ underflows to 0 and Ψ becomes non-finite on the GPU)',
  },
  delta: { label: 'δ', unit: 'confidence of the bound', min: 1e-10, max: 0.5, default: 0.05, step: 0.01, why: 'log(2n/δ) must be finite in float32 and float64 (δ = 1e-307 made the bound infinite); a bound holding with probability below 1/2 says little' },
  res: { label: 'The grid resolution', unit: 'nodes per axis', min: 8, max: 512, integer: true, default: 256, step: 1, why: '512² takes ~5 s on software WebGL (see Performance); 8 is the coarsest grid links accepted before (the controls offered 64, scripts and the CLI 2)' },
  w: {
    label: 'w',
    unit: 'weight (grid ranges, marker, pins)',
    min: -20,
    max: 20,
    default: 0,
    step: 0.1,
    why: 'the float32 GPU grid matches the float64 core within SPEC §10 up to |w| = 20 (measured: Ψ 2e-3, bound 2e-5, ρ 1.8 %); at ±50 ρ was off by 100× and Ψ by 4.5',
  },
  span: { label: 'The range width', unit: 'hi − lo of a grid range', min: 0.05, max: 40, step: 0.1, why: 'the node spacing must stay many float32 ulps wide at |w| = 20' },
  pins: { label: 'Pins', unit: 'pinned points', min: 0, max: 4, integer: true, default: 0, why: 'the comparison table shows 4 columns' },
  n: {
    label: 'n',
    unit: 'training points (files, generator, scripts)',
    min: 2,
    max: 1000,
    integer: true,
    default: 100,
    step: 1,
    why: 'every grid node costs O(n): the 256² grid takes 1.2 s at n = 100 (Performance), so ~12 s at n = 1000; at n = 100 000 the first grid took 416 s and the page froze, so the limit was lowered from 100 000',
  },
  fileBytes: { label: 'A data file', unit: 'bytes', min: 0, max: 1_048_576, integer: true, why: '1000 points take < 50 kB; the size is checked before the file is read' },
  coord: { label: 'A data coordinate', unit: 'x₁, x₂ of a data point', min: -1000, max: 1000, why: 'w·x stays in float32 range through every layer (coordinates of 1e20 made the GPU grid non-finite)' },
  components: { label: 'The mixture', unit: 'generator components k', min: 1, max: 8, integer: true, default: 3, step: 1, why: 'the generator panel draws up to 8 means' },
  mean: { label: 'A component mean', unit: 'generator, raw units', min: -1000, max: 1000, why: 'the same bound as data coordinates (the generator standardises afterwards)' },
  sd: { label: 'The standard deviation', unit: 'generator, raw units', min: 0, minOpen: true, max: 100, default: 0.88, step: 0.01, why: 'a positive spread' },
  seed: { label: 'The seed', unit: 'generator / training seed', min: 0, max: 0xffffffff, integer: true, default: 1, step: 1, why: 'a 32-bit unsigned integer' },
  story: { label: 'The story step', unit: 'guided-story step (1-based)', min: 1, max: STORY_STEP_COUNT, integer: true, why: `the story has ${STORY_STEP_COUNT} steps (core/storyText)` },
  camera: { label: 'A camera coordinate', unit: 'scene units', min: -1e4, max: 1e4, why: 'far beyond any useful view' },
  hashChars: { label: 'The link', unit: 'characters after #', min: 0, max: 8192, integer: true, why: 'longer links are refused whole' },
  cutPoint: { label: 'A cut point', unit: 'weight (cut through-point and ends)', min: -50, max: 50, why: 'cuts are core/ float64 evaluations (no grid), so they may reach past |w| = 20' },
  cutPoints: { label: 'k (points per cut)', unit: 'points of a cut', min: 2, max: 2001, integer: true, default: 101, step: 1, why: 'each point costs one loss evaluation per data point; 2001 keeps a cut under a frame' },
  cutHalfWidth: { label: 'The cut half-width', unit: 'weight units (± h along each cut)', min: 0, minOpen: true, max: 100, default: 1, step: 0.1, why: 'cuts are core/ float64 evaluations (no grid), so they may reach past |w| = 20; ±100 spans any useful view' },
  captureScale: { label: 'The capture scale', unit: 'PNG pixel ratio', min: 1, max: 2, integer: true, default: 1, why: '1× or 2× the view (the README promises 1 or 2)' },
  lr: { label: 'The learning rate', unit: 'training step size', min: 0, minOpen: true, max: 100, default: 1, step: 0.05, why: 'the trainer refuses larger steps' },
  steps: { label: 'Steps', unit: 'training steps per run', min: 1, max: 5000, integer: true, default: 200, step: 1, why: 'a run records every step; 5000 keep the path and chart responsive' },
  batch: { label: 'The batch size', unit: 'SGD points per step', min: 1, max: 1000, integer: true, default: 16, step: 1, why: 'at most n' },
  repeats: { label: 'Repeats', unit: 'experiment runs per configuration', min: 1, max: 4096, integer: true, step: 1, why: 'an experiment trains at most 8192 runs (configurations × repeats) as one ensemble' },
  testN: { label: 'testN', unit: 'fresh test points of an experiment', min: 1, max: 100_000, integer: true, step: 1, why: 'the test loss of every run costs O(testN) per step' },
});

export type ParamKey = keyof typeof PARAMS;

/** Shortest decimal form of a bound, for messages ("0.001", "1e-10", "4294967295"). */
export function fmtBound(v: number): string {
  return v !== 0 && Math.abs(v) < 1e-4 ? v.toExponential() : String(v);
}

/** The allowed range in words: "an integer from 1 to 8", "a number from 0.001 to 10", … */
export function rangeText(key: ParamKey): string {
  const q: NumParam = PARAMS[key];
  if (key === 'w' || key === 'coord' || key === 'mean' || key === 'camera' || key === 'cutPoint') return tr('a number within ±{{max}}', { max: fmtBound(q.max) });
  const v = { min: fmtBound(q.min), max: fmtBound(q.max) };
  if (q.integer) {
    if (q.minOpen) return q.maxOpen ? tr('an integer greater than {{min}} and below {{max}}', v) : tr('an integer greater than {{min}} and at most {{max}}', v);
    return q.maxOpen ? tr('an integer from {{min}} below {{max}}', v) : tr('an integer from {{min}} to {{max}}', v);
  }
  if (q.minOpen) return q.maxOpen ? tr('a number greater than {{min}} and below {{max}}', v) : tr('a number greater than {{min}} and at most {{max}}', v);
  return q.maxOpen ? tr('a number from {{min}} below {{max}}', v) : tr('a number from {{min}} to {{max}}', v);
}

/** Shows a refused value briefly and safely (no huge strings, no raw objects). */
export function showValue(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (v === undefined) return tr('nothing');
  if (v === null) return 'null';
  if (Array.isArray(v)) return tr('an array of {{n}}', { n: v.length });
  return typeof v;
}

/** True when v is a number the parameter accepts. */
export function inRange(key: ParamKey, v: unknown): v is number {
  const q: NumParam = PARAMS[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  if (q.integer && !Number.isInteger(v)) return false;
  if (q.minOpen ? !(v > q.min) : !(v >= q.min)) return false;
  if (q.maxOpen ? !(v < q.max) : !(v <= q.max)) return false;
  return true;
}

/**
 * null when v is acceptable, else the message "<label> must be <range>, got <v>."
 * `label` overrides the table's name (e.g. "The marker's w1", "--gamma").
 */
export function checkParam(key: ParamKey, v: unknown, label: string = PARAMS[key].label): string | null {
  if (inRange(key, v)) return null;
  return tr('{{label}} must be {{range}}, got {{value}}.', { label, range: rangeText(key), value: showValue(v) });
}

/** Throws checkParam's message. */
export function requireParam(key: ParamKey, v: unknown, label?: string): number {
  const m = checkParam(key, v, label);
  if (m) throw new RangeError(m);
  return v as number;
}

/**
 * Parses a decimal number strictly, as links, the CLI and the UI inputs read them: an optional
 * sign ('+3' is 3), digits with an optional point, an optional exponent. '', 'abc', '1x', '0x10',
 * 'Infinity', 'NaN', '1_000' and spaces inside give NaN.
 */
export function parseDecimal(t: string): number {
  const s = t.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return NaN;
  return Number(s);
}

/** Checks a point (marker, pin, start of a run): two numbers within ±w.max. */
export function checkPoint(w: unknown, what: string): string | null {
  if (!Array.isArray(w) || w.length !== 2) return tr('{{what}} needs two numbers (w1, w2), got {{value}}.', { what, value: showValue(w) });
  for (let a = 0; a < 2; a++) {
    const m = checkParam('w', w[a], tr("{{what}}'s w{{a}}", { what, a: a + 1 }));
    if (m) return m;
  }
  return null;
}

/** Checks a grid range [lo, hi]: both within ±w.max, hi − lo at least span.min. */
export function checkRangePair(r: unknown, what: string): string | null {
  if (!Array.isArray(r) || r.length !== 2 || !r.every((v) => typeof v === 'number' && Number.isFinite(v))) return tr('{{what}} needs two finite numbers [lo, hi], got {{value}}.', { what, value: showValue(r) });
  const M = PARAMS.w.max;
  if (Math.abs(r[0]) > M || Math.abs(r[1]) > M) return tr('{{what}} must lie within ±{{max}}, got [{{value}}].', { what, max: M, value: r.join(', ') });
  if (!(r[1] - r[0] >= PARAMS.span.min)) return tr('{{what}} must go from low to high and span at least {{span}}, got [{{value}}].', { what, span: PARAMS.span.min, value: r.join(', ') });
  return null;
}

/** HTML input attributes of a parameter (min, max, step). */
export function inputAttrs(key: ParamKey): { min: number; max: number; step: number | 'any' } {
  const q: NumParam = PARAMS[key];
  return { min: q.min, max: q.max, step: q.integer ? 1 : (q.step ?? 'any') };
}

/** README's limits table (Markdown), generated from PARAMS. */
export function limitsTableMarkdown(): string {
  const rows = (Object.keys(PARAMS) as ParamKey[]).map((k) => {
    const q: NumParam = PARAMS[k];
    const cell = (t: string) => t.replace(/\|/g, '\\|');
    return `| \`${k}\` | ${cell(q.unit)} | ${rangeText(k)} | ${q.default === undefined ? '–' : fmtBound(q.default)} | ${cell(q.why)} |`;
  });
  return ['| key | what | accepted | default | why |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
