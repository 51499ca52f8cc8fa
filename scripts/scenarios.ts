/**
 * Searches random Gaussian mixtures for landscapes where a set of claims holds (core/claims.ts),
 * so presets can be found and re-checked:
 *
 *   npm run --silent scenarios -- --claims FILE [--n 400] [--seed S] [--time 300] [--gamma 0.1,0.5]
 *       [--eps 0.1] [--k 2,3,4] [--sd 0.4,1.4 | 0.88] [--spread 2.5] [--means x,y;x,y;…] [--points 100] [--depth 5]
 *       [--res 64] [--window -6,6] [--max-found 20] [--all]
 *
 * FILE is JSON: an array of claims (strings or {expr, text}), or {claims, search} where `search`
 * holds defaults for the options above (same names, values as in JSON). For each of `--n` random
 * mixtures (k components with means uniform in ±spread and one sd, raw units; n points; median
 * labels; seeded from --seed; --means fixes the means so only the draw varies) the minima are found once on a coarse float64 grid over the search
 * window and Newton-refined, then the claims are evaluated for every (γ, ε) pair. A mixture where
 * all claims hold is checked again on its own preset window (around its two lowest minima, at the
 * claim resolution) and printed as one JSON line with every number; `--all` prints failures too.
 * A last line summarises the run (progress goes to stderr). Work stops after --time seconds or
 * --max-found confirmed candidates.
 */
import { readFileSync } from 'node:fs';
import { generateDataset, type Dataset, type GeneratorParams } from '../src/core/data';
import { createRng } from '../src/core/rng';
import { DEFAULT_PARAMS, pointReport, type MetricParams } from '../src/core/metrics';
import { classifyMinima, type LocalMinimum } from '../src/core/minima';
import { evaluateClaim, landscapeFacts, minimumSummary, needsTestSample, parseClaim, type Claim, type ClaimResult, type LandscapeFacts } from '../src/core/claims';

export class UsageError extends Error {}

export interface SearchOptions {
  claims: Claim[];
  n: number;
  seed: number;
  time: number;
  gamma: number[];
  eps: number[];
  delta: number;
  k: number[];
  /** Fixed component means (raw units); only the data seed (and sd within its range) then vary. */
  means: [number, number][] | null;
  sd: [number, number];
  spread: number;
  points: number;
  depth: number;
  res: number;
  window: [number, number];
  maxFound: number;
  all: boolean;
}

export const SEARCH_DEFAULTS: Omit<SearchOptions, 'claims'> = {
  n: 400,
  seed: 1,
  time: 300,
  gamma: [0.1, 0.25, 0.5, 1],
  eps: [0.05, 0.1, 0.2],
  delta: DEFAULT_PARAMS.delta,
  k: [2, 3, 4],
  means: null,
  sd: [0.4, 1.4],
  spread: 2.5,
  points: 100,
  depth: DEFAULT_PARAMS.depth,
  res: 64,
  window: [-6, 6],
  maxFound: 20,
  all: false,
};

const nums = (name: string, v: unknown): number[] => {
  const parts = Array.isArray(v) ? v.map(Number) : String(v).split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  if (!parts.length || !parts.every(Number.isFinite)) throw new UsageError(`--${name} must be a comma-separated list of numbers; got "${String(v)}"`);
  return parts;
};

