/**
 * Pin and compare: up to four pinned weights side by side with loss, Ψ, bound, λmax, train
 * accuracy, and test accuracy / loss on a fresh seeded sample of the data set's mixture, plus the
 * generalization gap (SPEC §8). Pin with the button or the `p` key.
 */
import { useMemo, useState } from 'react';
import { useStore } from '../state/store';
import { cachedTestSample, pinRow, MAX_TEST_SIZE, type PinRow } from '../core/reconstruct';
import { MAX_PINS, pinPoint } from '../app/actions';
import { fmtQ, pct, pp, wPair } from '../core/format';
import { Term } from './Term';
import type { GlossaryId } from '../core/glossary';
import { PIN_FIELDS } from '../core/fields';
import { StalePinsNotice } from './StalePins';
import { msg, t, tx, txm, useT } from '../i18n';
import './inspect.css';

interface Metric {
  /** Row id (data-metric): the registry field's id, or the accuracy row's. */
  key: string;
  /** The glossary entry that explains the row (hover/focus), else `tip`. */
  term?: GlossaryId;
  tip?: string;
  label: string;
  value: (r: PinRow) => string;
  /** Which end is "better" (highlighted) when comparing pins; none when not meaningful. */
  better?: 'low' | 'high';
  num?: (r: PinRow) => number;
}

/** The registry's pin-table fields (core/fields.ts), then the accuracies, which are not grid fields. */
const METRICS: Metric[] = [
  ...PIN_FIELDS.map((d): Metric => {
    const num = (r: PinRow) => d.point(r.point) ?? NaN;
    return { key: d.id, term: d.glossary as GlossaryId | undefined, tip: d.description, label: d.id === 'loss' ? msg('train loss L̂') : d.id === 'gap' ? msg('gap (loss)') : d.label, value: (r) => fmtQ('value', num(r)), better: d.better, num };
  }),
  { key: 'trainAcc', term: 'trainAcc', label: msg('train acc'), value: (r) => pct(r.trainAcc), better: 'high', num: (r) => r.trainAcc },
  { key: 'testAcc', term: 'testAcc', label: msg('test acc'), value: (r) => pct(r.testAcc), better: 'high', num: (r) => r.testAcc },
  { key: 'gapAcc', term: 'gapAcc', label: msg('gap (acc)'), value: (r) => (Number.isFinite(r.gapAcc) ? t('{{v}} pp', { v: pp(r.gapAcc) }) : '—') },
];

function bestIndex(rows: PinRow[], m: Metric): number {
  if (!m.better || !m.num || rows.length < 2) return -1;
  let best = -1;
  let bv = m.better === 'low' ? Infinity : -Infinity;
  rows.forEach((r, i) => {
    const v = m.num!(r);
    if (Number.isFinite(v) && (m.better === 'low' ? v < bv : v > bv)) {
      bv = v;
      best = i;
    }
  });
  return best;
}

