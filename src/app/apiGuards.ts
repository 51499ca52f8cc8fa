/**
 * Argument checks of `window.pacscape`'s entrances: valibot schemas built from the one parameter
 * table (core/params: bounds, labels and the range wording come from there, never written twice).
 * `registerApi` wraps every function named here: a call with a bad argument is refused before it
 * reaches the app, with a message naming the function and the argument, and leaves the page as
 * it was (a synchronous function throws a RangeError; one that returns a promise rejects).
 */
import * as v from 'valibot';
import { PARAMS, rangeText, showValue, type NumParam, type ParamKey } from '../core/params';

type Check = (args: unknown[]) => string | null;
type Schema = v.GenericSchema;

/** A number the parameter `key` accepts; every failure says "<label> must be <range>, got <v>." */
export function param(key: ParamKey, label: string = PARAMS[key].label) {
  const q: NumParam = PARAMS[key];
  const msg = (i: v.BaseIssue<unknown>) => `${label} must be ${rangeText(key)}, got ${showValue(i.input)}.`;
  return v.pipe(
    v.number(msg),
    v.finite(msg),
    v.check((x) => !q.integer || Number.isInteger(x), msg),
    q.minOpen ? v.gtValue(q.min, msg) : v.minValue(q.min, msg),
    q.maxOpen ? v.ltValue(q.max, msg) : v.maxValue(q.max, msg),
  );
}

const isFinitePair = (r: unknown): r is [number, number] => Array.isArray(r) && r.length === 2 && r.every((x) => typeof x === 'number' && Number.isFinite(x));

/** A point (w1, w2) given as one array: both coordinates within the w limit. */
const point = (what: string) =>
  v.pipe(
    v.custom<[unknown, unknown]>((w) => Array.isArray(w) && w.length === 2, (i) => `${what} needs two numbers (w1, w2), got ${showValue(i.input)}.`),
    v.strictTuple([param('w', `${what}'s w1`), param('w', `${what}'s w2`)]),
  );

/** A grid range [lo, hi]: both within the w limit, hi − lo at least span.min. */
const rangePair = (what: string) =>
  v.pipe(
    v.custom<[number, number]>(isFinitePair, (i) => `${what} needs two finite numbers [lo, hi], got ${showValue(i.input)}.`),
    v.check(([a, b]) => Math.abs(a) <= PARAMS.w.max && Math.abs(b) <= PARAMS.w.max, (i) => `${what} must lie within ±${PARAMS.w.max}, got [${(i.input as number[]).join(', ')}].`),
    v.check(([a, b]) => b - a >= PARAMS.span.min, (i) => `${what} must go from low to high and span at least ${PARAMS.span.min}, got [${(i.input as number[]).join(', ')}].`),
  );

const oneOf = <T extends string | number>(what: string, allowed: readonly T[], say = allowed.map((a) => `'${a}'`).join(', ')) =>
  v.picklist(allowed, (i) => `${what} must be one of ${say}, got ${showValue(i.input)}.`);

const isObj = (o: unknown): o is Record<string, unknown> => typeof o === 'object' && o !== null && !Array.isArray(o);
const object = (msg: string) => v.custom<Record<string, unknown>>(isObj, (i) => `${msg}, got ${showValue(i.input)}.`);
const string = (msg: string) => v.string((i) => `${msg}, got ${showValue(i.input)}.`);

/** An options object: its known keys, and a message naming a key it does not know (a typo would be ignored otherwise). */
function options<E extends v.ObjectEntries>(entries: E, shape: string) {
  const known = Object.keys(entries).join(', ');
  return v.strictObject(entries, (i) =>
    i.expected === 'never' ? `the argument has unknown key "${String(i.path?.at(-1)?.key ?? '').slice(0, 40)}"; known: ${known}.` : `the argument must be an object ${shape}, got ${showValue(i.input)}.`,
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
    data: v.optional(object('data must be an object {x, y}')),
    test: v.optional(v.unknown()),
  },
  '{w1: [lo, hi], w2: [lo, hi], res, depth?, gamma?, eps?, delta?, data?}',
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

const scaleMsg = (i: v.BaseIssue<unknown>) => `scale must be ${PARAMS.captureScale.min} or ${PARAMS.captureScale.max}, got ${showValue(i.input)}.`;
const CAPTURE = v.tuple([v.optional(string('id must be a view id from pngTargets()')), v.optional(v.picklist([PARAMS.captureScale.min, PARAMS.captureScale.max], scaleMsg))]);

const finiteNum = (what: string) => {
  const msg = (i: v.BaseIssue<unknown>) => `${what} must be a finite number, got ${showValue(i.input)}.`;
  return v.pipe(v.number(msg), v.finite(msg));
};

/** The first issue's message of `schema` on `args` (null: accepted). */
const first =
  (schema: Schema): Check =>
  (args) => {
    const r = v.safeParse(schema, args, { abortEarly: true });
    return r.success ? null : r.issues[0].message;
  };

const kMsg = (i: v.BaseIssue<unknown>) => `k must be an integer from 1 to 100, got ${showValue(i.input)}.`;
const FRAME_K = v.pipe(v.number(kMsg), v.integer(kMsg), v.minValue(1, kMsg), v.maxValue(100, kMsg));

/** Per function: the check of its arguments, and whether it returns a promise (so it rejects). */
export const API_GUARDS: Record<string, { check: Check; async?: boolean }> = {
  setMarker: { check: first(point2) },
  pin: { check: first(point2) },
  surfaceScreen: { check: first(v.tuple([finiteNum('w1'), finiteNum('w2')])) },
  planeScreen: { check: first(v.tuple([finiteNum('w1'), finiteNum('w2')])) },
  descend: { check: (args) => (args[0] === undefined && args[1] === undefined ? null : first(point2)(args)), async: true },
  setField: { check: first(v.tuple([string('name must be a field name (a string)')])) },
  exportText: { check: first(v.tuple([oneOf('kind', EXPORT_KINDS)])) },
  importText: { check: first(v.tuple([string("text must be a string (the file's contents)"), v.optional(string('name must be a string'))])) },
  capture: { check: first(CAPTURE), async: true },
  captureBlob: { check: first(CAPTURE), async: true },
  setData: { check: first(v.tuple([object('the data must be an object {x, y}')])) },
  frameCost: {
    check: first(
      v.tuple([
        v.optional(v.array(string('hide must be an array of object names'), (i) => `hide must be an array of object names, got ${showValue(i.input)}.`)),
        v.optional(FRAME_K),
      ]),
    ),
  },
  evaluateGrid: { check: first(v.tuple([GRID])), async: true },
  train: { check: first(v.tuple([v.optional(TRAIN)])), async: true },
};

/** Wraps a function with its guard (unchanged when it has none). */
export function guarded(name: string, f: unknown): unknown {
  const g = API_GUARDS[name];
  if (!g || typeof f !== 'function') return f;
  const fn = f as (...a: unknown[]) => unknown;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    const m = g.check(args);
    if (m) {
      const e = new RangeError(`pacscape.${name}: ${m}`);
      if (g.async) return Promise.reject(e);
      throw e;
    }
    return fn.apply(this, args);
  };
  return wrapped;
}
