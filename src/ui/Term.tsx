/**
 * A glossary term: the symbol as shown, with its plain-words explanation and SPEC formula
 * (core/glossary) in a tip that opens on hover and on keyboard focus (the term is focusable), is
 * announced to screen readers through aria-describedby, and floats above the panel's scrolling.
 */
import { useId, useState, type ReactNode } from 'react';
import { GLOSSARY, READING_NOTE, type GlossaryEntry, type GlossaryId } from '../core/glossary';
import { tx, useT } from '../i18n';

/** The tip's width (px); it opens below the term, or above it near the bottom of the window. */
const TIP_WIDTH = 300;

export function Term({ id, children }: { id: GlossaryId; children?: ReactNode }) {
  const tipId = useId();
  const t = useT();
  const e: GlossaryEntry = GLOSSARY[id];
  const [at, setAt] = useState<{ left: number; top?: number; bottom?: number } | null>(null);
  const open = (el: HTMLElement) => {
    const r = el.getBoundingClientRect();
    const left = Math.max(4, Math.min(r.left, window.innerWidth - TIP_WIDTH - 4));
    setAt(r.bottom + 160 > window.innerHeight ? { left, bottom: window.innerHeight - r.top + 4 } : { left, top: r.bottom + 4 });
  };
  return (
    <span
      className="gl-term"
      tabIndex={0}
      aria-describedby={tipId}
      data-term={id}
      onMouseEnter={(ev) => open(ev.currentTarget)}
      onMouseLeave={() => setAt(null)}
      onFocus={(ev) => open(ev.currentTarget)}
      onBlur={() => setAt(null)}
      onKeyDown={(ev) => {
        if (ev.key === 'Escape' && at) {
          ev.stopPropagation();
          setAt(null);
        }
      }}
    >
      {children ?? tx(e.symbol)}
      <span role="tooltip" id={tipId} className="gl-tip" hidden={!at} style={at ? { position: 'fixed', width: TIP_WIDTH, ...at } : undefined}>
        <b>{tx(e.symbol)}</b> — {tx(e.plain)}
        <span className="gl-formula">{tx(e.formula)}</span>
        <span className="gl-spec">docs/SPEC.md {e.spec}</span>
        {e.reading && (
          <span className="gl-reading">
            {t('(reading: {{what}})', { what: tx(e.reading) })} {tx(READING_NOTE)}
          </span>
        )}
      </span>
    </span>
  );
}

/** "(reading)" with its explanation on hover and focus. */
export function ReadingMark({ what }: { what?: string }) {
  const tipId = useId();
  const t = useT();
  const [at, setAt] = useState<{ left: number; top: number } | null>(null);
  const open = (el: HTMLElement) => {
    const r = el.getBoundingClientRect();
    setAt({ left: Math.max(4, Math.min(r.left, window.innerWidth - TIP_WIDTH - 4)), top: Math.min(r.bottom + 4, window.innerHeight - 120) });
  };
  return (
    <b className="gl-term" tabIndex={0} aria-describedby={tipId} onMouseEnter={(ev) => open(ev.currentTarget)} onMouseLeave={() => setAt(null)} onFocus={(ev) => open(ev.currentTarget)} onBlur={() => setAt(null)}>
      {what ? t('(reading: {{what}})', { what }) : t('(reading)')}
      <span role="tooltip" id={tipId} className="gl-tip" hidden={!at} style={at ? { position: 'fixed', width: TIP_WIDTH, ...at } : undefined}>
        {tx(READING_NOTE)}
      </span>
    </b>
  );
}
