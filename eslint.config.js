import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import r3f from '@react-three/eslint-plugin';
import globals from 'globals';

/** Folder import boundaries of STYLE.md: data flows parameters → compute → buffers → scene/ui. */
const boundary = (from, banned) => ({
  files: [`src/${from}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: banned.map((b) => ({ group: b.group, message: b.message })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, '@react-three': r3f },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@react-three/no-clone-in-loop': 'error',
      '@react-three/no-new-in-loop': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  boundary('core', [
    { group: ['@tensorflow/*', 'three', 'three/*', 'react', 'react-dom', '@react-three/*', 'zustand', 'zustand/*', '../compute/*', '../state/*', '../app/*', '../scene/*', '../ui/*'], message: 'core/ is pure math: no tfjs, three, react or zustand.' },
  ]),
  boundary('compute', [
    { group: ['three', 'react', 'react-dom', '@react-three/*', 'zustand', '../state/*', '../app/*', '../scene/*', '../ui/*'], message: 'compute/ reports through return values and callbacks only.' },
  ]),
  boundary('scene', [{ group: ['@tensorflow/*', '../compute', '../compute/*'], message: 'scene/ never imports compute (go through app/ and state/).' }]),
  boundary('ui', [{ group: ['@tensorflow/*', '../compute', '../compute/*'], message: 'ui/ never imports compute (go through app/ and state/).' }]),
  boundary('state', [{ group: ['@tensorflow/*', '../compute', '../compute/*', '../scene/*', '../ui/*'], message: 'state/ holds parameters and buffers only.' }]),
);
