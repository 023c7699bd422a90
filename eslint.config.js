import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'tests/fixtures/**/*.js',
      'node_modules/**',
      'dist/**',
      'out/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
    ],
  },
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
    files: [
      'main/engine/**',
      'main/cli/**',
      'main/web/**',
      'main/launch/**',
      'aggregator/**',
      'contracts/**',
      'command-line/**',
      'apple-status-feed/**',
      'lab/**',
      'tests/lab/**',
    ],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Keep this code free of Electron.' }] }] },
  },
  {
    // Desktop shell: raw ipcMain / ipcRenderer only inside the typed wrappers derived from contracts/ipc.ts.
    files: ['main/electron/**', 'preload/**', 'renderer/**', 'scripts/**', 'build/**', 'tests/shell/**', 'tests/e2e/**'],
    ignores: ['main/electron/ipc-handlers.ts', 'preload/ipc-client.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'Use the typed wrappers (main/electron/ipc-handlers.ts, preload/ipc-client.ts) so channels follow contracts/ipc.ts.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^ipc(Main|Renderer)$/]',
          message: 'Use the typed wrappers (main/electron/ipc-handlers.ts, preload/ipc-client.ts) so channels follow contracts/ipc.ts.',
        },
      ],
    },
  },
  {
    // Desktop shell: a promise nobody awaits or catches is an unhandled rejection in Electron main, `void` included
    // (it silences the linter, not the rejection). Typed linting for these folders only: the typed program is the slow part.
    files: ['main/electron/**/*.ts', 'main/shell/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }] },
  },
  {
    // Shell logic stays plain Node so it runs under unit tests: Electron only in main/electron and preload.
    files: ['main/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'main/shell is plain logic; put Electron glue in main/electron.' }] },
      ],
    },
  },
);
