import { describe, it, expect } from 'vitest';
import { generateDataset, parseDataFile, datasetFromObject, withPaperToyMixture, datasetToObject, freshSample, DEFAULT_GENERATOR, MAX_DATA_POINTS, labelComponents } from './data';
import { readFileSync } from 'node:fs';

describe('data sets (SPEC §1)', () => {
  it('same seed ⇒ identical points; different seed ⇒ different points', () => {
    const a = generateDataset(DEFAULT_GENERATOR);
    const b = generateDataset(DEFAULT_GENERATOR);
    const c = generateDataset({ ...DEFAULT_GENERATOR, seed: 2 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
  });
  it('pins the generator output (catches any engine-dependent change)', () => {
    const a = generateDataset(DEFAULT_GENERATOR);
    expect(a.x[0]).toMatchSnapshot();
    expect(Array.from(a.y.slice(0, 10))).toMatchSnapshot();
  });
  it('standardises to zero mean and unit population variance', () => {
    const a = generateDataset({ ...DEFAULT_GENERATOR, n: 500 });
    for (let ax = 0; ax < 2; ax++) {
      let m = 0, v = 0;
      for (let j = 0; j < a.n; j++) m += a.x[2 * j + ax] / a.n;
      for (let j = 0; j < a.n; j++) v += (a.x[2 * j + ax] - m) ** 2 / a.n;
      expect(Math.abs(m)).toBeLessThan(1e-12);
      expect(v).toBeCloseTo(1, 12);
    }
  });
  it('labels by the median component (reading)', () => {
    expect(Array.from(labelComponents([0, 1, 2, 2, 1, 0], 'median').y)).toEqual([0, 1, 1, 1, 1, 0]);
  });
  it('loads the shipped paper-toy file and recovers its mixture', () => {
    const d = withPaperToyMixture(parseDataFile(readFileSync('test/fixtures/paper-toy.json', 'utf8')));
    expect(d.n).toBe(100);
    expect(d.mixture?.means.length).toBe(3);
    const fresh = freshSample(d.mixture!, 2000, 3);
    // The fresh sample is on the training data's standardised scale: mean near 0, sd near 1.
    let m = 0;
    for (let j = 0; j < fresh.n; j++) m += fresh.x[2 * j] / fresh.n;
    expect(Math.abs(m)).toBeLessThan(0.15);
  });
  it('round-trips JSON and reads CSV', () => {
    const d = generateDataset({ ...DEFAULT_GENERATOR, n: 20 });
    const back = datasetFromObject(JSON.parse(JSON.stringify(datasetToObject(d))));
    expect(Array.from(back.x)).toEqual(Array.from(d.x));
    const csv = parseDataFile('x1,x2,y\n0.1,0.2,0\n0.3,-1,1\n');
    expect(csv.n).toBe(2);
    expect(Array.from(csv.y)).toEqual([0, 1]);
  });
  it.each([
    ['', /empty/],
    ['{"x": [[1,2]], "y": [0]}', /at least 2/],
    ['{"x": [[1,2],[3,4]], "y": [0]}', /2 points but "y" has 1/],
    ['{"x": [[1,2],[3]], "y": [0,1]}', /Point 2.*pair/],
    ['{"x": [[1,2],[3,null]], "y": [0,1]}', /Point 2 of "x": x2 is null, not a number/],
    ['{"x": [[1,2],[3,4]], "y": [0,2]}', /Entry 2 of "y" is 2; labels must be 0 or 1/],
    ['{"x": [[1,2],[3,4]]', /not valid JSON/],
    ['a,b,c\n1,2,0\nfoo,2,1', /^Line 3, column 1 \(a\): "foo" is not a finite number\. 1 of 2 data rows refused\.$/],
    ['1,2,0\n3,NaN,1', /^Line 2, column 2 \(x2\): "NaN" is not a finite number/],
  ])('rejects bad input %# with a clear message', (text, msg) => {
    expect(() => parseDataFile(text)).toThrow(msg);
  });
  it('refuses more than MAX_DATA_POINTS rows', () => {
    const rows = Array.from({ length: MAX_DATA_POINTS + 1 }, (_, i) => `${i % 7},${i % 5},${i % 2}`).join('\n');
    expect(() => parseDataFile(rows)).toThrow(/at most/);
  });
});
