import { describe, expect, it } from 'vitest';
import { fmt, fmtQ, fmtW, meanErr, pct, pp, wPair } from './format';

describe('format: one rule per quantity', () => {
  it('keeps trailing zeros so a quantity always has the same digits', () => {
    expect(fmtQ('value', 0.839)).toBe('0.8390');
    expect(fmtQ('value', 0.83914)).toBe('0.8391');
    expect(fmtQ('value', 0.64)).toBe('0.6400');
    expect(fmtQ('value', 4.0741)).toBe('4.074');
    expect(fmtQ('value', 123456)).toBe('1.235e5');
    expect(fmtQ('value', 12345)).toBe('12345');
  });
  it('uses real minus signs, also in exponents', () => {
    expect(fmt(-1.57)).toBe('\u22121.570');
    expect(fmt(-0.000525)).toBe('\u22125.250e\u22124');
    expect(fmt(-Infinity)).toBe('\u2212∞');
    expect(fmt(NaN)).toBe('—');
    expect(fmt(0)).toBe('0');
  });
  it('shows weights with three fixed decimals', () => {
    expect(wPair([2.66, -1.57])).toBe('(2.660, \u22121.570)');
    expect(fmtW(-0.0001)).toBe('0.000');
    expect(fmtW(0.4773)).toBe('0.477');
  });
  it('says when a Monte Carlo mean is within noise of zero', () => {
    expect(meanErr(-0.00114, 0.0039)).toEqual({ text: '\u22120.001140 ± 0.0039', withinNoise: true });
    expect(meanErr(0.00281, 0.00019).withinNoise).toBe(false);
  });

  it('writes accuracies with one decimal and their differences in points the same way, with real minus signs', () => {
    expect(pct(0.65)).toBe('65.0%');
    expect(pct(0.714)).toBe('71.4%');
    expect(pp(0.0665)).toBe('6.7');
    expect(pp(-0.0149)).toBe('\u22121.5');
    expect(pct(-0.0149)).toBe('\u22121.5%');
    expect(pct(undefined)).toBe('—');
    expect(pp(Number.NaN)).toBe('—');
  });
});
