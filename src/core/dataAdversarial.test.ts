import { describe, expect, it } from 'vitest';
import { MAX_DATA_POINTS, parseDataFile } from './data';

const err = (text: string) => {
  try {
    parseDataFile(text, 't');
    return 'loaded';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('data files: no silent loss, messages naming the file line and column', () => {
  it('a headerless CSV whose first row is bad is refused, not taken as a header', () => {
    expect(err('NaN,0.5,1\n0,1,0\n1,0,1')).toMatch(/^Line 1, column 1 \(x1\): "NaN" is not a finite number\. 1 of 3 data rows refused\.$/);
    expect(err('1,2,yes\n0,1,0\n1,0,1')).toMatch(/^Line 1, column 3 \(y\): the label is "yes"; labels must be 0 or 1/);
    expect(err('Infinity,Infinity,1\n0,1,0\n1,0,1')).toMatch(/^Line 1, column 1 \(x1\): "Infinity"/);
    expect(err('0x10,1,0\n0,1,0')).toMatch(/"0x10" is not a finite number/);
  });
  it('a header is recognised by its content and may order the columns', () => {
    const d = parseDataFile('y,x2,x1\n1,0.5,0.25\n0,-1,2\n');
    expect(d.n).toBe(2);
    expect(Array.from(d.x)).toEqual([0.25, 0.5, 2, -1]);
    expect(Array.from(d.y)).toEqual([1, 0]);
    expect(parseDataFile('0,1,0\n1,0,1').n).toBe(2);
  });
  it('counts file lines as the file does (blank and comment lines, CR-only and CRLF ends)', () => {
    expect(err('x1,x2,y\n0,1,0\n\n# note\n1,NaN,1')).toMatch(/^Line 5, column 2 \(x2\)/);
    expect(err('x1,x2,y\r0,1,0\r1,2,1\r3,4,0')).toBe('loaded');
    expect(parseDataFile('x1,x2,y\r0,1,0\r1,2,1\r3,4,0').n).toBe(3);
    expect(err('x1,x2,y\r\n0,1,0\r\n1,2,2')).toMatch(/^Line 3, column 3 \(y\): the label is "2"/);
    expect(err('\n\nx1,x2,y\n1,2')).toMatch(/^Line 4 has 2 columns/);
  });
  it('names every refused row (first three and a count)', () => {
    const m = err('x1,x2,y\na,1,0\n1,b,0\n1,1,c\n1,1,d\n1,1,0');
    expect(m).toMatch(/^Line 2, column 1 \(x1\).*; line 3, column 2 \(x2\).*; line 4, column 3 \(y\).*; and 1 more row\. 4 of 5 data rows refused\.$/);
  });
  it('labels: empty, "yes", 2 are named as what they are (not "null")', () => {
    expect(err('0,1,\n1,0,1')).toMatch(/the label is empty/);
    expect(err('{"x": [[0,1],[1,0]], "y": [0, "yes"]}')).toBe('Entry 2 of "y" is "yes"; labels must be 0 or 1.');
    expect(err('{"x": [[0,1],[1,0]], "y": [0, null]}')).toBe('Entry 2 of "y" is null; labels must be 0 or 1.');
  });
  it('JSON: a string "0" is a string, null is null, not "non-finite" or "needs 2 points"', () => {
    expect(err('{"x": [["0",1],[1,0]], "y": [0, 1]}')).toBe('Point 1 of "x": x1 is the string "0", not a number.');
    expect(err('null')).toMatch(/must be a JSON object.*this is null/);
    expect(err('[1,2,3]')).toMatch(/this is an array/);
    expect(err('"text"')).toMatch(/this is "text"/);
  });
  it('refuses coordinates that cannot give finite numbers on the GPU grid', () => {
    expect(err('{"x": [[1e20,1],[1,0]], "y": [0, 1]}')).toMatch(/x1 is 100000000000000000000, outside ±1000/);
    expect(err('x1,x2,y\n1e308,0,1\n0,1,0')).toMatch(/^Line 2, column 1 \(x1\): 1e308 is outside ±1000/);
  });
  it('caps the text before parsing', () => {
    expect(err('x1,x2,y\n' + '0,1,0\n'.repeat(200_000))).toMatch(/limited to 1048576 bytes/);
  });
});

describe('large hostile files are refused without parsing them whole', () => {
  it('deeply nested JSON is refused by its depth, before JSON.parse', () => {
    expect(() => parseDataFile('['.repeat(500_000) + ']'.repeat(500_000))).toThrow(/nested 5 levels deep/);
    expect(() => parseDataFile('{"x": [[[[1]]]], "y": [1]}')).toThrow(/nested 5 levels deep/);
    // Brackets inside strings do not count; a normal file parses.
    expect(parseDataFile('{"name": "[[[[[[", "x": [[0, 1], [1, 0]], "y": [0, 1]}').n).toBe(2);
  });
  it('rows past the limit are counted exactly (blank and # lines skipped, CR, LF and CRLF ends)', () => {
    const rows = (k: number, end: string) => Array.from({ length: k }, (_, i) => `${i % 7},${i % 5},${i % 2}`).join(end);
    for (const end of ['\n', '\r', '\r\n']) {
      const text = ['x1,x2,y', rows(1500, end), '', '# a comment', '   ', rows(700, end)].join(end);
      expect(() => parseDataFile(text), JSON.stringify(end)).toThrow(new RegExp(`The data has 2200 points; at most ${MAX_DATA_POINTS}`));
    }
  });
});
