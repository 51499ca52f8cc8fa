import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SLICE_MS, SliceBudget, slicer, type SliceClock } from './slices';
import { createRng } from './rng';
const mulberry32 = (seed: number) => { const r = createRng(seed); return () => r.uniform(); };

/** A clock that only moves when told; each yield is recorded. */
function fakeClock() {
  let t = 0;
  const yields: number[] = [];
  const clock: SliceClock = {
    now: () => t,
    yieldTask: async () => {
      yields.push(t);
      t += 1; // the page's turn
    },
  };
  return { clock, yields, advance: (ms: number) => (t += ms), now: () => t };
}

/**
 * Runs units of the given costs through a budget as a job does (unit, then `await next()`), and
 * returns each slice's length (from the start or a yield's end to the next yield or the end) with
 * the units it held.
 */
async function slicesOf(costs: number[], opts: { budgetMs?: number; unitMs?: number } = {}) {
  const f = fakeClock();
  const b = new SliceBudget({ ...opts, clock: f.clock });
  const slices: { ms: number; units: number }[] = [];
  let start = f.now(), units = 0;
  for (const c of costs) {
    f.advance(c);
    units++;
    const before = f.yields.length;
    await b.next();
    if (f.yields.length > before) {
      slices.push({ ms: f.yields[f.yields.length - 1] - start, units });
      start = f.now();
      units = 0;
    }
  }
  if (units) slices.push({ ms: f.now() - start, units });
  return slices;
}

describe('SliceBudget (fake clock)', () => {
  it('the budget is 8 ms', () => expect(SLICE_MS).toBe(8));

  it('every slice of equal units yields within the budget, and not much before it', async () => {
    for (const cost of [0.1, 0.7, 1, 2.5, 3, 3.9, 4, 7.9, 8]) {
      const slices = await slicesOf(Array(400).fill(cost));
      for (const s of slices) expect(s.ms, `units of ${cost} ms`).toBeLessThanOrEqual(SLICE_MS);
      // All but the last slice end because the next unit would not fit: each holds ≥ budget − 2 units.
      for (const s of slices.slice(0, -1)) expect(s.ms, `units of ${cost} ms`).toBeGreaterThan(SLICE_MS - 2 * cost - 1e-9);
    }
  });

  it('every slice of random units no longer than the stated unit yields within the budget', async () => {
    const rnd = mulberry32(7);
    for (const unitMs of [0.5, 2, 5, 8]) {
      for (const budgetMs of [8, 16, 50]) {
        if (unitMs > budgetMs) continue;
        const costs = Array.from({ length: 2000 }, () => rnd() * unitMs);
        const slices = await slicesOf(costs, { budgetMs, unitMs });
        expect(slices.length).toBeGreaterThan(1);
        for (const s of slices) expect(s.ms, `unit ≤ ${unitMs}, budget ${budgetMs}`).toBeLessThanOrEqual(budgetMs);
        for (const s of slices.slice(0, -1)) expect(s.ms).toBeGreaterThan(budgetMs - 2 * unitMs - 1e-9);
      }
    }
  });

  it('without a stated unit, random units stay within the budget once the longest has been seen', async () => {
    const rnd = mulberry32(11);
    // The first unit is the longest (a warm-up): the prediction holds from then on.
    const costs = [6, ...Array.from({ length: 3000 }, () => rnd() * 6)];
    for (const s of await slicesOf(costs)) expect(s.ms).toBeLessThanOrEqual(SLICE_MS);
  });

  it('a unit longer than the budget runs alone in its slice', async () => {
    const slices = await slicesOf([1, 1, 20, 1, 30, 0.5, 0.5]);
    const big = slices.filter((s) => s.ms > SLICE_MS);
    expect(big.length).toBe(2);
    // The 20 ms unit shares its slice only with units already run before it was seen (2 ms);
    // after it, every unit predicts ≥ 20 ms, so each runs in a slice of its own.
    expect(big[0].ms).toBe(22);
    expect(big[1]).toEqual({ ms: 30, units: 1 });
  });

  it('slicer() is the same checkpoint as an async function', async () => {
    const f = fakeClock();
    const slice = slicer({ clock: f.clock });
    for (let i = 0; i < 100; i++) {
      f.advance(1);
      await slice();
    }
    // 100 ms of 1 ms units in slices of ≤ 8 ms: at least 12 yields.
    expect(f.yields.length).toBeGreaterThanOrEqual(12);
    expect(f.yields.length).toBeLessThanOrEqual(17);
  });
});

/** Source files of src/ (no tests). */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.tsx?$/.test(e) && !/\.test\.tsx?$/.test(e)) out.push(p);
  }
  return out;
}

describe('one main-thread budget (structure)', () => {
  const src = join(__dirname, '..');
  const read = (p: string) => readFileSync(join(src, p), 'utf8');
  // Every job that slices main-thread work by time.
  const JOBS = ['app/training.ts', 'app/experiments.ts', 'ui/cutModel.ts', 'ui/Inspector.tsx', 'scene/idleWork.ts', 'compute/ensemble.ts'];

  it.each(JOBS)('%s measures its slices with core/slices', (p) => {
    const text = read(p);
    expect(text).toMatch(/from '\.\.\/core\/slices'/);
    expect(text).toMatch(/SliceBudget|slicer\(/);
  });

  it('no file but core/slices defines its own slice length or time-sliced loop', () => {
    const offenders: string[] = [];
    for (const f of sources(src)) {
      const rel = f.slice(src.length + 1);
      if (rel === 'core/slices.ts') continue;
      const text = readFileSync(f, 'utf8');
      // A slice length of one's own, or a loop that compares elapsed time with one.
      if (/\b[A-Z_]*SLICE_MS\s*=\s*\d/.test(text) || /performance\.now\(\)\s*-\s*\w+\s*[<>]=?\s*[A-Z_]*SLICE/.test(text)) offenders.push(rel);
    }
    expect(offenders).toEqual([]);
  });
});
