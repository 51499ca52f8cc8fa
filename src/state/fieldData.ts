/**
 * Reading the grid buffers for display: which array a field lives in and the range its colours
 * span (the store's summary when app/ provided one, else a scan of the buffer). Shared by the
 * surface, the bound plane and the colour bars so that their colours always agree.
 */
import { gridBuffers } from './buffers';
import { useStore, FIELD_NAMES, type FieldName } from './store';
import { colourRange, fieldDef, fieldValues } from '../core/fields';
import { tx } from '../i18n';

/** Display names of the colourable fields (colour bar titles, labels), from the field registry. */
export const FIELD_LABELS = Object.fromEntries(
  FIELD_NAMES.map((id) => {
    const d = fieldDef(id);
    return [id, { title: d.unit ? `${d.title} (${d.unit})` : d.title, short: d.label }];
  }),
) as Record<FieldName, { title: string; short: string }>;

/** A field's title with its unit, in the interface language. */
export function fieldTitle(id: FieldName): string {
  const d = fieldDef(id);
  return d.unit ? `${tx(d.title)} (${tx(d.unit)})` : tx(d.title);
}

/** The grid values of a field, or null before the first grid or while the grid lacks it (test fields). */
export function fieldArray(field: FieldName): Float32Array | null {
  const f = gridBuffers.fields;
  return f ? fieldValues(f, field) : null;
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

/** Range of a field's colours over the current grid (centred on 0 for a diverging field: core/fields colourRange). */
export function displayRange(field: FieldName): { min: number; max: number } {
  const s = useStore.getState();
  const r = s.fieldRanges[field];
  if (r && Number.isFinite(r.min) && Number.isFinite(r.max)) return colourRange(field, r);
  if (cache.version === s.gridVersion && cache.field === field) return cache.range;
  const a = fieldArray(field);
  const range = a ? colourRange(field, scanRange(a)) : { min: 0, max: 1 };
  cache.version = s.gridVersion;
  cache.field = field;
  cache.range = range;
  return range;
}
