import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../../src/knowledge/json-position.js';

describe('jsonErrorOffset', () => {
  it('finds no error in any valid JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        expect(jsonErrorOffset(JSON.stringify(value, null, pretty ? 2 : 0))).toBeUndefined();
      }),
    );
  });

  it('points at the first bad token', () => {
    const text = '{"a": 1,\n "b": }';
    expect(jsonErrorOffset(text)).toBe(text.indexOf('}'));
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('[1, 2')).toBe(5);
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonErrorOffset('{} x')).toBe(3);
  });
});
