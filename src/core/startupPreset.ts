/**
 * The preset a fresh page opens (its id and shipped file), apart from the preset table so the
 * page's first script (src/boot.ts) can request the file without loading that table.
 */
export const STARTUP_PRESET = { id: 'paper-figure', file: 'data/paper-figure.json' } as const;
