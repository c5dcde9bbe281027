import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The folder boundaries are ESLint rules (eslint.config.js): a deliberate bad import in a file
 * under src/core or src/costs must be an error naming the boundary, through ESLint's own API.
 */
const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const BAD = [
  ["import { readFileSync } from 'node:fs';", /do no I\/O/],
  ["import { promises } from 'fs';", /do no I\/O/],
  ["import { request } from 'node:https';", /use no network/],
  ["import { createServer } from 'node:net';", /use no network/],
  ["import { render } from 'ink';", /render nothing/],
  ["import { useState } from 'react';", /render nothing/],
  ["import { PricingClient } from '@aws-sdk/client-pricing';", /no AWS SDK/],
  ["import { startChat } from '../ui/start.js';", /may not import the UI/],
  ["import type { CliIo } from '../cli/io.js';", /may not import the CLI/],
  ["import { loadKnowledge } from '../knowledge/load.js';", /read or write files/],
  ["import { livePriceBook } from '../pricing/live.js';", /read or write files or call AWS/],
] as const;

describe('boundaries as lint rules', () => {
  it.each(
    BAD.flatMap(([code, message]) =>
      ['src/core/x.ts', 'src/costs/x.ts'].map((file) => ({ file, code, message })),
    ),
  )('$file: $code is an error', async ({ file, code, message }) => {
    const messages = await restricted(file, `${code}\nexport const used = 1;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  it.each(['src/core/x.ts', 'src/costs/x.ts'])(
    "%s: a dynamic import('node:fs') is an error too",
    async (file) => {
      // A new contributor found that `import()` passed the import rules unnoticed.
      const [result] = await eslint.lintText("export const load = () => import('node:fs');\n", {
        filePath: join(root, file),
      });
      const messages = result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax');
      expect(messages.map((m) => m.message)).toEqual([
        'src/core and src/costs load no module at run time: take what they need as an argument.',
      ]);
    },
  );

  it('allows what pure code needs: node:path, zod/mini, types and price keys', async () => {
    const good = [
      "import { join } from 'node:path';",
      "import * as z from 'zod/mini';",
      "import type { PriceBook } from '../pricing/types.js';",
      "import { ec2Instance } from '../pricing/keys.js';",
      "import { OPTION_IDS } from './options.js';",
    ].join('\n');
    expect(await restricted('src/costs/x.ts', good)).toEqual([]);
  });

  it('keeps the zod rule in the pure folders too', async () => {
    expect(await restricted('src/core/x.ts', "import * as z from 'zod';")).toEqual([
      expect.stringMatching(/zod\/mini/),
    ]);
  });

  it('src/knowledge may not import the folders that use it', async () => {
    expect(
      await restricted('src/knowledge/x.ts', "import { REPORT_FILES } from '../report/data.js';"),
    ).toEqual([expect.stringMatching(/src\/knowledge may not import/)]);
    expect(
      await restricted('src/knowledge/x.ts', "import { OPTION_IDS } from '../core/options.js';"),
    ).toEqual([]);
  });

  it('src/ui and src/chat may not import src/cli', async () => {
    for (const file of ['src/ui/start.ts', 'src/chat/x.ts']) {
      expect(await restricted(file, "import type { CliIo } from '../cli/io.js';")).toEqual([
        expect.stringMatching(/may not import src\/cli/),
      ]);
    }
    expect(await restricted('src/ui/x.ts', "import type { CliIo } from '../io/cli-io.js';")).toEqual([]);
  });
});
