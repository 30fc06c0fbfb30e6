/**
 * Word tokens, light stemming, stopwords and the feature pipeline {@link terms}.
 */
import { normalize } from './normalize.js';
import { STOPWORDS } from './stopwords.js';

/** Character classes of UTF-16 units, learnt lazily with Unicode property escapes (never `\\W`). */
const UNSEEN = 0;
const SEP = 1;
const LETTER = 2; // \p{L} or \p{M}
const DIGIT = 3; // \p{N}
const JOINER = 4; // ZWNJ, ZWJ, soft hyphen: kept inside a word
const CLASS = new Uint8Array(0x10000);
const LETTER_RE = /[\p{L}\p{M}]/u;
const DIGIT_RE = /\p{N}/u;

function classify(c: number): number {
  let k = CLASS[c]!;
  if (k !== UNSEEN) return k;
  const ch = String.fromCharCode(c);
  if (c === 0x200c || c === 0x200d || c === 0x00ad) k = JOINER;
  else if (c >= 0xd800 && c <= 0xdfff) k = SEP;
  else if (LETTER_RE.test(ch)) k = LETTER;
  else if (DIGIT_RE.test(ch)) k = DIGIT;
  else k = SEP;
  CLASS[c] = k;
  return k;
}

/** "." "," and the Arabic decimal/thousands separators, kept between digits (3.5, 1,200, ٣٫٥). */
const isNumberSeparator = (c: number): boolean =>
  c === 46 || c === 44 || c === 0x066b || c === 0x066c;

/**
 * Calls `emit(start, end)` for each word token: a run of letters and marks (digits and joiners
 * allowed after the first letter), or a number with its internal separators.
 */
function scanTokens(text: string, emit: (start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const k = classify(text.charCodeAt(i));
    if (k === LETTER) {
      const start = i++;
      while (i < n) {
        const kk = classify(text.charCodeAt(i));
        if (kk === SEP) break;
        i++;
      }
      emit(start, i);
    } else if (k === DIGIT) {
      const start = i++;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (classify(c) === DIGIT) i++;
        else if (isNumberSeparator(c) && i + 1 < n && classify(text.charCodeAt(i + 1)) === DIGIT)
          i += 2;
        else break;
      }
      emit(start, i);
    } else {
      i++;
    }
  }
}

/**
 * Counts word tokens (as {@link tokenize} would find them) without allocating.
 * @example countTokens('قال: «نعم» 3.5%') // 3
 */
export function countTokens(text: string): number {
  const n = text.length;
  let count = 0;
  let i = 0;
  while (i < n) {
    const k = classify(text.charCodeAt(i));
    if (k === LETTER) {
      i++;
      while (i < n && classify(text.charCodeAt(i)) !== SEP) i++;
      count++;
    } else if (k === DIGIT) {
      i++;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (classify(c) === DIGIT) i++;
        else if (isNumberSeparator(c) && i + 1 < n && classify(text.charCodeAt(i + 1)) === DIGIT) {
          i += 2;
        } else break;
      }
      count++;
    } else {
      i++;
    }
  }
  return count;
}

/**
 * Splits text into word tokens in their original form (letters and digits; punctuation dropped).
 * @example tokenize('قال: «نعم» 3.5%') // ['قال', 'نعم', '3.5']
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  scanTokens(text, (s, e) => out.push(text.slice(s, e)));
  return out;
}

/** True when the (normalized) token is a stopword. */
export function isStopword(normalizedToken: string): boolean {
  return STOPWORDS.has(normalizedToken);
}
export { STOPWORDS };

const WAW = 0x0648;
const FEH = 0x0641;
const ARABIC_LETTER_RE = /[\u0621-\u064A\u0671-\u06D3]/;

/** Definite-article prefixes of light10, longest first. */
const ARTICLE_PREFIXES = ['وال', 'فال', 'بال', 'كال', 'ال', 'لل'] as const;
/** Suffixes of light10 (normalized: ة→ه, so ية and يه coincide), tried once each, in order. */
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'] as const;

/**
 * Light stemmer after Larkey's light10: strips a leading "و" (when 3+ letters remain), a definite
 * article with its clitic (ال وال بال كال فال لل, when 2+ remain), then each of the suffixes
 * ها ان ات ون ين يه ه ي once, right to left (when 3+ remain: light10 allows 2, which
 * turns بيان into بي). Expects a normalized token;
 * non-Arabic tokens are returned unchanged.
 * @example stem('والمدارس') // 'مدارس'
 * @example stem('المدرسه') // 'مدرس'
 */
