import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkParam, checkPoint, checkRangePair, limitsTableMarkdown, parseDecimal, rangeText } from './params';
import { validateJob } from './grid';

const job = (o: object = {}) => ({ n: 2, x: [0, 0, 1, 1], y: [0, 1], w1: [-1, 1] as [number, number], w2: [-1, 1] as [number, number], res: 16, depth: 5, gamma: 0.1, eps: 0.1, delta: 0.05, ...o });

describe('the parameter table (core/params)', () => {
  it('reads decimals strictly: a sign is fine, hex, Infinity and junk are not', () => {
    expect(parseDecimal('+3')).toBe(3);
    expect(parseDecimal('-1.5e-3')).toBe(-0.0015);
    expect(parseDecimal('.5')).toBe(0.5);
    for (const t of ['', '0x10', 'Infinity', 'NaN', '1_000', '1e', 'abc', '1,2', '--1']) expect(parseDecimal(t), t).toBeNaN();
  });

  it('words ranges and names the refused value', () => {
    expect(rangeText('depth')).toBe('an integer from 1 to 8');
    expect(rangeText('sd')).toBe('a number greater than 0 and at most 100');
    expect(checkParam('depth', 9)).toBe('Depth must be an integer from 1 to 8, got 9.');
    expect(checkParam('eps', NaN, '--eps')).toBe('--eps must be a number from 0.001 to 10, got NaN.');
    expect(checkParam('delta', '0.1')).toMatch(/got "0.1"/);
    expect(checkPoint([60, 0], 'The marker')).toMatch(/w1 must be a number within ±20, got 60/);
    expect(checkRangePair([1, 1.01], 'w1')).toMatch(/span at least 0.05/);
  });

  it('validateJob refuses with the table message', () => {
    expect(() => validateJob(job({ res: 4 }))).toThrow('The grid resolution must be an integer from 8 to 512, got 4.');
    expect(() => validateJob(job({ eps: 1e-40 }))).toThrow(/ε must be a number from 0.001 to 10/);
    expect(() => validateJob(job({ delta: 1e-307 }))).toThrow(/δ must be/);
    expect(() => validateJob(job({ w1: [-50, 50] }))).toThrow(/within ±20/);
    expect(() => validateJob(job({ gamma: 1e308 }))).toThrow(/γ must be/);
    expect(() => validateJob(job({ n: 3 }))).toThrow(/do not match n/);
  });

  it("README's limits table is the generated table", () => {
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf('<!-- limits:start -->');
    const end = readme.indexOf('<!-- limits:end -->');
    expect(start).toBeGreaterThan(0);
    expect(readme.slice(start + '<!-- limits:start -->'.length, end).trim()).toBe(limitsTableMarkdown());
  });
});
