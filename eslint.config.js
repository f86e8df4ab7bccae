import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const root = import.meta.dirname;

/** The projection, the judge and what they are built of (#16.1): lib/ only. */
const JUDGING_MODULES = [
  './lib/kpi/projection.ts',
  './lib/kpi/judge.ts',
  './lib/kpi/evaluate-rows.ts',
  './lib/kpi/currency-policy.ts',
  './lib/background/evaluate.ts',
];

/** Functions of other modules that judge or project rows; lib/ only, like JUDGING_MODULES. */
const JUDGING_FUNCTIONS = [
  {
    group: ['**/lib/kpi/targets'],
    importNames: ['evaluate', 'targetValueIn', 'resolveTarget', 'breakEvenTarget'],
  },
  { group: ['**/lib/store/snapshots'], importNames: ['snapshotsOf'] },
  { group: ['**/lib/ui/current'], importNames: ['withAccountCurrencies'] },
  { group: ['**/lib/overlay/summary'], importNames: ['readingAsCurrentSet'] },
  { group: ['**/lib/overlay/prefs'], importNames: ['chipKpisForRow', 'isLeadRow'] },
];

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'demo-output/**',
      'test-results/**',
      // Code the layering rules must reject; linted only by test/lint/layering.test.ts.
      'test/lint-fixtures/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Page text must never become markup.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Page text reaches the UI only as text.' },
        { property: 'outerHTML', message: 'Page text reaches the UI only as text.' },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'KPI Lens makes no network requests.' }],
    },
  },
  {
    // Layers: entrypoints/ -> components/ -> lib/. Imports are resolved as TypeScript does (the `@/` alias of
    // WXT's tsconfig included), so an aliased import is held to the same rule as a relative one.
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      // Without these, import-x skips .ts/.tsx files when it follows imports, and no-cycle sees no cycle.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${root}/tsconfig.json` })],
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: root,
          zones: [
            {
              target: './lib',
              from: ['./components', './entrypoints'],
              message: 'lib/ is the bottom layer: it imports neither components/ nor entrypoints/.',
            },
            {
              target: './components',
              from: './entrypoints',
              message: 'components/ may import lib/, never entrypoints/.',
            },
            {
              // #16.1: a reading becomes entities in one projection and entities become verdicts in one
              // judge, both in lib/; the pages show models built on them (lib/ui, lib/overlay), so no page
              // can judge a row differently from the badge and the chips.
              target: ['./components', './entrypoints'],
              from: JUDGING_MODULES,
              message:
                'Only lib/ turns readings into entities or judges them: use a model (lib/ui/popup-model, lib/ui/goals, lib/overlay/summary, …).',
            },
          ],
        },
      ],
      // Type-only imports do not count (they vanish at build time).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: JUDGING_FUNCTIONS.map((p) => ({
            ...p,
            message:
              'Only lib/ turns readings into entities or judges them: use a model of lib/ui or lib/overlay.',
          })),
        },
      ],
    },
  },
  {
    // Small functions: a longer one says why in an eslint-disable-next-line comment.
    files: ['lib/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['test/**', 'scripts/**'],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-globals': 'off' },
  },
);
