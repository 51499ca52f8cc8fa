/**
 * The field registry: one entry per quantity the landscape has at a grid node. Everything that
 * lists fields is derived from it — the store's colourable field list and the URL codec's `field`
 * values (`COLOUR_FIELDS`), the colour-bar titles and legends (`label`, `title`), the grid CSV/JSON
 * export columns and `pacscape.evaluateGrid`'s keys (`csv`, `json`, `gridJsonAll`), the inspector's
 * and the pin table's generated rows (`rows`, `point`), and the checks of every engine's output
 * against core's float64 point evaluation (`tol`, core/gridCheck.ts).
 *
 * How to add a field that is a function of the existing outputs: docs/ARCHITECTURE.md, "Add a
 * field" (one entry here, one test).
 */
import { tr } from './words';
import type { GridFields } from './grid';
import type { PointReport, MetricParams } from './metrics';
import { kappaOf, pointReport } from './metrics';
import { lossAt, type Sample } from './jets';
import type { ColormapId, LutId } from './colormap';

/** A point's exact values (float64, core/): the point report plus the test loss when known. */
export interface FieldPoint extends PointReport {
  /** Mean loss on the test sample at w (SPEC §9); undefined without a test sample. */
  testLoss?: number;
  /** Training sample size (the bound's complexity term needs it). */
  n: number;
  delta: number;
}

/** Grid-level context a derived field may need besides the arrays (node coordinates, γ, ε). */
export interface GridContext {
  gamma: number;
  eps: number;
  n: number;
  delta: number;
}

export interface FieldDef {
  /** Key everywhere: store, URL `field=` value, API/JSON key of a scalar field. */
  id: string;
  /** Short name (colour-bar caption, select option, table row). */
  label: string;
  /** Long name (colour-bar title, tooltips). */
  title: string;
  /** Unit of the values ('' when dimensionless). */
  unit: string;
  /** One-sentence meaning (row tooltips). */
  description: string;
  /** The core/glossary.ts entry that explains it, where there is one (hover/focus in the tables). */
  glossary?: string;
  /** Column of the grid CSV export. */
  csv: string;
  /** JSON key and, for interleaved arrays, component and stride (grad, hessian, σ*). */
  json: string | [key: string, component: number, stride: number];
  /** The surface (and, for some, the plane) can be coloured by it. */
  colour: boolean;
  /**
   * How its colours span the values: the chosen map from min to max (default), or `'diverging'`
   * for a signed field whose sign matters: core/colormap's cool-warm over a range centred on 0
   * (blue below 0, grey at 0, red above), whichever map the user chose.
   */
  colours?: 'diverging';
  /** Significant digits when shown. */
  digits: number;
  /** A row of the pin table (generated from this registry). */
  rows: boolean;
  /** A row of the inspector's generated block (fields it does not lay out by hand). */
  inspector?: boolean;
  /** For the pin table: which end is better when comparing points. */
  better?: 'low' | 'high';
  /** Needs a test sample (SPEC §9): unavailable without one. */
  needsTest?: boolean;
  /**
   * Value at node i of a grid (NaN when the grid lacks it). `w` is the node's (w1, w2).
   * Fields read straight from one array give `array` instead (faster, no copy).
   */
  grid: ((f: GridFields, i: number, w: [number, number], ctx: GridContext) => number) | { array: keyof GridFields & ('loss' | 'thirdNorm' | 'rho' | 'psi' | 'bound' | 'lambdaMax' | 'testLoss' | 'gap' | 'grad' | 'hess' | 'sigmaStar'); component?: number; stride?: number };
  /** Exact value at a point (core/, float64); undefined when not available (no test sample). */
  point: (p: FieldPoint) => number | undefined;
  /**
   * Allowed |grid − exact| of a float32 engine at this node (SPEC §10), given the exact value and
   * the point; `'rho'` is checked by core/gridCheck's own ρ rule (grid mode vs stencil bands).
   */
  tol: ((want: number, p: FieldPoint) => number) | 'rho';
}

const rel = (r: number, a = 0) => (want: number) => r * Math.abs(want) + a;
const lambda = (h11: number, h12: number, h22: number, sign: 1 | -1) => 0.5 * (h11 + h22) + sign * Math.hypot(0.5 * (h11 - h22), h12);

/** Σ_i log(1 + |w_i|/κ_i): the scale part of Ψ (SPEC §5), exact from w, γ, ε. */
function psiScaleAt(w: [number, number], gamma: number, eps: number): number {
  return Math.log1p(Math.abs(w[0]) / kappaOf(w[0], gamma, eps)) + Math.log1p(Math.abs(w[1]) / kappaOf(w[1], gamma, eps));
}

