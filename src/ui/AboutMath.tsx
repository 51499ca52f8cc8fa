/**
 * "About the math": what every number in the app is, following docs/SPEC.md, with the choices
 * the paper does not pin down marked "(reading)" exactly where the SPEC marks them.
 */
import { GLOSSARY, READING_NOTE, type GlossaryEntry } from '../core/glossary';
import { ReadingMark } from './Term';
import { tx, useT } from '../i18n';
import './inspect.css';

export function AboutMath() {
  const t = useT();
  return (
    <details className="panel ins-panel about-math" data-testid="about-math">
      <summary>{t('About the math')}</summary>
      <p>
        {t('After Wang, Keskar, Xiong & Socher,')} <i>{t('Identifying Generalization Properties in Neural Networks')}</i> {t('(arXiv 1809.07402). Every number shown comes from these formulas; where the paper\'s exact choice could not be confirmed, the choice made here is marked')} <ReadingMark />.
      </p>
      <h4>{t('Data')}</h4>
      <p>
        {t('n points from a k-component isotropic Gaussian mixture (default k = 3), standardised per axis with the sample\'s mean and population standard deviation. Label: y = 1 when the component index c ≥ median(c), else 0')} <ReadingMark />{t(': the paper binarises the labels at their median.')}
      </p>
      <h4>{t('Model and loss')}</h4>
      <p>
        {t('Two weights w = (w1, w2) shared by every layer: W = [[w1, w2], [w2, w1]]')} <ReadingMark what={t('the shared 2×2 weight matrix')} />{t('; hˡ = sigmoid(W hˡ⁻¹) for l = 1…D−1 (no biases), z = w1·h1 + w2·h2, p = sigmoid(z). Depth D = 5 by default. L̂(w) is the mean binary cross-entropy computed from the logit z.')}
      </p>
      <h4>{t('Derivatives')}</h4>
      <p>{t('g = ∇L̂, H = ∇²L̂ and T = ∇³L̂ are exact (forward-mode Taylor jets in float64 here, automatic differentiation on the GPU), never finite differences.')}</p>
      <h4>{t('Neighbourhood and ρ')}</h4>
      <p>
        {t('κ_i = γ|w_i| + ε (γ = ε = 0.1 by default) and the box B(w) = [w1 ± κ1] × [w2 ± κ2]. ρ(w) = max over B(w) of ‖T‖_F')}{' '}
        <ReadingMark what={tx('the Lipschitz constant of the Hessian on the box, bounded through the Frobenius norm of the third derivative')} />{t('. The inspector takes the max over a 5×5 stencil of the box. The landscape grid takes the max over the grid nodes inside each box and the box\'s edges interpolated between neighbouring nodes, and the 5×5 stencil where the grid is too coarse for the box to hold a 3×3 block of nodes. ‖T‖ can have narrow ridges; where one passes between grid nodes the grid\'s ρ is lower than the true maximum (the inspector\'s value at the marker is the one to quote).')}
      </p>
      <h4>{t('Ψ (PACGen)')}</h4>
      <p>
        {t('s_i = max(0, H_ii + ρ√m κ_i)')} <ReadingMark what={tx('“treat it as 0” where negative')} />{t(', σ°_i = min(κ_i, 1/√s_i), τ_i = |w_i| + κ_i and Ψ = Σ_i log(τ_i/σ°_i). Lower Ψ predicts better generalization. Each term splits into a')} <i>{t('scale')}</i> {t('part log(1 + |w_i|/κ_i) and a')} <i>{t('curvature')}</i> {t('part max(0, log(κ_i√s_i)); the inspector shows both, because away from the minima the scale part dominates.')}
      </p>
      <h4>{t('The bound (the plane under the surface)')}</h4>
      <p>
        {t('bound(w) = min over σ ≤ κ of L̂(w) + ½Σ s_i σ_i² + sqrt((Σ log(τ_i/σ_i) + log(2n/δ)) / (2(n−1))), δ = 0.05')} <ReadingMark what={tx('the constants of the bound')} />{t('. Its minimiser σ* is the optimal perturbation: the noise the model tolerates along each weight.')}
      </p>
      <h4>{t('Training and expected sharpness')}</h4>
      <p>
        {t('Perturbed optimization: at every step draw u_i ~ N(0, σ*_i²) truncated to [−κ_i, κ_i] with σ* recomputed at the current w, and step along −∇L̂(w + u). Expected sharpness is E_u[L̂(w + u)] − L̂(w) by seeded Monte Carlo, for isotropic u ~ N(0, σ²I) and for u drawn with σ*.')}
      </p>
      <h4>{t('Model reconstruction')}</h4>
      <p>
        {t('ŷ = [p(x) > ½] at a given w, on the training points (train accuracy) and on a fresh seeded sample of the same mixture (test accuracy and test loss). The generalization gap is test loss − train loss (and train − test accuracy).')}
      </p>
      <h4>{t('Glossary')}</h4>
      <p>{tx(READING_NOTE)}</p>
      <dl className="about-glossary" data-testid="glossary">
        {Object.entries(GLOSSARY).map(([id, e]: [string, GlossaryEntry]) => (
          <div key={id}>
            <dt>{tx(e.symbol)}</dt>
            <dd>
              {tx(e.plain)} <code>{tx(e.formula)}</code> (SPEC {e.spec}){e.reading ? ` ${t('(reading: {{what}})', { what: tx(e.reading) })}` : ''}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
