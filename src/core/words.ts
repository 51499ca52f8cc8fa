/**
 * Sentences core/ shows to people (validation messages, ranges) are written as English templates
 * through `tr`, which only fills in the values: core/ stays free of the interface layer, and the
 * catalogue (src/i18n, `npm run i18n`) lists every template, so the UI can show the message in the
 * reader's language (src/i18n `txm` reads the values back out of the English sentence).
 */

/** The English sentence: the template with its `{{name}}` placeholders filled in. */
export function tr(template: string, vars?: Record<string, string | number>): string {
  return vars ? template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : template;
}
