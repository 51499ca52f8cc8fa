/**
 * The URL codec: every view of PACscape is a link (STYLE habit 7). Pure, versioned and compact:
 *
 *   #v=1&field=psi&m=2.66,-1.57&cam=6,-9,7,1,-1,0
 *
 * Only values that differ from the frozen version-1 defaults (`V1_DEFAULTS`) are written, so a
 * link stays short and means the same thing even if the app's start-up defaults change later.
 * Decoding never throws: each key is checked on its own and an invalid or absurd value is dropped
 * with a message naming the key and the allowed range; the other keys still apply.
 *
 * Keys (version 1):
 *   v       format version (1)
 *   data    'paper-toy' (a preset id) | 'gen' (the seeded generator, see seed/n/sd/mu/lab) | 'file:<name>'
 *   seed, n, sd, mu (k means as 'x,y;x,y;…'), lab ('median' | 'parity')   generator parameters
 *   depth   network depth D (integer)          gamma, eps, delta   γ, ε, δ of SPEC §4–§6
 *   w1, w2  grid range 'lo,hi'                 res   grid resolution (nodes per axis)
 *   field   coloured field                     cmap  colour map      h   height scale ('lin' | 'log')
 *   top     top-down 2-D view (0/1)            plane bound plane shown (0/1)
 *   pf      what the plane shows ('bound' | 'test': the test loss)
 *   tn, tseed   size and seed of the fresh test sample (SPEC §9; test loss, gap, pin table)
 *   ch      the cut chart's half-width ± h (weight units)
 *   cam     camera 'px,py,pz,tx,ty,tz' (position, orbit target; scene units)
 *   m       marker 'w1,w2'                     pins  pinned points 'w1,w2;w1,w2;…'
 *   hide    hidden panels 'left,right'         story guided-story step (1-based)   present  presentation mode (0/1)
 *   xp      the Experiments view is open with this design (core/experiment encodeDesign; not its results)
 *   theme   page theme ('light': the high-contrast projector theme; dark is the default)
 *   lang    interface language ('en' | 'zh-CN'); left out, the browser's language is used
 */
import { DEFAULT_GENERATOR, generatorProblem, type GeneratorParams } from './data';
import { PARAMS, checkParam, checkRangePair, parseDecimal } from './params';
import { MAX_GRID_RES, MIN_GRID_RES } from './grid';
import type { ColormapId } from './colormap';
import { decodeDesign } from './experiment';
import { tr, trJoin } from './words';
import { COLOUR_FIELDS, type ColourField } from './fields';
import { DEFAULT_TEST_SEED, DEFAULT_TEST_SIZE, MAX_TEST_SIZE, MIN_TEST_SIZE } from './reconstruct';

/** The format version written into every link. */
export const URL_VERSION = 1;

/** Fields the surface can be coloured by (the field registry's colourable fields, as the store's). */
export const URL_FIELDS = COLOUR_FIELDS;
export type UrlField = ColourField;
/** Colour maps a link may name (viridis default; cividis is the colour-blind-safe choice). */
export const URL_COLORMAPS = ['viridis', 'cividis'] as const satisfies readonly ColormapId[];
/** Page themes a link may name (dark default; light is the high-contrast projector theme). */
export const URL_THEMES = ['dark', 'light'] as const;
export type ThemeId = (typeof URL_THEMES)[number];
/** Interface languages a link may name (src/i18n holds their message catalogues). */
export const URL_LANGS = ['en', 'zh-CN'] as const;
export type LangId = (typeof URL_LANGS)[number];
/** Panels a link may hide ('cuts' and 'psigap' collapse to their title bar). */
export const URL_PANELS = ['left', 'right', 'cuts', 'psigap'] as const;
export type PanelId = (typeof URL_PANELS)[number];

