import { describe, expect, it } from 'vitest';
import { Eta, ETA_MIN_MS, etaText } from './eta';

describe('Eta', () => {
  it('gives no estimate before the job has run long enough, then elapsed·(1−p)/p', () => {
    let t = 1000;
    const e = new Eta(() => t);
    t += 200;
    expect(e.remaining(0.5)).toBeNull();
    t = 1000 + ETA_MIN_MS + 300; // 1 s in
    expect(e.remaining(0.01)).toBeNull();
    expect(e.remaining(0.25)).toBeCloseTo(3, 10); // 1 s for a quarter: 3 s left
    expect(e.remaining(1)).toBeNull();
    expect(e.remaining(NaN)).toBeNull();
  });
  it('words the estimate', () => {
    expect(etaText(null)).toBeNull();
    expect(etaText(Infinity)).toBeNull();
    expect(etaText(2)).toBe('less than 5 s left');
    expect(etaText(42)).toBe('about 40 s left');
    expect(etaText(200)).toBe('about 3 min left');
  });
});
