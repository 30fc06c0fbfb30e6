/**
 * The feature pipeline: normalize → tokenize → drop stopwords and 1-letter tokens → stem, as
 * strings ({@link terms}) or as a caller's term ids ({@link termIds}). One scan of the text,
 * and a remembered lookup per token that allocates nothing when the token was seen before.
 *
 * Raw tokens seen before live in an open-addressing table, keyed by the hash computed while
 * scanning. A slot is 8 numbers (32 bytes, two to a cache line): the hash; the token's length
 * (0: empty slot); the number of its term (see {@link internTerm}; -1: a stopword or too
 * short); where characters beyond the 8th sit in {@link pool}; then the first 8 characters, two
 * per number. At tens of thousands of articles the table outgrows CPU caches, and a lookup then
 * costs what it reads from memory: one line for a token of up to 8 characters (most words), the
 * line and the pool for a longer one. The table starts at 512 KB and doubles as it fills, up to
 * 32 MB. The table and the two loops that read it share this module: with the table in a
 * module of its own, terms() took a tenth longer (calls from module to module per token).
 */
import { type TokenHash, mixFirst, mixSecond } from './hash.js';
import { normalize } from './normalize.js';
import { lastTokenHash, nextTokenStart, tokenEnd } from './scan.js';
import { stem } from './stem.js';
import { STOPWORDS } from './stopwords.js';

/** The table doubles (to stay at most half full) up to this many slots. */
const MAX_SLOTS = 1 << 20;
const FIRST_SLOTS = 1 << 14;
/** Tokens kept at most: past this, the table starts over. */
const CACHE_LIMIT = MAX_SLOTS >> 1;
/** Numbers per slot. */
const SLOT = 8;
/** Characters kept in the slot itself. */
const INLINE = 8;
/** Characters of raw tokens beyond their first {@link INLINE}, end to end, at most. */
const POOL_LIMIT = CACHE_LIMIT * 8;
/** Tokens longer than this are not kept (never seen twice in practice: runs without spaces). */
const MAX_KEPT_TOKEN = 64;
/** Not a term (a stopword or too short). */
const NO_TERM = -1;
/** A token too long to keep: its term is computed on the spot (see {@link computeTerm}). */
const UNCACHED = -2;

/** و and ف, the conjunctions joined to a stopword ("وفي", "فمن") that leave it one. */
const WAW = 0x0648;
const FEH = 0x0641;
/** Terms shorter than this are dropped. */
const MIN_TERM = 2;

let table = new Int32Array(FIRST_SLOTS * SLOT);
let slotMask = FIRST_SLOTS - 1;
let cacheCount = 0;
let pool = new Uint16Array(1 << 16);
let poolUsed = 0;

/** Terms by number, and numbers by term: each distinct term is one string, made once. */
let termList: string[] = [];
let termNumbers = new Map<string, number>();
/** Changes whenever the table (and with it the numbering of terms) starts over. */
let generation = 0;

/** Normalizes one raw token and returns its stem, or '' when it is a stopword or too short. */
function computeTerm(raw: string): string {
  const n = normalize(raw);
  const first = n.charCodeAt(0);
  if (
    n.length < MIN_TERM ||
    STOPWORDS.has(n) ||
    ((first === WAW || first === FEH) && STOPWORDS.has(n.slice(1)))
  ) {
    return '';
  }
  const t = stem(n);
  return t.length < MIN_TERM ? '' : t;
}

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
  table.fill(0);
  cacheCount = 0;
  poolUsed = 0;
  termList = [];
  termNumbers = new Map();
  generation++;
}

/** Doubles the table: every kept token moves to its place in the larger one. */
function growTable(): void {
  const old = table;
  const slots = (slotMask + 1) * 2;
  const mask = slots - 1;
  const grown = new Int32Array(slots * SLOT);
  for (let m = 0; m < old.length; m += SLOT) {
    if (old[m + 1] === 0) continue;
    let slot = old[m]! & mask;
    while (grown[slot * SLOT + 1] !== 0) slot = (slot + 1) & mask;
    grown.set(old.subarray(m, m + SLOT), slot * SLOT);
  }
  table = grown;
  slotMask = mask;
}

/**
 * The term number of the token text[start, end) whose FNV-1a hash is `h`, computed and kept
 * when the token is new; {@link NO_TERM} for a stopword, {@link UNCACHED} for a token too long
 * to keep.
 */
