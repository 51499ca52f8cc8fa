/**
 * The `?` overlay: every keyboard shortcut, read from the one registry in app/shortcuts.ts (passed
 * in as props so ui/ stays free of app/). A modal dialog: focus moves in on open and back on close;
 * Esc, the button or a click outside closes it. It also lists what the mouse and touch do, and
 * says "more below" while part of it is out of sight.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useStore } from '../state/store';
import { msg, tx, useT } from '../i18n';

export interface HelpEntry {
  id: string;
  keys: string[];
  label: string;
  group: string;
  enabled: boolean;
}

/** What the pointer does on the stage (scene/DragController.tsx, CameraRig's orbit controls, MinimaBars). */
export const POINTER_ACTIONS: { mouse: string; touch: string; label: string }[] = [
  { mouse: msg('Drag the pink marker'), touch: msg('Drag the marker'), label: msg('Move the marker over the surface; the readout and the inspector follow') },
  { mouse: msg('Click the surface'), touch: msg('Tap the surface'), label: msg('Drop the marker there') },
  { mouse: msg('Drag elsewhere'), touch: msg('Drag with one finger'), label: msg('Orbit the 3-D view (not in the top-down view)') },
  { mouse: msg('Right-drag'), touch: msg('Drag with two fingers'), label: msg('Pan the view') },
  { mouse: msg('Wheel'), touch: msg('Pinch'), label: msg('Zoom in and out') },
  { mouse: msg('Hover the surface'), touch: '—', label: msg('Read loss, Ψ and the bound under the pointer (the marker stays)') },
  { mouse: msg('Click a minimum’s label'), touch: msg('Tap a minimum’s label'), label: msg('Move the marker to that minimum') },
  { mouse: msg('Shift+click a label'), touch: '—', label: msg('Move the marker there and pin it for the comparison table') },
];
/** The shortcut groups, for the catalogue (app/shortcuts.ts names them; shown with `tx`). */
export const GROUP_NAMES = [msg('General'), msg('Story & presentation'), msg('View'), msg('Marker & pins'), msg('Training'), msg('Export & share')];

export function HelpOverlay({ entries, groups, keyLabel }: { entries: HelpEntry[]; groups: readonly string[]; keyLabel: (k: string) => string }) {
  const open = useStore((s) => s.helpOpen);
  const setLayout = useStore((s) => s.setLayout);
  const t = useT();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const before = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => before?.focus?.();
  }, [open]);
  const [moreBelow, setMoreBelow] = useState(false);
  const boxRef = useRef<HTMLDivElement | null>(null);
  const measure = useCallback(() => {
    const el = boxRef.current;
    if (el) setMoreBelow(el.scrollTop + el.clientHeight < el.scrollHeight - 4);
  }, []);
  useLayoutEffect(() => {
    if (!open) return;
    measure();
    const el = boxRef.current;
    const ro = typeof ResizeObserver === 'function' && el ? new ResizeObserver(measure) : null;
    if (el) ro?.observe(el);
    window.addEventListener('resize', measure);
    return () => {
      ro?.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [open, measure]);
  if (!open) return null;
  const close = () => setLayout({ helpOpen: false });
  return (
    <div className="help-backdrop" onClick={(e) => e.target === e.currentTarget && close()}>
      <div className="help" role="dialog" aria-modal="true" aria-labelledby="help-title" ref={boxRef} onScroll={measure} data-testid="help">
        <div className="help-head">
          <h2 id="help-title">{t('Keyboard shortcuts, mouse and touch')}</h2>
          <button ref={closeRef} type="button" onClick={close} aria-label={t('Close the help (Esc)')}>
            ×
          </button>
        </div>
        <section className="help-pointer" aria-label={t('Mouse and touch')}>
          <h3>{t('Mouse & touch')}</h3>
          <table className="help-pointer-table" data-testid="help-pointer">
            <thead>
              <tr>
                <th scope="col">{t('Mouse')}</th>
                <th scope="col">{t('Touch')}</th>
                <th scope="col">{t('What it does')}</th>
              </tr>
            </thead>
            <tbody>
              {POINTER_ACTIONS.map((a) => (
                <tr key={a.mouse} data-touch={a.touch === '—' ? 'none' : undefined}>
                  <td>{tx(a.mouse)}</td>
                  <td>{tx(a.touch)}</td>
                  <td>{tx(a.label)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <div className="help-groups">
          {groups.map((g) => {
            const rows = entries.filter((e) => e.group === g);
            if (!rows.length) return null;
            return (
              <section key={g}>
                <h3>{tx(g)}</h3>
                <dl>
                  {rows.map((r) => (
                    <div key={r.id} className={r.enabled ? '' : 'disabled'}>
                      <dt>
                        {r.keys.map((k, i) => (
                          <span key={k}>
                            {i > 0 && <span className="or"> {t('or')} </span>}
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
        {moreBelow && (
          <button type="button" className="help-more" data-testid="help-more" onClick={() => boxRef.current?.scrollBy({ top: boxRef.current.clientHeight * 0.8, behavior: 'smooth' })}>
            {t('↓ more below: scroll')}
          </button>
        )}
        <p className="help-foot">{t('Every control is also reachable with Tab. The view is always in the address bar: copy it to share exactly what you see.')}</p>
      </div>
    </div>
  );
}
