/**
 * Machine-checkable claims about a landscape (docs/PRESETS.md): a tiny expression language over the
 * minima core/minima finds in a window, evaluated in float64 with core/ only.
 *
 *   claim  := expr cmp expr                 cmp ∈ {>=, >, <=, <, ==}
 *   expr   := term (('+' | '-') term)*      term := factor (('*' | '/') factor)*
 *   factor := number | '-' factor | '(' expr ')' | abs(expr) | min(expr, expr) | max(expr, expr)
 *           | QUANTITY(ROLE) | gapz(ROLE, ROLE) | GLOBAL
 *
 * ROLE picks one minimum: `global` (lowest training loss in the window), `local` (the next lowest),
 * and, of those two, `sharp`/`flat` (larger/smaller λmax) and `lowPsi`/`highPsi` (smaller/larger Ψ).
 * QUANTITY is one of QUANTITIES below; GLOBAL one of `majority` (the training set's majority-class
 * rate), `count` (minima found in the window), `n` (training points).
 * `gapz(a, b)` = (gap(a) − gap(b)) / its standard error over the test sample (paired per point):
 * how many standard errors of the finite test sample separate the two gaps.
 *
 * gap = test loss − training loss, the test loss on a fresh sample of CLAIM_TEST_SIZE points
 * (seed CLAIM_TEST_SEED) of the data set's mixture (SPEC §9).
 */
import { tr } from './words';
import type { Mixture } from './data';
import { freshSample } from './data';
import { linspace } from './grid';
import { lossForward, type Sample } from './jets';
import type { MetricParams } from './metrics';
import { findMinima, majorityRate, type LocalMinimum } from './minima';
import { accuracy } from './reconstruct';

/** Size and seed of the fresh test sample the gap claims use (SPEC §9's default size). */
export const CLAIM_TEST_SIZE = 20_000;
export const CLAIM_TEST_SEED = 7;
/** Grid resolution of the candidate scan when checking claims (minima are Newton-refined). */
export const CLAIM_GRID_RES = 128;

export const ROLES = ['global', 'local', 'sharp', 'flat', 'lowPsi', 'highPsi'] as const;
export type Role = (typeof ROLES)[number];

/** Per-minimum quantities a claim can name, with what they mean (docs/PRESETS.md lists them). */
export const QUANTITIES = {
  loss: 'training loss L̂ (mean BCE, nats)',
  psi: 'Ψ (SPEC §5)',
  psiScale: "Ψ's scale part Σ log(1 + |wᵢ|/κᵢ)",
  psiCurv: "Ψ's curvature part Σ max(0, log(κᵢ√sᵢ))",
  bound: 'the approximate PAC-Bayes bound (SPEC §6)',
  lambdaMax: 'largest Hessian eigenvalue',
  lambdaMin: 'smallest Hessian eigenvalue',
  trainAcc: 'training accuracy of [p(x) > ½], in [0, 1]',
  nearConstant: '1 when train accuracy < majority rate + 0.05, else 0',
  testLoss: 'loss on the fresh test sample',
  testAcc: 'accuracy on the fresh test sample',
  gap: 'test loss − training loss',
  w1: 'first weight of the minimum',
  w2: 'second weight of the minimum',
} as const;
export type Quantity = keyof typeof QUANTITIES;
export const GLOBALS = ['majority', 'count', 'n'] as const;

/** A claim as a preset ships it: the expression, and optionally the sentence it stands for. */
export interface Claim {
  expr: string;
  text?: string;
}

/** A claim evaluated: both sides' values and whether it holds. */
export interface ClaimResult {
  expr: string;
  text?: string;
  lhs: number;
  rhs: number;
  holds: boolean;
  /** Why it could not be evaluated (a role with no minimum, no mixture for a test quantity). */
  error?: string;
}

type Node =
  | { k: 'num'; v: number }
  | { k: 'neg'; a: Node }
  | { k: 'bin'; op: '+' | '-' | '*' | '/'; a: Node; b: Node }
  | { k: 'fn'; name: 'abs' | 'min' | 'max'; args: Node[] }
  | { k: 'q'; q: Quantity; role: Role }
  | { k: 'gapz'; a: Role; b: Role }
  | { k: 'g'; name: (typeof GLOBALS)[number] };

