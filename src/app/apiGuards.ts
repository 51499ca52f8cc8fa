/**
 * Argument checks of `window.pacscape`'s entrances: valibot schemas built from the one parameter
 * table (core/params: bounds, labels and the range wording come from there, never written twice).
 * `registerApi` wraps every function named here: a call with a bad argument is refused before it
 * reaches the app, with a message naming the function and the argument, and leaves the page as
 * it was (a synchronous function throws a RangeError; one that returns a promise rejects).
 *
 * Every function the page registers has an entry (a browser test lists `window.pacscape` and
 * fails on one without): those that take nothing refuse any argument given, so a call that
 * meant something else (`marker(1, 2)` for `setMarker`) is not silently a read. `story` and
 * `storyText` check their step themselves (they never throw: the page shows the refusal).
 *
 */
import { tr } from '../core/words';
import * as v from 'valibot';
import { PARAMS, checkParam, rangeText, showValue, type NumParam, type ParamKey } from '../core/params';
import { tr as fill } from '../core/words';

/**
 * Fills a message template. The API's own messages are for scripts (English, like the function and
 * key names they cite), so they are not catalogue keys; the parameter sentences inside them are
 * core/params' (`checkParam`), which are.
 */
const say = (template: string, vars?: Record<string, string | number>) => fill(template, vars);
import { COLOUR_FIELDS } from '../core/fields';
import { knownDataIds } from '../core/presets';
import { PSI_GAP_MEASURES } from '../core/psiGap';
import { METHODS } from '../core/experiment';
import { dataFileSchema } from './dataSchema';

type Check = (args: unknown[]) => string | null;
type Schema = v.GenericSchema;

/** A number the parameter `key` accepts; every failure says "<label> must be <range>, got <v>." (checkParam's sentence). */
export function param(key: ParamKey, label: string = PARAMS[key].label) {
  const q: NumParam = PARAMS[key];
  const msg = (i: v.BaseIssue<unknown>) => checkParam(key, i.input, label) ?? say('{{label}} must be {{range}}, got {{value}}.', { label, range: rangeText(key), value: showValue(i.input) });
  return v.pipe(
    v.number(msg),
    v.finite(msg),
    v.check((x) => !q.integer || Number.isInteger(x), msg),
    q.minOpen ? v.gtValue(q.min, msg) : v.minValue(q.min, msg),
    q.maxOpen ? v.ltValue(q.max, msg) : v.maxValue(q.max, msg),
  );
}

const isFinitePair = (r: unknown): r is [number, number] => Array.isArray(r) && r.length === 2 && r.every((x) => typeof x === 'number' && Number.isFinite(x));

/** A point (w1, w2) given as one array: both coordinates within the limit of `key` (w: the grid's ±20). */
const point = (what: string, key: ParamKey = 'w') =>
  v.pipe(
    v.custom<[unknown, unknown]>((w) => Array.isArray(w) && w.length === 2, (i) => say('{{what}} needs two numbers (w1, w2), got {{value}}.', { what, value: showValue(i.input) })),
    v.strictTuple([param(key, `${what}'s w1`), param(key, `${what}'s w2`)]),
  );

/** A grid range [lo, hi]: both within the w limit, hi − lo at least span.min. */
const rangePair = (what: string) =>
  v.pipe(
    v.custom<[number, number]>(isFinitePair, (i) => say('{{what}} needs two finite numbers [lo, hi], got {{value}}.', { what, value: showValue(i.input) })),
    v.check(([a, b]) => Math.abs(a) <= PARAMS.w.max && Math.abs(b) <= PARAMS.w.max, (i) => say('{{what}} must lie within ±{{max}}, got [{{value}}].', { what, max: PARAMS.w.max, value: (i.input as number[]).join(', ') })),
    v.check(([a, b]) => b - a >= PARAMS.span.min, (i) => say('{{what}} must go from low to high and span at least {{span}}, got [{{value}}].', { what, span: PARAMS.span.min, value: (i.input as number[]).join(', ') })),
  );

