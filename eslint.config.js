// Lint: typescript-eslint's recommended type-aware rules on src/ and test/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'templates/**', 'test/fixtures/**', '.tmp/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      // Start-up speed (see docs/ARCHITECTURE.md): classic zod drags every locale into the shared
      // chunks, and the first toLocaleString() loads ICU data (~30 ms).
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'zod', message: "Use 'zod/mini' (import * as z from 'zod/mini')." }] },
      ],
      'no-restricted-properties': [
        'error',
        { property: 'toLocaleString', message: 'Use formatNumber/formatUsd from src/core/format.ts.' },
      ],
    },
  },
  {
    // The chat's logic (src/chat) and its Ink views (src/ui) sit beside the CLI, not under it: what
    // they share with the commands lives in src/io and src/pricing.
    files: ['src/ui/**/*.ts', 'src/ui/**/*.tsx', 'src/chat/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: "Use 'zod/mini' (import * as z from 'zod/mini')." }],
          patterns: [
            {
              group: ['**/cli/*', '**/cli/**', '../cli', '../../cli'],
              message:
                'src/ui and src/chat may not import src/cli; move what is shared to src/io or src/pricing.',
            },
          ],
        },
      ],
    },
  },
  {
    // src/chat is the conversation without a terminal: no Ink, no React (the line mode runs it).
    files: ['src/chat/**/*.ts'],
    ignores: ['src/chat/start.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'zod', message: "Use 'zod/mini' (import * as z from 'zod/mini')." },
            { name: 'ink', message: 'src/chat has no Ink: components and hooks live in src/ui.' },
            { name: 'react', message: 'src/chat has no React: components and hooks live in src/ui.' },
          ],
          patterns: [
            {
              group: ['**/cli/*', '**/cli/**', '../cli', '../../cli', '**/ui/*', '../ui/**'],
              message: 'src/chat may not import src/cli or src/ui (start.ts alone opens the Ink view).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.mjs', '*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
