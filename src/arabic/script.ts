/** Which script a text is written in. */

const LETTER_RE = /\p{L}/uy;

function isArabicLetterCode(c: number): boolean {
  return (
    (c >= 0x0620 && c <= 0x064a) ||
    (c >= 0x066e && c <= 0x066f) ||
    (c >= 0x0671 && c <= 0x06d3) ||
    c === 0x06d5 ||
    (c >= 0x06ee && c <= 0x06ef) ||
    (c >= 0x06fa && c <= 0x06fc) ||
    c === 0x06ff ||
    (c >= 0x0750 && c <= 0x077f) ||
    (c >= 0x08a0 && c <= 0x08c9) ||
    (c >= 0xfb50 && c <= 0xfdfb) ||
    (c >= 0xfe70 && c <= 0xfefc)
  );
}

/** At most this many characters are looked at: a prefix this long is a fair sample. */
const SAMPLE = 200_000;

/**
 * The share (0..1) of letters that are Arabic-script letters; 0 when the text has no letters.
 * Digits, punctuation, diacritics and spaces do not count. Looks at the first 200,000 characters.
 * @example arabicRatio('قال Biden') // 0.375
 */
export function arabicRatio(text: string): number {
  let arabic = 0;
  let letters = 0;
  const n = Math.min(text.length, SAMPLE);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
    } else if (isArabicLetterCode(c)) {
      arabic++;
      letters++;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      // Astral characters (emoji, rare scripts): count letters, skip the low surrogate.
      LETTER_RE.lastIndex = i;
      if (LETTER_RE.test(text)) letters++;
      i++;
    } else if (c >= 0x0600 && c <= 0x06ff) {
      // Arabic digits, punctuation and diacritics: not letters.
    } else {
      LETTER_RE.lastIndex = i;
      if (LETTER_RE.test(text)) letters++;
    }
  }
  return letters === 0 ? 0 : arabic / letters;
}

/**
 * True when most letters of the text (at least half, and at least 2) are Arabic.
 * @example isArabic('قال الرئيس') // true
 * @example isArabic('Hello world') // false
 */
export function isArabic(text: string): boolean {
  return arabicRatio(text) >= 0.5 && /[\u0620-\u064a]/.test(text.slice(0, SAMPLE));
}