/** sqrt((Σ log(τ_i/σ*_i) + log(2n/δ)) / (2(n−1))): the bound's complexity term at σ*. */
function complexityAt(w: [number, number], s1: number, s2: number, ctx: GridContext): number {
  const k1 = kappaOf(w[0], ctx.gamma, ctx.eps), k2 = kappaOf(w[1], ctx.gamma, ctx.eps);
  const kl = Math.log((2 * ctx.n) / ctx.delta) + Math.log((Math.abs(w[0]) + k1) / s1) + Math.log((Math.abs(w[1]) + k2) / s2);
  return Math.sqrt(Math.max(0, kl) / (2 * (ctx.n - 1)));
}

const GRAD_TOL = rel(1e-3, 1e-4);

/** Every field, in display order (the grid CSV's columns keep the order of earlier exports; new fields go after them). */
export const FIELDS = [
  { id: 'loss', glossary: 'loss', label: 'loss', title: 'Loss L̂(w)', unit: 'nats', description: 'Empirical loss: mean binary cross-entropy on the n training points (SPEC §2).', csv: 'loss', json: 'loss', colour: true, digits: 5, rows: true, better: 'low', grid: { array: 'loss' }, point: (p) => p.loss, tol: rel(1e-4) },
  { id: 'psi', glossary: 'psi', label: 'Ψ', title: 'Ψ (PAC-Bayes metric, lower = better)', unit: '', description: 'The PAC-Bayes generalization metric (SPEC §5); lower predicts better generalization.', csv: 'psi', json: 'psi', colour: true, digits: 4, rows: true, better: 'low', grid: { array: 'psi' }, point: (p) => p.psi, tol: () => 2e-2 },
  { id: 'bound', glossary: 'bound', label: 'bound', title: 'Generalization bound', unit: 'nats', description: 'The approximate PAC-Bayes bound on the expected loss (SPEC §6).', csv: 'bound', json: 'bound', colour: true, digits: 4, rows: true, better: 'low', grid: { array: 'bound' }, point: (p) => p.bound, tol: () => 2e-3 },
  { id: 'lambdaMax', glossary: 'lambdaMax', label: 'λmax', title: 'λmax(H), sharpness', unit: '', description: 'Largest Hessian eigenvalue: the sharpness.', csv: 'lambdaMax', json: 'lambdaMax', colour: true, digits: 4, rows: true, better: 'low', grid: { array: 'lambdaMax' }, point: (p) => p.eigen.values[1], tol: GRAD_TOL },
  { id: 'rho', label: 'ρ', title: 'ρ, the Hessian-Lipschitz constant on the box', unit: '', description: 'Max of ‖∇³L̂‖_F over the box B(w) (SPEC §4, a reading).', csv: 'rho', json: 'rho', colour: true, digits: 4, rows: false, grid: { array: 'rho' }, point: (p) => p.rho, tol: 'rho' },
  { id: 'thirdNorm', label: '‖T‖_F', title: '‖∇³L̂‖_F, the third derivative', unit: '', description: 'Frobenius norm of the third-derivative tensor (SPEC §3).', csv: 'thirdNorm', json: 'thirdNorm', colour: true, digits: 4, rows: false, grid: { array: 'thirdNorm' }, point: (p) => p.thirdNorm, tol: rel(1e-2, 1e-4) },
  { id: 'grad1', label: '∂₁L̂', title: 'Gradient, ∂L̂/∂w₁', unit: '', description: 'First derivative along w₁.', csv: 'grad1', json: ['grad', 0, 2], colour: false, digits: 4, rows: false, grid: { array: 'grad', component: 0, stride: 2 }, point: (p) => p.grad[0], tol: GRAD_TOL },
  { id: 'grad2', label: '∂₂L̂', title: 'Gradient, ∂L̂/∂w₂', unit: '', description: 'First derivative along w₂.', csv: 'grad2', json: ['grad', 1, 2], colour: false, digits: 4, rows: false, grid: { array: 'grad', component: 1, stride: 2 }, point: (p) => p.grad[1], tol: GRAD_TOL },
  { id: 'h11', label: 'H₁₁', title: 'Hessian H₁₁', unit: '', description: 'Second derivative along w₁.', csv: 'h11', json: ['hessian', 0, 3], colour: false, digits: 4, rows: false, grid: { array: 'hess', component: 0, stride: 3 }, point: (p) => p.hessian[0][0], tol: GRAD_TOL },
  { id: 'h12', label: 'H₁₂', title: 'Hessian H₁₂', unit: '', description: 'Mixed second derivative.', csv: 'h12', json: ['hessian', 1, 3], colour: false, digits: 4, rows: false, grid: { array: 'hess', component: 1, stride: 3 }, point: (p) => p.hessian[0][1], tol: GRAD_TOL },
  { id: 'h22', label: 'H₂₂', title: 'Hessian H₂₂', unit: '', description: 'Second derivative along w₂.', csv: 'h22', json: ['hessian', 2, 3], colour: false, digits: 4, rows: false, grid: { array: 'hess', component: 2, stride: 3 }, point: (p) => p.hessian[1][1], tol: GRAD_TOL },
  { id: 'sigmaStar1', label: 'σ*₁', title: 'Optimal perturbation σ*₁', unit: '', description: 'The bound’s minimising posterior width along w₁ (SPEC §6).', csv: 'sigmaStar1', json: ['sigmaStar', 0, 2], colour: false, digits: 4, rows: false, grid: { array: 'sigmaStar', component: 0, stride: 2 }, point: (p) => p.sigmaStar[0], tol: rel(2e-2) },
  { id: 'sigmaStar2', label: 'σ*₂', title: 'Optimal perturbation σ*₂', unit: '', description: 'The bound’s minimising posterior width along w₂ (SPEC §6).', csv: 'sigmaStar2', json: ['sigmaStar', 1, 2], colour: false, digits: 4, rows: false, grid: { array: 'sigmaStar', component: 1, stride: 2 }, point: (p) => p.sigmaStar[1], tol: rel(2e-2) },
  {
    id: 'testLoss',
    glossary: 'testLoss',
    label: 'test loss',
    title: 'Test loss on a fresh sample of the mixture',
    unit: 'nats',
    description: 'Mean cross-entropy on a large fresh sample of the same mixture, seen through the training set’s standardisation (SPEC §9): the true loss the bound bounds.',
    csv: 'testLoss',
    json: 'testLoss',
    colour: true,
    digits: 5,
    rows: true,
    inspector: true,
    better: 'low',
    needsTest: true,
    grid: { array: 'testLoss' },
    point: (p) => p.testLoss,
    tol: rel(1e-4),
  },
  {
    id: 'gap',
    glossary: 'gapLoss',
    label: 'gap',
    title: 'Generalization gap, test loss − train loss',
    unit: 'nats',
    description: 'Test loss − training loss (SPEC §9): how much worse the network does on new points of the same mixture.',
    csv: 'gap',
    json: 'gap',
    colour: true,
    digits: 4,
    rows: true,
    inspector: true,
    needsTest: true,
    grid: { array: 'gap' },
    point: (p) => (p.testLoss === undefined ? undefined : p.testLoss - p.loss),
    tol: (_want, p) => 1e-4 * Math.abs(p.testLoss ?? 0),
  },
  { id: 'lambdaMin', label: 'λmin', title: 'λmin(H), the flattest curvature', unit: '', description: 'Smallest Hessian eigenvalue (negative at a saddle).', csv: 'lambdaMin', json: 'lambdaMin', colour: true, digits: 4, rows: false, grid: (f, i) => lambda(f.hess[3 * i], f.hess[3 * i + 1], f.hess[3 * i + 2], -1), point: (p) => p.eigen.values[0], tol: GRAD_TOL },
  {
    id: 'psiScale',
    label: 'Ψ scale',
    title: 'Ψ’s scale part Σ log(1 + |w_i|/κ_i)',
    unit: '',
    description: 'The part of Ψ that grows with the size of the weights, whatever the curvature (SPEC §5).',
    csv: 'psiScale',
    json: 'psiScale',
    colour: false,
    digits: 4,
    rows: false,
    grid: (_f, _i, w, ctx) => psiScaleAt(w, ctx.gamma, ctx.eps),
    point: (p) => p.psiTerms[0].scale + p.psiTerms[1].scale,
    // exact from w; the allowance covers the float32 node coordinates
    tol: rel(1e-4, 1e-4),
  },
  {
    id: 'psiCurvature',
    label: 'Ψ curvature',
    title: 'Ψ’s curvature part Σ max(0, log(κ_i √s_i))',
    unit: '',
    description: 'The part of Ψ that grows with the curvature s_i (SPEC §5).',
    csv: 'psiCurvature',
    json: 'psiCurvature',
    colour: false,
    digits: 4,
    rows: false,
    grid: (f, i, w, ctx) => f.psi[i] - psiScaleAt(w, ctx.gamma, ctx.eps),
    point: (p) => p.psiTerms[0].curvature + p.psiTerms[1].curvature,
    tol: () => 2e-2,
  },
  {
    id: 'boundComplexity',
    label: 'complexity',
    title: 'The bound’s complexity term at σ*',
    unit: 'nats',
    description: 'sqrt((Σ log(τ_i/σ*_i) + log(2n/δ)) / (2(n−1))): the KL / confidence term of the bound (SPEC §6).',
    csv: 'boundComplexity',
    json: 'boundComplexity',
    colour: false,
    digits: 4,
    rows: false,
    grid: (f, i, w, ctx) => complexityAt(w, f.sigmaStar[2 * i], f.sigmaStar[2 * i + 1], ctx),
    point: (p) => p.boundParts.complexity,
    tol: () => 2e-3,
  },
  {
    id: 'hessTrace',
    label: 'tr H',
    title: 'tr H = H₁₁ + H₂₂, the total curvature',
    unit: '',
    description: 'Trace of the Hessian, λmin + λmax: the sum of the curvatures along w₁ and w₂ (the Laplacian of L̂); negative where the surface bends down on balance.',
    csv: 'hessTrace',
    json: 'hessTrace',
    colour: true,
    colours: 'diverging',
    digits: 4,
    rows: false,
    grid: (f, i) => f.hess[3 * i] + f.hess[3 * i + 2],
    // from the eigenvalues, not the diagonal: an independent route to the same number
    point: (p) => p.eigen.values[0] + p.eigen.values[1],
    // each diagonal term carries its own float32 error, and the two can cancel
    tol: (_want, p) => 1e-3 * (Math.abs(p.hessian[0][0]) + Math.abs(p.hessian[1][1])) + 2e-4,
  },
] as const satisfies readonly FieldDef[];

