/**
 * Sentences core/ shows to people (validation messages, refusals, ranges) are written as English
 * templates through `tr`, which only fills in the values: core/ stays free of the interface layer,
 * and the catalogue (src/i18n, `npm run i18n`) lists every template, so the UI can show the
 * message in the reader's language with the same values (src/i18n `txm`).
 *
 * Messages travel as their English text (errors, notices, link reports), so each composed text is
 * remembered with how it was made — its template and values, or the parts a list was joined from,
 * or the sentence it capitalises. `txm` translates a remembered text by that structure (each value
 * in turn), so a value that itself reads like a sentence cannot be mistaken for part of the
 * template; texts from elsewhere (a worker, an older message) are read back by pattern instead.
 */

export type Vars = Record<string, string | number>;

/** How a message text was made (plain data: it can cross a worker boundary, see `compositionTree`). */
export type Composition =
  | { template: string; vars: Vars }
  | { parts: string[]; sep: ListSep }
  | { cap: string };

/** The separators `trJoin` joins with (each has its Chinese counterpart in src/i18n). */
export type ListSep = '; ' | ' ' | ', ';

/**
 * Values shown as given, by the name of their placeholder: what a reader typed or a file held,
 * and names of code (link keys, options, file and column names). A link's `pf=loss` is refused
 * as "loss", not as the translated word; only a value composed here (core/params `showValue`'s
 * "nothing", "an array of 3") is translated.
 */
export const VERBATIM_VARS: ReadonlySet<string> = new Set(['value', 'key', 'keys', 'options', 'name', 'char', 'url', 'engine']);

/** Most recently composed texts (a bounded cache; the oldest is dropped first). */
const composed = new Map<string, Composition>();
const MAX_REMEMBERED = 4000;

function remember(text: string, c: Composition): void {
  if (composed.has(text)) composed.delete(text);
  else if (composed.size >= MAX_REMEMBERED) composed.delete(composed.keys().next().value as string);
  composed.set(text, c);
}

/** The English sentence: the template with its `{{name}}` placeholders filled in. */
export function tr(template: string, vars: Vars = {}): string {
  const text = template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
  remember(text, { template, vars });
  return text;
}

/** Messages joined into one text (each part translated on its own). */
export function trJoin(parts: readonly string[], sep: ListSep): string {
  const text = parts.join(sep);
  if (parts.length > 1) remember(text, { parts: [...parts], sep });
  return text;
}

/** A message with its first letter capitalised (it opens a sentence in English; Chinese has no case). */
export function trCap(message: string): string {
  const text = message ? message[0].toUpperCase() + message.slice(1) : message;
  if (text !== message) remember(text, { cap: message });
  return text;
}

/** How a text was composed, when it was composed here recently. */
export function composition(text: string): Composition | undefined {
  return composed.get(text);
}

/** A composition with its string values' own compositions (to send along with a message across a worker boundary). */
export interface CompositionTree {
  c: Composition;
  sub: Record<string, CompositionTree>;
}

export function compositionTree(text: string, depth = 0): CompositionTree | undefined {
  const c = composed.get(text);
  if (!c || depth > 6) return undefined;
  const sub: Record<string, CompositionTree> = {};
  const inner = 'template' in c ? Object.values(c.vars).filter((v): v is string => typeof v === 'string') : 'parts' in c ? c.parts : [c.cap];
  for (const s of inner) {
    const t = compositionTree(s, depth + 1);
    if (t) sub[s] = t;
  }
  return { c, sub };
}

/** Remembers a text's composition received from elsewhere (the other side of `compositionTree`). */
export function adoptComposition(text: string, tree: CompositionTree | undefined): void {
  if (!tree) return;
  for (const [s, t] of Object.entries(tree.sub)) adoptComposition(s, t);
  remember(text, tree.c);
}
