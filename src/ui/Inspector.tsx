/**
 * The sharpness inspector: every SPEC quantity at the marker's exact w, computed in float64 by
 * core/ (not read off the grid), at most once per animation frame while the marker is dragged.
 * Expected sharpness (seeded Monte Carlo) follows the marker during a drag too: one estimate at a
 * time in idle callbacks, the latest marker next. Every row has a fixed number of lines (no value
 * wraps), so the panel does not jump while the numbers change.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useStore } from '../state/store';
import { expectedSharpnessSteps, type PointReport } from '../core/metrics';
import { SliceBudget } from '../core/slices';
import { markerReportOf } from '../state/markerReport';
import type { Dataset } from '../core/data';
import { fmtQ, meanErr, pairQ, wPair } from '../core/format';
import { Term } from './Term';
import type { GlossaryId } from '../core/glossary';
import { cachedTestSample } from '../core/reconstruct';
import { INSPECTOR_FIELDS, fieldPoint } from '../core/fields';
import { tx, useT } from '../i18n';
import './inspect.css';

/** Monte Carlo draws per expected-sharpness estimate and its fixed seed (same number each time). */
export const ES_SAMPLES = 400;
export const ES_SEED = 12345;
/** Longest wait for an idle moment before an estimate runs anyway (ms), so a long drag updates it. */
const ES_IDLE_TIMEOUT_MS = 250;

/** One labelled value with a "what is this" tip (title for the mouse, aria-description for readers). */
export function Row({ label, tip, term, children, testId, anchor }: { label: ReactNode; tip?: string; term?: GlossaryId; children: ReactNode; testId?: string; anchor?: string }) {
  // A glossary term explains itself on hover and focus; other rows keep their own tip.
  return (
    <div className="ins-row" title={term ? undefined : tip} data-story-anchor={anchor}>
      <dt aria-description={term ? undefined : tip}>{term ? <Term id={term}>{label}</Term> : label}</dt>
      <dd data-testid={testId} title={term ? tip : undefined}>
        {children}
      </dd>
    </div>
  );
}

interface EsResult {
  iso: { mean: number; stderr: number };
  star: { mean: number; stderr: number };
  key: string;
}

function useThrottledReport(dataset: Dataset | null, marker: [number, number], depth: number, gamma: number, eps: number, delta: number): PointReport | null {
  const [report, setReport] = useState<PointReport | null>(null);
  useEffect(() => {
    if (!dataset) return;
    // One computation per animation frame with the latest marker (drags fire faster than frames);
    // the report is core's pointReport at the exact w, shared with the scene through its cache.
    const raf = requestAnimationFrame(() => setReport(markerReportOf(useStore.getState())));
    return () => cancelAnimationFrame(raf);
  }, [dataset, marker, depth, gamma, eps, delta]);
  return dataset ? report : null;
}

/** A Monte Carlo mean ± standard error; says so when the mean cannot be told apart from 0. */
function EsValue({ e }: { e?: { mean: number; stderr: number } }) {
  const t = useT();
  if (!e) return <>…</>;
  const m = meanErr(e.mean, e.stderr);
  return (
    <>
      {m.text}
      <span className={m.withinNoise ? 'ins-noise' : 'ins-noise ins-noise-off'} title={t('|mean| < 2 standard errors: not distinguishable from 0 with these draws (a negative mean is noise, not a loss decrease)')} data-testid="es-noise" aria-hidden={!m.withinNoise}>
        {' '}
        {t('within noise')}
      </span>
    </>
  );
}

