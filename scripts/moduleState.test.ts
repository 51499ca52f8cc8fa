import { describe, expect, it } from 'vitest';
import { keyOf, scanDir, scanSources } from './moduleState';
import { JUSTIFIED, PENDING } from './moduleState.allow';

describe('module-level mutable state (scripts/moduleState.ts)', () => {
  it('finds top-level let/var and module objects mutated inside functions, here or by importers', () => {
    const found = scanSources({
      'src/a.ts': [
        'let count = 0;',
        'var [x, { y }] = [1, { y: 2 }];',
        'const LIMIT = 3;',
        'const table: Record<string, number> = {};',
        'table.init = 1;', // module initialisation: not state
        'const seen = new Set<string>();',
        'export const probe = { frames: 0 };',
        'export const readOnly = { a: 1 };',
        'function f() { let local = 0; local++; seen.add("k"); return readOnly.a + LIMIT + local; }',
        'export { f };',
      ].join('\n'),
      'src/b.ts': "import { probe as p, readOnly } from './a';\nexport function g() { p.frames++; return readOnly.a; }",
    });
    expect(found.map((f) => `${keyOf(f)} ${f.kind}`)).toEqual(['src/a.ts:count let', 'src/a.ts:x var', 'src/a.ts:y var', 'src/a.ts:seen mutated const', 'src/a.ts:probe mutated const']);
    expect(found.find((f) => f.name === 'probe')?.mutatedAt).toBe('src/b.ts:2');
  });

  it('src has none beyond the allowlist, and the allowlist has no stale entries', () => {
    const found = scanDir('src');
    const keys = new Set(found.map(keyOf));
    const allowed = { ...JUSTIFIED, ...PENDING };
    const unlisted = found.filter((f) => !(keyOf(f) in allowed)).map((f) => `${f.file}:${f.line} ${f.kind} ${f.name}${f.mutatedAt ? ` (mutated at ${f.mutatedAt})` : ''}`);
    expect(unlisted, 'new module-level mutable state: move it into the app context (createApp) or justify it in scripts/moduleState.allow.ts').toEqual([]);
    expect(Object.keys(allowed).filter((k) => !keys.has(k)), 'allowlist entries that no longer exist: remove them').toEqual([]);
    for (const [k, why] of Object.entries(JUSTIFIED)) expect(why.length, k).toBeGreaterThan(10);
  });
});
