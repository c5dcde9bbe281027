import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { fakeSecrets, privateKeyBlock } from './builders.js';

/**
 * Random notebook text for tests that compare two implementations: Python, shell and markdown
 * pieces, every secret shape's literals, near misses, quotes and odd characters.
 */

export const S = fakeSecrets('same');
const PIECES = [
  ...Object.values(S),
  privateKeyBlock(S.privateKeyBody),
  '-----BEGIN RSA PRIVATE KEY-----',
  '-----END RSA PRIVATE KEY-----',
  'AKIA',
  'ASIA',
  'ghp_',
  'github_pat_',
  'glpat-',
  'gl',
  'hf_',
  'sk-',
  'xoxb-',
  'AIza',
  'FwoGZXIvYXdzE',
  'IQoJb3JpZ2lu',
  'a://b:c@',
  'postgresql://u:',
  'https://h/x?',
  '?sig=',
  '&sig=',
  'sig=',
  '&api_key=',
  ';token=',
  'Bearer ',
  'token ',
  'Basic ',
  'Authorization: ',
  'X-Api-Key:',
  'Cookie : ',
  'password: ',
  'AccountKey=',
  'sharedaccesskey = ',
  '1Q~',
  'abc1Q~',
  '==',
  '=',
  'A'.repeat(20),
  'aB3/'.repeat(10),
  'aB3+'.repeat(25),
  'Zz9'.repeat(12),
  '-u ',
  '--user=',
  '--password ',
  '--api-key=',
  '-p',
  'db_password = ',
  'api_key=',
  'passwd=f"',
  '{x}',
  '"',
  "'",
  '"""',
  "'''",
  'rb"',
  'f"',
  "Rb'",
  'u"',
  '\\',
  '\\n',
  '\n',
  '\n!',
  '\n%env ',
  '\n  ',
  '# ',
  ' ',
  '\t',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '.',
  '...',
  '**=',
  '//',
  '->',
  ':=',
  '<<',
  '!=',
  '1e+5',
  '0x1F',
  '.5',
  '3.14j',
  'x',
  'é',
  '\u{1F600}',
  '\u0085',
  '\v',
  '$',
  '?',
  '&',
  ';',
  '@',
  '/',
  '%',
  '-',
  '_',
];
export const notebookText = fc
  .array(fc.constantFrom(...PIECES), { maxLength: 48 })
  .map((parts) => parts.join(''));

/** The source of every cell of the real notebooks. */
export function realCells(): string[] {
  const dir = join(import.meta.dirname, '../fixtures/notebooks');
  const cells: string[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.ipynb'))) {
    let nb: { cells?: Array<{ source?: string | string[] }> };
    try {
      nb = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch {
      continue; // the hostile fixtures that are not JSON
    }
    for (const cell of nb.cells ?? []) cells.push([cell.source ?? ''].flat().join(''));
  }
  return cells;
}
