/**
 * The `?` overlay: every keyboard shortcut, read from the one registry in app/shortcuts.ts (passed
 * in as props so ui/ stays free of app/). A modal dialog: focus moves in on open and back on close;
 * Esc, the button or a click outside closes it.
 */
import { useEffect, useRef } from 'react';
import { useStore } from '../state/store';

export interface HelpEntry {
  id: string;
  keys: string[];
  label: string;
  group: string;
  enabled: boolean;
}

export function HelpOverlay({ entries, groups, keyLabel }: { entries: HelpEntry[]; groups: readonly string[]; keyLabel: (k: string) => string }) {
  const open = useStore((s) => s.helpOpen);
  const setLayout = useStore((s) => s.setLayout);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const before = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => before?.focus?.();
  }, [open]);
  if (!open) return null;
  const close = () => setLayout({ helpOpen: false });
  return (
    <div className="help-backdrop" onClick={(e) => e.target === e.currentTarget && close()}>
      <div className="help" role="dialog" aria-modal="true" aria-labelledby="help-title">
        <div className="help-head">
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button ref={closeRef} type="button" onClick={close} aria-label="Close keyboard shortcuts (Esc)">
            ×
          </button>
        </div>
        <div className="help-groups">
          {groups.map((g) => {
            const rows = entries.filter((e) => e.group === g);
            if (!rows.length) return null;
            return (
              <section key={g}>
                <h3>{g}</h3>
                <dl>
                  {rows.map((r) => (
                    <div key={r.id} className={r.enabled ? '' : 'disabled'}>
                      <dt>
                        {r.keys.map((k, i) => (
                          <span key={k}>
                            {i > 0 && <span className="or"> or </span>}
                            <kbd>{keyLabel(k)}</kbd>
                          </span>
                        ))}
                      </dt>
                      <dd>{r.label}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            );
          })}
        </div>
        <p className="help-foot">Every control is also reachable with Tab. The view is always in the address bar: copy it to share exactly what you see.</p>
      </div>
    </div>
  );
}
