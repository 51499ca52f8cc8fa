/**
 * The interface's words: every visible string of the UI is a key of the English catalogue
 * (`en.ts`, generated from the code by `npm run i18n`); the key is the English text itself, with
 * `{{name}}` placeholders for the live values (numbers keep the page's one formatter, core/format,
 * and are formatted before they are passed in). Other languages are catalogues of the same keys,
 * loaded when chosen (`zh-CN.ts` is a chunk of its own, so English readers never download it).
 *
 * The language is the store's `lang` (in the link as `lang=`; without it the browser's choice);
 * `installI18n` loads its catalogue before the first render and follows later changes, setting
 * `<html lang>`. Components read words through `useT()`, which re-renders them on a change.
 *
 * Hand-written rather than i18next/react-i18next: what the page needs is a key → text table with
 * `{{name}}` interpolation and a re-render on change (≈ 100 lines here, on the zustand the app
 * already has). Its keys are typed from the generated `en.ts`, so a misspelt key fails the
 * type-check; there are no plurals (numbers are formatted before they are passed in, and Chinese
 * has no plural forms), no namespaces and no runtime loading beyond one dynamic import — the parts
 * i18next brings would only add to the first view's download.
 */
import { create } from 'zustand';
import { useStore } from '../state/store';
import { decodeView } from '../core/urlCodec';
import { VERBATIM_VARS, composition, type ListSep } from '../core/words';
import { browserLang, type LangId } from './lang';
import type { EnKey } from './en';

export type { EnKey };
export type Vars = Record<string, string | number>;
export type Translate = (key: EnKey, vars?: Vars) => string;

/** `{{name}}` → vars.name (a placeholder without a value stays as written). */
export function interpolate(s: string, vars?: Vars): string {
  return vars ? s.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
}

/** The active catalogue (null: English, whose keys are its texts). */
let table: Readonly<Record<string, string>> | null = null;

/**
 * Marks a string for the catalogue without translating it yet (a label registered once and
 * shown later: translate it where it is shown, with `t(label)`).
 */
export function msg<K extends EnKey>(key: K): K {
  return key;
}

/** The text of a key in the active language. */
export function t(key: EnKey, vars?: Vars): string {
  return interpolate(table?.[key] ?? key, vars);
}

/**
 * The text of a string chosen at run time (a registry's label, a glossary entry): its catalogue
 * entry when it has one, else the string itself. The catalogue test lists every such source.
 */
export function tx(key: string, vars?: Vars): string {
  return interpolate(table?.[key] ?? key, vars);
}

/** The language whose catalogue is active (it follows the store's `lang` once loaded). */
export const useI18n = create<{ lang: LangId }>(() => ({ lang: 'en' }));

const perLang = new Map<LangId, Translate>();
/** `t`, re-rendering the component when the language changes (a new function per language). */
export function useT(): Translate {
  const lang = useI18n((s) => s.lang);
  let f = perLang.get(lang);
  if (!f) perLang.set(lang, (f = (k, v) => t(k, v)));
  return f;
}

const fixedLength = (template: string) => template.replace(/\{\{\w+\}\}/g, '').length;

/** The catalogue's templates with placeholders, as patterns that read the values back out of an English sentence. */
let patterns: { key: string; re: RegExp; names: string[] }[] | null = null;
function compiled(): { key: string; re: RegExp; names: string[] }[] {
  if (patterns) return patterns;
  patterns = Object.keys(table ?? {})
    .filter((k) => k.includes('{{'))
    .map((key) => {
      const names: string[] = [];
      const src = key
        .split(/(\{\{\w+\}\})/)
        .map((part) => {
          const m = /^\{\{(\w+)\}\}$/.exec(part);
          if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          const seen = names.indexOf(m[1]);
          if (seen >= 0) return `\\${seen + 1}`;
          names.push(m[1]);
          return '(.+?)';
        })
        .join('');
      return { key, re: new RegExp(`^${src}$`, 's'), names };
    })
    // The most specific sentence wins: more fixed words first ("…: empty is not a finite number" before "…: {{value}} is not a finite number").
    .sort((a, b) => fixedLength(b.key) - fixedLength(a.key) || b.key.length - a.key.length);
  return patterns;
}

