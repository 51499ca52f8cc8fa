/**
 * The scripting API of the cuts: `pacscape.cut(options)`, `pacscape.cutBetween(a, b, k)` (core/cuts
 * on the loaded data, exact float64) and `pacscape.cutChart()` (the numbers the cut chart draws).
 */
import { tr } from '../core/words';
import { useStore, type AppState } from '../state/store';
import { registerApi } from './api';
import { checkCutOptions, checkCutPoints, checkPoint, cutRows, DEFAULT_CUT_POINTS, hessianDirections, lineCut, segmentCut } from '../core/cuts';
import { cutTestSample, type CutModel } from '../ui/cutModel';

function loaded(): AppState {
  const s = useStore.getState();
  if (!s.dataset) throw new Error(tr('no data set is loaded yet'));
  return s;
}

/** `pacscape.cut(options)`: the loss along a line through a point (see README). */
export function apiCut(options?: unknown) {
  const s0 = useStore.getState();
  const o = checkCutOptions(options, [s0.marker[0], s0.marker[1]]);
  const s = loaded();
  const d = typeof o.direction === 'string' ? hessianDirections(s.dataset!, o.through[0], o.through[1], s.depth)[o.direction] : o.direction;
  return cutRows(lineCut(s.dataset!, o.through, d, o.halfWidth, o.k, s.depth, cutTestSample(s)));
}

/** `pacscape.cutBetween(a, b, k)`: the loss along the segment from a to b (see README). */
export function apiCutBetween(a?: unknown, b?: unknown, k: unknown = DEFAULT_CUT_POINTS) {
  const pa = checkPoint(a, 'a');
  const pb = checkPoint(b, 'b');
  const kk = checkCutPoints(k);
  const s = loaded();
  return cutRows(segmentCut(s.dataset!, pa, pb, kk, s.depth, cutTestSample(s)));
}

/** `pacscape.cut`, `cutBetween`, and `cutChart` (the numbers of one app run's chart model). */
export function cutApi(chart: CutModel) {
  return { cut: apiCut, cutBetween: apiCutBetween, cutChart: chart.state };
}

/** Registers `pacscape.cut`, `cutBetween`, `cutChart` (app/createApp). */
export function installCutApi(chart: CutModel): void {
  registerApi(cutApi(chart));
}
