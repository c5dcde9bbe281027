// Lint: typescript-eslint's recommended rules on src/ and test/ (syntax rules only, not the
// type-aware set: no TypeScript program is built, tsc checks the types), and the boundaries
// between src/ folders (docs/ARCHITECTURE.md, "Boundaries") as no-restricted-imports rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Start-up speed (see docs/ARCHITECTURE.md): classic zod drags every locale into the shared chunks.
const ZOD = { name: 'zod', message: "Use 'zod/mini' (import * as z from 'zod/mini')." };

const named = (names, message) => names.map((name) => ({ name, message }));

/**
 * src/core and src/costs are pure: answers, knowledge and prices in, rankings and costs out. No
 * file system, network, process, UI, CLI or AWS SDK, so they run anywhere and test without mocks.
 * (One rule object per folder group: a later no-restricted-imports for the same files replaces an
 * earlier one, so each carries the zod rule too.)
 */
export const pureCoreImports = {
  paths: [
    ZOD,
    ...named(
      [
        'fs',
        'node:fs',
        'fs/promises',
        'node:fs/promises',
        'node:os',
        'os',
        'node:child_process',
        'child_process',
      ],
      'src/core and src/costs do no I/O: take the data as an argument (the caller in src/cli reads it).',
    ),
    ...named(
      [
        'http',
        'node:http',
        'https',
        'node:https',
        'http2',
        'node:http2',
        'net',
        'node:net',
        'tls',
        'node:tls',
        'dgram',
        'node:dgram',
      ],
      'src/core and src/costs use no network: live prices come in through a PriceBook.',
    ),
    ...named(
      ['ink', 'ink-spinner', 'react', 'react/jsx-runtime'],
      'src/core and src/costs render nothing: the UI lives in src/ui.',
    ),
  ],
  patterns: [
    {
      group: ['@aws-sdk/*', '@smithy/*'],
      message: 'src/core and src/costs call no AWS SDK: src/pricing and src/deploy do.',
    },
    {
      group: ['ink-*', 'react-*'],
      message: 'src/core and src/costs render nothing: the UI lives in src/ui.',
    },
    { group: ['**/ui', '**/ui/*'], message: 'src/core and src/costs may not import the UI (src/ui).' },
    { group: ['**/cli', '**/cli/*'], message: 'src/core and src/costs may not import the CLI (src/cli).' },
    {
      group: [
        '**/pricing/live*',
        '**/pricing/snapshot*',
        '**/pricing/cache*',
        '**/pricing/sdk-warning*',
        '**/knowledge/load*',
        '**/knowledge/yaml-file*',
        '**/knowledge/build-cache*',
        '**/report/write*',
        '**/scaffold/write*',
        '**/deploy/*',
        '**/notebook/read*',
      ],
      message: 'src/core and src/costs may not import modules that read or write files or call AWS.',
    },
  ],
};

/**
 * src/knowledge loads and checks the rules base; the folders that use it (report, pricing, scaffold,
 * ui, cli...) import it, never the other way round (src/build-cache.ts gathers every folder's files).
 */
export const knowledgeImports = {
  paths: [ZOD],
  patterns: [
    {
      group: [
        '**/report',
        '**/report/*',
        '**/pricing',
        '**/pricing/*',
        '**/scaffold',
        '**/scaffold/*',
        '**/deploy',
        '**/deploy/*',
        '**/notebook',
        '**/notebook/*',
        '**/ui',
        '**/ui/*',
        '**/cli',
        '**/cli/*',
      ],
      message:
        'src/knowledge may not import the folders that use it: pass what it needs in, or gather it in src/build-cache.ts.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'templates/**',
      'test/fixtures/**',
      '.tmp/**',
      '.ci/node/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    // No rule here reads JSDoc, which TypeScript's parser otherwise builds for every comment.
    languageOptions: { parserOptions: { jsDocParsingMode: 'none' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { paths: [ZOD] }],
      // Start-up speed: the first toLocaleString() loads ICU data (~30 ms).
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
    files: ['src/core/**/*.ts', 'src/costs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', pureCoreImports],
      // import() escapes the rule above: `await import('node:fs')` would load I/O at run time.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression',
          message: 'src/core and src/costs load no module at run time: take what they need as an argument.',
        },
      ],
    },
  },
  {
    files: ['src/knowledge/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', knowledgeImports] },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.mjs', '*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
