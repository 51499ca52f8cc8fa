/**
 * Model and metric controls: depth D (1–8), box scale γ, box floor ε and confidence δ. Values are
 * validated as a whole on Apply; a bad value shows a message and the model keeps its old state.
 */
import { useEffect, useState } from 'react';
import { useStore } from '../state/store';
import { DEFAULT_PARAMS } from '../core/metrics';
import { checkParam, inputAttrs, parseDecimal, rangeText } from '../core/params';
import { txm, useT } from '../i18n';
import './inspect.css';

export interface ModelValues {
  depth: number;
  gamma: number;
  eps: number;
  delta: number;
}

/** Parses and validates the four fields; returns the values or a readable error. */
export function parseModelValues(t: Record<keyof ModelValues, string>): ModelValues | string {
  const v = { depth: parseDecimal(t.depth), gamma: parseDecimal(t.gamma), eps: parseDecimal(t.eps), delta: parseDecimal(t.delta) };
  for (const k of ['depth', 'gamma', 'eps', 'delta'] as const) {
    const bad = checkParam(k, v[k]);
    if (bad) return bad;
  }
  return v;
}

export function ModelControls() {
  const depth = useStore((s) => s.depth);
  const gamma = useStore((s) => s.gamma);
  const eps = useStore((s) => s.eps);
  const delta = useStore((s) => s.delta);
  const setModel = useStore((s) => s.setModel);
  const [text, setText] = useState({ depth: String(depth), gamma: String(gamma), eps: String(eps), delta: String(delta) });
  const [error, setError] = useState<string | null>(null);
  const t = useT();
  // Follow outside changes (URL, story, scripts).
  useEffect(() => setText({ depth: String(depth), gamma: String(gamma), eps: String(eps), delta: String(delta) }), [depth, gamma, eps, delta]);

  const apply = (vals = text) => {
    const v = parseModelValues(vals);
    if (typeof v === 'string') {
      setError(v);
      return;
    }
    setError(null);
    if (v.depth !== depth || v.gamma !== gamma || v.eps !== eps || v.delta !== delta) setModel(v);
  };
  const field = (key: keyof ModelValues, label: string, tip: string) => (
    <label title={`${tip} ${t('Accepted: {{range}}.', { range: txm(rangeText(key)) })}`}>
      {label}{' '}
      <input type="number" {...inputAttrs(key)} value={text[key]} name={key} aria-invalid={error ? true : undefined} onChange={(e) => setText({ ...text, [key]: e.target.value })} onBlur={() => apply()} />
    </label>
  );

  return (
    <section className="panel ins-panel" aria-label={t('Model')} data-testid="model-controls">
      <h2>{t('Model & metric')}</h2>
      <form
        noValidate
        className="ins-form"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        {field('depth', t('depth D'), t('Number of layers sharing the two weights.'))}
        {field('gamma', 'γ', t('Box scale: κ_i = γ|w_i| + ε.'))}
        {field('eps', 'ε', t('Box floor: κ_i = γ|w_i| + ε (> 0).'))}
        {field('delta', 'δ', t('Confidence of the PAC-Bayes bound.'))}
        <button type="submit">{t('Apply')}</button>
        <button
          type="button"
          onClick={() => {
            const d = { depth: String(DEFAULT_PARAMS.depth), gamma: String(DEFAULT_PARAMS.gamma), eps: String(DEFAULT_PARAMS.eps), delta: String(DEFAULT_PARAMS.delta) };
            setText(d);
            apply(d);
          }}
        >
          {t('Defaults')}
        </button>
      </form>
      {error && (
        <p className="ins-error" role="alert" data-testid="model-error">
          {txm(error)} {t('The model is unchanged.')}
        </p>
      )}
    </section>
  );
}