/** Accepted ranges (from core/params). Anything outside is refused with a message (never clamped silently). */
export const LIMITS = {
  depth: { min: PARAMS.depth.min, max: PARAMS.depth.max },
  gamma: { min: PARAMS.gamma.min, max: PARAMS.gamma.max },
  eps: { min: PARAMS.eps.min, max: PARAMS.eps.max },
  delta: { min: PARAMS.delta.min, max: PARAMS.delta.max },
  /** Largest |w| of a grid range, marker or pin. */
  maxAbsW: PARAMS.w.max,
  /** Smallest width of a grid range. */
  minSpan: PARAMS.span.min,
  res: { min: MIN_GRID_RES, max: MAX_GRID_RES },
  /** Camera coordinates, scene units. */
  maxAbsCamera: PARAMS.camera.max,
  maxPins: PARAMS.pins.max,
  /** Longest hash read (characters); a longer one is refused as a whole. */
  maxHashLength: PARAMS.hashChars.max,
  maxStoryStep: PARAMS.story.max,
} as const;

/** Keys that only mean something with data=gen. */
const GENERATOR_KEYS = ['seed', 'n', 'sd', 'mu', 'lab'];

export type DataRef = { kind: 'preset'; id: string } | { kind: 'generator'; params: GeneratorParams } | { kind: 'file'; name: string };
export type Vec3 = [number, number, number];
export interface CameraView {
  position: Vec3;
  target: Vec3;
}

/** Everything a link encodes: `window.pacscape.state()` returns this object. */
export interface ViewState {
  data: DataRef;
  depth: number;
  gamma: number;
  eps: number;
  delta: number;
  w1Range: [number, number];
  w2Range: [number, number];
  res: number;
  field: UrlField;
  colormap: ColormapId;
  heightScale: 'linear' | 'log';
  topDown: boolean;
  showBoundPlane: boolean;
  /** The plane's colouring: the bound or the test loss. */
  planeField?: 'bound' | 'testLoss';
  /** The cut chart's half-width ± h (weight units). */
  cutHalfWidth?: number;
  /** Size and seed of the fresh test sample (absent = the defaults). */
  testSize?: number;
  testSeed?: number;
  /** null = the scene's default camera. */
  camera: CameraView | null;
  marker: [number, number];
  pins: [number, number][];
  /** Panels hidden by the user. */
  hiddenPanels: PanelId[];
  /** Guided-story step, 1-based; null when the story is closed. */
  story: number | null;
  present: boolean;
  /** The Experiments view's design (encodeDesign) while that view is open; null when closed. */
  experiment: string | null;
  theme: ThemeId;
  /** Interface language; undefined: the reader's browser chooses (not part of V1_DEFAULTS). */
  lang?: LangId;
}

/** The values a version-1 link assumes for every key it leaves out. Frozen: never change them. */
export const V1_DEFAULTS: Readonly<ViewState> = Object.freeze({
  data: { kind: 'preset', id: 'paper-toy' },
  depth: 5,
  gamma: 0.1,
  eps: 0.1,
  delta: 0.05,
  w1Range: [-1.5, 4.5],
  w2Range: [-3.5, 2.5],
  res: 256,
  field: 'loss',
  colormap: 'viridis',
  heightScale: 'linear',
  topDown: false,
  showBoundPlane: true,
  planeField: 'bound',
  cutHalfWidth: PARAMS.cutHalfWidth.default,
  testSize: DEFAULT_TEST_SIZE,
  testSeed: DEFAULT_TEST_SEED,
  camera: null,
  marker: [2.66, -1.57],
  pins: [],
  hiddenPanels: [],
  story: null,
  present: false,
  experiment: null,
  theme: 'dark',
} as ViewState);

/** A number in 6 significant digits without trailing zeros ('2.66', '-0.001', '1e-7'). */
export function formatNumber(x: number): string {
  if (Object.is(x, -0) || x === 0) return '0';
  return String(Number(x.toPrecision(6)));
}

const list = (xs: readonly number[]) => xs.map(formatNumber).join(',');
const sameNums = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => formatNumber(v) === formatNumber(b[i]));

