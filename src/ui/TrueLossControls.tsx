/**
 * The true loss (SPEC §9): what the plane shows (the bound, or the test loss it bounds), the fresh
 * test sample's size and seed (one sample for the grid's test loss and gap, the inspector, the pin
 * table, the decision view and the training charts; both in the link), whether to compute the test
 * fields over the grid when no view shows them, and the state of that pass — or why there is none
 * (an imported data set has no known mixture).
 */
import { useEffect, useState } from 'react';
import { useStore } from '../state/store';
import { etaText, useCancelJob } from '../app/actions';
import { MAX_TEST_SIZE, MIN_TEST_SIZE } from '../core/reconstruct';
import { txm, useT } from '../i18n';

export function TrueLossControls() {
  const cancelJob = useCancelJob();
  const planeField = useStore((s) => s.planeField);
  const showPlane = useStore((s) => s.showBoundPlane);
  const testSize = useStore((s) => s.testSize);
  const testSeed = useStore((s) => s.testSeed);
  const testOnGrid = useStore((s) => s.testOnGrid);
  const status = useStore((s) => s.testGrid);
  const hasMixture = useStore((s) => !!s.dataset?.mixture);
  const setView = useStore((s) => s.setView);
  const setTraining = useStore((s) => s.setTraining);
  const t = useT();
  const [size, setSize] = useState(String(testSize));
  const [seed, setSeed] = useState(String(testSeed));
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => setSize(String(testSize)), [testSize]);
  useEffect(() => setSeed(String(testSeed)), [testSeed]);

  const apply = () => {
    const n = Number(size), s = Number(seed);
    if (!Number.isInteger(n) || n < MIN_TEST_SIZE || n > MAX_TEST_SIZE) return setErr(t('The test sample size must be an integer from {{min}} to {{max}}.', { min: MIN_TEST_SIZE, max: MAX_TEST_SIZE }));
    if (!Number.isInteger(s) || s < 0 || s > 0xffffffff) return setErr(t('The test seed must be an integer from 0 to 4294967295.'));
    setErr(null);
    if (n !== testSize || s !== testSeed) setTraining({ testSize: n, testSeed: s });
  };

  const state =
    status.status === 'computing'
      ? `${t('computing over the grid… {{pct}}%', { pct: Math.round(100 * status.progress) })}${etaText(status.eta) ? ` · ${etaText(status.eta)}` : ''}`
      : status.status === 'ready'
        ? t('over the grid: ready ({{s}} s)', { s: (status.ms / 1000).toFixed(1) })
        : status.status === 'pending'
          ? t('over the grid: after the landscape')
          : status.status === 'error'
            ? txm(status.reason)
            : status.status === 'off'
              ? status.reason === 'cancelled'
                ? t('over the grid: cancelled (change the sample or tick the box to compute it)')
                : t('over the grid: not computed (colour by test loss or gap, or tick the box)')
              : '';

  return (
    <fieldset className="vc-true" data-testid="true-loss-controls" aria-label={t('True loss')}>
      <legend title={t('SPEC §9: the mean loss on a large fresh sample of the same mixture, and the gap test − train')}>{t('True loss')}</legend>
      <div className="vc-row">
        <span className="vc-label" id="vc-plane">{t('Plane')}</span>
        <div className="vc-seg" role="group" aria-labelledby="vc-plane">
          {(
            [
              ['bound', 'bound'],
              ['testLoss', 'test loss'],
            ] as const
          ).map(([v, label]) => (
            <button
              key={v}
              type="button"
              data-testid={`plane-${v}`}
              aria-pressed={planeField === v}
              disabled={v === 'testLoss' && !hasMixture}
              onClick={() => setView({ planeField: v, ...(showPlane ? {} : { showBoundPlane: true }) })}
              title={t(v === 'bound' ? 'Colour the plane by the approximate generalization bound (SPEC §6)' : 'Colour the plane by the test loss, what the bound bounds (SPEC §9)')}
            >
              {t(label === 'bound' ? 'bound' : 'test loss')}
            </button>
          ))}
        </div>
      </div>
      {hasMixture ? (
        <>
          <form
            className="vc-row vc-test"
            onSubmit={(e) => {
              e.preventDefault();
              apply();
            }}
          >
            <label title={t("Points in the fresh test sample drawn from the data set's mixture (default 20 000)")}>
              {t('test n')} <input type="number" data-testid="test-size" value={size} min={MIN_TEST_SIZE} max={MAX_TEST_SIZE} onChange={(e) => setSize(e.target.value)} onBlur={apply} aria-label={t('Size of the fresh test sample')} />
            </label>
            <label title={t('Seed of the fresh test sample (same seed ⇒ same sample)')}>
              {t('seed')} <input type="number" data-testid="test-seed" value={seed} min={0} onChange={(e) => setSeed(e.target.value)} onBlur={apply} aria-label={t('Seed of the fresh test sample')} />
            </label>
          </form>
          <label className="vc-row" title={t("Compute the test loss and gap over the grid after each landscape even when no view shows them (about test n / n times the loss's cost per node)")}>
            <input type="checkbox" data-testid="test-on-grid" checked={testOnGrid} onChange={(e) => setTraining({ testOnGrid: e.target.checked })} /> {t('compute over the grid')}
          </label>
          <p className="vc-note" data-testid="test-status" data-status={status.status} role="status">
            {state}
          </p>
          {status.status === 'computing' && (
            <button type="button" className="vc-cancel" data-testid="test-cancel" onClick={() => cancelJob()} title={t('Stop the test-loss pass; the landscape stays')}>
              {t('Cancel')}
            </button>
          )}
        </>
      ) : (
        <p className="vc-note" data-testid="test-status" data-status="unavailable">
          {status.reason ? txm(status.reason) : t('This data set has no known mixture, so no fresh test sample can be drawn: test loss and gap need a preset or the generator.')}
        </p>
      )}
      {err && (
        <p className="vc-error" role="alert">
          {txm(err)}
        </p>
      )}
    </fieldset>
  );
}
