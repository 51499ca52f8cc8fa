/**
 * View controls of the landscape: the surface's colouring field (loss | Ψ | bound |
 * λmax) with a one-click loss ↔ Ψ toggle (key T), linear/log height, colour map, top-down view
 * with contours, bound plane on/off, camera reset, and the grid's w1/w2 ranges and resolution
 * (validated; applied together).
 */
import { TrueLossControls } from './TrueLossControls';
import { useEffect, useMemo, useState } from 'react';
import { FIELD_NAMES, useStore, type ColormapName, type FieldName } from '../state/store';
import { PARAMS, checkParam, inputAttrs, parseDecimal } from '../core/params';
import { RHO_FIELDS, gridRuleNote } from '../core/gridNote';
import { FIELD_LABELS } from '../state/fieldData';
import { t, tx, txm, useT } from '../i18n';
import '../scene/landscape.css';

/** Smallest resolution offered in the view controls (core/params, as links and scripts). */
export const MIN_VIEW_RES = PARAMS.res.min;
/** Largest |w| accepted for a range end, and the smallest span (core/params). */
export const MAX_ABS_W = PARAMS.w.max;
export const MIN_SPAN_W = PARAMS.span.min;

export interface GridDraft {
  w1lo: string;
  w1hi: string;
  w2lo: string;
  w2hi: string;
  res: string;
}

/** Validates the grid inputs; returns the parsed values or a message naming the first problem. */
export function parseGridDraft(d: GridDraft): { ok: true; w1Range: [number, number]; w2Range: [number, number]; res: number } | { ok: false; error: string; field: keyof GridDraft } {
  const nums: Partial<Record<keyof GridDraft, number>> = {};
  for (const k of ['w1lo', 'w1hi', 'w2lo', 'w2hi', 'res'] as const) {
    const s = d[k].trim();
    const v = parseDecimal(s);
    if (!Number.isFinite(v)) return { ok: false, error: t('{{name}} must be a number.', { name: label(k) }), field: k };
    nums[k] = v;
  }
  for (const k of ['w1lo', 'w1hi', 'w2lo', 'w2hi'] as const) if (Math.abs(nums[k]!) > MAX_ABS_W) return { ok: false, error: t('{{name}} must lie within ±{{max}}.', { name: label(k), max: MAX_ABS_W }), field: k };
  if (!(nums.w1hi! - nums.w1lo! >= MIN_SPAN_W)) return { ok: false, error: t('w₁ max must exceed w₁ min by at least {{span}}.', { span: MIN_SPAN_W }), field: 'w1hi' };
  if (!(nums.w2hi! - nums.w2lo! >= MIN_SPAN_W)) return { ok: false, error: t('w₂ max must exceed w₂ min by at least {{span}}.', { span: MIN_SPAN_W }), field: 'w2hi' };
  const res = nums.res!;
  const resBad = checkParam('res', res, t('Resolution'));
  if (resBad) return { ok: false, error: resBad, field: 'res' };
  return { ok: true, w1Range: [nums.w1lo!, nums.w1hi!], w2Range: [nums.w2lo!, nums.w2hi!], res };
}

function label(k: keyof GridDraft): string {
  return { w1lo: t('w₁ min'), w1hi: t('w₁ max'), w2lo: t('w₂ min'), w2hi: t('w₂ max'), res: t('Resolution') }[k];
}

function draftOf(w1: [number, number], w2: [number, number], res: number): GridDraft {
  return { w1lo: String(w1[0]), w1hi: String(w1[1]), w2lo: String(w2[0]), w2hi: String(w2[1]), res: String(res) };
}

/** Switches the surface colouring between loss and Ψ (from any other field: to Ψ). */
export function toggleLossPsi(): void {
  const s = useStore.getState();
  s.setView({ field: s.field === 'psi' ? 'loss' : 'psi' });
}