/** True when two generator parameter sets give the same link (and so the same data set). */
export function sameGenerator(a: GeneratorParams, b: GeneratorParams): boolean {
  return a.seed === b.seed && a.n === b.n && formatNumber(a.sd) === formatNumber(b.sd) && a.labelRule === b.labelRule && a.means.length === b.means.length && a.means.every((m, i) => sameNums(m, b.means[i]));
}

/**
 * Encodes a view into the hash string (without '#'), writing only what differs from V1_DEFAULTS.
 * Keys are written in a fixed order so equal views give equal strings.
 */
export function encodeView(s: ViewState): string {
  const d = V1_DEFAULTS;
  const out: [string, string][] = [['v', String(URL_VERSION)]];
  const put = (k: string, v: string) => out.push([k, v]);
  if (s.data.kind === 'preset') {
    if (s.data.id !== 'paper-toy') put('data', s.data.id);
  } else if (s.data.kind === 'file') {
    put('data', 'file:' + encodeURIComponent(s.data.name));
  } else {
    const g = s.data.params;
    const gd = DEFAULT_GENERATOR;
    put('data', 'gen');
    put('seed', String(g.seed));
    if (g.n !== gd.n) put('n', String(g.n));
    if (formatNumber(g.sd) !== formatNumber(gd.sd)) put('sd', formatNumber(g.sd));
    if (!sameGenerator({ ...gd, means: g.means }, gd)) put('mu', g.means.map(list).join(';'));
    if (g.labelRule !== gd.labelRule) put('lab', g.labelRule);
  }
  if (s.depth !== d.depth) put('depth', String(s.depth));
  for (const k of ['gamma', 'eps', 'delta'] as const) if (formatNumber(s[k]) !== formatNumber(d[k])) put(k, formatNumber(s[k]));
  if (!sameNums(s.w1Range, d.w1Range)) put('w1', list(s.w1Range));
  if (!sameNums(s.w2Range, d.w2Range)) put('w2', list(s.w2Range));
  if (s.res !== d.res) put('res', String(s.res));
  if (s.field !== d.field) put('field', s.field);
  if (s.colormap !== d.colormap) put('cmap', s.colormap);
  if (s.heightScale !== d.heightScale) put('h', s.heightScale === 'log' ? 'log' : 'lin');
  if (s.topDown !== d.topDown) put('top', s.topDown ? '1' : '0');
  if (s.showBoundPlane !== d.showBoundPlane) put('plane', s.showBoundPlane ? '1' : '0');
  if (s.planeField !== undefined && s.planeField !== d.planeField) put('pf', s.planeField === 'testLoss' ? 'test' : 'bound');
  if (s.testSize !== undefined && s.testSize !== d.testSize) put('tn', String(s.testSize));
  if (s.testSeed !== undefined && s.testSeed !== d.testSeed) put('tseed', String(s.testSeed));
  if (s.cutHalfWidth !== undefined && formatNumber(s.cutHalfWidth) !== formatNumber(d.cutHalfWidth!)) put('ch', formatNumber(s.cutHalfWidth));
  if (s.camera) put('cam', list([...s.camera.position, ...s.camera.target]));
  if (!sameNums(s.marker, d.marker)) put('m', list(s.marker));
  if (s.pins.length) put('pins', s.pins.map(list).join(';'));
  if (s.hiddenPanels.length) put('hide', [...s.hiddenPanels].sort().join(','));
  if (s.story !== null) put('story', String(s.story));
  if (s.present) put('present', '1');
  if (s.experiment) put('xp', s.experiment);
  if (s.theme !== d.theme) put('theme', s.theme);
  if (s.lang !== undefined) put('lang', s.lang);
  return out.map(([k, v]) => `${k}=${v}`).join('&');
}

/** The result of decoding: the valid keys' values, and one message per refused key. */
export interface DecodeResult {
  values: Partial<ViewState>;
  errors: string[];
  /** Format version the link declares (1 when it declares none). */
  version: number;
  /** Link keys whose value was refused (the caller keeps its current value for them). */
  refused: string[];
}

/** Parses a decimal number strictly ('' / 'abc' / '1x' / 'Infinity' / 'NaN' are refused). */
function parseNum(t: string): number {
  return t.trim() === t ? parseDecimal(t) : NaN;
}

