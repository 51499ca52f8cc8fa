/**
 * The store's `message`: the one place the app tells the user something went wrong (bad file, bad
 * link, refused parameter, lost GPU) or changed on its own (fallback backend). Errors are announced
 * at once (role=alert), notices politely (role=status). Dismiss with the button or Esc.
 */
import { useEffect, useRef } from 'react';
import { useStore } from '../state/store';

/** Notices (not errors) fade after this long, ms; errors stay until dismissed. */
export const INFO_TIMEOUT_MS = 10_000;

export function MessageBanner() {
  const message = useStore((s) => s.message);
  const notify = useStore((s) => s.notify);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    clearTimeout(timer.current);
    if (message?.kind === 'info') timer.current = setTimeout(() => notify(null), INFO_TIMEOUT_MS);
    return () => clearTimeout(timer.current);
  }, [message, notify]);
  return (
    <div className="message-region" aria-live="polite">
      {message && (
        <div className={`message message-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="message">
          <span className="message-icon" aria-hidden="true">
            {message.kind === 'error' ? '!' : 'i'}
          </span>
          <p className="message-text">{message.text}</p>
          <button type="button" className="message-close" onClick={() => notify(null)} aria-label="Dismiss message">
            ×
          </button>
        </div>
      )}
    </div>
  );
}
