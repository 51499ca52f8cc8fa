/**
 * Every claim of every preset, recomputed with core/ on the shipped points, window and parameters.
 * A claim that is false (or cannot be evaluated) fails its own test, named by preset and claim.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DATA_SETS, DEFAULT_PRESET_ID, PRESETS, presetDataset, presetFileObject, presetInfo, standardisedMixture, type Preset } from './presets';
import { evaluateClaim, landscapeFacts, type LandscapeFacts } from './claims';
import { datasetFromObject, generateDataset, paperToyMixture } from './data';
import { checkParams } from './urlCodec';

const fileJson = (p: Preset) => JSON.parse(readFileSync(`public/${p.file}`, 'utf8')) as unknown;
const facts = new Map<string, LandscapeFacts>();
function factsOf(p: Preset): LandscapeFacts {
  let f = facts.get(p.id);
  if (!f) {
    const d = presetDataset(p, fileJson(p));
    f = landscapeFacts(d, d.mixture ?? null, p.params, p.window);
    facts.set(p.id, f);
  }
  return f;
}

describe('the preset library', () => {
  it('has at least 4 presets with distinct ids, the default among them, and valid views', () => {
    expect(PRESETS.length).toBeGreaterThanOrEqual(4);
    const ids = [...PRESETS.map((p) => p.id), ...DATA_SETS.map((d) => d.id)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(PRESETS.map((p) => p.id)).toContain(DEFAULT_PRESET_ID);
    for (const p of PRESETS) {
      expect(checkParams({ ...p.params, w1Range: p.window.w1, w2Range: p.window.w2 }), p.id).toEqual({});
      expect(p.shows.length, p.id).toBeGreaterThan(20);
      expect(p.claims.length, p.id).toBeGreaterThan(0);
      expect(p.marker[0]).toBeGreaterThanOrEqual(p.window.w1[0]);
      expect(p.marker[0]).toBeLessThanOrEqual(p.window.w1[1]);
      expect(p.marker[1]).toBeGreaterThanOrEqual(p.window.w2[0]);
      expect(p.marker[1]).toBeLessThanOrEqual(p.window.w2[1]);
    }
  });

  for (const p of PRESETS.filter((q) => q.generator)) {
    it(`${p.id}: the shipped points are the seeded generator's, and the mixture is the one it drew from`, () => {
      expect(fileJson(p)).toEqual(JSON.parse(JSON.stringify(presetFileObject(p))));
      const g = generateDataset(p.generator!);
      const m = standardisedMixture(p)!;
      const gm = g.mixture!;
      expect(m.labelThreshold).toBe(gm.labelThreshold);
      m.means.forEach((mu, i) => mu.forEach((v, a) => expect(v).toBeCloseTo(gm.means[i][a], 12)));
      m.sd.forEach((v, a) => expect(v).toBeCloseTo(gm.sd[a], 12));
      expect(presetDataset(p, fileJson(p)).mixture).toEqual(m);
    });
  }

  it('paper-toy: the shipped standardisation reproduces the mixture the app recovers from the points', () => {
    const p = PRESETS.find((q) => q.id === 'paper-toy')!;
    const rec = paperToyMixture(datasetFromObject(fileJson(p), 'paper-toy'))!;
    const m = standardisedMixture(p)!;
    m.means.forEach((mu, i) => mu.forEach((v, a) => expect(v).toBeCloseTo(rec.means[i][a], 12)));
    m.sd.forEach((v, a) => expect(v).toBeCloseTo(rec.sd[a], 12));
    expect(m.labelThreshold).toBe(rec.labelThreshold);
  });

  it('presetInfo gives the API shape: data, params, window, raw mixture with weights, standardisation, claims', () => {
    for (const p of PRESETS) {
      const d = presetDataset(p, fileJson(p));
      const info = presetInfo(p, d);
      expect(Object.keys(info)).toEqual(['id', 'name', 'shows', 'data', 'params', 'window', 'marker', 'mixture', 'standardize', 'claims']);
      expect(info.data.x.length).toBe(d.n);
      expect(info.data.y.length).toBe(d.n);
      if (info.mixture) expect(info.mixture.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    }
  });
});

describe('preset claims (recomputed with core/)', () => {
  for (const p of PRESETS) {
    for (const c of p.claims) {
      it(`${p.id}: ${c.expr}`, () => {
        const r = evaluateClaim(factsOf(p), c);
        expect(r.holds, `${p.id}: "${c.expr}" is false: lhs = ${r.lhs}, rhs = ${r.rhs}${r.error ? ` (${r.error})` : ''}`).toBe(true);
      });
    }
  }
});
