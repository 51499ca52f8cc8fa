import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDataFile } from './data';
import { evaluateGridSync } from './gridEval';
import type { GridJob } from './grid';
import { FIELDS, COLOUR_FIELDS, GRID_CSV_COLUMNS, colourRange, fieldColormap, fieldDef, fieldPoint, fieldValues, gridJsonAll, pointValue, type FieldDef } from './fields';
import { colormapCss, colormapLut } from './colormap';
import { URL_FIELDS } from './urlCodec';

const d = parseDataFile(readFileSync('test/fixtures/paper-toy.json', 'utf8'), 'paper-toy');
const job: GridJob = { n: d.n, x: d.x, y: d.y, w1: [-4, 6], w2: [-6, 4], res: 9, depth: 5, gamma: 0.1, eps: 0.1, delta: 0.05 };
const grid = evaluateGridSync(job);
const all = FIELDS as readonly FieldDef[];

describe('the field registry', () => {
  it('ids, CSV columns and JSON keys are unique', () => {
    const uniq = (xs: string[]) => new Set(xs).size === xs.length;
    expect(uniq(all.map((f) => f.id))).toBe(true);
    expect(uniq(all.map((f) => f.csv))).toBe(true);
    expect(uniq(all.filter((f) => typeof f.json === 'string').map((f) => f.json as string))).toBe(true);
  });

  it('the link, the CSV and the grid JSON are derived from it', () => {
    expect([...URL_FIELDS]).toEqual(all.filter((f) => f.colour).map((f) => f.id));
    expect(GRID_CSV_COLUMNS.slice(2)).toEqual(all.map((f) => f.csv));
    const j = gridJsonAll(grid);
    for (const f of all) if (typeof f.json === 'string' && !f.needsTest) expect(j[f.json], f.id).toHaveLength(job.res * job.res);
  });

  it('every field a grid has agrees with its point value at a node (core float64 grid)', () => {
    const r = 3, c = 5, i = r * job.res + c;
    const p = fieldPoint(d, grid.w1[c], grid.w2[r], job, null);
    for (const f of all) {
      const want = pointValue(f.id, p);
      if (f.needsTest) {
        expect(want, f.id).toBeUndefined();
        continue;
      }
      if (f.tol === 'rho') continue;
      const got = fieldValues(grid, f.id)![i];
      expect(Math.abs(got - want!), f.id).toBeLessThanOrEqual(f.tol(want!, p));
    }
  });

  it('a sequential field uses the chosen map over its min..max; a diverging one cool-warm centred on 0', () => {
    for (const id of COLOUR_FIELDS) {
      const def = fieldDef(id);
      if (def.colours === 'diverging') {
        expect(fieldColormap(id, 'cividis')).toBe('coolwarm');
        expect(colourRange(id, { min: -1, max: 3 })).toEqual({ min: -3, max: 3 });
        expect(colourRange(id, { min: 2, max: 5 })).toEqual({ min: -5, max: 5 });
      } else {
        expect(fieldColormap(id, 'cividis')).toBe('cividis');
        expect(colourRange(id, { min: -1, max: 3 })).toEqual({ min: -1, max: 3 });
      }
    }
  });

  it('cool-warm runs blue → grey (at ½) → red', () => {
    expect(colormapCss('coolwarm', 0)).toBe('rgb(59, 76, 192)');
    expect(colormapCss('coolwarm', 1)).toBe('rgb(180, 4, 38)');
    const mid = colormapLut('coolwarm', 33).slice(3 * 16, 3 * 17);
    expect(Array.from(mid, (v) => Math.round(255 * v))).toEqual([221, 221, 221]);
  });
});

describe('the Hessian trace field', () => {
  it('is H₁₁ + H₂₂ at every node and λmin + λmax at a point, coloured diverging, in the link, CSV and JSON', () => {
    const t = fieldValues(grid, 'hessTrace')!;
    for (let i = 0; i < job.res * job.res; i++) expect(t[i]).toBeCloseTo(grid.hess[3 * i] + grid.hess[3 * i + 2], 5);
    const p = fieldPoint(d, 1.5, -0.5, job, null);
    expect(pointValue('hessTrace', p)).toBeCloseTo(p.hessian[0][0] + p.hessian[1][1], 10);
    expect(fieldColormap('hessTrace', 'viridis')).toBe('coolwarm');
    expect(URL_FIELDS).toContain('hessTrace');
    expect(GRID_CSV_COLUMNS).toContain('hessTrace');
    expect(gridJsonAll(grid).hessTrace).toHaveLength(job.res * job.res);
  });

  it('takes both signs on the paper toy grid (a landscape with convex and concave parts)', () => {
    const t = fieldValues(grid, 'hessTrace')!;
    expect(Math.min(...t)).toBeLessThan(0);
    expect(Math.max(...t)).toBeGreaterThan(0);
  });
});
