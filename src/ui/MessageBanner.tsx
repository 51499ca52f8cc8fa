/**
 * The store's `message`: the one place the app tells the user something went wrong (bad file, bad
 * link, refused parameter, lost GPU) or changed on its own (fallback backend). Errors are announced
 * at once (role=alert), notices politely (role=status). Dismiss with the button or Esc.
 */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from '../state/store';
import { txm, useT } from '../i18n';

/** Notices (not errors) fade after this long, ms; errors stay until dismissed. */
export const INFO_TIMEOUT_MS = 10_000;

/**
 * Shows a notice about a change that starts a recompute ("Loaded 120 points …") and takes it away
 * by itself once the full-resolution grid is on screen (or after INFO_TIMEOUT_MS, if sooner).
 * A message shown meanwhile replaces it and stays.
 */
export function notifyUntilGridReady(text: string): void {
  const st = useStore.getState();
  const v0 = st.gridVersion;
  const message = { kind: 'info' as const, text };
  st.notify(message);
  const shown = performance.now();
  const dismiss = () => {
    if (useStore.getState().message === message) useStore.getState().notify(null);
  };
  const unsub = useStore.subscribe((s) => {
    if (s.message !== message) return unsub();
    if (s.gridVersion > v0 && !s.computing && s.gridRes === s.res) {
      unsub();
      // Long enough to be read even when the grid is quick.
      setTimeout(dismiss, Math.max(0, MIN_NOTICE_MS - (performance.now() - shown)));
    }
  });
}

/** A self-dismissing notice stays at least this long, ms. */
export const MIN_NOTICE_MS = 3500;

export function MessageBanner() {
  const t = useT();
  const message = useStore((s) => s.message);
  const notify = useStore((s) => s.notify);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    clearTimeout(timer.current);
    if (message?.kind === 'info') timer.current = setTimeout(() => notify(null), INFO_TIMEOUT_MS);
    return () => clearTimeout(timer.current);
  }, [message, notify]);
  // Shown at the foot of the stage, clear of the readout, the colour bars and the labels at its top.
  const [stage, setStage] = useState<Element | null>(null);
  useEffect(() => setStage(document.querySelector('.stage')), []);
  const region = (
    <div className={`message-region${stage ? ' in-stage' : ''}`} aria-live="polite">
      {message && (
        <div className={`message message-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="message">
          <span className="message-icon" aria-hidden="true">
            {message.kind === 'error' ? '!' : 'i'}
          </span>
          <p className="message-text">{txm(message.text)}</p>
          <button type="button" className="message-close" onClick={() => notify(null)} aria-label={t('Dismiss message')}>
            ×
          </button>
        </div>
      )}
    </div>
  );
  return stage ? createPortal(region, stage) : region;
}