export function stem(normalizedToken: string): string {
  let w = normalizedToken;
  if (w.length < 3 || !ARABIC_LETTER_RE.test(w)) return w;
  if (w.charCodeAt(0) === WAW && w.length >= 4) w = w.slice(1);
  for (const p of ARTICLE_PREFIXES) {
    if (w.length - p.length >= 2 && w.startsWith(p)) {
      w = w.slice(p.length);
      break;
    }
  }
  for (const s of SUFFIXES) {
    if (w.length - s.length >= 3 && w.endsWith(s)) w = w.slice(0, -s.length);
  }
  return w;
}

/**
 * Terms of raw tokens already seen, in an open-addressing table keyed by a hash computed while
 * scanning: news vocabulary repeats, so most tokens are found without allocating a string.
 * A slot's hash, the place of its raw characters and the id a caller gave its term sit side by
 * side in one typed array, and the characters are packed into one pool: a lookup reads two
 * places of memory, not a string object and several arrays (at tens of thousands of articles
 * the table outgrows CPU caches).
 */
const CACHE_BITS = 20;
const CACHE_SIZE = 1 << CACHE_BITS;
const CACHE_MASK = CACHE_SIZE - 1;
const CACHE_LIMIT = CACHE_SIZE >> 1;
/**
 * Per slot, 4 numbers: the hash; 1 + where the raw token starts in {@link pool} (0: empty slot);
 * the key of the dictionary that numbered its term (0: none, see {@link termIds}); that id.
 * Slot CACHE_SIZE is a scratch slot for tokens too long to keep.
 */
const cacheMeta = new Int32Array((CACHE_SIZE + 1) * 4);
let cacheTerm: string[] = new Array<string>(CACHE_SIZE + 1);
let cacheCount = 0;
/** Raw tokens end to end, each as its length and then its characters. */
const POOL_LIMIT = CACHE_LIMIT * 16;
const MAX_KEPT_TOKEN = 0xffff;
let pool = new Uint16Array(1 << 16);
let poolUsed = 0;

/** Normalizes one raw token and returns its stem, or '' when it is a stopword or too short. */
function computeTerm(raw: string): string {
  const n = normalize(raw);
  const first = n.charCodeAt(0);
  if (
    n.length < 2 ||
    STOPWORDS.has(n) ||
    ((first === WAW || first === FEH) && STOPWORDS.has(n.slice(1)))
  ) {
    return '';
  }
  const t = stem(n);
  return t.length < 2 ? '' : t;
}

/** Empties the table (when full). */
function resetCache(): void {
  cacheMeta.fill(0);
  cacheTerm = new Array<string>(CACHE_SIZE + 1);
  cacheCount = 0;
  poolUsed = 0;
}

/** The cache slot of the term of text[start, end) whose FNV-1a hash is `h`, filled when new. */
function slotAt(text: string, start: number, end: number, h: number): number {
  const len = end - start;
  if (len > MAX_KEPT_TOKEN) {
    cacheTerm[CACHE_SIZE] = computeTerm(text.slice(start, end));
    cacheMeta[CACHE_SIZE * 4 + 2] = 0;
    return CACHE_SIZE;
  }
  let slot = h & CACHE_MASK;
  for (;;) {
    const m = slot * 4;
    const at = cacheMeta[m + 1]!;
    if (at === 0) break;
    if (cacheMeta[m] === h && pool[at - 1] === len) {
      let i = 0;
      while (i < len && pool[at + i] === text.charCodeAt(start + i)) i++;
      if (i === len) return slot;
    }
    slot = (slot + 1) & CACHE_MASK;
  }
  if (cacheCount >= CACHE_LIMIT || poolUsed + len + 1 > POOL_LIMIT) {
    resetCache();
    slot = h & CACHE_MASK;
  }
  if (poolUsed + len + 1 > pool.length) {
    const grown = new Uint16Array(Math.max(pool.length * 2, poolUsed + len + 1));
    grown.set(pool.subarray(0, poolUsed));
    pool = grown;
  }
  pool[poolUsed] = len;
  for (let i = 0; i < len; i++) pool[poolUsed + 1 + i] = text.charCodeAt(start + i);
  const m = slot * 4;
  cacheMeta[m] = h;
  cacheMeta[m + 1] = poolUsed + 1;
  cacheMeta[m + 2] = 0;
  cacheMeta[m + 3] = 0;
  poolUsed += len + 1;
  cacheTerm[slot] = computeTerm(text.slice(start, end));
  cacheCount++;
  return slot;
}