const oneOf = <T extends string | number>(what: string, allowed: readonly T[], list = allowed.map((a) => (typeof a === 'string' ? `'${a}'` : String(a))).join(', ')) =>
  v.picklist(allowed, (i) => say('{{what}} must be one of {{allowed}}, got {{value}}.', { what, allowed: list, value: showValue(i.input) }));

const isObj = (o: unknown): o is Record<string, unknown> => typeof o === 'object' && o !== null && !Array.isArray(o);
const object = (what: string) => v.custom<Record<string, unknown>>(isObj, (i) => say('{{what}}, got {{value}}.', { what, value: showValue(i.input) }));
const string = (what: string) => v.string((i) => say('{{what}}, got {{value}}.', { what, value: showValue(i.input) }));
const boolean = (what: string) => v.boolean((i) => say('{{what}} must be true or false, got {{value}}.', { what, value: showValue(i.input) }));

/** An options object: its known keys, and a message naming a key it does not know (a typo would be ignored otherwise). */
function options<E extends v.ObjectEntries>(entries: E, shape: string) {
  const known = Object.keys(entries).join(', ');
  return v.strictObject(entries, (i) =>
    i.expected === 'never'
      ? say('the argument has unknown key "{{key}}"; known: {{known}}.', { key: String(i.path?.at(-1)?.key ?? '').slice(0, 40), known })
      : say('the argument must be an object {{shape}}, got {{value}}.', { shape, value: showValue(i.input) }),
  );
}

const EXPORT_KINDS = ['grid.csv', 'grid.json', 'points.csv', 'points.json', 'data.json'] as const;

const point2 = v.tuple([param('w', 'w1'), param('w', 'w2')]);

const GRID = options(
  {
    w1: rangePair('w1'),
    w2: rangePair('w2'),
    res: param('res', 'res (the grid resolution)'),
    depth: v.optional(param('depth', 'depth')),
    gamma: v.optional(param('gamma', 'gamma')),
    eps: v.optional(param('eps', 'eps')),
    delta: v.optional(param('delta', 'delta')),
    data: v.optional(dataFileSchema('data')),
    test: v.optional(dataFileSchema('test', PARAMS.testN.max)),
  },
  '{w1: [lo, hi], w2: [lo, hi], res, depth?, gamma?, eps?, delta?, data?, test?}',
);

const TRAIN = options(
  {
    start: v.optional(point('start')),
    method: v.optional(oneOf('method', ['gd', 'sgd', 'perturbed'])),
    lr: v.optional(param('lr', 'lr')),
    batch: v.optional(param('batch', 'batch')),
    steps: v.optional(param('steps', 'steps')),
    seed: v.optional(param('seed', 'seed')),
  },
  '{start?, method?, lr?, batch?, steps?, seed?}',
);

/** A cut direction: 'vmin', 'vmax' or a non-zero [d1, d2]. */
const direction = v.custom<unknown>(
  (d) => d === 'vmin' || d === 'vmax' || (isFinitePair(d) && Math.hypot(d[0], d[1]) > 0),
  (i) => say("direction must be 'vmin', 'vmax' or a non-zero [d1, d2] of finite numbers, got {{value}}.", { value: showValue(i.input) }),
);

const CUT = options(
  {
    through: v.optional(point('through', 'cutPoint')),
    direction: v.optional(direction),
    halfWidth: v.optional(param('cutHalfWidth', 'halfWidth')),
    k: v.optional(param('cutPoints', 'k')),
  },
  '{through?, direction?, halfWidth?, k?}',
);

const lrOrBatchOrMethod = v.custom<unknown>(
  (x) => typeof x === 'number' || METHODS.includes(x as never),
  (i) => say('sweep.values must be numbers (lr, batch) or methods, got {{value}}.', { value: showValue(i.input) }),
);