export type FieldId = (typeof FIELDS)[number]['id'];
/** Fields the surface can be coloured by (the store's field, the URL's `field=` values). */
export type ColourField = Extract<(typeof FIELDS)[number], { colour: true }>['id'];
export const COLOUR_FIELDS = FIELDS.filter((f) => f.colour).map((f) => f.id) as readonly ColourField[];
/** Fields that need the test sample (SPEC §9). */
export const TEST_FIELDS = FIELDS.filter((f) => (f as FieldDef).needsTest).map((f) => f.id) as readonly FieldId[];

const BY_ID = new Map<string, FieldDef>(FIELDS.map((f) => [f.id, f as FieldDef]));

/** The entry of a field id (throws on an unknown id). */
export function fieldDef(id: string): FieldDef {
  const d = BY_ID.get(id);
  if (!d) throw new Error(`unknown field "${id}"`);
  return d;
}

/** The colour map a field is drawn with when the user chose `chosen` (surface, colour bar, heat map). */
export function fieldColormap(id: string, chosen: ColormapId): LutId {
  return fieldDef(id).colours === 'diverging' ? 'coolwarm' : chosen;
}

/** The range a field's colours span, from its values' min/max: centred on 0 for a diverging field. */
export function colourRange(id: string, r: { min: number; max: number }): { min: number; max: number } {
  if (fieldDef(id).colours !== 'diverging') return r;
  const m = Math.max(Math.abs(r.min), Math.abs(r.max));
  return m > 0 && Number.isFinite(m) ? { min: -m, max: m } : r;
}

