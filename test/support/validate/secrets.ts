import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';

/**
 * Secret scan with secretlint's recommended preset (AWS keys, private keys, tokens, basic-auth URLs...).
 * Runs in-process so a whole scaffold is scanned in milliseconds.
 */
export async function validateNoSecrets(filePath: string, content: string): Promise<string[]> {
  const result = await lintSource({
    source: { filePath, content, contentType: 'text' },
    options: {
      config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] },
      maskSecrets: true,
    },
  });
  forgetTimings();
  return result.messages.map((m) => `secretlint ${m.ruleId}: ${m.message}`);
}

/**
 * secretlint times every rule on every file into a process-wide profiler that is never emptied,
 * and searches all it holds on each new mark: over the thousands of files a test run scans, that
 * made each scan slower than the last (a tenth of a scaffold suite's CPU). The timings are not
 * used here, so the profiler's lists are emptied after each file.
 */
function forgetTimings(): void {
  // Private in its types; plain arrays at run time (the package's own getEntries returns them).
  const held = secretLintProfiler as unknown as { entries: unknown[]; measures: unknown[] };
  held.entries.length = 0;
  held.measures.length = 0;
}