type SweepKey = 'batch' | 'lr' | 'method';
/** Why a sweep value is not a value of its parameter (the table's sentence), or null. */
const sweepProblem = (key: SweepKey, x: unknown): string | null =>
  key === 'method' ? (METHODS.includes(x as never) ? null : say("sweep.values must be methods ('gd', 'sgd', 'perturbed'), got {{value}}.", { value: showValue(x) })) : checkParam(key, x, `sweep.values (${key})`);

const starts = v.union([v.literal('random'), v.pipe(v.array(point('a start')), v.minLength(1))], (i) =>
  say("starts must be 'random' or a non-empty list of [w1, w2] pairs with |w| ≤ {{max}}, got {{value}}.", { max: PARAMS.w.max, value: showValue(i.input) }),
);

const EXPERIMENT = options(
  {
    method: v.optional(oneOf('method', METHODS)),
    lr: v.optional(param('lr', 'lr')),
    batch: v.optional(param('batch', 'batch')),
    steps: v.optional(param('steps', 'steps')),
    repeats: v.optional(param('repeats', 'repeats')),
    seed: v.optional(param('seed', 'seed')),
    starts: v.optional(starts),
    resample: v.optional(boolean('resample')),
    sweep: v.optional(
      v.pipe(
        options({ param: oneOf('sweep.param', ['batch', 'lr', 'method']), values: v.pipe(v.array(lrOrBatchOrMethod, (i) => say('sweep.values must be a list, got {{value}}.', { value: showValue(i.input) })), v.minLength(1, () => say('sweep.values must list 1 to 16 values.')), v.maxLength(16, () => say('sweep.values must list 1 to 16 values.'))) }, '{param, values}'),
        v.check((s) => s.values.every((x) => sweepProblem(s.param as SweepKey, x) === null), (i) => {
          const s = i.input as { param: SweepKey; values: unknown[] };
          return s.values.map((x) => sweepProblem(s.param, x)).find((m) => m !== null) ?? '';
        }),
      ),
    ),
    testN: v.optional(param('testN', 'testN')),
    schedule: v.optional(oneOf('schedule', ['constant', 'cosine', 'step'])),
    sigma: v.optional(oneOf('sigma', ['grid', 'exact'])),
  },
  '{method?, lr?, batch?, steps?, repeats?, seed?, starts?, resample?, sweep?, testN?, schedule?, sigma?}',
);

const scaleMsg = (i: v.BaseIssue<unknown>) => say('scale must be {{a}} or {{b}}, got {{value}}.', { a: PARAMS.captureScale.min, b: PARAMS.captureScale.max, value: showValue(i.input) });
const CAPTURE = v.tuple([
  v.optional(string('id must be a view id from pngTargets()')),
  v.optional(v.picklist([PARAMS.captureScale.min, PARAMS.captureScale.max], scaleMsg)),
  v.optional(options({ overlays: v.optional(boolean('overlays')) }, '{overlays?}')),
]);

const finiteNum = (what: string) => {
  const msg = (i: v.BaseIssue<unknown>) => say('{{what}} must be a finite number, got {{value}}.', { what, value: showValue(i.input) });
  return v.pipe(v.number(msg), v.finite(msg));
};

const ENGINE = oneOf('engine', ['webgl', 'ts']);

/** Work units per WebGL draw call (compute/webglTiling): its floor, and a ceiling that keeps one draw under a GPU watchdog. */
export const CHUNK_BUDGET_RANGE = [1e4, 1e8] as const;
const chunkMsg = (i: v.BaseIssue<unknown>) => say('units must be a number from {{lo}} to {{hi}}, got {{value}}.', { lo: CHUNK_BUDGET_RANGE[0], hi: CHUNK_BUDGET_RANGE[1], value: showValue(i.input) });
const CHUNK_BUDGET = v.pipe(v.number(chunkMsg), v.finite(chunkMsg), v.minValue(CHUNK_BUDGET_RANGE[0], chunkMsg), v.maxValue(CHUNK_BUDGET_RANGE[1], chunkMsg));

