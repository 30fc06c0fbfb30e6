/**
 * The Arabic text engine. Pure functions, no I/O:
 * - normalize.ts: normalization, one step per function, and {@link normalize} composing them;
 * - sentences.ts: paragraph and sentence splitting;
 * - tokenize.ts: word tokens ({@link tokenize}, {@link countTokens});
 * - stem.ts: light stemming after light10, one step per function, and {@link stem};
 * - stopwords.ts: the stopword list and {@link isStopword};
 * - terms.ts: the feature pipeline, as strings ({@link terms}) or a caller's ids ({@link termIds});
 * - hash.ts: a running hash of word tokens ({@link hashTokens}), to spot the same text twice;
 * - script.ts: how much of a text is Arabic; clitics.ts: the joined conjunction و.
 * scan.ts, the word scanner under tokenize, terms and hash, is internal.
 */
export {
  ARABIC_DIACRITICS,
  ALEF_VARIANTS,
  INVISIBLE,
  TATWEEL,
  foldCase,
  normalize,
  normalizeAlef,
  normalizeAlefMaqsura,
  normalizeDigits,
  normalizePersianLetters,
  normalizePunctuation,
  normalizeTehMarbuta,
  stripDiacritics,
  stripInvisible,
  stripTatweel,
} from './normalize.js';
export { splitParagraph, splitParagraphs, splitSentences } from './sentences.js';
export { countTokens, tokenize } from './tokenize.js';
export { stem, stripArticle, stripSuffixes, stripWaw } from './stem.js';
export { STOPWORDS, isStopword } from './stopwords.js';
export { TermIdList, termIds, terms, type TermDictionary } from './terms.js';
export { hashBreak, hashTokens, hashValue, newTokenHash, type TokenHash } from './hash.js';
export { arabicRatio, isArabic } from './script.js';
export { cliticWawRest, isCliticOf } from './clitics.js';
