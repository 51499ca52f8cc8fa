/**
 * A vertical colour bar: the colour map of a field over its current grid range, with ticks, the
 * field's name as title and its min/max. `kind="surface"` follows the selected field;
 * `kind="bound"` is the plane's bar (the bound or the test loss). A field the grid does not have
 * yet (the test fields before their pass) gets a bar that says why instead of a ramp.
 *
 * The ramp's colour stops and each tick's place (percent of the range) are custom properties
 * (`--stops`, `--at`): colorbar.css draws the bar upright on wide stages and lying down, compact,
 * on a phone's.
 */
import { useMemo, type CSSProperties } from 'react';
import { useStore } from '../state/store';
import { colormapCss, formatTick, niceTicks } from '../core/colormap';
import { fieldColormap } from '../core/fields';
import { FIELD_LABELS, displayRange, fieldArray, fieldTitle } from '../state/fieldData';
import { planeCss } from '../scene/planeTint';
import { tx, txm, useT } from '../i18n';
import './colorbar.css';

const GRADIENT_STOPS = 16;

/** A tick's place along the bar, percent of the range (colorbar.css: from the bottom, or from the left on a phone). */
const at = (pct: number) => ({ '--at': pct.toFixed(2) }) as CSSProperties;

export function ColorBar({ kind }: { kind: 'surface' | 'bound' }) {
  const t = useT();
  const selected = useStore((s) => s.field);
  const colormap = useStore((s) => s.colormap);
  const gridVersion = useStore((s) => s.gridVersion);
  const showPlane = useStore((s) => s.showBoundPlane);
  const planeField = useStore((s) => s.planeField);
  const test = useStore((s) => s.testGrid);
  const field = kind === 'surface' ? selected : planeField;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const range = useMemo(() => displayRange(field), [field, gridVersion]);
  const map = fieldColormap(field, colormap);
  const gradient = useMemo(() => {
    const stops: string[] = [];
    // The plane's bar in the plane's own (lighter) tint of the colour map: scene/planeTint.
    const css = kind === 'bound' ? planeCss : colormapCss;
    for (let i = 0; i < GRADIENT_STOPS; i++) stops.push(`${css(map, i / (GRADIENT_STOPS - 1))} ${((100 * i) / (GRADIENT_STOPS - 1)).toFixed(1)}%`);
    return stops.join(', ');
  }, [map, kind]);
  if (gridVersion === 0 || (kind === 'bound' && !showPlane)) return null;
  const caption = kind === 'surface' ? tx(FIELD_LABELS[field].short) : t('{{name}} (plane)', { name: tx(FIELD_LABELS[field].short) });
  if (!fieldArray(field)) {
    const why =
      test.status === 'computing'
        ? t('computing on {{n}} test points… {{pct}}%', { n: test.size, pct: Math.round(100 * test.progress) })
        : test.status === 'unavailable' || test.status === 'error'
          ? txm(test.reason)
          : t('waits for the grid…');
    return (
      <figure className={`colorbar colorbar-${kind} colorbar-missing`} data-testid={`colorbar-${kind}`} data-field={field} data-missing={test.status} aria-label={`${fieldTitle(field)}: ${why}`}>
        <figcaption className="colorbar-title">{caption}</figcaption>
        <p className="colorbar-why" data-testid={`colorbar-${kind}-why`}>
          {why}
        </p>
      </figure>
    );
  }
  const span = range.max - range.min;
  const ticks = niceTicks(range.min, range.max, 4).filter((t) => span <= 0 || Math.abs(t - range.min) / span > 0.06 && Math.abs(range.max - t) / span > 0.06);
  const title = kind === 'surface' ? t('Surface colour: {{title}}', { title: fieldTitle(field) }) : t('Plane colour: {{title}}', { title: fieldTitle(field) });
  return (
    <figure className={`colorbar colorbar-${kind}`} data-testid={`colorbar-${kind}`} data-field={field} data-min={range.min} data-max={range.max} aria-label={t('{{title}}, from {{min}} to {{max}}', { title, min: formatTick(range.min), max: formatTick(range.max) })}>
      <figcaption className="colorbar-title" title={title}>
        {caption}
      </figcaption>
      <div className="colorbar-body">
        <div className="colorbar-ramp" data-colormap={map} style={{ '--stops': gradient } as CSSProperties} />
        <div className="colorbar-ticks">
          <span className="colorbar-tick is-end is-max" style={at(100)} data-testid={`colorbar-${kind}-max`}>
            {formatTick(range.max)}
          </span>
          {ticks.map((t) => (
            <span key={t} className="colorbar-tick" style={at(span > 0 ? (100 * (t - range.min)) / span : 50)}>
              {formatTick(t)}
            </span>
          ))}
          <span className="colorbar-tick is-end is-min" style={at(0)} data-testid={`colorbar-${kind}-min`}>
            {formatTick(range.min)}
          </span>
        </div>
      </div>
    </figure>
  );
}
