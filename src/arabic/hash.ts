/**
 * A running hash of word tokens: equal hashes mean the same words in the same order,
 * punctuation and spacing aside. Two 32-bit halves, each mixing in every token's FNV-1a hash.
 */
import { lastTokenHash, scanTokens } from './scan.js';

/**
 * A running hash of the word tokens of texts, in order (punctuation and spacing aside): equal
 * hashes mean the same words in the same order. See {@link termIds} and {@link hashTokens}.
 */
export interface TokenHash {
  h1: number;
  h2: number;
  tokens: number;
}

// Written here rather than imported from scan.ts: an imported constant is read through a
// module cell on each use, and these are used once per token.
/** FNV-1a, 32 bits, as for each token in scan.ts: the offset basis (the first half's seed). */
const FNV_OFFSET = 0x811c9dc5;
/** FNV-1a's prime: the first half's multiplier, and the second half's seed. */
const FNV_PRIME = 0x01000193;
/** The second half's multiplier (MurmurHash3's). */
const MIX2_PRIME = 0x85ebca6b;
/** Spreads a token's length over the bits of the second half (the golden ratio's fraction). */
const LENGTH_SPREAD = 0x9e3779b9;
/** What {@link hashBreak} mixes in: "|", a character no token holds. */
const BREAK = 0x7c;
/** 2^21: the low bits of {@link hashValue} come from the second half. */
const LOW_BITS = 0x200000;

/**
 * A new, empty {@link TokenHash}.
 * @example hashValue(newTokenHash()) === hashValue(newTokenHash()) // true
 */
export function newTokenHash(): TokenHash {
  return { h1: FNV_OFFSET, h2: FNV_PRIME, tokens: 0 };
}

/**
 * Marks the end of one part (a title, say) so that words cannot move across it unnoticed.
 * @example const h = newTokenHash(); hashTokens('عنوان', h); hashBreak(h); hashTokens('نص', h);
 */
export function hashBreak(hash: TokenHash): void {
  hash.h1 = Math.imul(hash.h1 ^ BREAK, FNV_PRIME);
  hash.h2 = Math.imul(hash.h2 ^ BREAK, MIX2_PRIME);
}

/**
 * The hash as one whole number below 2^53 (53 of its 64 bits).
 * @example const h = newTokenHash(); hashTokens('خبر عاجل', h); hashValue(h) // a number below 2^53
 */
export function hashValue(hash: TokenHash): number {
  return (hash.h1 >>> 0) * LOW_BITS + (((hash.h2 ^ hash.tokens) >>> 0) & (LOW_BITS - 1));
}

/** The first half of a token hash, taking one more token (its FNV-1a hash). */
export function mixFirst(h1: number, token: number): number {
  return Math.imul(h1 ^ token, FNV_PRIME);
}

/** The second half of a token hash, taking one more token (its FNV-1a hash and length). */
export function mixSecond(h2: number, token: number, length: number): number {
  return Math.imul(h2 ^ (token + length * LENGTH_SPREAD), MIX2_PRIME) ^ (h2 >>> 13);
}

/**
 * Adds the word tokens of `text` (of its first `limit` characters) to `hash`.
 * @example
 * const a = newTokenHash(); hashTokens('قال الوزير', a);
 * const b = newTokenHash(); hashTokens('قال: «الوزير»', b);
 * hashValue(a) === hashValue(b) // true
 */
export function hashTokens(text: string, hash: TokenHash, limit = text.length): void {
  let h1 = hash.h1;
  let h2 = hash.h2;
  let count = hash.tokens;
  scanTokens(
    text,
    (start, end) => {
      const token = lastTokenHash();
      h1 = mixFirst(h1, token);
      h2 = mixSecond(h2, token, end - start);
      count++;
    },
    Math.min(limit, text.length),
  );
  hash.h1 = h1;
  hash.h2 = h2;
  hash.tokens = count;
}
