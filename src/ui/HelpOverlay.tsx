/**
 * The `?` overlay: every keyboard shortcut, read from the one registry in app/shortcuts.ts (passed
 * in as props so ui/ stays free of app/). A modal dialog: focus moves in on open and back on close;
 * Esc, the button or a click outside closes it. It also lists what the mouse and touch do, and
 * says "more below" while part of it is out of sight.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useStore } from '../state/store';

export interface HelpEntry {
  id: string;
  keys: string[];
  label: string;
  group: string;
  enabled: boolean;
}

/** What the pointer does on the stage (scene/DragController.tsx, CameraRig's orbit controls, MinimaBars). */
export const POINTER_ACTIONS: { mouse: string; touch: string; label: string }[] = [
  { mouse: 'Drag the pink marker', touch: 'Drag the marker', label: 'Move the marker over the surface; the readout and the inspector follow' },
  { mouse: 'Click the surface', touch: 'Tap the surface', label: 'Drop the marker there' },
  { mouse: 'Drag elsewhere', touch: 'Drag with one finger', label: 'Orbit the 3-D view (not in the top-down view)' },
  { mouse: 'Right-drag', touch: 'Drag with two fingers', label: 'Pan the view' },
  { mouse: 'Wheel', touch: 'Pinch', label: 'Zoom in and out' },
  { mouse: 'Hover the surface', touch: '—', label: 'Read loss, Ψ and the bound under the pointer (the marker stays)' },
  { mouse: 'Click a minimum’s label', touch: 'Tap a minimum’s label', label: 'Move the marker to that minimum' },
  { mouse: 'Shift+click a label', touch: '—', label: 'Move the marker there and pin it for the comparison table' },
];

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
          <h2 id="help-title">Keyboard shortcuts, mouse and touch</h2>
          <button ref={closeRef} type="button" onClick={close} aria-label="Close the help (Esc)">
            ×
          </button>
        </div>
        <section className="help-pointer" aria-label="Mouse and touch">
          <h3>Mouse &amp; touch</h3>
          <table className="help-pointer-table" data-testid="help-pointer">
            <thead>
              <tr>
                <th scope="col">Mouse</th>
                <th scope="col">Touch</th>
                <th scope="col">What it does</th>
              </tr>
            </thead>
            <tbody>
              {POINTER_ACTIONS.map((a) => (
                <tr key={a.mouse}>
                  <td>{a.mouse}</td>
                  <td>{a.touch}</td>
                  <td>{a.label}</td>
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
        {moreBelow && (
          <button type="button" className="help-more" data-testid="help-more" onClick={() => boxRef.current?.scrollBy({ top: boxRef.current.clientHeight * 0.8, behavior: 'smooth' })}>
            ↓ more below: scroll
          </button>
        )}
        <p className="help-foot">Every control is also reachable with Tab. The view is always in the address bar: copy it to share exactly what you see.</p>
      </div>
    </div>
  );
}