export function PinTable() {
  const t = useT();
  const pins = useStore((s) => s.pins);
  const minima = useStore((s) => s.minima);
  const setPins = useStore((s) => s.setPins);
  const dataset = useStore((s) => s.dataset);
  const depth = useStore((s) => s.depth);
  const gamma = useStore((s) => s.gamma);
  const eps = useStore((s) => s.eps);
  const delta = useStore((s) => s.delta);
  const testSize = useStore((s) => s.testSize);
  const testSeed = useStore((s) => s.testSeed);
  const setTraining = useStore((s) => s.setTraining);
  const setMarker = useStore((s) => s.setMarker);
  const notify = useStore((s) => s.notify);
  const [sizeText, setSizeText] = useState(String(testSize));
  const [seedText, setSeedText] = useState(String(testSeed));
  const [err, setErr] = useState<string | null>(null);

  const rows = useMemo(() => {
    if (!dataset) return [];
    const test = cachedTestSample(dataset, testSize, testSeed);
    return pins.map(([w1, w2]) => pinRow(dataset, w1, w2, { depth, gamma, eps, delta }, test));
  }, [pins, dataset, depth, gamma, eps, delta, testSize, testSeed]);

  const pinMarker = () => {
    try {
      const m = useStore.getState().marker;
      pinPoint(m[0], m[1]);
    } catch (e) {
      notify({ kind: 'info', text: (e as Error).message });
    }
  };

  const applyTest = () => {
    const size = Number(sizeText), seed = Number(seedText);
    if (!Number.isInteger(size) || size < 10 || size > MAX_TEST_SIZE) {
      setErr(t('Test size must be an integer from 10 to {{max}}.', { max: MAX_TEST_SIZE }));
      return;
    }
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      setErr(t('Test seed must be an integer from 0 to 4294967295.'));
      return;
    }
    setErr(null);
    setTraining({ testSize: size, testSeed: seed });
  };

  const noMixture = dataset && !dataset.mixture;

  return (
    <section className="panel ins-panel" aria-label={t('Pinned points')} data-testid="pin-table">
      <h2>{t('Pin & compare')}</h2>
      <StalePinsNotice />
      <div className="ins-actions">
        <button type="button" onClick={pinMarker} disabled={!dataset || pins.length >= MAX_PINS} title={t('Pin the marker\'s w (key: p)')}>
          {t('Pin marker')}
        </button>
        <button
          type="button"
          onClick={() => setPins(minima.slice(0, MAX_PINS).map((m) => [m.w[0], m.w[1]] as [number, number]))}
          disabled={minima.length === 0}
          title={t('Pin the local minima found on the landscape (global first, at most 4)')}
        >
          {t('Pin minima')}
        </button>
        <button type="button" onClick={() => setPins([])} disabled={pins.length === 0}>
          {t('Clear pins')}
        </button>
        <span className="ins-muted">
          {pins.length}/{MAX_PINS}
        </span>
      </div>
      <form
        className="ins-inline"
        onSubmit={(e) => {
          e.preventDefault();
          applyTest();
        }}
      >
        <label title={t('Size of the fresh sample drawn from the same mixture for test accuracy and loss')}>
          {t('test n')} <input type="number" value={sizeText} min={10} max={MAX_TEST_SIZE} onChange={(e) => setSizeText(e.target.value)} onBlur={applyTest} aria-label={t('test sample size')} />
        </label>
        <label title={t('Seed of the fresh test sample (same seed ⇒ same sample)')}>
          {t('seed')} <input type="number" value={seedText} min={0} onChange={(e) => setSeedText(e.target.value)} onBlur={applyTest} aria-label={t('test sample seed')} />
        </label>
      </form>
      {err && (
        <p className="ins-error" role="alert">
          {txm(err)}
        </p>
      )}
      {noMixture && <p className="ins-muted">{t('This data set has no known mixture, so no fresh test sample can be drawn.')}</p>}
      {rows.length === 0 ? (
        <p className="ins-muted">{t('No pins yet. Move the marker to a minimum and press “Pin marker” (or p), or Shift+click a minimum’s label.')}</p>
      ) : (
        <div className="pin-scroll">
        <table className="ins-table pin-table">
          <thead>
            <tr>
              <th />
              {rows.map((r, i) => (
                <th key={i} scope="col">
                  <button type="button" className="ins-link" onClick={() => setMarker([r.w[0], r.w[1]])} title={t('Move the marker to w = {{w}}', { w: wPair(r.w) })}>
                    #{i + 1}
                  </button>
                  <button type="button" className="ins-x" aria-label={t('Unpin #{{n}}', { n: i + 1 })} onClick={() => setPins(pins.filter((_, j) => j !== i))}>
                    ×
                  </button>
                  <div className="pin-w">{wPair(r.w)}</div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {METRICS.map((m) => {
              const best = bestIndex(rows, m);
              return (
                <tr key={m.key} data-metric={m.key}>
                  <th scope="row">
                    {m.term ? <Term id={m.term}>{tx(m.label)}</Term> : <span title={m.tip && tx(m.tip)}>{tx(m.label)}</span>}
                  </th>
                  {rows.map((r, i) => (
                    <td key={i} className={i === best ? 'ins-best' : undefined}>
                      {m.value(r)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}
