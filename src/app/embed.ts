/**
 * Embedding in a course page or an article: `?embed` in the page URL shows only the stage (the
 * landscape with its readout, colour bars and legend), sized to its iframe, and `?embed=a,b,…`
 * adds the named controls on the stage (TensorFlow Playground's hide flags, inverted: an embed
 * names what it shows). The view itself still comes from the hash, so an embed is
 * `<share link with ?embed=…>`. A link back opens the full app on the same view.
 */

/** Controls an embed may name. */
export const EMBED_CONTROLS = ['field', 'height', 'plane', 'topdown', 'train', 'reset', 'theme'] as const;
export type EmbedControl = (typeof EMBED_CONTROLS)[number];

export interface EmbedOptions {
  controls: Set<EmbedControl>;
  /** Names in the URL that are not controls (reported once, politely). */
  unknown: string[];
}

/** Parses `?embed` / `?embed=field,train` of a search string; null when the page is not embedded. */
export function parseEmbed(search: string): EmbedOptions | null {
  const q = new URLSearchParams(search);
  if (!q.has('embed')) return null;
  const names = (q.get('embed') ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s.length > 0);
  const controls = new Set<EmbedControl>();
  const unknown: string[] = [];
  for (const n of names) {
    if ((EMBED_CONTROLS as readonly string[]).includes(n)) controls.add(n as EmbedControl);
    else unknown.push(n.slice(0, 40));
  }
  return { controls, unknown };
}

let current: EmbedOptions | null | undefined;

/** This page's embed options (read once from location.search). */
export function embedOptions(): EmbedOptions | null {
  if (current === undefined) current = typeof location === 'undefined' ? null : parseEmbed(location.search);
  return current;
}

/** The full app's URL for the same view (the embed flag dropped). */
export function fullAppUrl(href: string): string {
  const u = new URL(href);
  u.searchParams.delete('embed');
  return u.toString();
}
