/**
 * How the tests recognise English left in a translated interface: a run of two or more Latin
 * words of two or more letters ("train loss", "Show panels"), and on the page's visible text a
 * single Latin word ("hide", "segment", "Reset") that is not one of the few kept in Latin
 * (`latinWords`). Symbols (Ψ, λmax, σ*, w₁), numbers and units pass; the few Latin phrases and
 * words that stay Latin in Chinese are listed here, each with why.
 */

/** Latin phrases a Chinese page may show as they are (names, formulas' words, key caps). */
export const LATIN_ALLOWED = ['Identifying Generalization Properties in Neural Networks', 'Monte Carlo', 'Wang et al', 'Neyshabur et al', 'Page Down', 'Page Up', 'Keskar et al', 'Dinh et al', 'Jiang et al'];

const WORD = /[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*/y;

/** The runs of ≥ 2 Latin words (separated by spaces only) in a text, allowed phrases removed. */
export function latinRuns(text: string): string[] {
  let s = text;
  for (const a of LATIN_ALLOWED) s = s.split(a).join(' · ');
  const runs: string[] = [];
  let i = 0;
  while (i < s.length) {
    WORD.lastIndex = i;
    const m = /[A-Za-z]/.test(s[i]) && (i === 0 || !/[A-Za-z0-9_]/.test(s[i - 1])) ? WORD.exec(s) : null;
    if (!m) {
      i++;
      continue;
    }
    const words = [m[0]];
    let j = i + m[0].length;
    for (;;) {
      const sp = /^ +/.exec(s.slice(j));
      if (!sp) break;
      WORD.lastIndex = j + sp[0].length;
      const n = WORD.exec(s);
      if (!n) break;
      words.push(n[0]);
      j = j + sp[0].length + n[0].length;
    }
    // Single letters are symbols ("H v = λ v"), not words.
    if (words.filter((w) => w.length >= 2).length >= 2) runs.push(words.join(' '));
    i = j;
  }
  return runs;
}

/**
 * Single Latin words a Chinese page shows as they are. Acronyms (all capitals: CSV, JSON, GPU,
 * CPU, SGD, PNG, SPEC, KL) pass by rule; these are the rest, each a name or a symbol's word:
 */
export const LATIN_WORDS_ALLOWED = new Set([
  // Names of methods, people, products and formats (not translated in Chinese technical text).
  'PAC-Bayes', 'PACscape', 'PACGen', 'WebGL', 'WebAssembly', 'TensorFlow', 'TypeScript', 'JavaScript', 'arXiv',
  'Spearman', 'Pearson', 'Lipschitz', 'Frobenius', 'Hessian', 'Wang', 'Keskar', 'Xiong', 'Socher', 'Neyshabur', 'Dinh', 'Jiang',
  // The colour maps' names, as in every plotting library.
  'viridis', 'cividis',
  // The formulas' function names (they are symbols: log(τ/σ), max(0, ·), sigmoid(z)).
  'log', 'exp', 'max', 'min', 'sqrt', 'argmin', 'sigmoid', 'softplus', 'logit', 'tr', 'median',
  // Keys named on the keyboard (outside a <kbd>: "Shift：微调").
  'Shift', 'Tab', 'Esc', 'Enter', 'Space',
  // Units.
  'kB', 'MB', 'ms', 'px',
]);

const QUOTES = [["'", "'"], ['"', '"'], ['“', '”'], ['「', '」']];
const WORDS = /(?<![\p{L}\p{N}_])[A-Za-z]+(?:-[A-Za-z]+)*(?![\p{L}\p{N}_])/gu;

/**
 * The single Latin words (of two or more letters) in a text that are neither an acronym nor in
 * LATIN_WORDS_ALLOWED, after the allowed phrases are taken out. A word that is code rather than
 * language passes: part of a file name, path, key or call (next to `.`, `/`, `=`, `#`, `_`, or
 * followed by `(`) or quoted ('…', "…", “…”: a value as typed, a data set's name). Letters touching a digit, a Greek
 * letter or a sub/superscript are a symbol's (λmax, w1, x₂), not a word.
 */
export function latinWords(text: string): string[] {
  let s = text;
  for (const a of LATIN_ALLOWED) s = s.split(a).join(' · ');
  const out: string[] = [];
  for (const m of s.matchAll(WORDS)) {
    const w = m[0];
    const i = m.index;
    const before = s[i - 1] ?? ' ';
    const after = s[i + w.length] ?? ' ';
    if (w.replace(/-/g, '').length < 2) continue;
    if (/^[A-Z][A-Z0-9]+$/.test(w)) continue;
    if (LATIN_WORDS_ALLOWED.has(w)) continue;
    if (/[./=#_]/.test(before) || /[./=#_(]/.test(after)) continue;
    if (QUOTES.some(([a, b]) => before === a && after === b)) continue;
    out.push(w);
  }
  return out;
}