/** Reads a claims file's JSON: an array of claims, or {claims, search}. */
export function claimsFromJson(obj: unknown): { claims: Claim[]; search: Record<string, unknown> } {
  const o = Array.isArray(obj) ? { claims: obj } : (obj as { claims?: unknown; search?: unknown });
  if (!o || !Array.isArray(o.claims) || !o.claims.length) throw new UsageError('the claims file must hold a non-empty array of claims (or {claims: [...]})');
  const claims = o.claims.map((c: unknown) => {
    const cl = typeof c === 'string' ? { expr: c } : (c as Claim);
    if (!cl || typeof cl.expr !== 'string') throw new UsageError(`a claim must be a string or {expr, text}; got ${JSON.stringify(c)}`);
    try {
      parseClaim(cl.expr);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    return cl;
  });
  return { claims, search: (o.search && typeof o.search === 'object' ? o.search : {}) as Record<string, unknown> };
}

/** Parses argv (after the script name); `readFile` is injectable for tests. */
export function parseArgs(argv: string[], readFile: (p: string) => string = (p) => readFileSync(p, 'utf8')): SearchOptions {
  const raw: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new UsageError(`unexpected argument "${a}"`);
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (key === 'all') {
      raw.all = true;
      continue;
    }
    const val = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (val === undefined) throw new UsageError(`--${key} needs a value`);
    raw[key] = val;
  }
  if (typeof raw.claims !== 'string') throw new UsageError('usage: scenarios --claims FILE [--n 400 --seed S --time SECONDS --gamma G,… --eps E,… --k K,… --sd LO,HI --spread S --points N --depth D --res R --window LO,HI --max-found M --all]');
  let file: unknown;
  try {
    file = JSON.parse(readFile(raw.claims));
  } catch (e) {
    throw new UsageError(`cannot read the claims file ${raw.claims}: ${(e as Error).message}`);
  }
  const { claims, search } = claimsFromJson(file);
  const merged: Record<string, unknown> = { ...search, ...raw };
  const o: SearchOptions = { ...SEARCH_DEFAULTS, claims };
  const int = (k: string, lo: number, hi: number) => {
    const v = Number(merged[k]);
    if (!Number.isInteger(v) || v < lo || v > hi) throw new UsageError(`--${k} must be an integer from ${lo} to ${hi}; got "${String(merged[k])}"`);
    return v;
  };
  const pair = (k: string): [number, number] => {
    const v = nums(k, merged[k]);
    if (v.length !== 2 || !(v[0] < v[1])) throw new UsageError(`--${k} must be two increasing numbers LO,HI`);
    return [v[0], v[1]];
  };
  if (merged.n !== undefined) o.n = int('n', 1, 1e7);
  if (merged.seed !== undefined) o.seed = int('seed', 0, 0xffffffff);
  if (merged.time !== undefined) o.time = nums('time', merged.time)[0];
  if (merged.gamma !== undefined) o.gamma = nums('gamma', merged.gamma);
  if (merged.eps !== undefined) o.eps = nums('eps', merged.eps);
  if (merged.delta !== undefined) o.delta = nums('delta', merged.delta)[0];
  if (merged.k !== undefined) o.k = nums('k', merged.k).map((v) => Math.round(v));
  if (merged.sd !== undefined) {
    const v = nums('sd', merged.sd);
    if (v.length === 1 && v[0] > 0) o.sd = [v[0], v[0]];
    else o.sd = pair('sd');
  }
  if (merged.means !== undefined) {
    const parts = Array.isArray(merged.means) ? (merged.means as unknown[]).map((m) => nums('means', m)) : String(merged.means).split(';').map((m) => nums('means', m));
    if (parts.length < 2 || parts.length > 8 || parts.some((m) => m.length !== 2)) throw new UsageError('--means must be 2 to 8 pairs "x,y;x,y;…"');
    o.means = parts.map((m) => [m[0], m[1]]);
  }
  if (merged.spread !== undefined) o.spread = nums('spread', merged.spread)[0];
  if (merged.points !== undefined) o.points = int('points', 4, 20000);
  if (merged.depth !== undefined) o.depth = int('depth', 1, 8);
  if (merged.res !== undefined) o.res = int('res', 8, 512);
  if (merged.window !== undefined) o.window = pair('window');
  if (merged['max-found'] !== undefined) o.maxFound = int('max-found', 1, 1e6);
  if (merged.all) o.all = true;
  if (o.gamma.some((g) => g < 0) || o.eps.some((e) => e <= 0) || !(o.delta > 0 && o.delta < 1)) throw new UsageError('γ must be ≥ 0, ε > 0 and δ in (0, 1)');
  if (o.k.some((k) => k < 2 || k > 8)) throw new UsageError('--k must list component counts from 2 to 8');
  return o;
}

/** The i-th random mixture of a search (deterministic in (seed, i)). */
export function randomGenerator(o: Pick<SearchOptions, 'seed' | 'k' | 'sd' | 'spread' | 'points'> & { means?: [number, number][] | null }, i: number): GeneratorParams {
  const rng = createRng((o.seed * 1_000_003 + i * 7919) >>> 0);
  const k = o.k[Math.min(o.k.length - 1, Math.floor(rng.uniform() * o.k.length))];
  const r2 = (v: number) => Math.round(v * 100) / 100;
  const drawn = Array.from({ length: k }, () => [r2((2 * rng.uniform() - 1) * o.spread), r2((2 * rng.uniform() - 1) * o.spread)] as [number, number]);
  const means = o.means ? o.means.map((m) => [m[0], m[1]] as [number, number]) : drawn;
  const sd = r2(o.sd[0] + rng.uniform() * (o.sd[1] - o.sd[0]));
  const seed = Math.floor(rng.uniform() * 1e6);
  return { means, sd, n: o.points, seed, labelRule: 'median' };
}

/** Re-describes minima found at one (γ, ε) for other metric parameters (positions do not change). */
export function withParams(sample: Dataset, minima: LocalMinimum[], p: MetricParams): LocalMinimum[] {
  return classifyMinima(
    minima.map((m) => {
      const r = pointReport(sample, m.w[0], m.w[1], p);
      return { ...m, psi: r.psi, bound: r.bound, psiScale: r.psiTerms[0].scale + r.psiTerms[1].scale, psiCurvature: r.psiTerms[0].curvature + r.psiTerms[1].curvature };
    }),
  );
}

/**
 * A preset's grid window around the two lowest minima: their bounding box padded by
 * max(1.5, half its larger side) on each side, rounded out to 0.5, within ±`limit`.
 */
