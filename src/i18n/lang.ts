/**
 * Which interface language a reader gets when the link names none: the first of the browser's
 * preferred languages that the app has a catalogue for (any Chinese → zh-CN, any English → en),
 * else English. Pure apart from reading `navigator.languages` in `browserLang`.
 */
import { URL_LANGS, type LangId } from '../core/urlCodec';

export const LANGS = URL_LANGS;
export type { LangId };

/** The first supported language of a preference list (BCP 47 tags, most preferred first). */
export function pickLang(prefs: readonly string[]): LangId {
  for (const p of prefs) {
    const tag = p.toLowerCase();
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

/** The browser's choice (English where there is no navigator, as in the unit tests). */
export function browserLang(): LangId {
  if (typeof navigator === 'undefined') return 'en';
  return pickLang(navigator.languages?.length ? navigator.languages : [navigator.language ?? 'en']);
}