/** FNV-1a hash of the token {@link tokenEnd} scanned last. */
let tokenHash = 0;

/**
 * The end of the token starting at `start` (a letter or digit of class `k`); its hash is left
 * in {@link tokenHash}.
 */
function tokenEnd(text: string, start: number, k: number): number {
  const n = text.length;
  let h = 0x811c9dc5 ^ text.charCodeAt(start);
  h = Math.imul(h, 0x01000193);
  let i = start + 1;
  if (k === LETTER) {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (classify(c) === SEP) break;
      h = Math.imul(h ^ c, 0x01000193);
      i++;
    }
  } else {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (classify(c) === DIGIT) {
        h = Math.imul(h ^ c, 0x01000193);
        i++;
      } else if (isNumberSeparator(c) && i + 1 < n && classify(text.charCodeAt(i + 1)) === DIGIT) {
        h = Math.imul(h ^ c, 0x01000193);
        i++;
      } else break;
    }
  }
  tokenHash = h;
  return i;
}

/**
 * The feature pipeline: normalize → tokenize → drop stopwords and 1-letter tokens → stem.
 * Fast enough for tens of thousands of articles: one scan, and a cached lookup per token that
 * allocates nothing when the token was seen before.
 * @example terms('وأعلنت الرئاسة الروسية في بيان') // ['اعلنت', 'رئاس', 'روس', 'بيان']
 * @param counts when given, `counts.tokens` is set to the number of word tokens (stopwords
 *   included), as {@link countTokens} would give, at no extra cost.
 */
export function terms(text: string, counts?: { tokens: number }): string[] {
  const out: string[] = [];
  const n = text.length;
  let tokens = 0;
  let i = 0;
  while (i < n) {
    const k = CLASS[text.charCodeAt(i)] || classify(text.charCodeAt(i));
    if (k !== LETTER && k !== DIGIT) {
      i++;
      continue;
    }
    const start = i;
    i = tokenEnd(text, start, k);
    tokens++;
    const t = cacheTerm[slotAt(text, start, i, tokenHash)]!;
    if (t !== '') out.push(t);
  }
  if (counts) counts.tokens = tokens;
  return out;
}

let dictionaries = 0;

/** A new key for a {@link TermDictionary}. */
export function newDictionaryKey(): number {
  if (dictionaries === 0x7fffffff) {
    // Keys start over: forget every remembered id so that no old dictionary's id is reused.
    for (let s = 0; s <= CACHE_SIZE; s++) cacheMeta[s * 4 + 2] = 0;
    dictionaries = 0;
  }
  return ++dictionaries;
}

/** A caller's numbering of terms, for {@link termIds}. */
export interface TermDictionary {
  /** This dictionary's key from {@link newDictionaryKey} (ids are remembered per key). */
  readonly key: number;
  /** The id of a term; the same term must always get the same id. */
  id(term: string): number;
}

/**
 * The ids in `dictionary` of the {@link terms} of `text`, in order, appended to `out`: the same
 * as `terms(text).map(dictionary.id)`, but a token seen before costs neither a string nor a
 * map lookup.
 * @example termIds('بيان وبيان', vocab, ids) // ids gets [vocab.id('بيان'), vocab.id('بيان')]
 */
export function termIds(text: string, dictionary: TermDictionary, out: number[]): void {
  const n = text.length;
  const key = dictionary.key;
  let i = 0;
  while (i < n) {
    const k = CLASS[text.charCodeAt(i)] || classify(text.charCodeAt(i));
    if (k !== LETTER && k !== DIGIT) {
      i++;
      continue;
    }
    const start = i;
    i = tokenEnd(text, start, k);
    const slot = slotAt(text, start, i, tokenHash);
    if (cacheMeta[slot * 4 + 2] === key) {
      out.push(cacheMeta[slot * 4 + 3]!);
      continue;
    }
    const t = cacheTerm[slot]!;
    if (t === '') continue;
    const id = dictionary.id(t);
    cacheMeta[slot * 4 + 2] = key;
    cacheMeta[slot * 4 + 3] = id;
    out.push(id);
  }
}
