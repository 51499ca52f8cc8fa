/**
 * How the tests recognise English left in a translated interface: a run of two or more Latin
 * words of two or more letters ("train loss", "Show panels"). Symbols (Ψ, λmax, σ*, w₁), numbers, units and single
 * proper names pass; the few Latin phrases that stay Latin in Chinese are listed here.
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
