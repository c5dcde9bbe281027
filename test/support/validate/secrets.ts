import { lintSource } from '@secretlint/core';
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
  return result.messages.map((m) => `secretlint ${m.ruleId}: ${m.message}`);
}
