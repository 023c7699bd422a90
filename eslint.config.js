import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'release/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The engine, aggregator and lab stay plain Node: no Electron anywhere under them.
    files: ['main/engine/**', 'main/cli/**', 'main/web/**', 'aggregator/**', 'contracts/**', 'tests/lab/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Keep this code free of Electron.' }] }] },
  },
);
