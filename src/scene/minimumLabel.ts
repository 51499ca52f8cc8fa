/**
 * What a minimum's name tag says, from core/minima's facts: its name (global or local, and sharp
 * or flat by λmax relative to the flattest minimum found), Ψ and loss, and the two warnings the
 * paper's story needs — a valley that is flat along one direction only (λmin ≪ λmax), and a
 * minimum that predicts no better than always guessing the majority class.
 */
import type { LocalMinimum } from '../core/minima';
import { fmt, fmtQ, wPair } from '../ui/format';

/** Numbers by the page's one formatter (ui/format.ts): λ, Ψ, loss and the bound as values. */
const num = (v: number) => fmtQ('value', v);

const pct = (v: number) => `${Math.round(100 * v)} %`;

/** The tag's lines: a title, then detail lines (each a short phrase). */
export interface MinimumLabelText {
  title: string;
  lines: string[];
  /** The long explanation (tooltip and accessible description). */
  detail: string;
}

export function minimumLabelText(m: LocalMinimum): MinimumLabelText {
  const kind = m.global ? 'global' : 'local';
  const title = m.character === 'only' ? `${kind} min` : `${kind} min · ${m.character}`;
  let curvature: string;
  if (m.character === 'sharp') curvature = `λmax ${num(m.lambdaMax)} = ${fmt(m.lambdaMaxRatio, 2)}× the flattest`;
  else if (m.character === 'flat' && m.lambdaMaxRatio > 1 + 1e-9) curvature = `λmax ${num(m.lambdaMax)} = ${fmt(m.lambdaMaxRatio, 2)}× the flattest`;
  else if (m.character === 'flat') curvature = `λmax ${num(m.lambdaMax)}, the flattest`;
  else curvature = `λmax ${num(m.lambdaMax)}`;
  const lines = [curvature, `Ψ ${num(m.psi)} · loss ${num(m.loss)}`];
  if (m.flatAlongOne) lines.push(`flat along one direction (λmin ${num(m.lambdaMin)})`);
  if (m.nearConstant) lines.push(`near-constant: train acc ${pct(m.trainAcc)} ≈ majority ${pct(m.majorityRate)}`);
  const detail = [
    `w = ${wPair(m.w)}, loss ${num(m.loss)}, bound ${num(m.bound)}.`,
    `Sharp or flat is measured by λmax(H), the largest curvature of the loss at the minimum, compared with the flattest minimum found here (λmin ${num(m.lambdaMin)}, λmax ${num(m.lambdaMax)}).`,
    `Ψ ${num(m.psi)} = scale part ${num(m.psiScale)} + curvature part ${num(m.psiCurvature)}.`,
    `Train accuracy ${pct(m.trainAcc)}; always guessing the majority class gives ${pct(m.majorityRate)}${m.nearConstant ? ' — this minimum is no better than that (near-constant predictor).' : '.'}`,
    'Click: move the marker here; Shift+click: also pin it.',
  ].join(' ');
  return { title, lines, detail };
}
