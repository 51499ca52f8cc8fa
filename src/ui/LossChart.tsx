/**
 * Train (solid) and test (dashed) loss against the step, one colour per run (SVG, small).
 */
import { useMemo } from 'react';
import { useStore } from '../state/store';
import { fmt } from './format';
import './inspect.css';

const W = 260;
const H = 130;
const PAD = { l: 36, r: 6, t: 6, b: 18 };

export function LossChart() {
  const runs = useStore((s) => s.runs);
  const scale = useMemo(() => {
    let maxStep = 1, lo = Infinity, hi = -Infinity;
    for (const r of runs) {
      maxStep = Math.max(maxStep, r.path.length - 1);
      for (const p of r.path) {
        lo = Math.min(lo, p[2]);
        hi = Math.max(hi, p[2]);
      }
      for (const t of r.testLoss) {
        if (!Number.isFinite(t)) continue;
        lo = Math.min(lo, t);
        hi = Math.max(hi, t);
      }
    }
    if (!(hi > lo)) {
      lo = Number.isFinite(lo) ? lo - 0.05 : 0;
      hi = lo + 0.1;
    }
    const pad = 0.05 * (hi - lo);
    return { maxStep, lo: lo - pad, hi: hi + pad };
  }, [runs]);
  if (runs.length === 0) return null;
  const x = (i: number) => PAD.l + (i / scale.maxStep) * (W - PAD.l - PAD.r);
  const y = (v: number) => PAD.t + ((scale.hi - v) / (scale.hi - scale.lo)) * (H - PAD.t - PAD.b);
  const line = (vals: number[]) => {
    let d = '';
    vals.forEach((v, i) => {
      if (Number.isFinite(v)) d += `${d ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    });
    return d;
  };
  return (
    <figure className="lc">
      <svg width={W} height={H} role="img" aria-label="Train (solid) and test (dashed) loss per step for each run" data-testid="loss-chart">
        <rect x={PAD.l} y={PAD.t} width={W - PAD.l - PAD.r} height={H - PAD.t - PAD.b} fill="#1b1f24" />
        <text x={PAD.l - 4} y={PAD.t + 8} textAnchor="end" className="lc-tick">
          {fmt(scale.hi, 3)}
        </text>
        <text x={PAD.l - 4} y={H - PAD.b} textAnchor="end" className="lc-tick">
          {fmt(scale.lo, 3)}
        </text>
        <text x={PAD.l} y={H - 4} className="lc-tick">
          0
        </text>
        <text x={W - PAD.r} y={H - 4} textAnchor="end" className="lc-tick">
          {scale.maxStep} steps
        </text>
        {runs.map((r) => (
          <g key={r.id}>
            <path d={line(r.path.map((p) => p[2]))} stroke={r.color} fill="none" strokeWidth={1.5} />
            <path d={line(r.testLoss)} stroke={r.color} fill="none" strokeWidth={1.2} strokeDasharray="4 3" opacity={0.85} />
          </g>
        ))}
      </svg>
      <figcaption className="ins-muted">loss per step: train — solid, test - - dashed</figcaption>
    </figure>
  );
}
