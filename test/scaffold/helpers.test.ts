import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  dnsLabel,
  hclString,
  jsonValue,
  markdownText,
  shellWord,
  yamlValue,
} from '../../src/scaffold/helpers.js';
import { HOSTILE_NAMES } from './support.js';

const printf = (word: string): string =>
  execFileSync('/bin/sh', ['-c', `printf '%s' ${word}`], { encoding: 'utf8' });

describe('quoting helpers', () => {
  it('yaml: any string round-trips as a scalar value, inline', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.stringMatching(/^[\n -~]{0,12}$/)), (s) => {
        const text = yamlValue(s);
        expect(text).not.toContain('\n');
        expect(parseYaml(`key: ${text}\nnext: 1\n`)).toEqual({ key: s, next: 1 });
      }),
      { numRuns: 300 },
    );
  });

  it('yaml: hostile names, numbers-looking and boolean-looking strings stay strings', () => {
    const tricky = ['\n- a', '\n\nx', 'a\n', ' lead', 'trail ', '\t', '\u2028', '#', ': x', '"', "'"];
    for (const name of [
      ...HOSTILE_NAMES,
      ...tricky,
      'no',
      'yes',
      'on',
      '0777',
      '1e3',
      'null',
      '~',
      '- a',
      '&a',
      '*b',
    ]) {
      expect(yamlValue(name)).not.toContain('\n');
      expect(parseYaml(`k: ${yamlValue(name)}`)).toEqual({ k: name });
    }
  });

  it('sh: one word that the shell expands to exactly the string, running nothing', () => {
    for (const name of HOSTILE_NAMES) expect(printf(shellWord(name))).toBe(name);
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\0')),
        (s) => {
          expect(printf(shellWord(s))).toBe(s);
        },
      ),
      { numRuns: 40 },
    );
    expect(() => shellWord('a\0b')).toThrow(/NUL/);
    expect(() => shellWord(undefined)).toThrow();
  });

  it('json, hcl and md keep the text exactly or escape it', () => {
    for (const name of HOSTILE_NAMES) {
      expect(JSON.parse(jsonValue(name))).toBe(name);
      expect(hclString(name)).not.toMatch(/(^|[^$])\$\{/);
      expect(markdownText(name)).not.toMatch(/\n|(^|[^\\])`/);
    }
    expect(hclString('${x} %{y}')).toBe('"$${x} %%{y}"');
  });

  it('dns: a DNS-1123 label starting with a letter, suffix kept whole', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 10, max: 63 }), (s, max) => {
        const label = dnsLabel(s, max, '-role');
        expect(label).toMatch(/^[a-z]([a-z0-9-]*[a-z0-9])?$/);
        expect(label.length).toBeLessThanOrEqual(max);
        expect(label.endsWith('-role')).toBe(true);
      }),
    );
    expect(dnsLabel('Crème Brûlée Model')).toBe('creme-brulee-model');
    expect(dnsLabel('0777')).toBe('m-0777');
  });
});
