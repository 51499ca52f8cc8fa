/**
 * Presentation mode: full screen (Fullscreen API, when the browser allows it), large type, the
 * control panels hidden and a high-contrast palette (the `presenting` class on <html>, styled in
 * styles.css). The state lives in the store (`presenting`, encoded in the URL as `present=1`);
 * full screen itself can only start from a user gesture, so a link opens the large-type view and
 * the presenter presses `f` for full screen.
 */
import { useEffect } from 'react';
import { useStore } from '../state/store';
import { useT } from '../i18n';

let enteredFullscreen = false;

/** Turns presentation mode on/off; asks for full screen when turning on (needs a user gesture). */
export function setPresentation(on: boolean): void {
  useStore.getState().setLayout({ presenting: on });
  if (typeof document === 'undefined') return;
  if (on && !document.fullscreenElement && document.fullscreenEnabled && document.documentElement.requestFullscreen) {
    document.documentElement
      .requestFullscreen()
      .then(() => (enteredFullscreen = true))
      .catch(() => {
        /* Full screen refused (no gesture, iframe, kiosk): large type and high contrast still apply. */
      });
  } else if (!on && document.fullscreenElement && enteredFullscreen) {
    enteredFullscreen = false;
    void document.exitFullscreen().catch(() => {});
  }
}

export function togglePresentation(): void {
  setPresentation(!useStore.getState().presenting);
}

/**
 * Applies presentation mode to the page (class on <html>) and leaves it when the user leaves full
 * screen with the browser's own Esc. Renders the small "exit" button that stays visible.
 */
export function Presentation() {
  const presenting = useStore((s) => s.presenting);
  const t = useT();
  useEffect(() => {
    document.documentElement.classList.toggle('presenting', presenting);
    window.dispatchEvent(new Event('resize')); // the canvas re-measures its new box
  }, [presenting]);
  useEffect(() => {
    const onFs = () => {
      if (!document.fullscreenElement && enteredFullscreen) {
        enteredFullscreen = false;
        useStore.getState().setLayout({ presenting: false });
      }
    };
    document.addEventListener('fullscreenchange', onFs);
    return () => document.removeEventListener('fullscreenchange', onFs);
  }, []);
  if (!presenting) return null;
  return (
    <button type="button" className="presentation-exit" onClick={() => setPresentation(false)} aria-label={t('Leave presentation mode (f)')}>
      {t('Exit presentation')}
    </button>
  );
}

/** Header button that enters presentation mode. */
export function PresentButton() {
  const t = useT();
  return (
    <button type="button" className="header-button" onClick={togglePresentation} aria-label={t('Presentation mode: full screen, large type (f)')} title={t('Presentation mode (f)')}>
      {t('Present')}
    </button>
  );
}
