/**
 * What a minimum's name tag says, from core/minima's facts: its name (global or local, and sharp
 * or flat by λmax relative to the flattest minimum found), Ψ and loss, and the two warnings the
 * paper's story needs — a valley that is flat along one direction only (λmin ≪ λmax), and a
 * minimum that predicts no better than always guessing the majority class.
 */
import type { LocalMinimum } from '../core/minima';
import { fmt, fmtQ, pct, wPair } from '../core/format';
import { t } from '../i18n';

/** Numbers by the page's one formatter (core/format.ts): λ, Ψ, loss and the bound as values. */
const num = (v: number) => fmtQ('value', v);


/** The tag's lines: a title, then detail lines (each a short phrase). */
export interface MinimumLabelText {
  title: string;
  lines: string[];
  /** The long explanation (tooltip and accessible description). */
  detail: string;
}

export function minimumLabelText(m: LocalMinimum): MinimumLabelText {
  const global = m.global;
  const title =
    m.character === 'only'
      ? global ? t('global min') : t('local min')
      : t(global ? 'global min · {{character}}' : 'local min · {{character}}', { character: m.character === 'sharp' ? t('sharp') : t('flat') });
  const ratio = { v: num(m.lambdaMax), r: fmt(m.lambdaMaxRatio, 2) };
  let curvature: string;
  if (m.character === 'sharp') curvature = t('λmax {{v}} = {{r}}× the flattest', ratio);
  else if (m.character === 'flat' && m.lambdaMaxRatio > 1 + 1e-9) curvature = t('λmax {{v}} = {{r}}× the flattest', ratio);
  else if (m.character === 'flat') curvature = t('λmax {{v}}, the flattest', ratio);
  else curvature = `λmax ${num(m.lambdaMax)}`;
  const lines = [curvature, t('Ψ {{psi}} · loss {{loss}}', { psi: num(m.psi), loss: num(m.loss) })];
  if (m.flatAlongOne) lines.push(t('flat along one direction (λmin {{v}})', { v: num(m.lambdaMin) }));
  if (m.nearConstant) lines.push(t('near-constant: train acc {{acc}} ≈ majority {{maj}}', { acc: pct(m.trainAcc), maj: pct(m.majorityRate) }));
  const detail = [
    t('w = {{w}}, loss {{loss}}, bound {{bound}}.', { w: wPair(m.w), loss: num(m.loss), bound: num(m.bound) }),
    t('Sharp or flat is measured by λmax(H), the largest curvature of the loss at the minimum, compared with the flattest minimum found here (λmin {{lmin}}, λmax {{lmax}}).', { lmin: num(m.lambdaMin), lmax: num(m.lambdaMax) }),
    t('Ψ {{psi}} = scale part {{scale}} + curvature part {{curv}}.', { psi: num(m.psi), scale: num(m.psiScale), curv: num(m.psiCurvature) }),
    m.nearConstant
      ? t('Train accuracy {{acc}}; always guessing the majority class gives {{maj}} — this minimum is no better than that (near-constant predictor).', { acc: pct(m.trainAcc), maj: pct(m.majorityRate) })
      : t('Train accuracy {{acc}}; always guessing the majority class gives {{maj}}.', { acc: pct(m.trainAcc), maj: pct(m.majorityRate) }),
    t('Click: move the marker here; Shift+click: also pin it.'),
  ].join(' ');
  return { title, lines, detail };
}
