// @ts-check
/**
 * Lint for the whole workspace, run by `pnpm test` (scripts/run-tests.sh) and failing it: typescript-eslint's
 * strict rules, plus the import boundaries ARCHITECTURE.md states:
 *   - the web app imports only types from the API (`import type … from '@mep/api/…'`); values it shares with
 *     the API come from @mep/vocabulary;
 *   - packages never import apps.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const apiForWeb = {
  name: '@mep/api',
  allowTypeImports: true,
  message: 'The web app imports only types from the API; shared values live in @mep/vocabulary.',
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'test-artifacts/**', '**/.vite/**', 'packages/db/drizzle/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      // Unused code is already an error of the type check (noUnusedLocals); `_` marks a deliberately unused parameter.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `T | void` is how a handler says "returns this, or wrote the response itself"; the rule is for public API unions.
      '@typescript-eslint/no-invalid-void-type': ['error', { allowInGenericTypeArguments: true, allowAsThisParameter: true }],
      // noUncheckedIndexedAccess makes every index access optional; `!` marks one that a check or a regex group guarantees.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [apiForWeb], patterns: [{ group: ['@mep/api/*'], allowTypeImports: true, message: apiForWeb.message }] }],
    },
  },
  {
    files: ['packages/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@mep/api', '@mep/api/*', '@mep/web', '@mep/web/*', '**/apps/**'], message: 'Packages never import apps: dependencies point web → api → packages.' }] },
      ],
    },
  },
  {
    // Extracted text is scrubbed of control characters on purpose: these regular expressions name them.
    files: ['packages/ingest/src/extract/**/*.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // Tests and harnesses stand in for hostile or loosely typed clients on purpose.
    files: ['**/*.test.{ts,tsx}', '**/test/**', '**/e2e/**', '**/testing/**', '**/*.typecheck.ts', 'fixtures/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
