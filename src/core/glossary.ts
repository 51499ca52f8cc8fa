/**
 * The glossary: one table of every symbol the inspector, the pin table, the bound parts and the
 * about panel show — what it is in plain words and its formula from docs/SPEC.md (section given),
 * with the SPEC's "(reading)" choices said where they apply. The UI's hover/focus tips read it.
 */

export interface GlossaryEntry {
  /** The symbol as shown. */
  symbol: string;
  /** What it is, in plain words. */
  plain: string;
  /** Its definition as in docs/SPEC.md. */
  formula: string;
  /** SPEC section. */
  spec: string;
  /** The SPEC's reading (a choice the paper does not pin down), when the quantity depends on one. */
  reading?: string;
}

/** What "(reading)" means, wherever it appears. */
export const READING_NOTE = '(reading): a choice made here where the paper’s exact definition or constant could not be confirmed; docs/SPEC.md states each one, and the numbers follow it.';

export const GLOSSARY = {
  loss: { symbol: 'L̂(w)', plain: 'Training loss: how badly the network with weights w fits the n training points (mean cross-entropy, in nats).', formula: 'L̂(w) = (1/n) Σⱼ [yⱼ·softplus(−zⱼ) + (1−yⱼ)·softplus(zⱼ)], zⱼ the logit', spec: '§2' },
  grad: { symbol: '∇L̂', plain: 'Gradient: the direction and rate in which the loss rises fastest; zero at a minimum.', formula: 'g = (∂L̂/∂w₁, ∂L̂/∂w₂), exact (not finite differences)', spec: '§3' },
  hessian: { symbol: '∇²L̂', plain: 'Hessian: the curvature of the loss — how fast the slope changes along each pair of weights.', formula: 'H = ∇²L̂, 2×2 symmetric, Hᵢⱼ = ∂²L̂/∂wᵢ∂wⱼ', spec: '§3' },
  lambda: { symbol: 'λ', plain: 'Eigenvalues of the Hessian: the curvature along the two principal directions. The larger, λmax, is the sharpness; a tiny λmin means the valley is flat along one direction.', formula: 'λmin ≤ λmax, the eigenvalues of H', spec: '§3' },
  lambdaMax: { symbol: 'λmax', plain: 'Largest Hessian eigenvalue: the curvature along the steepest direction (the sharpness of a minimum).', formula: 'λmax = max eigenvalue of H = ∇²L̂', spec: '§3' },
  eigvecs: { symbol: 'v', plain: 'Principal curvature directions: the unit eigenvectors of the Hessian.', formula: 'H v = λ v, ‖v‖ = 1', spec: '§3' },
  thirdNorm: { symbol: '‖∇³L̂‖_F', plain: 'Size of the third derivative: how fast the curvature itself changes.', formula: '‖T‖_F = √(T₁₁₁² + 3T₁₁₂² + 3T₁₂₂² + T₂₂₂²), T = ∇³L̂', spec: '§3' },
  kappa: { symbol: 'κ', plain: 'Half-widths of the neighbourhood box around w: how far the metric looks along each weight.', formula: 'κᵢ = γ·|wᵢ| + ε (γ, ε set in the model controls)', spec: '§4' },
  rho: { symbol: 'ρ', plain: 'How much the curvature can change inside the box (a Hessian-Lipschitz constant): the largest third-derivative norm in the box.', formula: 'ρ(w) = max over v in B(w) of ‖∇³L̂(v)‖_F; at a point, the max over a 5×5 stencil of the box', spec: '§4', reading: 'the Lipschitz constant of the Hessian on the box, bounded through the Frobenius norm of the third derivative' },
  s: { symbol: 's', plain: 'Curvature along each weight including the worst change of curvature in the box; 0 where negative.', formula: 'sᵢ = max(0, Hᵢᵢ + ρ·√m·κᵢ), m = 2', spec: '§5', reading: '“treat it as 0” where negative' },
  sigmaCirc: { symbol: 'σ°', plain: 'The widest perturbation of each weight the curvature allows, at most the box half-width (used by Ψ).', formula: 'σ°ᵢ = min(κᵢ, 1/√sᵢ) (κᵢ when sᵢ = 0)', spec: '§5' },
  tau: { symbol: 'τ', plain: 'Width of the prior along each weight: the weight’s size plus the box half-width.', formula: 'τᵢ = |wᵢ| + κᵢ', spec: '§5' },
  sigmaStar: { symbol: 'σ*', plain: 'The optimal perturbation: the posterior widths that minimise the bound — the noise the network tolerates along each weight (large along flat directions).', formula: 'σ* = argmin over σ ∈ (0, κ₁] × (0, κ₂] of the bound’s objective; σ*ᵢ = min(κᵢ, 1/√(η·sᵢ))', spec: '§6', reading: 'the constants of the bound' },
  psi: { symbol: 'Ψ', plain: 'The paper’s generalization metric (PACGen): lower Ψ predicts a smaller generalization gap. It adds a scale part and a curvature part per weight.', formula: 'Ψ(w) = Σᵢ log(τᵢ/σ°ᵢ) = Σᵢ log(τᵢ·max(√sᵢ, 1/κᵢ))', spec: '§5' },
  psiScale: { symbol: 'Ψ scale part', plain: 'The part of Ψ that grows with the size of the weights, whatever the curvature.', formula: 'Σᵢ log(τᵢ/κᵢ) = Σᵢ log(1 + |wᵢ|/κᵢ)', spec: '§5' },
  psiCurvature: { symbol: 'Ψ curvature part', plain: 'The part of Ψ that grows with the curvature; 0 unless sᵢ·κᵢ² > 1, i.e. (Hᵢᵢ + ρ√2·κᵢ)·κᵢ² > 1.', formula: 'Σᵢ log(κᵢ/σ°ᵢ) = Σᵢ max(0, log(κᵢ√sᵢ))', spec: '§5' },
  psiTerm: { symbol: 'Ψ term', plain: 'One weight’s contribution to Ψ: its scale part plus its curvature part.', formula: 'log(τᵢ/σ°ᵢ)', spec: '§5' },
  bound: { symbol: 'bound', plain: 'The approximate PAC-Bayes bound on the expected (test) loss, at the best posterior width σ*: training loss + curvature term + complexity term.', formula: 'min over σ ≤ κ of L̂(w) + ½Σᵢ sᵢσᵢ² + √((Σᵢ log(τᵢ/σᵢ) + log(2n/δ)) / (2(n−1)))', spec: '§6', reading: 'the constants of the bound' },
  boundLoss: { symbol: 'loss', plain: 'The bound’s first part: the training loss L̂(w).', formula: 'L̂(w)', spec: '§6' },
  boundCurvature: { symbol: '+ curvature', plain: 'The bound’s curvature term: how much the loss rises, to second order, under the posterior noise σ*.', formula: '½ Σᵢ sᵢ·σ*ᵢ²', spec: '§6' },
  boundComplexity: { symbol: '+ complexity', plain: 'The bound’s complexity (KL and confidence) term: large when σ* is narrow against the prior τ, or the sample small.', formula: '√((Σᵢ log(τᵢ/σ*ᵢ) + log(2n/δ)) / (2(n−1))), δ the confidence', spec: '§6', reading: 'the constants of the bound' },
  trainAcc: { symbol: 'train acc', plain: 'Share of the training points the network labels right (predicting 1 where p(x) > ½).', formula: '(1/n) Σⱼ [ [p(xⱼ) > ½] = yⱼ ]', spec: '§8' },
  testAcc: { symbol: 'test acc', plain: 'The same on a fresh sample drawn from the same mixture (new data the network never saw).', formula: 'accuracy on N_test fresh points of the mixture', spec: '§8' },
  testLoss: { symbol: 'test loss', plain: 'The loss on the fresh sample: an estimate of the true (expected) loss.', formula: 'mean cross-entropy of §2 on the fresh sample', spec: '§9' },
  gapLoss: { symbol: 'gap (loss)', plain: 'Generalization gap: how much worse the network does on new data than on its training data (negative when it does better).', formula: 'gap(w) = test loss(w) − L̂(w)', spec: '§9' },
  gapAcc: { symbol: 'gap (acc)', plain: 'Generalization gap in accuracy, in percentage points.', formula: 'train accuracy − test accuracy', spec: '§8' },
  esIso: { symbol: 'expected sharpness (σ)', plain: 'Mean rise of the loss when the weights are shaken by isotropic Gaussian noise of size σ.', formula: 'E_u[L̂(w+u)] − L̂(w), u ~ N(0, σ²I), seeded Monte Carlo', spec: '§7' },
  esStar: { symbol: 'expected sharpness (σ*)', plain: 'Mean rise of the loss under the bound’s optimal noise σ*.', formula: 'E_u[L̂(w+u)] − L̂(w), uᵢ ~ N(0, σ*ᵢ²) truncated to [−κᵢ, κᵢ]', spec: '§7' },
} satisfies Record<string, GlossaryEntry>;

export type GlossaryId = keyof typeof GLOSSARY;

/** The tip text of an entry: plain words, the formula with its SPEC section, and the reading if any. */
export function glossaryText(id: GlossaryId): string {
  const e: GlossaryEntry = GLOSSARY[id];
  return `${e.symbol}: ${e.plain} ${e.formula} (SPEC ${e.spec}).${e.reading ? ` (reading: ${e.reading}.)` : ''}`;
}
