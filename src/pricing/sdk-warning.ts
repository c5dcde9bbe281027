/**
 * The AWS SDK warns through process.emitWarning that its future versions will need Node 22. It is
 * about our dependency, not something a user of this tool can act on, so that one warning (and
 * only that one) is dropped while the SDK is in use. Returns a function that restores emitWarning.
 */
export function hideSdkNodeVersionWarning(): () => void {
  const original = process.emitWarning;
  const filtered = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    const text = typeof warning === 'string' ? warning : warning.message;
    const name = typeof warning === 'string' ? (typeof rest[0] === 'string' ? rest[0] : '') : warning.name;
    if (isSdkNodeVersionWarning(text, name)) return;
    return (original as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  process.emitWarning = filtered;
  return () => {
    if (process.emitWarning === filtered) process.emitWarning = original;
  };
}

export function isSdkNodeVersionWarning(text: string, name = ''): boolean {
  return (
    /NodeVersionSupportWarning|NodeDeprecationWarning/.test(`${name} ${text}`) &&
    /AWS SDK for JavaScript/.test(text)
  );
}
