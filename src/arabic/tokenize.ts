/**
 * Word tokens: runs of letters and marks (digits and joiners allowed after the first letter),
 * and numbers with their internal separators. Punctuation, spaces and symbols separate them.
 */
import { scanTokens } from './scan.js';

/**
 * Splits text into word tokens in their original form (letters and digits; punctuation dropped).
 * @example tokenize('قال: «نعم» 3.5%') // ['قال', 'نعم', '3.5']
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  scanTokens(text, (s, e) => out.push(text.slice(s, e)));
  return out;
}

/**
 * Counts word tokens (as {@link tokenize} would find them) without allocating.
 * @example countTokens('قال: «نعم» 3.5%') // 3
 */
export function countTokens(text: string): number {
  let count = 0;
  scanTokens(text, () => count++);
  return count;
}
