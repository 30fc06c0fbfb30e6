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
 * Calls `emit(start, end)` for each word token of text[0, n): a run of letters and marks (digits
 * and joiners allowed after the first letter), or a number with its internal separators. The
 * token's hash is in {@link tokenHash} during the call.
 */
function scanTokens(
  text: string,
  emit: (start: number, end: number) => void,
  n = text.length,
): void {
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = CLASS[c] || classify(c);
    if (k !== LETTER && k !== DIGIT) {
      i++;
      continue;
    }
    const start = i;
    i = tokenEnd(text, start, k, n);
    emit(start, i);
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
const YEH = 0x064a;
const NOON = 0x0646;
const FEH = 0x0641;
const ARABIC_LETTER_RE = /[\u0621-\u064A\u0671-\u06D3]/;

/** Definite-article prefixes of light10, longest first. */
const ARTICLE_PREFIXES = ['وال', 'فال', 'بال', 'كال', 'ال', 'لل'] as const;
/** Suffixes of light10 (normalized: ة→ه, so ية and يه coincide), tried once each, in order. */
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'] as const;

/**
 * Names in -ين that outlets also write without the ي (بوتن, كوربن, كوهن): the stemmer would
 * take their -ين for a plural's (بوتين → بوت), and one person would be two terms, one per
 * outlet's spelling. Each stems to its -ن spelling, the one its other writing keeps. A list, not
 * a rule: the same ending is a plural's or a dual's in common words (يومين, عامين), and a word's
 * -ن form may be another word (اليمين, اليمن).
 */
const NAMES_IN_YIN: ReadonlySet<string> = new Set([
  'بوتين',
  'كوربين',
  'كوهين',
  'ستيفين',
  'جاستين',
  'كيفين',
]);

/** The -ن spelling of a name in {@link NAMES_IN_YIN}, with a ب or ل before it; else undefined. */
function nameInYin(w: string): string | undefined {
  if (w.length < 5 || w.charCodeAt(w.length - 2) !== YEH || w.charCodeAt(w.length - 1) !== NOON) {
    return undefined;
  }
  const bare = w[0] === 'ب' || w[0] === 'ل' ? w.slice(1) : w;
  return NAMES_IN_YIN.has(bare) || NAMES_IN_YIN.has(w) ? `${w.slice(0, -2)}ن` : undefined;
}

/**
 * Light stemmer after Larkey's light10: strips a leading "و" (when 3+ letters remain), a definite
 * article with its clitic (ال وال بال كال فال لل, when 2+ remain), then each of the suffixes
 * ها ان ات ون ين يه ه ي once, right to left (when 3+ remain: light10 allows 2, which
 * turns بيان into بي); a name in -ين that is also written in -ن (بوتين, بوتن) stems to that
 * spelling (see {@link NAMES_IN_YIN}). Expects a normalized token;
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
  const name = nameInYin(w);
  if (name !== undefined) return name;
  for (const s of SUFFIXES) {
    if (w.length - s.length >= 3 && w.endsWith(s)) w = w.slice(0, -s.length);
  }
  return w;
}

/**
 * Values of raw tokens already seen, in an open-addressing table keyed by a hash computed while
 * scanning: news vocabulary repeats, so most tokens are found without allocating a string.
 *
 * A slot is 8 numbers (32 bytes, two to a cache line): the hash; the token's length (0: empty
 * slot); its value; where characters beyond the 8th sit in the pool; then the first 8
 * characters, two per number. At tens of thousands of articles the table outgrows CPU caches,
 * and a lookup then costs what it reads from memory: one line for a token of up to 8 characters
 * (most words), the line and the pool for a longer one. The table starts at 512 KB and doubles
 * as it fills (to stay at most half full).
 */
class TokenTable {
  slots = new Int32Array(FIRST_SLOTS * SLOT);
  mask = FIRST_SLOTS - 1;
  /** Tokens kept. */
  count = 0;
  /** Characters of tokens beyond their first {@link INLINE}, end to end. */
  pool = new Uint16Array(1 << 16);
  poolUsed = 0;

  /** The value kept for the token text[start, end) whose FNV-1a hash is `h`, or {@link MISSING}. */
  find(text: string, start: number, end: number, h: number): number {
    const len = end - start;
    const inline = len < INLINE ? len : INLINE;
    const mask = this.mask;
    const tbl = this.slots;
    const pool = this.pool;
    let slot = h & mask;
    for (;;) {
      const m = slot * SLOT;
      const l = tbl[m + 1]!;
      if (l === 0) return MISSING;
      if (l === len && tbl[m] === h) {
        let x = 0;
        for (; x + 1 < inline; x += 2) {
          const pair = text.charCodeAt(start + x) | (text.charCodeAt(start + x + 1) << 16);
          if (tbl[m + 4 + (x >> 1)] !== pair) break;
        }
        if (x + 1 >= inline) {
          let same = x >= inline || tbl[m + 4 + (x >> 1)] === text.charCodeAt(start + x);
          const at = tbl[m + 3]! - INLINE;
          for (let y = INLINE; same && y < len; y++)
            same = pool[at + y] === text.charCodeAt(start + y);
          if (same) return tbl[m + 2]!;
        }
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Keeps `value` for a token {@link find} did not find. */
  keep(text: string, start: number, end: number, h: number, value: number): void {
    const len = end - start;
    if (this.count >= (this.mask + 1) >> 1) this.grow();
    if (this.poolUsed + len > this.pool.length) {
      const grown = new Uint16Array(Math.max(this.pool.length * 2, this.poolUsed + len));
      grown.set(this.pool.subarray(0, this.poolUsed));
      this.pool = grown;
    }
    const tbl = this.slots;
    let slot = h & this.mask;
    while (tbl[slot * SLOT + 1] !== 0) slot = (slot + 1) & this.mask;
    const m = slot * SLOT;
    tbl[m] = h;
    tbl[m + 1] = len;
    tbl[m + 2] = value;
    tbl[m + 3] = this.poolUsed;
    const inline = len < INLINE ? len : INLINE;
    let x = 0;
    for (; x + 1 < inline; x += 2) {
      tbl[m + 4 + (x >> 1)] = text.charCodeAt(start + x) | (text.charCodeAt(start + x + 1) << 16);
    }
    if (x < inline) tbl[m + 4 + (x >> 1)] = text.charCodeAt(start + x);
    for (let y = INLINE; y < len; y++) this.pool[this.poolUsed++] = text.charCodeAt(start + y);
    this.count++;
  }

  /** Doubles the table: every kept token moves to its place in the larger one. */
  private grow(): void {
    const old = this.slots;
    const slots = (this.mask + 1) * 2;
    const mask = slots - 1;
    const grown = new Int32Array(slots * SLOT);
    for (let m = 0; m < old.length; m += SLOT) {
      if (old[m + 1] === 0) continue;
      let slot = old[m]! & mask;
      while (grown[slot * SLOT + 1] !== 0) slot = (slot + 1) & mask;
      grown.set(old.subarray(m, m + SLOT), slot * SLOT);
    }
    this.slots = grown;
    this.mask = mask;
  }

  /** Forgets every token. */
  clear(): void {
    this.slots.fill(0);
    this.count = 0;
    this.poolUsed = 0;
  }
}

/** What {@link TokenTable.find} answers for a token it does not have. */
const MISSING = -0x80000000;
const FIRST_SLOTS = 1 << 14;
const SLOT = 8;
const INLINE = 8;
/** Tokens longer than this are not kept (never seen twice in practice: runs without spaces). */
const MAX_KEPT_TOKEN = 64;

/**
 * The terms of raw tokens (the number of each token's term, see {@link internTerm}; -1 for a
 * stopword or a token too short). Kept up to half a million tokens (a table of 32 MB): past
 * that, or past 4 million characters of long tokens, it starts over.
 */
const termCache = new TokenTable();
/** Tokens kept at most: past this, the table starts over. */
const CACHE_LIMIT = 1 << 19;
const POOL_LIMIT = CACHE_LIMIT * 8;
/** Not a term (a stopword or too short). */
const NO_TERM = -1;
/** A token too long to keep: its term is computed on the spot. */
const UNCACHED = -2;

/** Terms by number, and numbers by term: each distinct term is one string, made once. */
let termList: string[];
let termNumbers: Map<string, number>;
/** Changes whenever the table (and with it the numbering of terms) starts over. */
let generation = 0;

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

/**
 * Names the press writes in two words or in one ("فيس بوك", "فيسبوك"): a two-word spelling
 * also gives the term of the one-word spelling. The terms of the second words are numbered
 * first, 0 … TAIL_TERMS - 1, so that a scan tells them by their number; TAIL_HEADS[k] maps the
 * term of a first word to the term of the whole name.
 */
const COMPOUND_NAMES = ['فيس بوك', 'يو تيوب', 'نيو يورك', 'سناب شات', 'أبو ظبي'];
const TAILS: string[] = [];
const TAIL_HEADS: Map<string, string>[] = [];
for (const name of COMPOUND_NAMES) {
  const [first, second] = name.split(' ').map(computeTerm);
  const whole = computeTerm(name.replace(' ', ''));
  if (!first || !second || !whole) throw new Error(`compound name ${name} has no terms`);
  let k = TAILS.indexOf(second);
  if (k < 0) {
    k = TAILS.push(second) - 1;
    TAIL_HEADS.push(new Map());
  }
  TAIL_HEADS[k]!.set(first, whole);
}
const TAIL_TERMS = TAILS.length;

/** Starts the numbering of terms over, with the second words of compound names first. */
function startNumbering(): void {
  termList = [...TAILS];
  termNumbers = new Map(TAILS.map((t, k) => [t, k]));
}
startNumbering();

/** The number of a term, given on first sight. */
function internTerm(term: string): number {
  let k = termNumbers.get(term);
  if (k === undefined) {
    k = termList.length;
    termList.push(term);
    termNumbers.set(term, k);
  }
  return k;
}

/** Empties the table (when full). */
function resetCache(): void {
  termCache.clear();
  startNumbering();
  generation++;
}

/**
 * The term number of the token text[start, end) whose FNV-1a hash is `h`, computed and kept
 * when the token is new; {@link NO_TERM} for a stopword, {@link UNCACHED} for a token too long
 * to keep.
 */
function termNumberAt(text: string, start: number, end: number, h: number): number {
  if (end - start > MAX_KEPT_TOKEN) return UNCACHED;
  const k = termCache.find(text, start, end, h);
  return k !== MISSING ? k : keepToken(text, start, end, h);
}

/** Computes and keeps the term of a token {@link termNumberAt} did not find; returns its number. */
function keepToken(text: string, start: number, end: number, h: number): number {
  const extra = end - start - INLINE;
  if (termCache.count >= CACHE_LIMIT || termCache.poolUsed + extra > POOL_LIMIT) resetCache();
  const term = computeTerm(text.slice(start, end));
  const k = term === '' ? NO_TERM : internTerm(term);
  termCache.keep(text, start, end, h, k);
  return k;
}

/** FNV-1a hash of the token {@link tokenEnd} scanned last. */
let tokenHash = 0;

/**
 * The end (at most `n`) of the token starting at `start` (a letter or digit of class `k`); its
 * hash is left in {@link tokenHash}.
 */
function tokenEnd(text: string, start: number, k: number, n: number): number {
  let h = 0x811c9dc5 ^ text.charCodeAt(start);
  h = Math.imul(h, 0x01000193);
  let i = start + 1;
  if (k === LETTER) {
    while (i < n) {
      const c = text.charCodeAt(i);
      const kk = CLASS[c] || classify(c);
      if (kk === SEP) break;
      h = Math.imul(h ^ c, 0x01000193);
      i++;
    }
  } else {
    while (i < n) {
      const c = text.charCodeAt(i);
      if ((CLASS[c] || classify(c)) === DIGIT) {
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
  let lastAt = -1;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = CLASS[c] || classify(c);
    if (k !== LETTER && k !== DIGIT) {
      i++;
      continue;
    }
    const start = i;
    i = tokenEnd(text, start, k, n);
    tokens++;
    const t = termNumberAt(text, start, i, tokenHash);
    if (t >= 0) {
      out.push(termList[t]!);
      if (t < TAIL_TERMS && lastAt === tokens - 1) {
        const whole = TAIL_HEADS[t]!.get(out[out.length - 2]!);
        if (whole !== undefined) out.push(whole);
      }
      lastAt = tokens;
    } else if (t === UNCACHED) {
      const long = computeTerm(text.slice(start, i));
      if (long !== '') out.push(long);
      lastAt = tokens;
    }
  }
  if (counts) counts.tokens = tokens;
  return out;
}

/**
 * A running hash of the word tokens of texts, in order (punctuation and spacing aside): equal
 * hashes mean the same words in the same order. See {@link termIds} and {@link hashTokens}.
 */
export interface TokenHash {
  h1: number;
  h2: number;
  tokens: number;
}

/** A new, empty {@link TokenHash}. */
export function newTokenHash(): TokenHash {
  return { h1: 0x811c9dc5, h2: 0x01000193, tokens: 0 };
}

/** Marks the end of one part (a title, say) so that words cannot move across it unnoticed. */
export function hashBreak(hash: TokenHash): void {
  hash.h1 = Math.imul(hash.h1 ^ 0x7c, 0x01000193);
  hash.h2 = Math.imul(hash.h2 ^ 0x7c, 0x85ebca6b);
}

/** The hash as one whole number below 2^53 (53 of its 64 bits). */
export function hashValue(hash: TokenHash): number {
  return (hash.h1 >>> 0) * 0x200000 + (((hash.h2 ^ hash.tokens) >>> 0) & 0x1fffff);
}

/** The two halves of a token hash, each taking one more token (its hash and length). */
const digestMix1 = (h1: number, token: number): number => Math.imul(h1 ^ token, 0x01000193);
const digestMix2 = (h2: number, token: number, length: number): number =>
  Math.imul(h2 ^ (token + length * 0x9e3779b9), 0x85ebca6b) ^ (h2 >>> 13);

/** Adds the word tokens of `text` (of its first `limit` characters) to `hash`. */
export function hashTokens(text: string, hash: TokenHash, limit = text.length): void {
  let h1 = hash.h1;
  let h2 = hash.h2;
  let count = hash.tokens;
  scanTokens(
    text,
    (start, end) => {
      h1 = digestMix1(h1, tokenHash);
      h2 = digestMix2(h2, tokenHash, end - start);
      count++;
    },
    Math.min(limit, text.length),
  );
  hash.h1 = h1;
  hash.h2 = h2;
  hash.tokens = count;
}

/** A caller's numbering of terms, for {@link termIds}. */
export interface TermDictionary {
  /** The id of a term; the same term must always get the same id. */
  id(term: string): number;
}

/**
 * A growable list of term ids for {@link termIds}, reused from text to text: unlike an array
 * emptied with `length = 0`, it keeps its buffer.
 */
export class TermIdList {
  ids = new Int32Array(256);
  length = 0;

  push(id: number): void {
    if (this.length === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.length++] = id;
  }

  clear(): void {
    this.length = 0;
  }
}

/** A dictionary's ids by term number (id + 1; 0: not asked yet), for the current generation. */
interface IdMemo {
  generation: number;
  ids: Int32Array;
}
const memos = new WeakMap<TermDictionary, IdMemo>();

function memoOf(dictionary: TermDictionary): IdMemo {
  let memo = memos.get(dictionary);
  if (memo === undefined) {
    memo = { generation, ids: new Int32Array(Math.max(1024, termList.length * 2)) };
    memos.set(dictionary, memo);
  } else if (memo.generation !== generation) {
    memo.generation = generation;
    memo.ids.fill(0);
  }
  return memo;
}

/**
 * The ids in `dictionary` of the {@link terms} of `text` (of its first `limit` characters when
 * given, as if it were cut there), in order, appended to `out` (and its word tokens added to
 * `digest` when given, as {@link hashTokens} would): the same as
 * `terms(text).map(dictionary.id)`, but a token seen before costs neither a string nor a map
 * lookup, and `dictionary.id` is asked once per distinct term.
 * @example termIds('بيان وبيان', vocab, ids) // ids gets [vocab.id('بيان'), vocab.id('بيان')]
 */
export function termIds(
  text: string,
  dictionary: TermDictionary,
  out: { push(id: number): unknown },
  limit = text.length,
  digest?: TokenHash,
): void {
  const n = Math.min(limit, text.length);
  let memo = memoOf(dictionary);
  let ids = memo.ids;
  // The digest (when asked for) comes with the scan at no extra reading of the text.
  let h1 = digest ? digest.h1 : 0;
  let h2 = digest ? digest.h2 : 0;
  let count = digest ? digest.tokens : 0;
  // The number of the last word token that gave a term, and that term's number (for the
  // compound names: see TAIL_HEADS).
  let tokens = 0;
  let last = 0;
  let lastAt = -1;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = CLASS[c] || classify(c);
    if (k !== LETTER && k !== DIGIT) {
      i++;
      continue;
    }
    const start = i;
    i = tokenEnd(text, start, k, n);
    if (digest) {
      h1 = digestMix1(h1, tokenHash);
      h2 = digestMix2(h2, tokenHash, i - start);
      count++;
    }
    tokens++;
    const t = termNumberAt(text, start, i, tokenHash);
    if (t < 0) {
      if (t === UNCACHED) {
        const long = computeTerm(text.slice(start, i));
        if (long !== '') {
          out.push(dictionary.id(long));
          lastAt = -1;
        }
      }
      continue;
    }
    if (memo.generation !== generation || t >= ids.length) {
      // The table started over (numbers changed) or the numbering outgrew the memo.
      memo = memoOf(dictionary);
      if (t >= memo.ids.length) {
        const grown = new Int32Array(Math.max(memo.ids.length * 2, termList.length));
        grown.set(memo.ids);
        memo.ids = grown;
      }
      ids = memo.ids;
    }
    let id = ids[t]! - 1;
    if (id < 0) {
      id = dictionary.id(termList[t]!);
      ids[t] = id + 1;
    }
    out.push(id);
    // A compound name's second word, right after a word: the whole name's term too.
    if (t < TAIL_TERMS && lastAt === tokens - 1) {
      const whole = TAIL_HEADS[t]!.get(termList[last]!);
      if (whole !== undefined) out.push(dictionary.id(whole));
    }
    last = t;
    lastAt = tokens;
  }
  if (digest) {
    digest.h1 = h1;
    digest.h2 = h2;
    digest.tokens = count;
  }
}

/**
 * Numbers for the raw word tokens of texts (the tokens {@link tokenize} cuts), given by the
 * caller once per distinct token and found again while scanning: a token seen before costs
 * neither a string nor a map lookup (as {@link termIds} does for terms).
 *
 * @example
 * const words: string[] = [];
 * const numbers = new TokenNumbers((token) => words.push(token) - 1);
 * const out: number[] = [];
 * numbers.scan('بيان وبيان بيان', (n) => out.push(n)); // out is [0, 1, 0]
 */
export class TokenNumbers {
  private readonly table = new TokenTable();

  /** `numberOf` gives a new token its number: a whole number from 0 (kept in 32 bits). */
  constructor(private readonly numberOf: (token: string) => number) {}

  /** Calls `visit(number, start, end)` for each word token of text[0, limit), in order. */
  scan(
    text: string,
    visit: (number: number, start: number, end: number) => void,
    limit = text.length,
  ): void {
    scanTokens(
      text,
      (start, end) => {
        // Taken first: numberOf may scan other texts.
        const h = tokenHash;
        let k: number;
        if (end - start > MAX_KEPT_TOKEN) {
          k = this.numberOf(text.slice(start, end));
        } else {
          k = this.table.find(text, start, end, h);
          if (k === MISSING) {
            k = this.numberOf(text.slice(start, end));
            if (!(Number.isInteger(k) && k >= 0 && k <= 0x7fffffff)) {
              throw new RangeError(`token number ${k}`);
            }
            this.table.keep(text, start, end, h, k);
          }
        }
        visit(k, start, end);
      },
      Math.min(limit, text.length),
    );
  }
}
