/**
 * Hover readout: loss, Ψ and the bound at the w under the mouse, computed by core/ at that exact
 * point (like the marker's readout), without moving the marker. At most one evaluation per
 * HOVER_MIN_MS (a point report costs a few ms), the latest position last.
 */
import { useEffect, useRef, useState } from 'react';
import { pointReport } from '../core/metrics';
import { useStore } from '../state/store';
import { fmtQ, wPair } from '../core/format';
import type { HoverPoint } from './hover';
import { useHover } from './sceneState';
import { useT } from '../i18n';

export const HOVER_MIN_MS = 50;

interface Shown {
  at: HoverPoint;
  loss: number;
  psi: number;
  bound: number;
}

export function HoverReadout() {
  const t = useT();
  const h = useHover();
  const [shown, setShown] = useState<Shown | null>(null);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    clearTimeout(timer.current);
    if (!h) {
      setShown(null);
      return;
    }
    const run = () => {
      const s = useStore.getState();
      if (!s.dataset) return;
      last.current = performance.now();
      const r = pointReport(s.dataset, h.w[0], h.w[1], { depth: s.depth, gamma: s.gamma, eps: s.eps, delta: s.delta });
      setShown({ at: h, loss: r.loss, psi: r.psi, bound: r.bound });
    };
    const wait = HOVER_MIN_MS - (performance.now() - last.current);
    if (wait <= 0) run();
    else timer.current = setTimeout(run, wait);
    return () => clearTimeout(timer.current);
  }, [h]);
  if (!h || !shown) return null;
  // Beside the pointer, flipped left/up near the right/bottom edge of the stage.
  const style: React.CSSProperties = { left: h.x + 14, top: h.y + 14 };
  return (
    <div className="hover-readout" style={style} data-testid="hover-readout" aria-hidden="true" ref={(el) => {
        if (el) flip(el);
      }}>
      <span>w = {wPair(shown.at.w)}</span>
      <span>
        {t('loss')} <b data-testid="hover-loss">{fmtQ('value', shown.loss)}</b> · Ψ <b data-testid="hover-psi">{fmtQ('value', shown.psi)}</b> {t('· bound')} <b data-testid="hover-bound">{fmtQ('value', shown.bound)}</b>
      </span>
    </div>
  );
}

function flip(el: HTMLElement): void {
  const parent = el.offsetParent as HTMLElement | null;
  if (!parent) return;
  const x = parseFloat(el.style.left), y = parseFloat(el.style.top);
  if (x + el.offsetWidth > parent.clientWidth - 4) el.style.left = `${Math.max(4, x - el.offsetWidth - 28)}px`;
  if (y + el.offsetHeight > parent.clientHeight - 4) el.style.top = `${Math.max(4, y - el.offsetHeight - 28)}px`;
}