export function Inspector() {
  const dataset = useStore((s) => s.dataset);
  const marker = useStore((s) => s.marker);
  const depth = useStore((s) => s.depth);
  const gamma = useStore((s) => s.gamma);
  const eps = useStore((s) => s.eps);
  const delta = useStore((s) => s.delta);
  const r = useThrottledReport(dataset, marker, depth, gamma, eps, delta);
  const t = useT();
  const testSize = useStore((s) => s.testSize);
  const testSeed = useStore((s) => s.testSeed);
  // The registry's generated rows (test loss and gap on the test sample, …) at the exact w.
  const point = useMemo(() => {
    if (!dataset || !r) return null;
    const test = dataset.mixture ? cachedTestSample(dataset, testSize, testSeed) : null;
    return fieldPoint(dataset, r.w[0], r.w[1], { depth, gamma, eps, delta }, test, r);
  }, [dataset, r, testSize, testSeed, depth, gamma, eps, delta]);
  const [sigmaIso, setSigmaIso] = useState(0.1);
  const [es, setEs] = useState<EsResult | null>(null);
  // Latest-wins: one estimate in flight; the newest request waits for it and then runs.
  const esNext = useRef<(() => void) | null>(null);
  const esBusy = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      esNext.current = null;
    };
  }, []);

  useEffect(() => {
    if (!dataset || !r) return;
    const key = `${r.w[0]},${r.w[1]},${sigmaIso},${depth}`;
    // The two estimates (2 × 400 loss passes: 150–600 ms at n = 1000) run in idle callbacks of at
    // most the main-thread budget each (core/slices), one loss pass a unit, so neither stacks onto
    // a frame or a grid's arrival as a long task.
    const idle = (cb: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(cb, { timeout: ES_IDLE_TIMEOUT_MS }) : setTimeout(cb, 0));
    // A started estimate always finishes (a drag would otherwise cancel every one); a stale result
    // is shown dimmed until the next lands.
    const job = () => {
      esBusy.current = true;
      const done = () => {
        esBusy.current = false;
        const next = esNext.current;
        esNext.current = null;
        next?.();
      };
      const both = (function* () {
        const iso = yield* expectedSharpnessSteps(dataset, r.w[0], r.w[1], depth, sigmaIso, ES_SAMPLES, ES_SEED);
        const star = yield* expectedSharpnessSteps(dataset, r.w[0], r.w[1], depth, r.sigmaStar, ES_SAMPLES, ES_SEED, r.kappa);
        return { iso, star };
      })();
      const step = () => {
        if (!mounted.current) return done();
        const slice = new SliceBudget();
        for (;;) {
          const it = both.next();
          if (it.done) {
            setEs({ ...it.value, key });
            return done();
          }
          if (slice.check()) break;
        }
        idle(step);
      };
      idle(step);
    };
    if (esBusy.current) esNext.current = job;
    else job();
  }, [dataset, r, sigmaIso, depth]);

  if (!dataset || !r) {
    return (
      <section className="panel ins-panel" aria-label={t('Inspector')}>
        <h2>{t('Inspector')}</h2>
        <p className="ins-muted">{t('Waiting for data…')}</p>
      </section>
    );
  }
  const [lmin, lmax] = r.eigen.values;
  const [v1, v2] = r.eigen.vectors;
  const gnorm = Math.hypot(r.grad[0], r.grad[1]);
  const scaleSum = r.psiTerms[0].scale + r.psiTerms[1].scale;
  const curvSum = r.psiTerms[0].curvature + r.psiTerms[1].curvature;
  const bp = r.boundParts;
  const esFresh = es && es.key === `${r.w[0]},${r.w[1]},${sigmaIso},${depth}`;
  const shape = t(lmin > 0 ? 'convex (both curvatures > 0)' : lmax < 0 ? 'concave' : 'saddle / mixed curvature');

  return (
    <section className="panel ins-panel" aria-label={t('Inspector')} data-testid="inspector">
      <h2>
        {t('Inspector')} <span className="ins-muted">{t('at w = {{w}}', { w: wPair(r.w) })}</span>
      </h2>
      <dl className="ins-grid">
        <Row label="L̂(w)" term="loss" testId="ins-loss">
          {fmtQ('value', r.loss)}
        </Row>
        <Row label="∇L̂" term="grad">
          <span className="ins-line">{pairQ('value', r.grad)}</span>
          <span className="ins-line ins-muted">‖·‖ {fmtQ('value', gnorm)}</span>
        </Row>
        <Row label="∇²L̂" term="hessian">
          <span className="ins-line ins-mat">[{fmtQ('value', r.hessian[0][0])}, {fmtQ('value', r.hessian[0][1])}]</span>
          <span className="ins-line ins-mat">[{fmtQ('value', r.hessian[1][0])}, {fmtQ('value', r.hessian[1][1])}]</span>
        </Row>
        <Row label={t('λ of H')} term="lambda" tip={t('Eigenvalues of H, ascending. λmax is the sharpness along the steepest direction; here: {{shape}}.', { shape })} testId="ins-eigen">
          {fmtQ('value', lmin)}, <b>{fmtQ('value', lmax)}</b>
        </Row>
        <Row label={t('eigvecs')} term="eigvecs">
          <span className="ins-line">
            v<sub>min</sub> {pairQ('width', v1)}
          </span>
          <span className="ins-line">
            v<sub>max</sub> {pairQ('width', v2)}
          </span>
        </Row>
        <Row label="‖∇³L̂‖_F" term="thirdNorm">
          {fmtQ('value', r.thirdNorm)}
        </Row>
        <Row label="ρ" term="rho">
          {fmtQ('value', r.rho)}
        </Row>
        <Row label="κ" term="kappa">
          {pairQ('width', r.kappa)}
        </Row>
        <Row label="s" term="s">
          {pairQ('width', r.s)}
        </Row>
        <Row label="σ°" term="sigmaCirc">
          {pairQ('width', r.sigmaCirc)}
        </Row>
        <Row label="σ*" term="sigmaStar" anchor="sigma">
          {pairQ('width', r.sigmaStar)}
        </Row>
        {point &&
          INSPECTOR_FIELDS.map((d) => {
            const v = d.point(point);
            const tip = d.needsTest && v === undefined ? `${tx(d.description)} ${t('Not available: this data set has no known mixture, so no fresh test sample can be drawn.')}` : `${tx(d.description)}${d.needsTest ? ` ${t('On {{n}} fresh points (seed {{seed}}).', { n: testSize, seed: testSeed })}` : ''}`;
            return (
              <Row key={d.id} label={tx(d.label)} tip={tip} testId={`ins-${d.id}`}>
                {v === undefined ? <span className="ins-muted">{t('— (no known mixture)')}</span> : fmtQ('value', v)}
              </Row>
            );
          })}
      </dl>

      <h3>
        <Term id="psi">Ψ</Term> = <b data-testid="ins-psi">{fmtQ('value', r.psi)}</b>
      </h3>
      <table className="ins-table" aria-label={t('Psi terms')} data-story-anchor="psi-terms">
        <thead>
          <tr>
            <th />
            <th>
              <Term id="psiScale">{t('scale')}</Term>
            </th>
            <th>
              <Term id="psiCurvature">{t('curvature')}</Term>
            </th>
            <th>
              <Term id="psiTerm">{t('term')}</Term>
            </th>
          </tr>
        </thead>
        <tbody>
          {r.psiTerms.map((t, i) => (
            <tr key={i}>
              <th scope="row">w{i + 1}</th>
              <td>{fmtQ('value', t.scale)}</td>
              <td>{fmtQ('value', t.curvature)}</td>
              <td>{fmtQ('value', t.total)}</td>
            </tr>
          ))}
          <tr className="ins-sum">
            <th scope="row">Σ</th>
            <td data-testid="ins-psi-scale">{fmtQ('value', scaleSum)}</td>
            <td data-testid="ins-psi-curv">{fmtQ('value', curvSum)}</td>
            <td>{fmtQ('value', r.psi)}</td>
          </tr>
        </tbody>
      </table>
      <div className="ins-bar" aria-hidden="true" title={t('Share of Ψ from scale (left) vs curvature (right)')}>
        <span className="ins-bar-scale" style={{ flexGrow: Math.max(scaleSum, 1e-9) }} />
        <span className="ins-bar-curv" style={{ flexGrow: Math.max(curvSum, 1e-9) }} />
      </div>

      <h3>
        <Term id="bound">{t('bound')}</Term> = <b data-testid="ins-bound">{fmtQ('value', r.bound)}</b>
      </h3>
      <dl className="ins-grid" data-story-anchor="bound-parts">
        <Row label={t('loss')} term="boundLoss">
          {fmtQ('value', bp.loss)}
        </Row>
        <Row label={t('+ curvature')} term="boundCurvature">
          {fmtQ('value', bp.curvature)}
        </Row>
        <Row label={t('+ complexity')} term="boundComplexity">
          {fmtQ('value', bp.complexity)}
        </Row>
      </dl>

      <h3 title={t('E_u[L̂(w+u)] − L̂(w) by seeded Monte Carlo (Neyshabur et al.; SPEC §7)')}>{t('Expected sharpness')}</h3>
      <label className="ins-slider" title={t('Standard deviation of the isotropic Gaussian perturbation u ~ N(0, σ²I)')}>
        σ = {sigmaIso.toFixed(2)}
        <input type="range" min={0.01} max={1} step={0.01} value={sigmaIso} onChange={(e) => setSigmaIso(Number(e.target.value))} aria-label={t('isotropic sigma')} />
      </label>
      <dl className={esFresh ? 'ins-grid' : 'ins-grid ins-stale'}>
        <Row label={t('isotropic σ')} term="esIso" testId="ins-es-iso">
          <EsValue e={es?.iso} />
        </Row>
        <Row label="σ*" term="esStar" testId="ins-es-star">
          <EsValue e={es?.star} />
        </Row>
      </dl>
    </section>
  );
}