/**
 * A message composed in English (core/'s validation messages, through core/words `tr`): its
 * catalogue translation with each value translated in turn (a parameter's name, a range, a nested
 * message). A text core/words composed is translated by how it was made; any other is matched
 * against the catalogue's templates, the values read back out of it. Unknown text stays as is.
 */
export function txm(message: string, depth = 0): string {
  if (!table || !message) return message;
  const direct = table[message];
  if (direct !== undefined) return direct;
  if (depth > 8) return message;
  // Composed by core/words: translated by its structure, each value in turn.
  const c = composition(message);
  if (c) {
    if ('cap' in c) return txm(c.cap, depth + 1);
    if ('parts' in c) return c.parts.map((p) => txm(p, depth + 1)).join(LIST_SEP[c.sep]);
    const zh = table[c.template];
    if (zh !== undefined) {
      const vars: Vars = {};
      for (const [k, v] of Object.entries(c.vars)) vars[k] = typeof v === 'string' && (!VERBATIM_VARS.has(k) || composition(v)) ? txm(v, depth + 1) : v;
      return interpolate(zh, vars);
    }
  }
  // Composed elsewhere (or long ago): read the values back out of the sentence.
  for (const p of compiled()) {
    const m = p.re.exec(message);
    if (!m) continue;
    const vars: Vars = {};
    p.names.forEach((n, i) => (vars[n] = VERBATIM_VARS.has(n) ? m[i + 1] : txm(m[i + 1], depth + 1)));
    return interpolate(table[p.key], vars);
  }
  // Several sentences (a notice joins its messages with spaces): each on its own.
  const parts = message.split(/(?<=[.!?])\s+(?=[A-Z"“])/);
  return parts.length > 1 ? parts.map((x) => txm(x, depth + 1)).join(' ') : message;
}

/** How a joined list of messages reads in the active catalogue (Chinese joins clauses with full-width marks). */
const LIST_SEP: Record<ListSep, string> = { '; ': '；', ' ': '', ', ': '，' };

/** The active language (for code outside React). */
export const activeLang = (): LangId => useI18n.getState().lang;

const LOADERS: Record<LangId, () => Promise<Readonly<Record<string, string>> | null>> = {
  en: () => Promise.resolve(null),
  'zh-CN': () => import('./zh-CN').then((m) => m.ZH_CN),
};

let wanted: LangId = 'en';
/** Loads a language's catalogue and makes it active (a later call wins over one still loading). */
export async function setLanguage(lang: LangId): Promise<void> {
  wanted = lang;
  const next = await LOADERS[lang]();
  if (wanted !== lang) return;
  table = next;
  patterns = null;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  useI18n.setState({ lang });
}

/**
 * Picks the language (the link's `lang`, else the browser's), loads its catalogue and keeps
 * following the store. Resolves when the first catalogue is active (render after it) to the
 * function that stops following the store. The language is the page's (main.tsx calls this once,
 * before the first app run; a remount keeps it).
 */
export async function installI18n(): Promise<() => void> {
  const fromLink = typeof location === 'undefined' ? undefined : decodeView(location.hash).values.lang;
  const lang = fromLink ?? browserLang();
  useStore.getState().setLayout({ lang });
  const stop = useStore.subscribe(
    (s) => s.lang,
    (l) => {
      setLanguage(l).catch((e: unknown) => useStore.getState().notify({ kind: 'error', text: `The ${l} interface could not be loaded (${(e as Error).message}); the page stays in ${activeLang()}.` }));
    },
  );
  try {
    await setLanguage(lang);
  } catch (e) {
    useStore.getState().notify({ kind: 'error', text: `The ${lang} interface could not be loaded (${(e as Error).message}); the page is in English.` });
  }
  return stop;
}