function termNumberAt(text: string, start: number, end: number, h: number): number {
  const len = end - start;
  if (len > MAX_KEPT_TOKEN) return UNCACHED;
  const inline = len < INLINE ? len : INLINE;
  const mask = slotMask;
  const tbl = table;
  let slot = h & mask;
  for (;;) {
    const m = slot * SLOT;
    const l = tbl[m + 1]!;
    if (l === 0) break;
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
  return keepToken(text, start, end, h, slot);
}

/** Fills the empty `slot` with a new token (see {@link termNumberAt}); returns its term number. */
function keepToken(text: string, start: number, end: number, h: number, slot: number): number {
  const len = end - start;
  const extra = len > INLINE ? len - INLINE : 0;
  if (cacheCount >= CACHE_LIMIT || poolUsed + extra > POOL_LIMIT) {
    resetCache();
    slot = h & slotMask;
  } else if (cacheCount >= (slotMask + 1) >> 1) {
    growTable();
    slot = h & slotMask;
    while (table[slot * SLOT + 1] !== 0) slot = (slot + 1) & slotMask;
  }
  if (poolUsed + extra > pool.length) {
    const grown = new Uint16Array(Math.max(pool.length * 2, poolUsed + extra));
    grown.set(pool.subarray(0, poolUsed));
    pool = grown;
  }
  const term = computeTerm(text.slice(start, end));
  const k = term === '' ? NO_TERM : internTerm(term);
  const m = slot * SLOT;
  table[m] = h;
  table[m + 1] = len;
  table[m + 2] = k;
  table[m + 3] = poolUsed;
  const inline = len < INLINE ? len : INLINE;
  let x = 0;
  for (; x + 1 < inline; x += 2) {
    table[m + 4 + (x >> 1)] = text.charCodeAt(start + x) | (text.charCodeAt(start + x + 1) << 16);
  }
  if (x < inline) table[m + 4 + (x >> 1)] = text.charCodeAt(start + x);
  for (let y = INLINE; y < len; y++) pool[poolUsed++] = text.charCodeAt(start + y);
  cacheCount++;
  return k;
}

/**
 * The terms of a text, in order: each word token normalized, stopwords and 1-letter tokens
 * dropped, the rest stemmed. Fast enough for tens of thousands of articles.
 * @example terms('وأعلنت الرئاسة الروسية في بيان') // ['اعلنت', 'رئاس', 'روس', 'بيان']
 * @param counts when given, `counts.tokens` is set to the number of word tokens (stopwords
 *   included), as {@link countTokens} would give, at no extra cost.
 */
export function terms(text: string, counts?: { tokens: number }): string[] {
  const out: string[] = [];
  const n = text.length;
  let tokens = 0;
  let i = nextTokenStart(text, 0, n);
  while (i < n) {
    const start = i;
    i = tokenEnd(text, start, n);
    tokens++;
    const t = termNumberAt(text, start, i, lastTokenHash());
    if (t >= 0) out.push(termList[t]!);
    else if (t === UNCACHED) {
      const long = computeTerm(text.slice(start, i));
      if (long !== '') out.push(long);
    }
    i = nextTokenStart(text, i, n);
  }
  if (counts) counts.tokens = tokens;
  return out;
}

/** A caller's numbering of terms, for {@link termIds}. */
export interface TermDictionary {
  /** The id of a term; the same term must always get the same id. */
  id(term: string): number;
}

/**
 * A growable list of term ids for {@link termIds}, reused from text to text: unlike an array
 * emptied with `length = 0`, it keeps its buffer.
 * @example const ids = new TermIdList(); termIds('بيان', vocab, ids); ids.ids.subarray(0, ids.length)
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
  for (let i = nextTokenStart(text, 0, n); i < n; i = nextTokenStart(text, i, n)) {
    const start = i;
    i = tokenEnd(text, start, n);
    const token = lastTokenHash();
    if (digest) {
      h1 = mixFirst(h1, token);
      h2 = mixSecond(h2, token, i - start);
      count++;
    }
    const t = termNumberAt(text, start, i, token);
    if (t < 0) {
      if (t === UNCACHED) {
        const long = computeTerm(text.slice(start, i));
        if (long !== '') out.push(dictionary.id(long));
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
  }
  if (digest) {
    digest.h1 = h1;
    digest.h2 = h2;
    digest.tokens = count;
  }
}
