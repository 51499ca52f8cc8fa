import { describe, expect, it } from 'vitest';
import { chunkBudgetUnits, chunkTile, evenPart } from './webglTiling';
import { PARAMS } from '../core/params';

// The work of one WebGL draw is bounded by one constant (the engine's chunk budget, node·sample·layer
// units), for every grid the parameter table accepts: no single draw grows with the grid or the data.
describe('one draw call is at most the chunk budget, for every accepted grid and data size', () => {
  it('evenPart splits into equal parts of at most `most`', () => {
    for (const total of [1, 2, 7, 64, 255, 256, 512]) for (const most of [1, 1.5, 3, 16, 100, 600]) {
      const part = evenPart(total, most);
      expect(part, `${total}/${most}`).toBeLessThanOrEqual(Math.max(1, Math.floor(most)));
      expect(part * Math.ceil(total / part)).toBeGreaterThanOrEqual(total);
    }
  });
  it('chunkTile: tile nodes × per-node work ≤ the budget (order-3 work weighted 3×)', () => {
    const budget = chunkBudgetUnits();
    const resList = [PARAMS.res.min, 64, 100, 256, 333, PARAMS.res.max];
    const nList = [PARAMS.n.min, 100, 500, PARAMS.n.max];
    let checked = 0;
    for (const res of resList) for (const n of nList) for (let depth = PARAMS.depth.min; depth <= PARAMS.depth.max; depth++) for (const weight of [1, 3]) {
      const [ch, cw] = chunkTile(res, res, n, depth, weight);
      expect(ch * cw * n * depth * weight, `${res}² n=${n} D=${depth} w=${weight}`).toBeLessThanOrEqual(budget);
      expect(ch).toBeLessThanOrEqual(res);
      expect(cw).toBeLessThanOrEqual(res);
      checked++;
    }
    expect(checked).toBe(resList.length * nList.length * PARAMS.depth.max * 2);
  });
});