export function ViewControls() {
  const field = useStore((s) => s.field);
  const heightScale = useStore((s) => s.heightScale);
  const colormap = useStore((s) => s.colormap);
  const topDown = useStore((s) => s.topDown);
  const showBoundPlane = useStore((s) => s.showBoundPlane);
  const w1Range = useStore((s) => s.w1Range);
  const w2Range = useStore((s) => s.w2Range);
  const res = useStore((s) => s.res);
  const setView = useStore((s) => s.setView);
  const t = useT();
  // Said only while the view shows something taken from the grid's ρ (Ψ, the bound, ρ; the bound plane).
  const rhoShown = useStore((s) => RHO_FIELDS.includes(s.field) || (s.showBoundPlane && s.planeField === 'bound'));
  const gamma = useStore((s) => s.gamma);
  const eps = useStore((s) => s.eps);
  const gridNote = useMemo(() => (rhoShown ? gridRuleNote({ w1: w1Range, w2: w2Range, res, gamma, eps }) : null), [rhoShown, w1Range, w2Range, res, gamma, eps]);
  const [draft, setDraft] = useState<GridDraft>(() => draftOf(w1Range, w2Range, res));
  const [error, setError] = useState<{ error: string; field: keyof GridDraft } | null>(null);

  // Follow outside changes (links, story) of the applied grid.
  useEffect(() => {
    setDraft(draftOf(w1Range, w2Range, res));
    setError(null);
  }, [w1Range, w2Range, res]);

  const apply = (e: React.FormEvent) => {
    e.preventDefault();
    const p = parseGridDraft(draft);
    if (!p.ok) {
      setError({ error: p.error, field: p.field });
      return;
    }
    setError(null);
    setView({ w1Range: p.w1Range, w2Range: p.w2Range, res: p.res });
  };
  const input = (k: keyof GridDraft, extra: Partial<React.InputHTMLAttributes<HTMLInputElement>> = {}) => (
    <input
      id={`grid-${k}`}
      data-testid={`grid-${k}`}
      type="number"
      inputMode="decimal"
      value={draft[k]}
      aria-invalid={error?.field === k || undefined}
      aria-describedby={error?.field === k ? 'grid-error' : undefined}
      onChange={(e) => {
        const next = { ...draft, [k]: e.target.value };
        setDraft(next);
        // A shown error follows the edits: it clears as soon as the inputs are valid again.
        if (error) {
          const p = parseGridDraft(next);
          setError(p.ok ? null : { error: p.error, field: p.field });
        }
      }}
      {...extra}
    />
  );

  return (
    <section className="panel view-controls" aria-labelledby="view-controls-title">
      <h2 id="view-controls-title">{t('View')}</h2>
      <div className="vc-row">
        <label htmlFor="vc-field">{t('Colour by')}</label>
        <select id="vc-field" data-testid="field-select" value={field} onChange={(e) => setView({ field: e.target.value as FieldName })}>
          {FIELD_NAMES.map((f) => (
            <option key={f} value={f}>
              {tx(FIELD_LABELS[f].short)}
            </option>
          ))}
        </select>
        <button type="button" className="vc-toggle" data-testid="toggle-loss-psi" onClick={toggleLossPsi} title={t('Toggle the surface colouring between loss and Ψ (key T)')} aria-pressed={field === 'psi'}>
          {t(field === 'psi' ? 'Ψ → loss' : 'loss → Ψ')} <kbd>T</kbd>
        </button>
      </div>
      <div className="vc-row">
        <span className="vc-label" id="vc-height">{t('Height')}</span>
        <div className="vc-seg" role="group" aria-labelledby="vc-height">
          {(['linear', 'log'] as const).map((h) => (
            <button key={h} type="button" aria-pressed={heightScale === h} onClick={() => setView({ heightScale: h })} data-testid={`height-${h}`}>
              {t(h === 'linear' ? 'linear' : 'log')}
            </button>
          ))}
        </div>
      </div>
      <div className="vc-row">
        <label htmlFor="vc-cmap">{t('Colours')}</label>
        <select id="vc-cmap" data-testid="colormap-select" value={colormap} onChange={(e) => setView({ colormap: e.target.value as ColormapName })}>
          <option value="viridis">viridis</option>
          <option value="cividis">{t('cividis (colour-blind safe)')}</option>
        </select>
      </div>
      <div className="vc-row vc-checks">
        <label>
          <input type="checkbox" data-testid="top-down" checked={topDown} onChange={(e) => setView({ topDown: e.target.checked })} /> {t('top-down 2-D with contours')}
        </label>
        <label>
          <input type="checkbox" checked={showBoundPlane} onChange={(e) => setView({ showBoundPlane: e.target.checked })} /> {t('bound plane')}
        </label>
      </div>
      <TrueLossControls />
      <div className="vc-row">
        <button type="button" data-testid="camera-reset" onClick={() => setView({ camera: null, topDown: false })} title={t('Back to the default 3-D camera')}>
          {t('Reset camera')}
        </button>
      </div>
      <form className="vc-grid" onSubmit={apply} noValidate aria-label={t('Grid range and resolution')}>
        <div className="vc-grid-row">
          <label htmlFor="grid-w1lo">w₁</label>
          {input('w1lo', { min: -MAX_ABS_W, max: MAX_ABS_W, step: 'any', 'aria-label': t('w₁ min') })}
          <span>{t('to')}</span>
          {input('w1hi', { min: -MAX_ABS_W, max: MAX_ABS_W, step: 'any', 'aria-label': t('w₁ max') })}
        </div>
        <div className="vc-grid-row">
          <label htmlFor="grid-w2lo">w₂</label>
          {input('w2lo', { min: -MAX_ABS_W, max: MAX_ABS_W, step: 'any', 'aria-label': t('w₂ min') })}
          <span>{t('to')}</span>
          {input('w2hi', { min: -MAX_ABS_W, max: MAX_ABS_W, step: 'any', 'aria-label': t('w₂ max') })}
        </div>
        <div className="vc-grid-row">
          <label htmlFor="grid-res">{t('grid')}</label>
          {input('res', { ...inputAttrs('res'), 'aria-label': t('Resolution (nodes per side)') })}
          <span>{t('² nodes')}</span>
          <button type="submit" data-testid="grid-apply">
            {t('Apply')}
          </button>
        </div>
        {gridNote && (
          <details className="vc-note" data-testid="grid-note">
            <summary>{txm(gridNote.short)}</summary>
            {txm(gridNote.detail)}
          </details>
        )}
        {error && (
          <p className="vc-error" id="grid-error" role="alert" data-testid="grid-error">
            {txm(error.error)}
          </p>
        )}
      </form>
    </section>
  );
}
