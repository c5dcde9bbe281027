import fc from 'fast-check';

/** Every raw control a terminal acts on, plus bidi controls: none may survive. */
// eslint-disable-next-line no-control-regex
export const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Pieces attackers and copied terminal text really contain, mixed with random bytes and text. */
export const hostileFragment = fc.oneof(
  fc.constantFrom(
    '\x1b[0m',
    '\x1b[31m',
    '\x1b[1;5I',
    '\x1b[2J\x1b[H',
    '\x1b]0;pwned\x07',
    '\x1b]52;c;ZWNobyBoaQ==\x07',
    '\x1b]52;c;ZWNobyBoaQ==\x1b\\',
    '\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\',
    '\x1bP+q544e\x1b\\',
    '\x1b_apc\x1b\\',
    '\x9b31m',
    '\x9d0;title\x9c',
    '\x1b',
    '\x1b[',
    '\x1b]',
    '\x07',
    '\b\b\b',
    '\r',
    '\r\n',
    '\u202e',
    '\u2066',
    '\u200f',
    '\ud800',
    '\udc00',
    '\x7f',
    '\x00',
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ maxLength: 12 }),
  fc.uint8Array({ maxLength: 12 }).map((bytes) => String.fromCharCode(...bytes)),
);
export const hostileText = fc.array(hostileFragment, { maxLength: 12 }).map((parts) => parts.join(''));
