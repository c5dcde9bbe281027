/**
 * Names for machines from a project name that may be any text. Letters fold to ASCII where they
 * can (é -> e, ß -> ss); when letters or digits remain that have no ASCII form (東京, Ελλάδα,
 * Москва), a short hash of the whole name is appended, so two such projects never share an
 * endpoint, a stack or a Kubernetes name, and the same name always gives the same slug. Pure.
 */

/** Letters that do not decompose under NFKD but have a common ASCII spelling. */
const FOLD: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'TH',
  ł: 'l',
  Ł: 'L',
  ı: 'i',
};

/** The text with accents removed and the letters above spelled in ASCII; other letters are kept. */
export function foldToAscii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßæÆœŒøØđĐðÐþÞłŁı]/g, (c) => FOLD[c] ?? c);
}

/** True when folding leaves letters or digits that an ASCII slug would drop. */
export function losesLetters(text: string): boolean {
  return /[^\p{ASCII}]/u.test(foldToAscii(text).replace(/[^\p{L}\p{N}]/gu, ''));
}

/** FNV-1a (32 bits) of the NFC text, as 7 base-36 characters: stable across runs and machines. */
export function nameHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const unit of text.normalize('NFC')) {
    for (let i = 0; i < unit.length; i++) {
      hash ^= unit.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
  }
  return (hash >>> 0).toString(36).padStart(7, '0');
}

/**
 * A DNS-1123 label: lowercase letters, digits and '-', starting with a letter, at most
 * `maxLength` characters (leave room for suffixes such as `-role`). Empty names give `ml-model`.
 */
export function toDnsLabel(text: string, maxLength = 63): string {
  let label = foldToAscii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const suffix = losesLetters(text) ? `-${nameHash(text)}` : '';
  if (label === '') label = 'ml-model';
  if (!/^[a-z]/.test(label)) label = `m-${label}`;
  const room = Math.max(1, maxLength - suffix.length);
  return `${label.slice(0, room).replace(/-+$/, '')}${suffix}`.slice(0, Math.max(1, maxLength));
}

/**
 * A name that may start with a digit (SageMaker resource names): lowercase ASCII, '-' between
 * words, at most `maxLength` characters, with the hash when letters were lost.
 */
export function toResourceName(text: string, maxLength: number): string {
  const name = foldToAscii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '');
  const suffix = losesLetters(text) ? `-${nameHash(text)}` : '';
  const base = name.slice(0, Math.max(0, maxLength - suffix.length)).replace(/-+$/, '');
  if (base === '') return suffix ? `ml-model${suffix}`.slice(0, maxLength) : 'ml-model';
  return `${base}${suffix}`;
}
