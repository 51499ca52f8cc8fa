import { describe, expect, it } from 'vitest';
import { checkParams, decodeView, encodeView, formatNumber, V1_DEFAULTS, withDefaults, type ViewState } from './urlCodec';

const full: ViewState = {
  data: { kind: 'generator', params: { means: [[0, 1], [2.5, -3]], sd: 0.7, n: 250, seed: 42, labelRule: 'parity' } },
  depth: 7,
  gamma: 0.25,
  eps: 0.05,
  delta: 0.01,
  w1Range: [-10, 12.5],
  w2Range: [-3.3, 3.3],
  res: 128,
  field: 'psi',
  colormap: 'cividis',
  heightScale: 'log',
  topDown: true,
  showBoundPlane: false,
  planeField: 'testLoss',
  testSize: 5000,
  testSeed: 3,
  cutHalfWidth: 0.75,
  camera: { position: [6.123456, -9, 7], target: [1, -1, 0] },
  marker: [2.66, -1.57],
  pins: [
    [0.1, 0.2],
    [-3, 4.5],
  ],
  hiddenPanels: ['left'],
  story: 3,
  present: true,
  experiment: 'sgd,1,16,500,64,1,r,0,20000,constant,batch,1;4;16;64;100',
  theme: 'light',
};

describe('urlCodec', () => {
  it('refuses a bad experiment design with a message naming the key', () => {
    const { values, errors } = decodeView('#v=1&xp=sgd,1,16');
    expect(values.experiment).toBeUndefined();
    expect(errors.join(' ')).toMatch(/xp/);
  });

  it('writes only the version for the default view', () => {
    expect(encodeView(withDefaults({}))).toBe('v=1');
  });

  it('round-trips every field', () => {
    const h = encodeView(full);
    const { values, errors } = decodeView('#' + h);
    expect(errors).toEqual([]);
    const back = withDefaults(values);
    expect(back.camera!.position[0]).toBeCloseTo(6.12346, 5);
    expect({ ...back, camera: null }).toEqual({ ...full, camera: null });
    expect(encodeView(back)).toBe(h); // idempotent
  });

  it('carries the test sample and the plane field, and refuses bad ones by key', () => {
    expect(encodeView({ ...withDefaults({}), field: 'gap', planeField: 'testLoss', testSize: 30000, testSeed: 9 })).toBe('v=1&field=gap&pf=test&tn=30000&tseed=9');
    const { values, errors } = decodeView('#v=1&field=testLoss&tn=5&tseed=-1&pf=x');
    expect(values.field).toBe('testLoss');
    expect(values.testSize).toBeUndefined();
    expect(values.testSeed).toBeUndefined();
    expect(values.planeField).toBeUndefined();
    expect(errors.map((e) => /^Link "([^"]+)"/.exec(e)?.[1]).sort()).toEqual(['pf', 'tn', 'tseed']);
  });

  it('carries the cut half-width as ch, and refuses what the limits table refuses', () => {
    expect(encodeView({ ...withDefaults({}), cutHalfWidth: 2.5 })).toBe('v=1&ch=2.5');
    expect(encodeView({ ...withDefaults({}), cutHalfWidth: 1 })).toBe('v=1');
    expect(decodeView('#v=1&ch=0.25').values.cutHalfWidth).toBe(0.25);
    for (const bad of ['0', '-1', '100.5', 'abc', '1e400', '0x2']) {
      const { values, errors } = decodeView(`#v=1&ch=${bad}`);
      expect(values.cutHalfWidth, bad).toBeUndefined();
      expect(errors.join(' '), bad).toMatch(/^Link "ch".*cut half-width must be a number greater than 0 and at most 100/);
    }
  });

  it('is compact', () => {
    expect(encodeView({ ...withDefaults({}), field: 'psi', marker: [1, 2] })).toBe('v=1&field=psi&m=1,2');
    expect(encodeView({ ...full, experiment: null }).length).toBeLessThan(290);
    expect(encodeView(full).length - encodeView({ ...full, experiment: null }).length).toBeLessThan(70);
  });

  it('encodes preset and file sources', () => {
    expect(encodeView({ ...withDefaults({}), data: { kind: 'preset', id: 'two-moons' } })).toBe('v=1&data=two-moons');
    const h = encodeView({ ...withDefaults({}), data: { kind: 'file', name: 'my data & more.csv' } });
    expect(decodeView(h).values.data).toEqual({ kind: 'file', name: 'my data & more.csv' });
  });

  it('formats numbers in 6 significant digits', () => {
    expect(formatNumber(2.66)).toBe('2.66');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(1 / 3)).toBe('0.333333');
    expect(formatNumber(1e-9)).toBe('1e-9');
  });

  it('rejects invalid values field by field, keeping the others', () => {
    const { values, errors } = decodeView('#v=1&depth=1000&gamma=abc&eps=0&delta=1&res=100000&w1=5,1&w2=-1e9,3&field=psi&m=2,3');
    expect(values).toEqual({ field: 'psi', marker: [2, 3] });
    expect(errors).toHaveLength(7);
    expect(errors.join('\n')).toMatch(/depth/i);
    expect(errors.join('\n')).toMatch(/δ/);
    expect(errors.join('\n')).toMatch(/resolution/);
  });

  it.each([
    'depth=2.5',
    'depth=9',
    'depth=',
    'gamma=NaN',
    'gamma=Infinity',
    'gamma=-1',
    'eps=-0.1',
    'delta=0',
    'res=7',
    'res=1e3',
    'w1=1',
    'w1=1,2,3',
    'w1=3,3',
    'w2=0,51',
    'field=height',
    'cmap=jet',
    'h=cubic',
    'top=yes',
    'plane=2',
    'cam=1,2,3',
    'cam=1,1,1,1,1,1',
    'cam=1e9,0,0,0,0,0',
    'm=60,0',
    'm=NaN,0',
    'pins=1,2;x,y',
    'hide=middle',
    'story=0',
    'story=abc',
    'present=maybe',
    'data=gen&n=1',
    'data=gen&sd=-1',
    'data=gen&mu=1,2;3',
    'data=gen&lab=odd',
    'data=<script>',
  ])('refuses %s with a message and no value', (h) => {
    const { values, errors } = decodeView('#v=1&' + h);
    expect(errors.length).toBe(1);
    expect(errors[0]).toMatch(/^Link "/);
    expect(Object.keys(values)).toEqual([]);
  });

  it('never throws on garbage', () => {
    const junk = ['', '#', '#&&&', '#=', '#%E0%A4%A', '#v=2&field=psi', '#v=x', '#' + 'a'.repeat(10000), '#pins=' + '1,1;'.repeat(100), 'v=1&field=psi&field=loss', '#m=%31,%32'];
    for (const j of junk) {
      const r = decodeView(j);
      expect(Array.isArray(r.errors)).toBe(true);
    }
    expect(decodeView('#m=%31,%32').values.marker).toEqual([1, 2]);
    expect(decodeView('#v=2&field=psi').values.field).toBe('psi');
    expect(decodeView('#v=2&field=psi').errors[0]).toMatch(/newer/);
    expect(decodeView('#' + 'a'.repeat(10000)).errors[0]).toMatch(/too long/);
  });

  it('applies the keys it knows and names the unknown ones (forward compatible)', () => {
    const r = decodeView('#v=1&future=3&field=bound');
    expect(r.values).toEqual({ field: 'bound' });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/"future" is not known and was ignored/);
    expect(r.refused).toEqual([]);
  });

  it('accepts parameters up to |w| = 20 (core/params) and refuses beyond', () => {
    const { values, errors } = decodeView('#w1=-20,20&w2=-20,20&m=20,-20');
    expect(errors).toEqual([]);
    expect(values.w1Range).toEqual([-20, 20]);
    const r = decodeView('#w1=-50,50&m=60,0&pins=1e6,1e6');
    expect(r.refused.sort()).toEqual(['m', 'pins', 'w1']);
    expect(r.values).toEqual({});
  });

  it('checkParams names each bad key', () => {
    expect(checkParams({ depth: 5, gamma: 0.1, eps: 0.1, delta: 0.05, res: 64, w1Range: [-1, 1], w2Range: [-1, 1] })).toEqual({});
    const e = checkParams({ depth: 0, gamma: NaN, eps: 0, delta: 2, res: 4096, w1Range: [1, -1], w2Range: [0, Infinity] });
    expect(Object.keys(e).sort()).toEqual(['delta', 'depth', 'eps', 'gamma', 'res', 'w1Range', 'w2Range']);
  });

  it('keeps V1_DEFAULTS frozen', () => {
    expect(Object.isFrozen(V1_DEFAULTS)).toBe(true);
    const a = withDefaults({});
    a.w1Range[0] = 99;
    expect(V1_DEFAULTS.w1Range[0]).toBe(-1.5);
  });

  it('refuses an unknown theme and keeps the others', () => {
    const { values, errors } = decodeView('#v=1&theme=neon&field=psi');
    expect(values.theme).toBeUndefined();
    expect(values.field).toBe('psi');
    expect(errors.join(' ')).toMatch(/theme/);
    expect(decodeView('#v=1&theme=light').values.theme).toBe('light');
  });
});
