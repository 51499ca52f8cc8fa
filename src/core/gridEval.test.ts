import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDataFile } from './data';
import { evaluateGridSync, planWork } from './gridEval';
import { checkGrid } from './gridCheck';
import { planGrid } from './rhoGrid';
import type { GridJob } from './grid';
import { CASES } from './gridCases';

const d = parseDataFile(readFileSync('test/fixtures/paper-toy.json', 'utf8'), 'paper-toy');
const job = (p: Partial<GridJob>): GridJob => ({ n: d.n, x: d.x, y: d.y, w1: [-4, 6], w2: [-6, 4], res: 16, depth: 5, gamma: 0.1, eps: 0.1, delta: 0.05, ...p });

/** Ranges, resolutions, depths and γ/ε the engines are checked on (shared with compute tests). */
describe('core grid (float64, shared ρ rule)', () => {
  it.each(CASES)('$name matches core at every checked node', ({ job: p, rhoSup, rhoBand }) => {
    const j = job(p);
    const rep = checkGrid(evaluateGridSync(j), j, { rhoSup, rhoBand, scale: 0.01 });
    expect(rep.failures).toEqual([]);
    expect(rep.checked).toBeGreaterThan(20);
  });

  it('the coarse case exercises the 5×5 stencil fallback', () => {
    const plan = planGrid(job({ res: 12 }));
    expect(plan.bandR[0]).toBeLessThanOrEqual(plan.bandR[1]);
    expect(plan.bandC[0]).toBeLessThanOrEqual(plan.bandC[1]);
    const rep = checkGrid(evaluateGridSync(job({ res: 12 })), job({ res: 12 }), { scale: 0.01 });
    expect(rep.stencilNodes).toBeGreaterThan(0);
    expect(rep.failures).toEqual([]);
  });

  it('a fine grid needs no stencil and covers edge boxes with the margin', () => {
    const plan = planGrid(job({ res: 256 }));
    expect(plan.bandR[0]).toBeGreaterThan(plan.bandR[1]);
    const step = plan.step[0];
    expect(plan.margin[0] * step).toBeGreaterThanOrEqual(0.1 * 6 + 0.1);
  });

  it('splits work into bounded tasks', () => {
    const w = planWork(job({ res: 64 }));
    for (const t of w.tasks) expect(t.units * d.n * 5).toBeLessThanOrEqual(Math.max(4e5, (64 + 2 * w.plan.margin[0]) * d.n * 5));
  });
});