/** The first issue's message of `schema` on `args` (null: accepted). */
const first =
  (schema: Schema): Check =>
  (args) => {
    const r = v.safeParse(schema, args, { abortEarly: true });
    return r.success ? null : r.issues[0].message;
  };

const kMsg = (i: v.BaseIssue<unknown>) => say('k must be an integer from 1 to 100, got {{value}}.', { value: showValue(i.input) });
const FRAME_K = v.pipe(v.number(kMsg), v.integer(kMsg), v.minValue(1, kMsg), v.maxValue(100, kMsg));

/** Arguments given (trailing `undefined`s are what a caller leaves out). */
const given = (args: unknown[]) => {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  return n;
};

/** A function that takes nothing: any argument is refused. */
const none: Check = (args) => (given(args) ? say('it takes no arguments, got {{n}}.', { n: given(args) }) : null);

/** At most `max` arguments, each checked by `schema` (a tuple). */
const atMost =
  (max: number, schema: Schema): Check =>
  (args) =>
    given(args) > max ? say('it takes at most {{max}} arguments, got {{n}}.', { max, n: given(args) }) : first(schema)(args);

// Any number (NaN included) reaches the story, which refuses a step it does not have on the page.
const storyStep = v.custom<number | null>((n) => n === null || typeof n === 'number', (i) => say('n must be a story step number (or null to close the story), got {{value}}.', { value: showValue(i.input) }));
const storyNumber = v.custom<number>((n) => typeof n === 'number', (i) => say('n must be a story step number, got {{value}}.', { value: showValue(i.input) }));

