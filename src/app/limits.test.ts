import { describe, expect, it } from 'vitest';
import { PARAMS } from '../core/params';
import { jobProblem, MIN_GRID_RES, MAX_GRID_RES } from '../core/grid';
import { LIMITS, checkParams, decodeView } from '../core/urlCodec';
import { parseDataFile, MAX_DATA_POINTS, generatorProblem, DEFAULT_GENERATOR } from '../core/data';
import { parseGridDraft } from '../ui/ViewControls';
import { parseModelValues } from '../ui/ModelControls';

const job = (o: object = {}) => ({ n: 2, x: [0, 0, 1, 1], y: [0, 1], w1: [-1, 1] as [number, number], w2: [-1, 1] as [number, number], res: 16, depth: 5, gamma: 0.1, eps: 0.1, delta: 0.05, ...o });

describe('one limit at every entrance (core/params)', () => {
  it('is the one source: grid job, link codec, data loader, generator and UI inputs agree at every bound', () => {
    expect([MIN_GRID_RES, MAX_GRID_RES]).toEqual([PARAMS.res.min, PARAMS.res.max]);
    expect(LIMITS.maxAbsW).toBe(PARAMS.w.max);
    expect(MAX_DATA_POINTS).toBe(PARAMS.n.max);
    for (const [k, lo, hi] of [
      ['res', PARAMS.res.min, PARAMS.res.max],
      ['depth', PARAMS.depth.min, PARAMS.depth.max],
      ['gamma', PARAMS.gamma.min, PARAMS.gamma.max],
      ['eps', PARAMS.eps.min, PARAMS.eps.max],
      ['delta', PARAMS.delta.min, PARAMS.delta.max],
    ] as const) {
      for (const [v, ok] of [
        [lo, true],
        [hi, true],
        [k === 'res' || k === 'depth' ? lo - 1 : lo / 2 - (lo === 0 ? 1 : 0), false],
        [k === 'res' || k === 'depth' ? hi + 1 : hi * 1.01, false],
      ] as const) {
        const fromJob = jobProblem(job({ [k]: v })) === null;
        const fromLink = decodeView(`#${k}=${v}`).errors.length === 0;
        const fromStore = !(k in checkParams({ [k]: v }));
        expect([k, v, fromJob, fromLink, fromStore]).toEqual([k, v, ok, ok, ok]);
        if (k === 'res') {
          const ui = parseGridDraft({ w1lo: '-1', w1hi: '1', w2lo: '-1', w2hi: '1', res: String(v) });
          expect(ui.ok, `UI res ${v}`).toBe(ok);
        } else {
          const t = { depth: '5', gamma: '0.1', eps: '0.1', delta: '0.05', [k]: String(v) };
          expect(typeof parseModelValues(t) !== 'string', `UI ${k} ${v}`).toBe(ok);
        }
      }
    }
    for (const w of [20, -20, 20.5, 50]) {
      const ok = Math.abs(w) <= 20;
      expect(jobProblem(job({ w1: w > 0 ? [w - 1, w] : [w, w + 1] })) === null, `job w ${w}`).toBe(ok);
      expect(decodeView(`#m=${w},0`).errors.length === 0, `link m=${w}`).toBe(ok);
      expect(parseGridDraft({ w1lo: '0', w1hi: String(Math.abs(w)), w2lo: '-1', w2hi: '1', res: '64' }).ok, `UI w ${w}`).toBe(ok);
    }
    for (const n of [PARAMS.n.max, PARAMS.n.max + 1]) {
      const ok = n <= PARAMS.n.max;
      expect(generatorProblem({ ...DEFAULT_GENERATOR, n }) === null).toBe(ok);
      expect(decodeView(`#data=gen&seed=1&n=${n}`).errors.length === 0).toBe(ok);
      const csv = Array.from({ length: n }, (_, i) => `${i % 7},${i % 5},${i % 2}`).join('\n');
      expect((() => { try { parseDataFile(csv); return true; } catch { return false; } })()).toBe(ok);
    }
  });

});
