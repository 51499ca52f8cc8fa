/**
 * Per-step charts of the training runs, one colour per run (SVG, small): train (solid) and test
 * (dashed) loss, and the approximate generalization bound (SPEC §6) at each step's w — the bound
 * is recorded along every path, so a run that settles in the sharp minimum shows it here as well
 * as a lower loss.
 */
import { useMemo } from 'react';
import { useStore } from '../state/store';
import type { TrainingRun } from '../state/training';
import { fmtQ } from '../core/format';
import { useT } from '../i18n';
import './inspect.css';

const W = 260;
const H = 130;
const PAD = { l: 36, r: 6, t: 6, b: 18 };

/** One line of a run: its values per step and how it is stroked. */
interface Series {
  values: (r: TrainingRun) => number[];
  dashed?: boolean;
}

function StepChart({ runs, series, label, caption, testId }: { runs: TrainingRun[]; series: Series[]; label: string; caption: string; testId: string }) {
  const t = useT();
  const scale = useMemo(() => {
    let maxStep = 1, lo = Infinity, hi = -Infinity;
    for (const r of runs) {
      maxStep = Math.max(maxStep, r.path.length - 1);
      for (const s of series)
        for (const v of s.values(r)) {
          if (!Number.isFinite(v)) continue;
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
    }
    if (!(hi > lo)) {
      lo = Number.isFinite(lo) ? lo - 0.05 : 0;
      hi = lo + 0.1;
    }
    const pad = 0.05 * (hi - lo);
    return { maxStep, lo: lo - pad, hi: hi + pad };
  }, [runs, series]);
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
      <svg width={W} height={H} role="img" aria-label={label} data-testid={testId} data-lo={scale.lo} data-hi={scale.hi}>
        <rect x={PAD.l} y={PAD.t} width={W - PAD.l - PAD.r} height={H - PAD.t - PAD.b} fill="#1b1f24" />
        <text x={PAD.l - 4} y={PAD.t + 8} textAnchor="end" className="lc-tick">
          {fmtQ('value', scale.hi)}
        </text>
        <text x={PAD.l - 4} y={H - PAD.b} textAnchor="end" className="lc-tick">
          {fmtQ('value', scale.lo)}
        </text>
        {/* The step axis is labelled as steps, so its start is not read as a value of the curve. */}
        <text x={PAD.l} y={H - 4} className="lc-tick">
          {t('step {{n}}', { n: 0 })}
        </text>
        <text x={W - PAD.r} y={H - 4} textAnchor="end" className="lc-tick">
          {t('step {{n}}', { n: scale.maxStep })}
        </text>
        {runs.map((r) => (
          <g key={r.id} data-run={r.id}>
            {series.map((s, k) => (
              <path key={k} d={line(s.values(r))} stroke={r.color} fill="none" strokeWidth={s.dashed ? 1.2 : 1.5} strokeDasharray={s.dashed ? '4 3' : undefined} opacity={s.dashed ? 0.85 : 1} />
            ))}
          </g>
        ))}
      </svg>
      <figcaption className="ins-muted">{caption}</figcaption>
    </figure>
  );
}

const LOSS_SERIES: Series[] = [{ values: (r) => r.path.map((p) => p[2]) }, { values: (r) => r.testLoss, dashed: true }];
const BOUND_SERIES: Series[] = [{ values: (r) => r.bound }];

export function LossChart() {
  const t = useT();
  const runs = useStore((s) => s.runs);
  if (runs.length === 0) return null;
  return (
    <>
      <StepChart runs={runs} series={LOSS_SERIES} testId="loss-chart" label={t('Train (solid) and test (dashed) loss per step for each run')} caption={t('loss per step: train — solid, test - - dashed')} />
      <StepChart runs={runs} series={BOUND_SERIES} testId="bound-chart" label={t('Approximate generalization bound at each step\'s w for each run')} caption={t("approx. bound (SPEC §6) at each step's w")} />
    </>
  );
}
