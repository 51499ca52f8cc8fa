/** The marker's numbers, computed by core at the exact point (not interpolated from the grid). */
import { useMemo } from 'react';
import { useStore } from '../state/store';
import { pointReport } from '../core/metrics';

/** Formats a number with `digits` significant digits, switching to exponent form for tiny/huge values. */
export function fmt(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(digits - 1);
  return v.toPrecision(digits);
}

export function PointReadout() {
  const dataset = useStore((s) => s.dataset);
  const marker = useStore((s) => s.marker);
  const depth = useStore((s) => s.depth);
  const gamma = useStore((s) => s.gamma);
  const eps = useStore((s) => s.eps);
  const delta = useStore((s) => s.delta);
  const r = useMemo(() => (dataset ? pointReport(dataset, marker[0], marker[1], { depth, gamma, eps, delta }) : null), [dataset, marker, depth, gamma, eps, delta]);
  if (!r) return null;
  return (
    <section className="card readout" aria-label="Marker readout" aria-live="polite" data-testid="readout">
      <h2>Marker</h2>
      <dl>
        <dt>w</dt>
        <dd data-testid="readout-w">
          ({fmt(r.w[0])}, {fmt(r.w[1])})
        </dd>
        <dt>loss L̂</dt>
        <dd data-testid="readout-loss">{fmt(r.loss, 5)}</dd>
        <dt>Ψ</dt>
        <dd data-testid="readout-psi">{fmt(r.psi, 4)}</dd>
        <dt>bound</dt>
        <dd data-testid="readout-bound">{fmt(r.bound, 4)}</dd>
      </dl>
    </section>
  );
}
