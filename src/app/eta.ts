/**
 * Time estimates for long jobs (the landscape grid, the test pass): the remaining seconds from the
 * rate measured so far, remaining = elapsed · (1 − p) / p. No estimate until the job has run long
 * enough to measure (ETA_MIN_MS and ETA_MIN_FRACTION), so a quick job never shows one.
 */
import { t } from '../i18n';

/** Elapsed time before a job shows an estimate (ms). */
export const ETA_MIN_MS = 700;
/** Progress before a job shows an estimate (a first chunk can include compile time). */
export const ETA_MIN_FRACTION = 0.03;

/** Measures one job's progress; `remaining(p)` gives the seconds left, or null while unknown. */
export class Eta {
  private readonly t0: number;
  constructor(private readonly now: () => number = () => performance.now()) {
    this.t0 = now();
  }
  /** Milliseconds since the job started. */
  elapsedMs(): number {
    return this.now() - this.t0;
  }
  /** Seconds left at progress p ∈ [0, 1] (null: too early to tell, or done). */
  remaining(p: number): number | null {
    const el = this.elapsedMs();
    if (!(p >= ETA_MIN_FRACTION) || p >= 1 || el < ETA_MIN_MS) return null;
    return (el * (1 - p)) / p / 1000;
  }
}

/** "about 40 s left", "about 3 min left", "less than 5 s left" (null: no estimate yet). */
export function etaText(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return null;
  if (seconds < 5) return t('less than 5 s left');
  if (seconds < 90) return t('about {{n}} s left', { n: Math.round(seconds / 5) * 5 });
  return t('about {{n}} min left', { n: Math.round(seconds / 60) });
}