export function presetWindow(minima: readonly LocalMinimum[], limit = 50): { w1: [number, number]; w2: [number, number] } {
  const ms = minima.slice(0, 2);
  const lo1 = Math.min(...ms.map((m) => m.w[0])), hi1 = Math.max(...ms.map((m) => m.w[0]));
  const lo2 = Math.min(...ms.map((m) => m.w[1])), hi2 = Math.max(...ms.map((m) => m.w[1]));
  const pad = Math.max(1.5, 0.5 * Math.max(hi1 - lo1, hi2 - lo2));
  const out = (v: number) => Math.floor(v * 2) / 2;
  const up = (v: number) => Math.ceil(v * 2) / 2;
  const clamp = (v: number) => Math.max(-limit, Math.min(limit, v));
  return { w1: [clamp(out(lo1 - pad)), clamp(up(hi1 + pad))], w2: [clamp(out(lo2 - pad)), clamp(up(hi2 + pad))] };
}

/** Evaluates claims; those that need the test sample only after all the others held. */
export function checkClaims(f: LandscapeFacts, claims: readonly Claim[], stopEarly = true): { results: ClaimResult[]; holds: boolean } {
  const order = claims.map((c, i) => ({ c, i, test: needsTestSample(parseClaim(c.expr)) })).sort((a, b) => Number(a.test) - Number(b.test));
  const results: ClaimResult[] = new Array(claims.length);
  let holds = true;
  for (const { c, i } of order) {
    if (!holds && stopEarly) {
      results[i] = { expr: c.expr, ...(c.text ? { text: c.text } : {}), lhs: NaN, rhs: NaN, holds: false, error: 'not evaluated (an earlier claim failed)' };
      continue;
    }
    results[i] = evaluateClaim(f, c);
    holds &&= results[i].holds;
  }
  return { results, holds };
}

/** One candidate: a mixture and (γ, ε) where every claim holds, re-checked on its preset window. */
export interface Candidate {
  trial: number;
  generator: GeneratorParams;
  params: MetricParams;
  window: { w1: [number, number]; w2: [number, number] };
  /** The claims on the search window and on the preset window. */
  search: ClaimResult[];
  preset: ClaimResult[];
  holdsOnPresetWindow: boolean;
  minima: Record<string, unknown>[];
}

/** Tries one mixture; returns the (γ, ε) candidates where all claims hold (or all, with `all`). */
export function searchOne(o: SearchOptions, trial: number): Candidate[] {
  const gen = randomGenerator(o, trial);
  const d = generateDataset(gen);
  const base: MetricParams = { depth: o.depth, gamma: o.gamma[0], eps: o.eps[0], delta: o.delta };
  const coarse = landscapeFacts(d, d.mixture ?? null, base, { w1: o.window, w2: o.window, res: o.res });
  const out: Candidate[] = [];
  if (coarse.minima.length < 1) return out;
  for (const gamma of o.gamma) {
    for (const eps of o.eps) {
      const params = { ...base, gamma, eps };
      const f: LandscapeFacts = { ...coarse, params, minima: withParams(d, coarse.minima, params), test: undefined, testSample: coarse.testSample };
      const r = checkClaims(f, o.claims, !o.all);
      coarse.testSample = f.testSample;
      if (!r.holds && !o.all) continue;
      const window = presetWindow(f.minima);
      const pf = landscapeFacts(d, d.mixture ?? null, params, window);
      pf.testSample = f.testSample;
      const pr = checkClaims(pf, o.claims, false);
      out.push({ trial, generator: gen, params, window, search: r.results, preset: pr.results, holdsOnPresetWindow: pr.holds, minima: pf.minima.slice(0, 3).map((m) => ({ ...minimumSummary(pf, m), global: m.global, character: m.character })) });
    }
  }
  return out;
}

/** Runs the search, writing one JSON line per candidate and a summary line; returns the summary. */
export function runSearch(o: SearchOptions, write: (line: string) => void = (l) => process.stdout.write(l + '\n'), now: () => number = () => performance.now(), progress: (line: string) => void = () => {}) {
  const t0 = now();
  let tried = 0, found = 0, confirmed = 0;
  for (let i = 0; i < o.n; i++) {
    if ((now() - t0) / 1000 > o.time || confirmed >= o.maxFound) break;
    if (i > 0 && i % 25 === 0) progress(`scenarios: ${i} mixtures tried, ${found} candidates, ${confirmed} confirmed, ${Math.round((now() - t0) / 1000)} s`);
    tried++;
    let cands: Candidate[] = [];
    try {
      cands = searchOne(o, i);
    } catch (e) {
      write(JSON.stringify({ trial: i, error: (e as Error).message }));
      continue;
    }
    for (const c of cands) {
      if (c.search.every((r) => r.holds)) found++;
      if (c.holdsOnPresetWindow) confirmed++;
      write(JSON.stringify(c));
    }
  }
  const summary = { summary: true, tried, candidates: found, confirmedOnPresetWindow: confirmed, seconds: Math.round((now() - t0) / 100) / 10, seed: o.seed, gamma: o.gamma, eps: o.eps };
  write(JSON.stringify(summary));
  return summary;
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain || process.argv[1]?.endsWith('scripts/scenarios.ts')) {
  try {
    runSearch(parseArgs(process.argv.slice(2)), undefined, undefined, (l) => process.stderr.write(l + '\n'));
  } catch (e) {
    process.stderr.write(`scenarios: ${(e as Error).message.replace(/\s+/g, ' ').trim()}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  }
}
