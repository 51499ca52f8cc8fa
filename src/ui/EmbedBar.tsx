/**
 * The controls an embed names (`?embed=field,plane,…`, app/embed.ts), on the stage, plus a link to
 * the full app on the same view. Everything else of the page is hidden by the `embed` class.
 */
import { FIELD_NAMES, useStore, type FieldName } from '../state/store';
import { FIELD_LABELS } from '../state/fieldData';
import { useT } from '../i18n';

export interface EmbedBarProps {
  controls: ReadonlySet<string>;
  fullUrl: () => string;
  onReset: () => void;
  onToggleTheme: () => void;
}

export function EmbedBar({ controls, fullUrl, onReset, onToggleTheme }: EmbedBarProps) {
  const t = useT();
  const field = useStore((s) => s.field);
  const heightScale = useStore((s) => s.heightScale);
  const plane = useStore((s) => s.showBoundPlane);
  const topDown = useStore((s) => s.topDown);
  const light = useStore((s) => s.theme === 'light');
  const setView = useStore((s) => s.setView);
  return (
    <div className="embed-bar" role="toolbar" aria-label={t('Embedded view controls')} data-testid="embed-bar">
      {controls.has('field') && (
        <label>
          {t('colour by')}{' '}
          <select value={field} onChange={(e) => setView({ field: e.target.value as FieldName })} data-testid="embed-field">
            {FIELD_NAMES.map((f) => (
              <option key={f} value={f}>
                {FIELD_LABELS[f].short}
              </option>
            ))}
          </select>
        </label>
      )}
      {controls.has('height') && (
        <button type="button" aria-pressed={heightScale === 'log'} onClick={() => setView({ heightScale: heightScale === 'log' ? 'linear' : 'log' })} title={t('Logarithmic height')}>
          {t('log height')}
        </button>
      )}
      {controls.has('plane') && (
        <label>
          <input type="checkbox" checked={plane} onChange={(e) => setView({ showBoundPlane: e.target.checked })} /> {t('bound plane')}
        </label>
      )}
      {controls.has('topdown') && (
        <label>
          <input type="checkbox" checked={topDown} onChange={(e) => setView({ topDown: e.target.checked })} /> {t('top-down')}
        </label>
      )}
      {controls.has('reset') && (
        <button type="button" onClick={onReset}>
          {t('Reset view')}
        </button>
      )}
      {controls.has('theme') && (
        <button type="button" aria-pressed={light} onClick={onToggleTheme}>
          {t('Light')}
        </button>
      )}
      <a href={fullUrl()} target="_blank" rel="noopener" className="embed-open" onClick={(e) => (e.currentTarget.href = fullUrl())} data-testid="embed-open">
        {t('PACscape ↗')}
      </a>
    </div>
  );
}