/** True for a known field id. */
export function isField(id: string): id is FieldId {
  return BY_ID.has(id);
}

/** The grid's γ, ε, n, δ when it carries them (core/grid.allocGridFields stores the job's). */
function contextOf(f: GridFields): GridContext {
  const p = f.params;
  return { gamma: p?.gamma ?? NaN, eps: p?.eps ?? NaN, n: p?.n ?? NaN, delta: p?.delta ?? NaN };
}

/** Whether a grid has the values of a field (test fields need the test pass). */
export function hasField(f: GridFields, id: string): boolean {
  const d = fieldDef(id);
  if (typeof d.grid === 'function') return true;
  return f[d.grid.array] !== undefined;
}

const cache = new WeakMap<GridFields, Map<string, Float32Array>>();

/**
 * The res² values of a field over a grid, row-major (row = w2 index); null when the grid lacks
 * it (no test pass yet). Arrays of GridFields are returned as they are; strided and derived
 * fields are computed once per grid object and cached.
 */
export function fieldValues(f: GridFields, id: string): Float32Array | null {
  const d = fieldDef(id);
  const g = d.grid;
  if (typeof g !== 'function' && !g.stride) return (f[g.array] as Float32Array | undefined) ?? null;
  if (!hasField(f, id)) return null;
  let m = cache.get(f);
  if (!m) cache.set(f, (m = new Map()));
  const hit = m.get(id);
  if (hit) return hit;
  const res = f.res, out = new Float32Array(res * res);
  if (typeof g === 'function') {
    const ctx = contextOf(f);
    const w: [number, number] = [0, 0];
    for (let r = 0; r < res; r++)
      for (let c = 0; c < res; c++) {
        w[0] = f.w1[c];
        w[1] = f.w2[r];
        out[r * res + c] = g(f, r * res + c, w, ctx);
      }
  } else {
    const a = f[g.array] as Float32Array;
    for (let i = 0; i < res * res; i++) out[i] = a[g.stride! * i + (g.component ?? 0)];
  }
  m.set(id, out);
  return out;
}

