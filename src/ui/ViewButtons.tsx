/**
 * Header buttons for the whole view: the light projector theme (a toggle, kept in the link) and a
 * one-click reset. The theme is applied as a class on <html> (polish.css styles it).
 */
import { useEffect } from 'react';
import { useStore } from '../state/store';
import { useT } from '../i18n';

export function useThemeClass(): void {
  const theme = useStore((s) => s.theme);
  useEffect(() => {
    document.documentElement.classList.toggle('theme-light', theme === 'light');
    document.documentElement.style.colorScheme = theme === 'light' ? 'light' : 'dark';
  }, [theme]);
}

export function ViewButtons({ onReset, onToggleTheme }: { onReset: () => void; onToggleTheme: () => void }) {
  const light = useStore((s) => s.theme === 'light');
  const t = useT();
  return (
    <>
      <button type="button" className="header-button" aria-pressed={light} onClick={onToggleTheme} title={t('Light, high-contrast theme for projectors (l); kept in the link')} data-testid="theme-toggle">
        {t('Light')}
      </button>
      <button type="button" className="header-button" onClick={onReset} title={t('Reset the whole view: camera, colouring, grid, model, marker, pins (0). The data set is kept.')} data-testid="reset-view">
        {t('Reset view')}
      </button>
    </>
  );
}
