import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shapesIn } from '../../src/notebook/secrets.js';

/**
 * The URL-password shape is tried only just before each `://` instead of at every position (a
 * megabyte of `a.a.a.` took seconds: 40 scheme characters read at each place before failing).
 * It must find exactly what one scan of the whole text with the same expression finds.
 */

/** The expression as a whole-text scan: the reference the anchored search must agree with. */
const URL_PASSWORD =
  /\b([A-Za-z][A-Za-z0-9+.-]{0,40}):\/\/[^\s:@/"'`<>]{0,256}:(?<secret>[^\s@/"'`<>]{1,512})@/g;
const PLACEHOLDER =
  /^(?:<[^>]*>|\$\{?\w*\}?|\{[^}]*\}|%\(?\w*\)?s?|\*+|x+|\.+|pass(?:word)?|secret|pwd|token|changeme|your[_-]?\w*)$/i;

function reference(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(URL_PASSWORD)) {
    const secret = m.groups!.secret!;
    if (PLACEHOLDER.test(secret)) continue;
    const start = m.index + m[0].lastIndexOf(secret);
    out.push([start, start + secret.length]);
  }
  return out;
}

const piece = fc.constantFrom('a', 'Zq', '9', ':', '/', '//', '://', '@', '.', '-', '+', ' ', '_', 'pg', 'x');

describe('the URL-password shape, searched from its `://`', () => {
  it('finds what a scan of every position finds', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (parts) => {
        const text = parts.join('');
        const found = shapesIn(text, 'anywhere');
        // Another shape that overlaps would hide a URL match on purpose; compare texts without one.
        fc.pre(found.every((m) => m.kind === 'url-password'));
        expect(found.map((m) => [m.start, m.end])).toEqual(reference(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees at the edges: scheme lengths around the reach, word boundaries, matches back to back', () => {
    const texts = [40, 41, 42, 45].flatMap((n) => [
      `${'a'.repeat(n)}://u:hunter2@h`,
      ` ${'b'.repeat(n)}://u:pw9@h`,
    ]);
    texts.push(
      '_postgres://u:hunter2@h',
      'x.y://u:p@h',
      'a://b:c@'.repeat(50),
      'a://b:c@d://e:f@',
      '9a://u:p@h',
    );
    for (const text of texts) {
      expect(
        shapesIn(text, 'anywhere').map((m) => [m.start, m.end]),
        text,
      ).toEqual(reference(text));
    }
    expect(reference('a://b:c@'.repeat(50))).toHaveLength(50);
  });

  it('reads a megabyte that almost matches in a few milliseconds of CPU', () => {
    const text = `!curl https://${'a.'.repeat(500_000)}`;
    const before = process.cpuUsage();
    expect(shapesIn(text, 'anywhere')).toEqual([]);
    const used = process.cpuUsage(before);
    // Every shape on this text: about 130 ms of CPU when the URL shape scanned every position,
    // about 5 ms anchored on its one `://`.
    expect((used.user + used.system) / 1000).toBeLessThan(60);
  });
});