/** The value of a field at node i (NaN when the grid lacks it). */
export function fieldAt(f: GridFields, id: string, i: number): number {
  const v = fieldValues(f, id);
  return v ? v[i] : NaN;
}

/** Columns of the grid CSV export: w1, w2, then every field's `csv` (test columns empty without a test pass). */
export const GRID_CSV_COLUMNS = ['w1', 'w2', ...FIELDS.map((f) => f.csv)] as const;

/**
 * Every field of a grid as a JSON-ready object (`pacscape.evaluateGrid`, the grid.json export):
 * res, w1, w2, then each field under its `json` key (interleaved arrays for grad, hessian, σ*);
 * fields the grid lacks are left out. Non-finite values become null.
 */
export function gridJsonAll(f: GridFields): Record<string, number | (number | null)[]> {
  const num = (v: number) => (Number.isFinite(v) ? v : null);
  const out: Record<string, number | (number | null)[]> = { res: f.res, w1: Array.from(f.w1, num), w2: Array.from(f.w2, num) };
  const nn = f.res * f.res;
  for (const def of FIELDS as readonly FieldDef[]) {
    const v = fieldValues(f, def.id);
    if (!v) continue;
    if (typeof def.json === 'string') out[def.json] = Array.from(v, num);
    else {
      const [key, k, stride] = def.json;
      const arr = (out[key] as (number | null)[] | undefined) ?? (out[key] = new Array<number | null>(nn * stride).fill(null));
      for (let i = 0; i < nn; i++) arr[stride * i + k] = num(v[i]);
    }
  }
  return out;
}

/** Every field's exact value at w (float64): the point report, plus the test loss on `test` when given. */
export function fieldPoint(sample: Sample, w1: number, w2: number, p: MetricParams, test: Sample | null, report: PointReport = pointReport(sample, w1, w2, p)): FieldPoint {
  return { ...report, n: sample.n, delta: p.delta, testLoss: test ? lossAt(test, w1, w2, p.depth) : undefined };
}

/** The exact value of a field at a point (undefined when not available). */
export function pointValue(id: string, p: FieldPoint): number | undefined {
  return fieldDef(id).point(p);
}

/** Registry fields with a pin-table row / an inspector row, in display order. */
export const PIN_FIELDS = (FIELDS as readonly FieldDef[]).filter((f) => f.rows);
export const INSPECTOR_FIELDS = (FIELDS as readonly FieldDef[]).filter((f) => f.inspector);

/**
 * A GridFields from a `gridJsonAll` object (the arrays the registry reads; derived fields are
 * recomputed from them). For tests that receive a page's result as JSON.
 */
export function gridFromJson(o: Record<string, unknown>, params?: GridFields['params']): GridFields {
  const arr = (k: string) => {
    const v = o[k];
    return Array.isArray(v) ? Float32Array.from(v as (number | null)[], (x) => (x === null ? NaN : x)) : undefined;
  };
  const res = o.res as number;
  const f = { res, w1: arr('w1')!, w2: arr('w2')!, loss: arr('loss')!, grad: arr('grad')!, hess: arr('hessian')!, thirdNorm: arr('thirdNorm')!, rho: arr('rho')!, psi: arr('psi')!, bound: arr('bound')!, sigmaStar: arr('sigmaStar')!, lambdaMax: arr('lambdaMax')!, testLoss: arr('testLoss'), gap: arr('gap'), params } as GridFields;
  for (const k of ['w1', 'w2', 'loss', 'grad', 'hess', 'thirdNorm', 'rho', 'psi', 'bound', 'sigmaStar', 'lambdaMax'] as const) if (!f[k]) throw new Error(tr('the grid JSON has no "{{key}}"', { key: k === 'hess' ? 'hessian' : k }));
  return f;
}
