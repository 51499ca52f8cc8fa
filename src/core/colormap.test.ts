import { describe, expect, it } from 'vitest';
import { applyColormap, colormapCss, colormapLut, formatTick, lutIndex, niceTicks, normalise, srgbToLinear } from './colormap';

const lum = (r: number, g: number, b: number) => 0.2126 * srgbToLinear(r) + 0.7152 * srgbToLinear(g) + 0.0722 * srgbToLinear(b);

describe('colormapLut', () => {
  it('has matplotlib viridis and cividis end points', () => {
    const v = colormapLut('viridis', 256);
    expect(v.length).toBe(768);
    expect(Array.from(v.slice(0, 3)).map((x) => Math.round(x * 255))).toEqual([0x44, 0x01, 0x54]);
    expect(Array.from(v.slice(765)).map((x) => Math.round(x * 255))).toEqual([0xfd, 0xe7, 0x25]);
    const c = colormapLut('cividis', 256);
    expect(Array.from(c.slice(0, 3)).map((x) => Math.round(x * 255))).toEqual([0x00, 0x22, 0x4e]);
  });
  it('is monotone in luminance (order reads the same in grey)', () => {
    for (const id of ['viridis', 'cividis'] as const) {
      const l = colormapLut(id, 64);
      for (let i = 1; i < 64; i++) expect(lum(l[3 * i], l[3 * i + 1], l[3 * i + 2])).toBeGreaterThan(lum(l[3 * i - 3], l[3 * i - 2], l[3 * i - 1]));
    }
  });
  it('converts to linear light on request', () => {
    const s = colormapLut('viridis', 8);
    const l = colormapLut('viridis', 8, true);
    for (let i = 0; i < s.length; i++) expect(l[i]).toBeCloseTo(srgbToLinear(s[i]), 6);
    expect(srgbToLinear(1)).toBeCloseTo(1, 12);
    expect(srgbToLinear(0.5)).toBeCloseTo(0.214, 3);
  });
});

describe('applyColormap / normalise', () => {
  it('maps lo→first and hi→last colour, clamps, and handles NaN and degenerate ranges', () => {
    const lut = colormapLut('viridis', 16);
    const out = new Float32Array(15);
    applyColormap([0, 10, -5, 20, NaN], 0, 10, lut, out);
    expect(Array.from(out.slice(0, 3))).toEqual(Array.from(lut.slice(0, 3)));
    expect(Array.from(out.slice(3, 6))).toEqual(Array.from(lut.slice(45, 48)));
    expect(Array.from(out.slice(6, 9))).toEqual(Array.from(lut.slice(0, 3)));
    expect(Array.from(out.slice(9, 12))).toEqual(Array.from(lut.slice(45, 48)));
    expect(Array.from(out.slice(12, 15))).toEqual(Array.from(lut.slice(0, 3)));
    expect(normalise(5, 0, 10)).toBe(0.5);
    expect(normalise(5, 1, 1)).toBe(0.5);
    expect(lutIndex(NaN, 10)).toBe(0);
    expect(colormapCss('viridis', 1)).toBe('rgb(253, 231, 37)');
  });
});

describe('niceTicks / formatTick', () => {
  it('gives round ticks inside the range', () => {
    expect(niceTicks(-4, 6, 5)).toEqual([-4, -2, 0, 2, 4, 6]);
    expect(niceTicks(0.55, 2.45, 4)).toEqual([1, 1.5, 2]);
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(3, 3)).toEqual([3]);
    for (const t of niceTicks(0.5583, 2.7, 6)) expect(t).toBeGreaterThanOrEqual(0.5583);
  });
  it('formats compactly', () => {
    expect(formatTick(0)).toBe('0');
    expect(formatTick(0.25)).toBe('0.25');
    expect(formatTick(4.07369)).toBe('4.074');
    expect(formatTick(123456)).toBe('1.2e5');
    expect(formatTick(-1.5)).toBe('\u22121.5');
    expect(formatTick(-0.00012)).toBe('\u22121.2e\u22124');
  });
});
