/**
 * View-wide actions: reset the whole view to the defaults (keeping the data set and the theme),
 * and switch the page theme. Used by the header buttons, their shortcuts and window.pacscape.
 */
import { useStore } from '../state/store';
import { applyViewState } from '../state/urlSync';
import { V1_DEFAULTS, type ThemeId, type ViewState } from '../core/urlCodec';
import { t } from '../i18n';

/**
 * Everything a link encodes back to its default — camera, colouring, height, colour map, top-down,
 * plane, grid window and resolution, model parameters, marker, pins, hidden panels, story,
 * presentation — except the data set and the theme, which are the user's choices of material and
 * room rather than of view. Training runs are kept (they are listed, not part of the view).
 */
export function resetView(): void {
  const defaults = JSON.parse(JSON.stringify(V1_DEFAULTS)) as ViewState;
  const { data: _data, theme: _theme, ...rest } = defaults;
  applyViewState(rest);
  const st = useStore.getState();
  st.setLayout({ helpOpen: false });
  st.notify({ kind: 'info', text: t('The view is back to its defaults (the data set and the theme are kept).') });
}

/** Sets the page theme (also in the link). */
export function setTheme(theme: ThemeId): void {
  useStore.getState().setLayout({ theme });
}

export function toggleTheme(): void {
  setTheme(useStore.getState().theme === 'light' ? 'dark' : 'light');
}