export interface ParsedClaim {
  lhs: Node;
  cmp: '>=' | '>' | '<=' | '<' | '==';
  rhs: Node;
}

/** Splits a claim into tokens: numbers, names, operators, parentheses and commas. */
function tokenize(s: string): string[] {
  const out: string[] = [];
  const re = /\s*(?:(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(>=|<=|==|[-+*/()<>,]))/y;
  let i = 0;
  while (i < s.length) {
    if (/^\s*$/.test(s.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) throw new Error(`unexpected "${s.slice(i).trim().slice(0, 12)}" in claim "${s}"`);
    out.push(m[1] ?? m[2] ?? m[3]);
    i = re.lastIndex;
  }
  return out;
}

/** Parses a claim; throws an Error naming the problem (unknown name, missing operand…). */
export function parseClaim(src: string): ParsedClaim {
  const t = tokenize(src);
  let i = 0;
  const peek = () => t[i];
  const take = (want?: string) => {
    const v = t[i++];
    if (v === undefined) throw new Error(`claim "${src}" ends early${want ? ` (expected "${want}")` : ''}`);
    if (want !== undefined && v !== want) throw new Error(`expected "${want}" but found "${v}" in claim "${src}"`);
    return v;
  };
  const role = (): Role => {
    const r = take();
    if (!(ROLES as readonly string[]).includes(r)) throw new Error(`unknown minimum "${r}" in claim "${src}"; one of ${ROLES.join(', ')}`);
    return r as Role;
  };
  const factor = (): Node => {
    const v = take();
    if (v === '-') return { k: 'neg', a: factor() };
    if (v === '(') {
      const e = expr();
      take(')');
      return e;
    }
    if (/^[\d.]/.test(v)) return { k: 'num', v: Number(v) };
    if (v === 'abs' || v === 'min' || v === 'max') {
      take('(');
      const args = [expr()];
      if (v !== 'abs') {
        take(',');
        args.push(expr());
      }
      take(')');
      return { k: 'fn', name: v, args };
    }
    if (v === 'gapz') {
      take('(');
      const a = role();
      take(',');
      const b = role();
      take(')');
      return { k: 'gapz', a, b };
    }
    if ((GLOBALS as readonly string[]).includes(v)) return { k: 'g', name: v as (typeof GLOBALS)[number] };
    if (v in QUANTITIES) {
      take('(');
      const r = role();
      take(')');
      return { k: 'q', q: v as Quantity, role: r };
    }
    throw new Error(`unknown name "${v}" in claim "${src}"`);
  };
  const term = (): Node => {
    let a = factor();
    while (peek() === '*' || peek() === '/') {
      const op = take() as '*' | '/';
      a = { k: 'bin', op, a, b: factor() };
    }
    return a;
  };
  const expr = (): Node => {
    let a = term();
    while (peek() === '+' || peek() === '-') {
      const op = take() as '+' | '-';
      a = { k: 'bin', op, a, b: term() };
    }
    return a;
  };
  const lhs = expr();
  const cmp = take();
  if (!['>=', '>', '<=', '<', '=='].includes(cmp)) throw new Error(`expected a comparison (>=, >, <=, <, ==) but found "${cmp}" in claim "${src}"`);
  const rhs = expr();
  if (i !== t.length) throw new Error(`unexpected "${t[i]}" after the end of claim "${src}"`);
  return { lhs, cmp: cmp as ParsedClaim['cmp'], rhs };
}

/** Names of the quantities a claim reads (to compute only what is needed). */
function uses(n: Node, out: Set<string>): Set<string> {
  switch (n.k) {
    case 'neg':
      uses(n.a, out);
      break;
    case 'bin':
      uses(n.a, out);
      uses(n.b, out);
      break;
    case 'fn':
      n.args.forEach((a) => uses(a, out));
      break;
    case 'q':
      out.add(n.q);
      break;
    case 'gapz':
      out.add('gapz');
      break;
    default:
  }
  return out;
}

/** True when a claim needs the fresh test sample (test loss, test accuracy, gap). */
export function needsTestSample(c: ParsedClaim): boolean {
  const u = uses(c.rhs, uses(c.lhs, new Set()));
  return u.has('testLoss') || u.has('testAcc') || u.has('gap') || u.has('gapz');
}

/** The landscape facts a claim is evaluated on (lazily extended with test-sample numbers). */
export interface LandscapeFacts {
  sample: Sample;
  mixture: Mixture | null;
  params: MetricParams;
  minima: LocalMinimum[];
  majority: number;
  /** Per-minimum test numbers, filled on first use (index into `minima`). */
  test?: Map<LocalMinimum, { testLoss: number; testAcc: number; perPoint: Float64Array }>;
  testSample?: Sample | null;
}

/** The window and resolution a landscape is checked on. */
export interface ClaimWindow {
  w1: [number, number];
  w2: [number, number];
  res?: number;
}

/**
 * The minima of the loss over the window (candidates from a float64 grid of `res`² nodes — the
 * app's float32 grid finds the same Newton-refined points), with the training-set facts.
 */
export function landscapeFacts(sample: Sample, mixture: Mixture | null, params: MetricParams, win: ClaimWindow): LandscapeFacts {
  const res = win.res ?? CLAIM_GRID_RES;
  const w1 = linspace(win.w1[0], win.w1[1], res);
  const w2 = linspace(win.w2[0], win.w2[1], res);
  const loss = new Float32Array(res * res);
  for (let r = 0; r < res; r++) for (let c = 0; c < res; c++) loss[r * res + c] = lossForward(sample, w1[c], w2[r], params.depth);
  return { sample, mixture, params, minima: findMinima(sample, loss, w1, w2, params), majority: majorityRate(sample) };
}

/** The minimum a role names, or null when there is none (fewer than two minima for all but `global`). */
export function minimumOf(f: LandscapeFacts, role: Role): LocalMinimum | null {
  const g = f.minima[0] ?? null;
  if (role === 'global') return g;
  const l = f.minima[1] ?? null;
  if (!g || !l) return null;
  if (role === 'local') return l;
  if (role === 'sharp') return g.lambdaMax >= l.lambdaMax ? g : l;
  if (role === 'flat') return g.lambdaMax >= l.lambdaMax ? l : g;
  if (role === 'lowPsi') return g.psi <= l.psi ? g : l;
  return g.psi <= l.psi ? l : g;
}

/** Test loss and accuracy at a minimum on the facts' fresh sample (computed once per minimum). */
function testNumbers(f: LandscapeFacts, m: LocalMinimum) {
  if (f.testSample === undefined) f.testSample = f.mixture ? freshSample(f.mixture, CLAIM_TEST_SIZE, CLAIM_TEST_SEED) : null;
  const ts = f.testSample;
  if (!ts) throw new Error(tr('the data set has no known mixture, so there is no test sample'));
  f.test ??= new Map();
  let t = f.test.get(m);
  if (!t) {
    const perPoint = new Float64Array(ts.n);
    const testLoss = lossForward(ts, m.w[0], m.w[1], f.params.depth, perPoint);
    t = { testLoss, testAcc: accuracy(ts, m.w[0], m.w[1], f.params.depth), perPoint };
    f.test.set(m, t);
  }
  return t;
}

/** One quantity of one minimum. */
export function quantityOf(f: LandscapeFacts, q: Quantity, m: LocalMinimum): number {
  switch (q) {
    case 'loss':
      return m.loss;
    case 'psi':
      return m.psi;
    case 'psiScale':
      return m.psiScale;
    case 'psiCurv':
      return m.psiCurvature;
    case 'bound':
      return m.bound;
    case 'lambdaMax':
      return m.lambdaMax;
    case 'lambdaMin':
      return m.lambdaMin;
    case 'trainAcc':
      return m.trainAcc;
    case 'nearConstant':
      return m.nearConstant ? 1 : 0;
    case 'w1':
      return m.w[0];
    case 'w2':
      return m.w[1];
    case 'testLoss':
      return testNumbers(f, m).testLoss;
    case 'testAcc':
      return testNumbers(f, m).testAcc;
    case 'gap':
      return testNumbers(f, m).testLoss - m.loss;
  }
}

/** (gap(a) − gap(b)) / the standard error of the mean paired test-loss difference. */
function gapZ(f: LandscapeFacts, a: LocalMinimum, b: LocalMinimum): number {
  const ta = testNumbers(f, a), tb = testNumbers(f, b);
  const n = ta.perPoint.length;
  let s = 0, s2 = 0;
  for (let j = 0; j < n; j++) {
    const d = ta.perPoint[j] - tb.perPoint[j];
    s += d;
    s2 += d * d;
  }
  const mean = s / n;
  const se = Math.sqrt(Math.max(0, s2 / n - mean * mean) / (n - 1));
  return (ta.testLoss - a.loss - (tb.testLoss - b.loss)) / se;
}

function evalNode(f: LandscapeFacts, n: Node): number {
  switch (n.k) {
    case 'num':
      return n.v;
    case 'neg':
      return -evalNode(f, n.a);
    case 'bin': {
      const a = evalNode(f, n.a), b = evalNode(f, n.b);
      return n.op === '+' ? a + b : n.op === '-' ? a - b : n.op === '*' ? a * b : a / b;
    }
    case 'fn': {
      const v = n.args.map((a) => evalNode(f, a));
      return n.name === 'abs' ? Math.abs(v[0]) : n.name === 'min' ? Math.min(v[0], v[1]) : Math.max(v[0], v[1]);
    }
    case 'g':
      return n.name === 'majority' ? f.majority : n.name === 'count' ? f.minima.length : f.sample.n;
    case 'q': {
      const m = minimumOf(f, n.role);
      if (!m) throw new Error(tr('there is no "{{value}}" minimum ({{n}} found)', { value: n.role, n: f.minima.length }));
      return quantityOf(f, n.q, m);
    }
    case 'gapz': {
      const a = minimumOf(f, n.a), b = minimumOf(f, n.b);
      if (!a || !b) throw new Error(tr('there are not two minima ({{n}} found)', { n: f.minima.length }));
      return gapZ(f, a, b);
    }
  }
}

/** Evaluates one claim on the facts. A claim that cannot be evaluated does not hold. */
export function evaluateClaim(f: LandscapeFacts, c: Claim | string): ClaimResult {
  const claim = typeof c === 'string' ? { expr: c } : c;
  const out: ClaimResult = { expr: claim.expr, ...(claim.text ? { text: claim.text } : {}), lhs: NaN, rhs: NaN, holds: false };
  try {
    const p = parseClaim(claim.expr);
    out.lhs = evalNode(f, p.lhs);
    out.rhs = evalNode(f, p.rhs);
    const { lhs: a, rhs: b } = out;
    out.holds = p.cmp === '>=' ? a >= b : p.cmp === '>' ? a > b : p.cmp === '<=' ? a <= b : p.cmp === '<' ? a < b : a === b;
  } catch (e) {
    out.error = (e as Error).message;
  }
  return out;
}

/** The numbers of one minimum a report prints (every quantity, test ones when a mixture is known). */
export function minimumSummary(f: LandscapeFacts, m: LocalMinimum): Record<string, number | boolean | [number, number]> {
  const out: Record<string, number | boolean | [number, number]> = { w: [m.w[0], m.w[1]] };
  for (const q of Object.keys(QUANTITIES) as Quantity[]) {
    if (q === 'w1' || q === 'w2') continue;
    if (!f.mixture && (q === 'testLoss' || q === 'testAcc' || q === 'gap')) continue;
    out[q] = quantityOf(f, q, m);
  }
  out.lambdaMaxRatio = m.lambdaMaxRatio;
  out.flatAlongOne = m.flatAlongOne;
  return out;
}
