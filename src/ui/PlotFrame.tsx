/**
 * Axes for the small canvas plots (the generator's mixture, the decision view): a square plot of
 * `size` CSS pixels with ticks and their labels on the left and below (DOM, so they stay sharp and
 * follow the page's type) and the axis titles. The plot itself is the child (a canvas drawn in
 * the same coordinates: x from `x[0]` at the left edge to `x[1]` at the right, y from `y[0]` at the
 * bottom to `y[1]` at the top).
 */
import type { CSSProperties, ReactNode } from 'react';
import { niceTicks, tickLabel } from './chartAxes';
import './plotFrame.css';

export interface PlotFrameProps {
  x: readonly [number, number];
  y: readonly [number, number];
  /** Side of the square plot in CSS pixels. */
  size: number;
  xTitle: ReactNode;
  yTitle: ReactNode;
  /** About this many ticks per axis. */
  ticks?: number;
  children: ReactNode;
  testId?: string;
}

/** Fraction of the way from lo to hi (0 … 1). */
const frac = (v: number, [lo, hi]: readonly [number, number]) => (v - lo) / (hi - lo);

export function PlotFrame({ x, y, size, xTitle, yTitle, ticks, children, testId }: PlotFrameProps) {
  const target = ticks ?? (size < 180 ? 3 : 5);
  const tx = niceTicks(x[0], x[1], target);
  const ty = niceTicks(y[0], y[1], target);
  const yLabels = ty.values.map((v) => tickLabel(v, ty.decimals));
  // The y tick column is as wide as its longest label (tabular digits: 1ch each).
  const yChars = Math.max(1, ...yLabels.map((l) => l.length));
  const style = { '--pf-size': `${size}px`, '--pf-ychars': `${yChars}ch` } as CSSProperties;
  return (
    <div className="pf" style={style} data-testid={testId}>
      <span className="pf-ytitle">{yTitle}</span>
      <div className="pf-yticks" aria-hidden="true">
        {ty.values.map((v, i) => (
          <span key={i} className="pf-tick pf-ytick" style={{ top: `${(1 - frac(v, y)) * 100}%` }}>
            {yLabels[i]}
          </span>
        ))}
      </div>
      <div className="pf-plot">{children}</div>
      <div className="pf-xticks" aria-hidden="true">
        {tx.values.map((v, i) => (
          <span key={i} className="pf-tick pf-xtick" style={{ left: `${frac(v, x) * 100}%` }}>
            {tickLabel(v, tx.decimals)}
          </span>
        ))}
      </div>
      <span className="pf-xtitle">{xTitle}</span>
    </div>
  );
}
