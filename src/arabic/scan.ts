/**
 * The word scanner under {@link tokenize}, {@link terms}, {@link termIds} and
 * {@link hashTokens}: the class of each character, where a token ends, and the token's FNV-1a
 * hash, computed on the way. Internal to this folder: index.ts does not offer it.
 */

// The classes stay in this module, with every loop that compares them: a constant imported
// from another module is read through a module cell on each use, and a loop per character
// that compared imported classes took a quarter longer.
/** A character not classified yet. */
const UNSEEN = 0;
/** Anything that ends a word: spaces, punctuation, symbols, lone surrogates. */
const SEPARATOR = 1;
/** A letter or a mark (\p{L}, \p{M}). */
const LETTER = 2;
/** A digit (\p{N}). */
const DIGIT = 3;
/** Kept inside a word, never starting one: see {@link JOINERS}. */
const JOINER = 4;

/** Zero-width non-joiner, zero-width joiner and soft hyphen: invisible inside a word. */
const JOINERS: ReadonlySet<number> = new Set([0x200c, 0x200d, 0x00ad]);
/** UTF-16 surrogates: halves of characters outside the BMP, read as separators. */
const SURROGATE_FIRST = 0xd800;
const SURROGATE_LAST = 0xdfff;
/** Letters and marks, by Unicode property (never `\W`, which takes Arabic for a separator). */
const LETTER_RE = /[\p{L}\p{M}]/u;
/** Digits of any script, by Unicode property. */
const DIGIT_RE = /\p{N}/u;

/** "." "," and the Arabic decimal and thousands separators (٫ ٬): kept between two digits. */
const FULL_STOP = 0x2e;
const COMMA = 0x2c;
const ARABIC_DECIMAL_SEPARATOR = 0x066b;
const ARABIC_THOUSANDS_SEPARATOR = 0x066c;

/** FNV-1a, 32 bits: the offset basis and the prime. */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Classes of UTF-16 units, learnt lazily: a regular expression runs once per distinct unit. */
const CLASS = new Uint8Array(0x10000);

function classify(c: number): number {
  const ch = String.fromCharCode(c);
  let k: number;
  if (JOINERS.has(c)) k = JOINER;
  else if (c >= SURROGATE_FIRST && c <= SURROGATE_LAST) k = SEPARATOR;
  else if (LETTER_RE.test(ch)) k = LETTER;
  else if (DIGIT_RE.test(ch)) k = DIGIT;
  else k = SEPARATOR;
  CLASS[c] = k;
  return k;
}

/** The class of a UTF-16 unit: {@link SEPARATOR}, {@link LETTER}, {@link DIGIT} or {@link JOINER}. */
function classOf(c: number): number {
  const k = CLASS[c]!;
  return k !== UNSEEN ? k : classify(c);
}

/** True for a character kept between digits: 3.5, 1,200, ٣٫٥, ١٬٢٠٠. */
function isNumberSeparator(c: number): boolean {
  return (
    c === FULL_STOP ||
    c === COMMA ||
    c === ARABIC_DECIMAL_SEPARATOR ||
    c === ARABIC_THOUSANDS_SEPARATOR
  );
}

/** FNV-1a hash of the token {@link tokenEnd} scanned last. */
let tokenHash = 0;

/** The hash of the token {@link tokenEnd} scanned last. */
export function lastTokenHash(): number {
  return tokenHash;
}

/** Where the next word token starts: the first letter or digit of text[i, n), or `n`. */
export function nextTokenStart(text: string, i: number, n: number): number {
  while (i < n) {
    const k = classOf(text.charCodeAt(i));
    if (k === LETTER || k === DIGIT) return i;
    i++;
  }
  return n;
}

/**
 * The end (at most `n`) of the token starting at `start` (a letter or a digit, see
 * {@link nextTokenStart}): a run of letters and marks (digits and joiners allowed after the
 * first letter), or a number with its internal separators. Its hash is then given by
 * {@link lastTokenHash}.
 */
export function tokenEnd(text: string, start: number, n: number): number {
  const k = classOf(text.charCodeAt(start));
  let h = FNV_OFFSET ^ text.charCodeAt(start);
  h = Math.imul(h, FNV_PRIME);
  let i = start + 1;
  if (k === LETTER) {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (classOf(c) === SEPARATOR) break;
      h = Math.imul(h ^ c, FNV_PRIME);
      i++;
    }
  } else {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (classOf(c) === DIGIT) {
        h = Math.imul(h ^ c, FNV_PRIME);
        i++;
      } else if (isNumberSeparator(c) && i + 1 < n && classOf(text.charCodeAt(i + 1)) === DIGIT) {
        h = Math.imul(h ^ c, FNV_PRIME);
        i++;
      } else break;
    }
  }
  tokenHash = h;
  return i;
}

/**
 * Calls `emit(start, end)` for each word token of text[0, n), in order; the token's hash is
 * given by {@link lastTokenHash} during the call.
 */
export function scanTokens(
  text: string,
  emit: (start: number, end: number) => void,
  n = text.length,
): void {
  let i = nextTokenStart(text, 0, n);
  while (i < n) {
    const start = i;
    i = tokenEnd(text, start, n);
    emit(start, i);
    i = nextTokenStart(text, i, n);
  }
}