function parseNums(t: string, count: number, what: string): number[] {
  const parts = t.split(',');
  if (parts.length !== count) throw new Error(tr('{{what}} needs {{count}} comma-separated numbers, got {{n}}.', { what, count, n: parts.length }));
  const v = parts.map(parseNum);
  const bad = v.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) throw new Error(tr('{{what}} has a value that is not a finite number ("{{value}}").', { what, value: parts[bad] }));
  return v;
}

function parseBool(t: string, what: string): boolean {
  if (t === '1' || t === 'true') return true;
  if (t === '0' || t === 'false') return false;
  throw new Error(tr('{{what}} must be 0 or 1, got "{{value}}".', { what, value: t }));
}

function parseInteger(t: string, what: string, lo: number, hi: number): number {
  const v = parseNum(t);
  if (!Number.isInteger(v) || v < lo || v > hi) throw new Error(tr('{{what}} must be an integer from {{lo}} to {{hi}}, got "{{value}}".', { what, lo, hi, value: t }));
  return v;
}

function parseW(t: string, what: string): [number, number] {
  const [a, b] = parseNums(t, 2, what);
  const M = LIMITS.maxAbsW;
  if (Math.abs(a) > M || Math.abs(b) > M) throw new Error(tr('{{what}} must lie within ±{{max}}, got ({{value}}).', { what, max: M, value: t }));
  return [a, b];
}

/** Validates one grid range [lo, hi]; returns a message or null (core/params.checkRangePair). */
export function checkRange(r: readonly number[], what: string): string | null {
  return checkRangePair(r, what);
}

/**
 * Validates model/grid parameters (the ones that start a recompute) and returns one message per
 * refused key; an empty list means all given values are acceptable. Used by the URL decoder and by
 * every setter the user or a script can reach.
 */
export function checkParams(p: Partial<Pick<ViewState, 'depth' | 'gamma' | 'eps' | 'delta' | 'w1Range' | 'w2Range' | 'res'>>): Partial<Record<keyof typeof p, string>> {
  const e: Partial<Record<keyof typeof p, string>> = {};
  for (const k of ['depth', 'gamma', 'eps', 'delta', 'res'] as const) {
    if (p[k] === undefined) continue;
    const m = checkParam(k, p[k]);
    if (m) e[k] = m;
  }
  if (p.w1Range !== undefined) {
    const m = checkRangePair(p.w1Range, tr('The w1 range'));
    if (m) e.w1Range = m;
  }
  if (p.w2Range !== undefined) {
    const m = checkRangePair(p.w2Range, tr('The w2 range'));
    if (m) e.w2Range = m;
  }
  return e;
}

function checkGenerator(g: GeneratorParams): string | null {
  return generatorProblem(g);
}

/**
 * Splits a hash ('#a=1&b=2', 'a=1&b=2' or '') into key/value pairs, decoding %-escapes. A '#'
 * inside the hash (a pasted link after a link) separates keys like '&' and is reported. '+' is
 * kept as a plus sign (the encoder writes a space as %20), so 'depth=+3' reads as 3.
 */
