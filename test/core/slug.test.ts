import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endpointBaseName, parseDeployConfig } from '../../src/deploy/config.js';
import { nameHash, toDnsLabel } from '../../src/core/slug.js';
import { toDnsLabel as contextLabel } from '../../src/scaffold/context.js';
import { batchConfig } from '../deploy/fixtures.js';

describe('slugs for project names in any script', () => {
  it('non-ASCII names get distinct, stable slugs (every one was ml-model)', () => {
    const names = ['東京', '大阪', 'Москва', 'Ελλάδα', 'مشروع', '모델'];
    const slugs = names.map((n) => toDnsLabel(n));
    expect(new Set(slugs).size).toBe(names.length);
    for (const slug of slugs) expect(slug).toMatch(/^ml-model-[0-9a-z]{7}$/);
    expect(toDnsLabel('東京')).toBe(slugs[0]); // stable
    const endpoints = names.map((n) => endpointBaseName(n));
    expect(new Set(endpoints).size).toBe(names.length);
  });

  it('letters with an ASCII form are transliterated, with no hash', () => {
    expect(toDnsLabel('Crème brûlée')).toBe('creme-brulee');
    expect(toDnsLabel('Straße Øl')).toBe('strasse-ol');
    expect(endpointBaseName('Zürich')).toBe('zurich');
    expect(toDnsLabel('Churn Model (v2)!')).toBe('churn-model-v2');
    expect(toDnsLabel('---')).toBe('ml-model');
  });

  it('mixed names keep their ASCII part and add the hash', () => {
    expect(toDnsLabel('churn 東京')).toBe(`churn-${nameHash('churn 東京')}`);
    expect(toDnsLabel('churn 大阪')).not.toBe(toDnsLabel('churn 東京'));
  });

  it('the scaffold context uses the same slug', () => {
    expect(contextLabel('東京')).toBe(toDnsLabel('東京'));
  });

  it('always a valid DNS label and a valid deploy projectName (random text)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.integer({ min: 12, max: 63 }),
        (text, max) => {
          const label = toDnsLabel(text, max);
          expect(label.length).toBeLessThanOrEqual(max);
          expect(label).toMatch(/^[a-z]([a-z0-9-]*[a-z0-9])?$/);
          const name = endpointBaseName(text);
          expect(() => parseDeployConfig({ ...batchConfig, projectName: name })).not.toThrow();
        },
      ),
    );
  });
});
