import { describe, expect, it } from 'vitest';
import { decodeView } from './urlCodec';

describe('links: every value ignored or refused is named, everything else applies', () => {
  it('unknown keys are listed in one message', () => {
    const r = decodeView('#v=1&foo=1&bar=2&field=psi');
    expect(r.values).toEqual({ field: 'psi' });
    expect(r.errors).toEqual(['Link keys "foo", "bar" are not known and were ignored.']);
  });
  it('a repeated key says which value was read', () => {
    const r = decodeView('#depth=abc&depth=3');
    expect(r.values.depth).toBe(3);
    expect(r.errors).toEqual(['Link "depth" is given 2 times; only the last value ("3") was read.']);
    const r2 = decodeView('#depth=3&depth=99');
    expect(r2.values.depth).toBeUndefined();
    expect(r2.refused).toEqual(['depth']);
    expect(r2.errors.join(' ')).toMatch(/given 2 times.*"99".*Depth must be an integer from 1 to 8/);
  });
  it("'+3' is the number 3", () => {
    expect(decodeView('#depth=+3').values.depth).toBe(3);
    expect(decodeView('#m=+1,-1').values.marker).toEqual([1, -1]);
    expect(decodeView('#gamma=+0.5').errors).toEqual([]);
  });
  it("a '#' inside the link separates keys and is reported", () => {
    const r = decodeView('#v=1&field=psi#depth=3');
    expect(r.values).toEqual({ field: 'psi', depth: 3 });
    expect(r.errors).toEqual(['The link has a second "#" inside it; it was read as a separator between keys.']);
  });
  it('generator keys without data=gen are reported', () => {
    const r = decodeView('#n=500&seed=3');
    expect(r.values).toEqual({});
    expect(r.errors[0]).toMatch(/"seed", "n" only apply with data=gen/);
  });
  it('every bad generator value is listed', () => {
    const r = decodeView('#data=gen&seed=-1&n=1e9&sd=0');
    expect(r.errors[0]).toMatch(/seed.*; n must be an integer from 2 to/);
    expect(r.refused).toEqual(['data']);
  });
  it('refuses hex, Infinity and out-of-table values, keeps the rest', () => {
    const r = decodeView('#depth=0x3&gamma=Infinity&eps=1e-40&delta=1e-307&res=4&field=bound');
    expect(r.values).toEqual({ field: 'bound' });
    expect(r.refused.sort()).toEqual(['delta', 'depth', 'eps', 'gamma', 'res']);
  });
  it('never throws on hostile text', () => {
    for (const h of ['#%', '#%E0%A4%A', '#=&=&&', '#m=' + '9'.repeat(400), '#data=file:%00<script>', '#story=1e400', '#cam=1,2,3,1,2,3', '#pins=;;;;;;', '#hide=left,left,top']) {
      expect(() => decodeView(h), h).not.toThrow();
    }
  });
});