/** Per function: the check of its arguments, and whether it returns a promise (so it rejects). */
export const API_GUARDS: Record<string, { check: Check; async?: boolean }> = {
  setMarker: { check: atMost(2, point2) },
  pin: { check: atMost(2, point2) },
  surfaceScreen: { check: atMost(2, v.tuple([finiteNum('w1'), finiteNum('w2')])) },
  planeScreen: { check: atMost(2, v.tuple([finiteNum('w1'), finiteNum('w2')])) },
  descend: { check: (args) => (given(args) === 0 ? null : atMost(2, point2)(args)), async: true },
  setField: { check: atMost(1, v.tuple([oneOf('name', COLOUR_FIELDS)])) },
  exportText: { check: atMost(1, v.tuple([oneOf('kind', EXPORT_KINDS)])) },
  // A text too long for a data file is a refused file like any other (a message on the page; it
  // resolves to false), so only its type is checked here.
  importText: { check: atMost(2, v.tuple([string("text must be a string (the file's contents)"), v.optional(string('name must be a string'))])), async: true },
  capture: { check: atMost(3, CAPTURE), async: true },
  captureBlob: { check: atMost(3, CAPTURE), async: true },
  setData: { check: atMost(1, v.tuple([dataFileSchema('the data')])) },
  frameCost: {
    check: atMost(
      2,
      v.tuple([
        v.optional(v.array(string('hide must be an array of object names'), (i) => say('hide must be an array of object names, got {{value}}.', { value: showValue(i.input) }))),
        v.optional(FRAME_K),
      ]),
    ),
  },
  evaluateGrid: { check: atMost(1, v.tuple([GRID])), async: true },
  train: { check: atMost(1, v.tuple([v.optional(TRAIN)])), async: true },
  cut: { check: atMost(1, v.tuple([v.optional(CUT)])) },
  cutBetween: { check: atMost(3, v.tuple([point('a', 'cutPoint'), point('b', 'cutPoint'), v.optional(param('cutPoints', 'k'))])) },
  experiment: { check: atMost(1, v.tuple([v.optional(EXPERIMENT)])), async: true },
  loadPreset: { check: atMost(1, v.tuple([v.custom<string>((id) => typeof id === 'string' && knownDataIds().includes(id), (i) => say('id must be one of {{allowed}}, got {{value}}.', { allowed: knownDataIds().map((k) => `'${k}'`).join(', '), value: showValue(i.input) }))])), async: true },
  setPsiGapMeasure: { check: atMost(1, v.tuple([oneOf('measure', PSI_GAP_MEASURES.map((m) => m.id))])) },
  openExperiments: { check: atMost(1, v.tuple([v.optional(boolean('open'))])) },
  setTheme: { check: atMost(1, v.tuple([oneOf('theme', ['dark', 'light'])])) },
  timeline: { check: atMost(1, v.tuple([v.optional(boolean('on'))])) },
  // Their step is checked by the story itself (a refusal is shown on the page; they never throw).
  story: { check: atMost(1, v.tuple([storyStep])) },
  storyText: { check: atMost(1, v.tuple([storyNumber])) },
  storyTextIn: { check: atMost(2, v.tuple([storyNumber, oneOf('lang', ['en'])])) },
  // The bench hooks take their own job objects (checked by evaluateGrid's path inside).
  benchEnsemble: { check: atMost(1, v.tuple([object('the argument must be an object')])), async: true },
  benchSingle: { check: atMost(1, v.tuple([object('the argument must be an object')])), async: true },
  // `pacscape.bench` (app/diagnostics, loaded on request): its members are guarded as bench.<name>.
  'bench.grid': { check: atMost(2, v.tuple([GRID, v.optional(ENGINE)])), async: true },
  'bench.testLoss': { check: atMost(2, v.tuple([v.pipe(GRID, v.check((o) => o.test !== undefined, () => say('the argument needs a test sample {x, y} (key "test").'))), v.optional(ENGINE)])), async: true },
  'bench.naive': { check: atMost(1, v.tuple([GRID])), async: true },
  'bench.chunkBudget': { check: atMost(1, v.tuple([v.optional(CHUNK_BUDGET)])) },
};

/** Functions that take no argument (reads and commands). */
export const NO_ARGUMENTS = [
  'state', 'link', 'linkSettled', 'storyLayout', 'gridVersion', 'pngTargets', 'presets', 'resetView',
  'marker', 'minima', 'field', 'markerScreen', 'viewWindow', 'sceneFrames', 'presentMode', 'sceneObjects',
  'unpinAll', 'pinned', 'runs', 'clearRuns', 'numTensors', 'psiGap', 'cutChart', 'cancelExperiment',
  'experimentResult', 'experimentEndpointsOnScreen', 'gpuTurns', 'cancel', 'idle', 'memory', 'diagnostics', 'remount', 'contours',
] as const;
for (const name of NO_ARGUMENTS) API_GUARDS[name] ??= { check: none };
for (const name of ['presets', 'idle', 'diagnostics', 'remount']) API_GUARDS[name].async = true;

/**
 * Wraps a function with its guard (unchanged when it has none). A namespace object (`bench`) is
 * copied with each of its functions wrapped by the guard of `<name>.<member>`.
 */
export function guarded(name: string, f: unknown): unknown {
  if (typeof f === 'object' && f !== null && !Array.isArray(f) && Object.getPrototypeOf(f) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, m] of Object.entries(f)) out[k] = guarded(`${name}.${k}`, m);
    return out;
  }
  const g = API_GUARDS[name];
  if (!g || typeof f !== 'function') return f;
  const fn = f as (...a: unknown[]) => unknown;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    const m = g.check(args);
    if (m) {
      const e = new RangeError(tr('pacscape.{{fn}}: {{error}}', { fn: name, error: m }));
      if (g.async) return Promise.reject(e);
      throw e;
    }
    return fn.apply(this, args);
  };
  return wrapped;
}
