import { afterEach, describe, expect, it, vi } from 'vitest';
import { isSdkNodeVersionWarning, withoutSdkNodeWarning } from '../../src/deploy/sdk.js';

const SDK_NOTICE = `NodeVersionSupportWarning: The AWS SDK for JavaScript (v3)
versions published after the first week of January 2027
will require node >=22. You are running node v20.20.2.`;

afterEach(() => vi.restoreAllMocks());

describe('the SDK Node-version notice filter', () => {
  it('drops only the SDK notice, passes every other warning, and restores emitWarning', () => {
    const original = process.emitWarning;
    const seen = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const spied = process.emitWarning;
    withoutSdkNodeWarning(() => {
      expect(process.emitWarning).not.toBe(spied);
      process.emitWarning(SDK_NOTICE);
      process.emitWarning('something else is deprecated', 'DeprecationWarning');
      process.emitWarning(new Error('NodeVersionSupportWarning from another library'));
    });
    expect(process.emitWarning).toBe(spied);
    expect(seen.mock.calls.map((c) => String(c[0] instanceof Error ? c[0].message : c[0]))).toEqual([
      'something else is deprecated',
      'NodeVersionSupportWarning from another library',
    ]);
    vi.restoreAllMocks();
    expect(process.emitWarning).toBe(original);
  });

  it('recognises the notice as a string or an Error', () => {
    expect(isSdkNodeVersionWarning(SDK_NOTICE)).toBe(true);
    const error = new Error(SDK_NOTICE.replace('NodeVersionSupportWarning: ', ''));
    error.name = 'NodeVersionSupportWarning';
    expect(isSdkNodeVersionWarning(error)).toBe(true);
    expect(isSdkNodeVersionWarning('ExperimentalWarning: fetch')).toBe(false);
  });

  it('restores emitWarning when the wrapped code throws', () => {
    const before = process.emitWarning;
    expect(() =>
      withoutSdkNodeWarning(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(process.emitWarning).toBe(before);
  });
});
