/**
 * Argument checks of `window.pacscape`'s entrances, from the one parameter table (core/params).
 * `registerApi` wraps every function named here: a call with a bad argument is refused before it
 * reaches the app, with a message naming the function and the argument, and leaves the page as
 * it was (a synchronous function throws a RangeError; one that returns a promise rejects).
 */
import { PARAMS, checkParam, checkPoint, checkRangePair, showValue } from '../core/params';

type Check = (args: unknown[]) => string | null;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Both coordinates of a point given as two arguments (w1, w2). */
const point2: Check = ([w1, w2]) => checkParam('w', w1, 'w1') ?? checkParam('w', w2, 'w2');

const oneOf = (v: unknown, what: string, allowed: readonly string[]) => (typeof v === 'string' && allowed.includes(v) ? null : `${what} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${showValue(v)}.`);

const optional = (o: Record<string, unknown>, k: string, f: (v: unknown) => string | null) => (o[k] === undefined ? null : f(o[k]));

/** Keys of an options object that the entrance does not know (a typo would be ignored otherwise). */
const unknownKeys = (o: Record<string, unknown>, known: readonly string[], what: string) => {
  const bad = Object.keys(o).filter((k) => !known.includes(k));
  return bad.length ? `${what} has unknown key${bad.length > 1 ? 's' : ''} ${bad.map((k) => `"${k.slice(0, 40)}"`).join(', ')}; known: ${known.join(', ')}.` : null;
};

const GRID_KEYS = ['data', 'w1', 'w2', 'res', 'depth', 'gamma', 'eps', 'delta', 'test'] as const;
const TRAIN_KEYS = ['start', 'method', 'lr', 'batch', 'steps', 'seed'] as const;
const EXPORT_KINDS = ['grid.csv', 'grid.json', 'points.csv', 'points.json', 'data.json'] as const;

/** Per function: the check of its arguments, and whether it returns a promise (so it rejects). */
export const API_GUARDS: Record<string, { check: Check; async?: boolean }> = {
  setMarker: { check: point2 },
  pin: { check: point2 },
  surfaceScreen: { check: ([w1, w2]) => (typeof w1 === 'number' && Number.isFinite(w1) && typeof w2 === 'number' && Number.isFinite(w2) ? null : `w1 and w2 must be finite numbers, got ${showValue(w1)}, ${showValue(w2)}.`) },
  planeScreen: { check: ([w1, w2]) => (typeof w1 === 'number' && Number.isFinite(w1) && typeof w2 === 'number' && Number.isFinite(w2) ? null : `w1 and w2 must be finite numbers, got ${showValue(w1)}, ${showValue(w2)}.`) },
  descend: { check: ([w1, w2]) => (w1 === undefined && w2 === undefined ? null : point2([w1, w2])), async: true },
  setField: { check: ([name]) => (typeof name === 'string' ? null : `name must be a field name (a string), got ${showValue(name)}.`) },
  exportText: { check: ([kind]) => oneOf(kind, 'kind', EXPORT_KINDS) },
  importText: { check: ([text, name]) => (typeof text !== 'string' ? `text must be a string (the file's contents), got ${showValue(text)}.` : name !== undefined && typeof name !== 'string' ? `name must be a string, got ${showValue(name)}.` : null) },
  capture: { check: ([id, scale]) => captureArgs(id, scale), async: true },
  captureBlob: { check: ([id, scale]) => captureArgs(id, scale), async: true },
  setData: { check: ([obj]) => (isObj(obj) ? null : `the data must be an object {x, y}, got ${showValue(obj)}.`) },
  frameCost: { check: ([hide, k]) => (hide !== undefined && !(Array.isArray(hide) && hide.every((h) => typeof h === 'string')) ? `hide must be an array of object names, got ${showValue(hide)}.` : k !== undefined && !(Number.isInteger(k) && (k as number) >= 1 && (k as number) <= 100) ? `k must be an integer from 1 to 100, got ${showValue(k)}.` : null) },
  evaluateGrid: {
    async: true,
    check: ([o]) => {
      if (!isObj(o)) return `the argument must be an object {w1: [lo, hi], w2: [lo, hi], res, depth?, gamma?, eps?, delta?, data?}, got ${showValue(o)}.`;
      return (
        unknownKeys(o, GRID_KEYS, 'the argument') ??
        checkRangePair(o.w1, 'w1') ??
        checkRangePair(o.w2, 'w2') ??
        checkParam('res', o.res, 'res (the grid resolution)') ??
        optional(o, 'depth', (v) => checkParam('depth', v, 'depth')) ??
        optional(o, 'gamma', (v) => checkParam('gamma', v, 'gamma')) ??
        optional(o, 'eps', (v) => checkParam('eps', v, 'eps')) ??
        optional(o, 'delta', (v) => checkParam('delta', v, 'delta')) ??
        optional(o, 'data', (v) => (isObj(v) ? null : `data must be an object {x, y}, got ${showValue(v)}.`))
      );
    },
  },
  train: {
    async: true,
    check: ([o]) => {
      if (o === undefined) return null;
      if (!isObj(o)) return `the argument must be an object {start?, method?, lr?, batch?, steps?, seed?}, got ${showValue(o)}.`;
      return (
        unknownKeys(o, TRAIN_KEYS, 'the argument') ??
        optional(o, 'start', (v) => checkPoint(v, 'start')) ??
        optional(o, 'method', (v) => oneOf(v, 'method', ['gd', 'sgd', 'perturbed'])) ??
        optional(o, 'lr', (v) => checkParam('lr', v, 'lr')) ??
        optional(o, 'batch', (v) => checkParam('batch', v, 'batch')) ??
        optional(o, 'steps', (v) => checkParam('steps', v, 'steps')) ??
        optional(o, 'seed', (v) => checkParam('seed', v, 'seed'))
      );
    },
  },
};

function captureArgs(id: unknown, scale: unknown): string | null {
  if (id !== undefined && typeof id !== 'string') return `id must be a view id from pngTargets(), got ${showValue(id)}.`;
  if (scale !== undefined && scale !== 1 && scale !== 2) return `scale must be ${PARAMS.captureScale.min} or ${PARAMS.captureScale.max}, got ${showValue(scale)}.`;
  return null;
}

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
