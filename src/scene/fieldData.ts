/**
 * Reading the grid buffers for display: which array a field lives in and the range its colours
 * span (the store's summary when app/ provided one, else a scan of the buffer). Shared by the
 * surface, the bound plane and the colour bars so that their colours always agree.
 */
import { gridBuffers } from '../state/buffers';
import { useStore, type FieldName } from '../state/store';

/** Display names and units of the fields (colour bar titles, labels). */
export const FIELD_LABELS: Record<FieldName, { title: string; short: string }> = {
  loss: { title: 'Loss L̂(w)', short: 'loss' },
  psi: { title: 'Ψ (PAC-Bayes metric, lower = better)', short: 'Ψ' },
  bound: { title: 'Generalization bound', short: 'bound' },
  lambdaMax: { title: 'λmax(H), sharpness', short: 'λmax' },
};

/** The grid array of a field, or null before the first grid. */
export function fieldArray(field: FieldName): Float32Array | null {
  const f = gridBuffers.fields;
  return f ? f[field] : null;
}

/** Min/max of the finite values of an array. */
export function scanRange(a: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { min: 0, max: 1 };
  return { min, max };
}

const cache: { version: number; field: FieldName | null; range: { min: number; max: number } } = { version: -1, field: null, range: { min: 0, max: 1 } };

/** Range of a field's colours over the current grid. */
export function displayRange(field: FieldName): { min: number; max: number } {
  const s = useStore.getState();
  const r = s.fieldRanges[field];
  if (r && Number.isFinite(r.min) && Number.isFinite(r.max)) return r;
  if (cache.version === s.gridVersion && cache.field === field) return cache.range;
  const a = fieldArray(field);
  const range = a ? scanRange(a) : { min: 0, max: 1 };
  cache.version = s.gridVersion;
  cache.field = field;
  cache.range = range;
  return range;
}
