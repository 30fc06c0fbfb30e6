/**
 * A light stemmer after Larkey's light10, one step per function: {@link stripWaw},
 * {@link stripArticle}, {@link stripSuffixes}; {@link stem} applies the three in turn. Each
 * expects a normalized token (see normalize.ts: ة→ه, ى→ي, bare alef) and leaves other scripts
 * and digits alone.
 */

/** و, the conjunction "and" written joined to the next word. */
const WAW = 'و';
/** Arabic letters (hamza to yeh, and the extended letters): a token without one is not stemmed. */
const ARABIC_LETTER_RE = /[\u0621-\u064A\u0671-\u06D3]/;
/** Definite-article prefixes of light10, with their clitics, in the order they are tried. */
const ARTICLE_PREFIXES = ['وال', 'فال', 'بال', 'كال', 'ال', 'لل'] as const;
/** Suffixes of light10 (normalized: ة→ه, so ية and يه coincide), tried once each, in order. */
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'] as const;

/** Letters that must remain after stripping و. */
const MIN_AFTER_WAW = 3;
/** Letters that must remain after stripping an article. */
const MIN_AFTER_ARTICLE = 2;
/** Letters that must remain after stripping a suffix (light10 allows 2, which turns بيان into بي). */
const MIN_AFTER_SUFFIX = 3;
/** Tokens shorter than this are never stemmed. */
const MIN_STEMMED = 3;

/**
 * Strips a leading و when at least 3 letters remain.
 * @example stripWaw('ووزير') // 'وزير'
 * @example stripWaw('وقت') // 'وقت'
 */
export function stripWaw(token: string): string {
  return token.startsWith(WAW) && token.length - WAW.length >= MIN_AFTER_WAW
    ? token.slice(WAW.length)
    : token;
}

/**
 * Strips the first definite article that matches (ال وال بال كال فال لل, tried in that order)
 * when at least 2 letters remain.
 * @example stripArticle('بالسياره') // 'سياره'
 */
export function stripArticle(token: string): string {
  for (const p of ARTICLE_PREFIXES) {
    if (token.length - p.length >= MIN_AFTER_ARTICLE && token.startsWith(p)) {
      return token.slice(p.length);
    }
  }
  return token;
}

/**
 * Strips each of the suffixes ها ان ات ون ين يه ه ي once, in that order, when at least 3
 * letters remain.
 * @example stripSuffixes('معلمون') // 'معلم'
 * @example stripSuffixes('بيان') // 'بيان'
 */
export function stripSuffixes(token: string): string {
  let w = token;
  for (const s of SUFFIXES) {
    if (w.length - s.length >= MIN_AFTER_SUFFIX && w.endsWith(s)) w = w.slice(0, -s.length);
  }
  return w;
}

/**
 * Light stemmer: {@link stripWaw}, then {@link stripArticle}, then {@link stripSuffixes}.
 * Expects a normalized token; tokens of fewer than 3 characters or without an Arabic letter
 * are returned unchanged.
 * @example stem('والمدارس') // 'مدارس'
 * @example stem('المدرسه') // 'مدرس'
 */
export function stem(normalizedToken: string): string {
  if (normalizedToken.length < MIN_STEMMED || !ARABIC_LETTER_RE.test(normalizedToken)) {
    return normalizedToken;
  }
  return stripSuffixes(stripArticle(stripWaw(normalizedToken)));
}
