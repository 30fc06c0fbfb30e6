/**
 * The Arabic text engine: normalization steps, sentence splitting, tokens, light stemming,
 * stopwords and the feature pipeline. Pure functions, no I/O.
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
  normalizeUnit,
  stripDiacritics,
  stripInvisible,
  stripTatweel,
} from './normalize.js';
export { splitParagraph, splitParagraphs, splitSentences } from './sentences.js';
export {
  STOPWORDS,
  countTokens,
  isStopword,
  stem,
  TermIdList,
  TokenNumbers,
  hashBreak,
  hashTokens,
  hashValue,
  newTokenHash,
  type TokenHash,
  termIds,
  terms,
  tokenize,
  type TermDictionary,
} from './tokens.js';
export { arabicRatio, isArabic } from './script.js';
export { cliticFaRest, cliticWawRest, isCliticOf } from './clitics.js';
export { SAYING_VERBS } from './speech.js';
