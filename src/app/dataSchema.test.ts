import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { dataFileSchema, parseDataText } from './dataSchema';
import { parseDataFile } from '../core/data';

/** The message a parse ends with ('' when it loads), and the points it loaded. */
const outcome = (f: () => { n: number; x: Float64Array; y: Uint8Array }) => {
  try {
    const d = f();
    return { error: '', n: d.n, x: Array.from(d.x), y: Array.from(d.y) };
  } catch (e) {
    return { error: (e as Error).message, n: 0, x: [], y: [] };
  }
};

const rows = (k: number, f: (i: number) => string) => Array.from({ length: k }, (_, i) => f(i)).join('\n');

/** Hostile and ordinary files, JSON and CSV (each class of refusal core/data's tests name). */
const FILES: [string, unknown][] = [
  ['headerless, bad first row', 'NaN,0.5,1\n0,1,0\n1,0,1'],
  ['a yes label', '1,2,yes\n0,1,0\n1,0,1'],
  ['Infinity', 'Infinity,1,0\n0,1,0\n1,0,1'],
  ['CR only', 'x1,x2,y\r0,1,0\r1,NaN,1'],
  ['semicolons and BOM', '\uFEFFx1;x2;y\n1;2;0\n3;4;1'],
  ['reordered header', 'y,x2,x1\n0,1,2\n1,3,4'],
  ['header only', 'x1,x2,y\n'],
  ['too many rows', rows(1001, (i) => `${i % 9},${i % 7},${i % 2}`)],
  ['five bad rows', 'x1,x2,y\n' + rows(5, (i) => `${i},x,${i % 2}`) + '\n1,1,1'],
  ['short rows', 'x1,x2,y\n0,1\n1,2'],
  ['outside ±1000', 'x1,x2,y\n1e20,0,1\n0,1,0'],
  ['hex and underscores', 'x1,x2,y\n0x10,1,0\n1_0,1,1\n1,2,0'],
  ['comments and blanks', '# a comment\n\nx1,x2,y\n0,0,0\n\n# more\n1,1,1\n'],
  ['good CSV', 'x1,x2,y\n0.5,-1,0\n1.5,2,1\n-3,4,1'],
  ['JSON good', '{"x": [[0, 1], [1, 0], [2, 2]], "y": [0, 1, true], "component": [0, 1, 1], "name": "mine"}'],
  ['JSON the string "0"', '{"x": [["0", 1], [1, 0]], "y": [0, 1]}'],
  ['JSON null', 'null'],
  ['JSON array', '[1, 2, 3]'],
  ['JSON y missing', '{"x": [[0, 1], [1, 0]]}'],
  ['JSON lengths', '{"x": [[0, 1], [1, 0]], "y": [0]}'],
  ['JSON one point', '{"x": [[0, 1]], "y": [1]}'],
  ['JSON triple', '{"x": [[0, 1, 2], [1, 0]], "y": [0, 1]}'],
  ['JSON label 2', '{"x": [[0, 1], [1, 0]], "y": [0, 2]}'],
  ['JSON null label', '{"x": [[0, 1], [1, 0]], "y": [null, 1]}'],
  ['JSON bad point and bad label', '{"x": [[0, 1], [1, 0], [NaN, 0]], "y": [0, "yes", 1]}'],
  ['JSON point after label', '{"x": [[0, 1], [1, 0], [1e9, 0]], "y": [0, "yes", 1]}'],
  ['JSON far', '{"x": [[1e20, 0], [0, 1]], "y": [0, 1]}'],
  ['JSON broken', '{"x": [[0, 1], [1, 0]], "y": [0, 1'],
  ['JSON deep', '['.repeat(5000) + ']'.repeat(5000)],
  ['JSON proto', '{"x": [[0, 1], [1, 0]], "y": [0, 1], "__proto__": {"polluted": 1}}'],
  ['empty', ''],
  ['blank', '\n\n  \n'],
  ['binary', '\u0000\u0001\u0002PNG\u0003'],
  ['too long', 'x1,x2,y\n' + '0,1,0\n'.repeat(200_000)],
  ['not text', 42],
];

describe('the data-file schema (app/dataSchema) and core/data refuse and load the same files, with the same sentence', () => {
  it.each(FILES)('%s', (_, text) => {
    const a = outcome(() => parseDataText(text, 'f.csv'));
    const b = outcome(() => parseDataFile(text as string, 'f.csv'));
    expect(a).toEqual(b);
  });
  it('keeps the precise messages: line and column named, every refused row counted', () => {
    expect(outcome(() => parseDataText('NaN,0.5,1\n0,1,0\n1,0,1', 'f')).error).toMatch(/^Line 1, column 1 \(x1\): "NaN" is not a finite number\. 1 of 3 data rows refused\.$/);
    expect(outcome(() => parseDataText('x1,x2,y\n' + rows(5, (i) => `${i},x,${i % 2}`) + '\n1,1,1', 'f')).error).toMatch(/^Line 2, column 2 .*; line 3, .*; line 4, .*; and 2 more rows\. 5 of 6 data rows refused\.$/);
    expect(outcome(() => parseDataText('{"x": [[0, 1], [1, 0]], "y": [0, 2]}', 'f')).error).toBe('Entry 2 of "y" is 2; labels must be 0 or 1.');
  });
  it('reports its phases in order', () => {
    const seen: string[] = [];
    parseDataText('x1,x2,y\n0,0,0\n1,1,1', 'f', (f, phase) => seen.push(`${phase} ${f}`));
    expect(seen).toEqual(['parsed 0.6', 'checked 1']);
  });
  it('dataFileSchema names the argument in a shape message and the point in a point message', () => {
    const m = (o: unknown, what?: string) => {
      const r = v.safeParse(dataFileSchema(what), o, { abortEarly: true });
      return r.success ? '' : r.issues[0].message;
    };
    expect(m({ x: [[0, 0]], y: [0] }, 'test')).toBe('test: The data needs at least 2 points; it has 1.');
    expect(m({ x: [[0, 0], [1, Infinity]], y: [0, 1] })).toBe('Point 2 of "x": x2 is Infinity, not a finite number.');
    expect(m({ x: [[0, 0], [1, 1]], y: [0, 1], extra: 'kept' })).toBe('');
  });
});
