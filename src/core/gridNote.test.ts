import { describe, expect, it } from 'vitest';
import { gridRuleNote } from './gridNote';
import { MAX_MARGIN_FRACTION } from './rhoGrid';

describe('gridRuleNote', () => {
  it('is silent where every box fits in the extended grid', () => {
    expect(gridRuleNote({ w1: [-1.5, 4.5], w2: [-3.5, 2.5], res: 256, gamma: 0.1, eps: 0.1 })).toBeNull();
  });
  it('speaks exactly when the plan clips the margin', () => {
    for (const [gamma, eps, res, w] of [[10, 10, 64, 5], [1, 1, 64, 5], [0.1, 10, 256, 2], [0.1, 0.1, 512, 20], [0, 0.001, 8, 1]] as const) {
      const job = { w1: [-w, w] as [number, number], w2: [-w, w] as [number, number], res, gamma, eps };
      // The plan's margin before its cap: the widest box over the nodes, in cells, + 1.
      const step = (2 * w) / (res - 1);
      let maxH = 0;
      for (let i = 0; i < res; i++) maxH = Math.max(maxH, (gamma * Math.abs(-w + i * step) + eps) / step);
      const clipped = Math.ceil(maxH) + 1 > Math.ceil(res * MAX_MARGIN_FRACTION);
      expect(gridRuleNote(job) !== null, JSON.stringify(job)).toBe(clipped);
    }
    expect(gridRuleNote({ w1: [-20, 20], w2: [-20, 20], res: 512, gamma: 0.1, eps: 0.1 })).toBeNull();
    const note = gridRuleNote({ w1: [-5, 5], w2: [-5, 5], res: 64, gamma: 10, eps: 10 })!;
    expect(note.detail).toMatch(/κ up to 60\) are 378 cells wide, more than the 32 cells.*may be too low/);
    expect(note.short.length).toBeLessThan(60);
  });
});