function splitHash(hash: string): { pairs: [string, string][]; extraHash: boolean } {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!h) return { pairs: [], extraHash: false };
  const dec = (t: string) => {
    try {
      return decodeURIComponent(t);
    } catch {
      return t;
    }
  };
  const pairs = h
    .split(/[&#]/)
    .filter((p) => p.length > 0)
    .map((p) => {
      const i = p.indexOf('=');
      return [dec(i < 0 ? p : p.slice(0, i)), dec(i < 0 ? '' : p.slice(i + 1))] as [string, string];
    });
  return { pairs, extraHash: h.includes('#') };
}

/** A key or value for a message: quoted, shortened, control characters shown as '?'. */
const q = (t: string) => JSON.stringify(t.length > 40 ? t.slice(0, 40) + '…' : t);

/**
 * Decodes a hash into the values it sets. Never throws: each refused key yields one message and
 * leaves its value out of `values` (its name is in `refused`), so the caller keeps what it had for
 * that key. Unknown keys, repeated keys, generator keys without data=gen and a second '#' are
 * reported too; everything else applies.
 */
export function decodeView(hash: string): DecodeResult {
  const values: Partial<ViewState> = {};
  const errors: string[] = [];
  const refused: string[] = [];
  if (typeof hash !== 'string') return { values, errors: [tr('The link is not text.')], version: URL_VERSION, refused };
  if (hash.length > LIMITS.maxHashLength) return { values, errors: [tr('The link is too long ({{n}} characters; at most {{max}}); it was ignored.', { n: hash.length, max: LIMITS.maxHashLength })], version: URL_VERSION, refused };
  const { pairs, extraHash } = splitHash(hash);
  const raw = new Map<string, string>();
  const count = new Map<string, number>();
  for (const [k, v] of pairs) {
    raw.set(k, v);
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  // Keys the decoder below reads are known; any other key of the link is reported as unknown
  // (so a key added to the decoder is known without a second list to keep in step).
  const read = new Set<string>();
  const kv = {
    get: (k: string) => (read.add(k), raw.get(k)),
    has: (k: string) => (read.add(k), raw.has(k)),
  };
  if (extraHash) errors.push(tr('The link has a second "#" inside it; it was read as a separator between keys.'));
  const unknownAt = errors.length;
  for (const [k, c] of count) if (c > 1) errors.push(tr('Link "{{key}}" is given {{n}} times; only the last value ({{value}}) was read.', { key: k, n: c, value: q(raw.get(k)!) }));
  if (kv.get('data') !== 'gen') {
    const stray = GENERATOR_KEYS.filter((k) => kv.has(k));
    if (stray.length) errors.push(tr(stray.length > 1 ? 'Link keys {{keys}} only apply with data=gen and were ignored.' : 'Link key {{keys}} only applies with data=gen and was ignored.', { keys: stray.map((k) => `"${k}"`).join(', ') }));
  }
  let version = URL_VERSION;
  if (kv.has('v')) {
    const v = parseNum(kv.get('v')!);
    if (!Number.isInteger(v) || v < 1) errors.push(tr('Link version "v={{value}}" is not understood; reading the link as version {{version}}.', { value: kv.get('v')!, version: URL_VERSION }));
    else {
      version = v;
      if (v > URL_VERSION) errors.push(tr('This link was made by a newer PACscape (format {{v}}); only the parts this version understands were applied.', { v }));
    }
  }
  const tryKey = (key: string, f: (t: string) => void) => {
    const t = kv.get(key);
    if (t === undefined) return;
    try {
      f(t);
    } catch (e) {
      errors.push(tr('Link "{{key}}": {{error}}', { key, error: (e as Error).message }));
      refused.push(key);
    }
  };
  const num = (t: string, what: string) => {
    const v = parseNum(t);
    if (!Number.isFinite(v)) throw new Error(tr('{{what}} must be a number, got "{{value}}".', { what, value: t }));
    return v;
  };

  // Data source.
  tryKey('data', (t) => {
    if (t === 'gen') {
      const g: GeneratorParams = { ...DEFAULT_GENERATOR, means: DEFAULT_GENERATOR.means.map((m) => [...m] as [number, number]) };
      const sub: string[] = [];
      const field = (k: string, f: (s: string) => void) => {
        const s = kv.get(k);
        if (s === undefined) return;
        try {
          f(s);
        } catch (e) {
          sub.push((e as Error).message);
        }
      };
      field('seed', (s) => (g.seed = parseInteger(s, 'seed', 0, 0xffffffff)));
      field('n', (s) => (g.n = parseInteger(s, 'n', PARAMS.n.min, PARAMS.n.max)));
      field('sd', (s) => (g.sd = num(s, 'sd')));
      field('mu', (s) => (g.means = s.split(';').map((p, i) => parseNums(p, 2, tr('mean {{i}}', { i: i + 1 })) as [number, number])));
      field('lab', (s) => {
        if (s !== 'median' && s !== 'parity') throw new Error(tr('lab must be "median" or "parity", got "{{value}}".', { value: s }));
        g.labelRule = s;
      });
      const bad = sub.length ? trJoin(sub, '; ') : checkGenerator(g);
      if (bad) throw new Error(tr('the generator parameters are invalid ({{problem}}); the data set was kept.', { problem: bad }));
      values.data = { kind: 'generator', params: g };
    } else if (t.startsWith('file:')) {
      values.data = { kind: 'file', name: t.slice(5).slice(0, 200) };
    } else if (/^[a-z0-9][a-z0-9_-]{0,39}$/i.test(t)) {
      values.data = { kind: 'preset', id: t };
    } else throw new Error(tr('"{{value}}" is not a data preset id.', { value: t.slice(0, 40) }));
  });

  tryKey('depth', (t) => (values.depth = parseInteger(t, tr('Depth'), LIMITS.depth.min, LIMITS.depth.max)));
  for (const [k, name] of [
    ['gamma', 'γ'],
    ['eps', 'ε'],
    ['delta', 'δ'],
  ] as const) {
    tryKey(k, (t) => {
      const v = parseNum(t);
      if (!Number.isFinite(v)) throw new Error(tr('{{what}} must be a number, got "{{value}}".', { what: name, value: t.slice(0, 40) }));
      const msg = checkParams({ [k]: v })[k];
      if (msg) throw new Error(msg);
      values[k] = v;
    });
  }
  for (const [k, prop, name] of [
    ['w1', 'w1Range', tr('The w1 range')],
    ['w2', 'w2Range', tr('The w2 range')],
  ] as const) {
    tryKey(k, (t) => {
      const r = parseNums(t, 2, name) as [number, number];
      const msg = checkRange(r, name);
      if (msg) throw new Error(msg);
      values[prop] = r;
    });
  }
  tryKey('res', (t) => (values.res = parseInteger(t, tr('The grid resolution'), LIMITS.res.min, LIMITS.res.max)));
  tryKey('field', (t) => {
    if (!(URL_FIELDS as readonly string[]).includes(t)) throw new Error(tr('unknown field "{{value}}"; one of {{options}}.', { value: t.slice(0, 40), options: URL_FIELDS.join(', ') }));
    values.field = t as UrlField;
  });
  tryKey('cmap', (t) => {
    if (!(URL_COLORMAPS as readonly string[]).includes(t)) throw new Error(tr('unknown colour map "{{value}}"; one of {{options}}.', { value: t.slice(0, 40), options: URL_COLORMAPS.join(', ') }));
    values.colormap = t as ColormapId;
  });
  tryKey('h', (t) => {
    if (t === 'lin' || t === 'linear') values.heightScale = 'linear';
    else if (t === 'log') values.heightScale = 'log';
    else throw new Error(tr('height scale must be "lin" or "log", got "{{value}}".', { value: t.slice(0, 40) }));
  });
  tryKey('top', (t) => (values.topDown = parseBool(t, 'top')));
  tryKey('plane', (t) => (values.showBoundPlane = parseBool(t, 'plane')));
  tryKey('pf', (t) => {
    if (t === 'bound') values.planeField = 'bound';
    else if (t === 'test' || t === 'testLoss') values.planeField = 'testLoss';
    else throw new Error(tr('the plane shows "bound" or "test", got "{{value}}".', { value: t.slice(0, 40) }));
  });
  tryKey('tn', (t) => (values.testSize = parseInteger(t, tr('The test sample size'), MIN_TEST_SIZE, MAX_TEST_SIZE)));
  tryKey('tseed', (t) => (values.testSeed = parseInteger(t, tr('The test sample seed'), 0, 0xffffffff)));
  tryKey('ch', (t) => {
    const v = parseDecimal(t);
    const msg = checkParam('cutHalfWidth', Number.isNaN(v) ? t.slice(0, 40) : v);
    if (msg) throw new Error(msg);
    values.cutHalfWidth = v;
  });
  tryKey('cam', (t) => {
    const v = parseNums(t, 6, tr('The camera'));
    if (v.some((x) => Math.abs(x) > LIMITS.maxAbsCamera)) throw new Error(tr('camera coordinates must lie within ±{{max}}.', { max: LIMITS.maxAbsCamera }));
    const position = v.slice(0, 3) as Vec3;
    const target = v.slice(3) as Vec3;
    if (Math.hypot(position[0] - target[0], position[1] - target[1], position[2] - target[2]) < 1e-6) throw new Error(tr('the camera position equals its target.'));
    values.camera = { position, target };
  });
  tryKey('m', (t) => (values.marker = parseW(t, tr('The marker'))));
  tryKey('pins', (t) => {
    const parts = t.split(';').filter((p) => p.length > 0);
    if (parts.length > LIMITS.maxPins) throw new Error(tr('at most {{max}} pins, got {{n}}.', { max: LIMITS.maxPins, n: parts.length }));
    values.pins = parts.map((p, i) => parseW(p, tr('Pin {{i}}', { i: i + 1 })));
  });
  tryKey('hide', (t) => {
    const ids = t.split(',').filter((p) => p.length > 0);
    const bad = ids.find((p) => !(URL_PANELS as readonly string[]).includes(p));
    if (bad !== undefined) throw new Error(tr('unknown panel "{{value}}"; one of {{options}}.', { value: bad.slice(0, 40), options: URL_PANELS.join(', ') }));
    values.hiddenPanels = [...new Set(ids)] as PanelId[];
  });
  tryKey('story', (t) => (values.story = parseInteger(t, tr('The story step'), 1, LIMITS.maxStoryStep)));
  tryKey('present', (t) => (values.present = parseBool(t, 'present')));
  tryKey('xp', (t) => {
    decodeDesign(t);
    values.experiment = t;
  });
  tryKey('theme', (t) => {
    if (!(URL_THEMES as readonly string[]).includes(t)) throw new Error(tr('unknown theme "{{value}}"; one of {{options}}.', { value: t.slice(0, 40), options: URL_THEMES.join(', ') }));
    values.theme = t as ThemeId;
  });
  tryKey('lang', (t) => {
    if (!(URL_LANGS as readonly string[]).includes(t)) throw new Error(tr('unknown language "{{value}}"; one of {{options}}.', { value: t.slice(0, 40), options: URL_LANGS.join(', ') }));
    values.lang = t as LangId;
  });
  const unknown = [...count.keys()].filter((k) => !read.has(k));
  if (unknown.length) errors.splice(unknownAt, 0, unknown.length > 8 ? tr('Link keys {{keys}} and {{more}} more are not known and were ignored.', { keys: unknown.slice(0, 8).map(q).join(', '), more: unknown.length - 8 }) : tr(unknown.length > 1 ? 'Link keys {{keys}} are not known and were ignored.' : 'Link key {{keys}} is not known and was ignored.', { keys: unknown.map(q).join(', ') }));
  // A repeated unknown key is reported once, as unknown.
  for (const k of unknown) {
    const i = errors.findIndex((e) => e.startsWith(`Link "${k}" is given `));
    if (i >= 0) errors.splice(i, 1);
  }
  return { values, errors, version, refused };
}

/** A full view: the decoded values over V1_DEFAULTS (what a fresh page shows for this link). */
export function withDefaults(values: Partial<ViewState>): ViewState {
  return { ...structuredCloneView(V1_DEFAULTS), ...values };
}

function structuredCloneView(s: Readonly<ViewState>): ViewState {
  return JSON.parse(JSON.stringify(s)) as ViewState;
}

/** True when two data references name the same data set. */
export function sameDataRef(a: DataRef, b: DataRef): boolean {
  if (a.kind === 'preset' && b.kind === 'preset') return a.id === b.id;
  if (a.kind === 'file' && b.kind === 'file') return a.name === b.name;
  if (a.kind === 'generator' && b.kind === 'generator') return sameGenerator(a.params, b.params);
  return false;
}
