/**
 * ROUGE-1, ROUGE-2 and ROUGE-L (Lin, 2004) on Arabic-aware tokens: both sides are normalized
 * (diacritics, tatweel, alef forms, ى, ة, digits, punctuation) and split into Unicode word tokens,
 * so hand-normalized references ("الاعظم") match the article's spelling ("الأعظم").
 */
import { normalize, tokenize } from '../arabic/index.js';

/** Precision, recall and F1 of one comparison. */
export interface RougeScore {
  p: number;
  r: number;
  f: number;
}

/** ROUGE-1, ROUGE-2 and ROUGE-L of a candidate. */
export interface RougeScores {
  rouge1: RougeScore;
  rouge2: RougeScore;
  rougeL: RougeScore;
}

/** LCS is quadratic: longer token sequences are cut to this length for ROUGE-L. */
const MAX_LCS_TOKENS = 4000;

/**
 * The tokens ROUGE compares: normalized, Unicode word tokens.
 * @example rougeTokens('الأعظمُ، قال') // ['الاعظم', 'قال']
 */
export function rougeTokens(text: string): string[] {
  return tokenize(normalize(text));
}

function score(overlap: number, candidate: number, reference: number): RougeScore {
  const p = candidate === 0 ? 0 : overlap / candidate;
  const r = reference === 0 ? 0 : overlap / reference;
  return { p, r, f: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = n === 1 ? tokens[i]! : tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * ROUGE-N between token lists (clipped n-gram overlap).
 * @example rougeN(['a', 'b', 'c'], ['a', 'b', 'd'], 2).f // 0.5
 */
export function rougeN(
  candidate: readonly string[],
  reference: readonly string[],
  n: number,
): RougeScore {
  const c = ngramCounts(candidate, n);
  const r = ngramCounts(reference, n);
  let overlap = 0;
  for (const [g, k] of c) {
    const m = r.get(g);
    if (m !== undefined) overlap += Math.min(k, m);
  }
  return score(
    overlap,
    Math.max(0, candidate.length - n + 1),
    Math.max(0, reference.length - n + 1),
  );
}

/**
 * Length of the longest common subsequence (two rows, O(n·m) time, O(m) memory).
 * @example lcsLength(['a', 'b', 'c'], ['a', 'c']) // 2
 */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  const x = a.length > MAX_LCS_TOKENS ? a.slice(0, MAX_LCS_TOKENS) : a;
  const y = b.length > MAX_LCS_TOKENS ? b.slice(0, MAX_LCS_TOKENS) : b;
  let prev = new Uint16Array(y.length + 1);
  let cur = new Uint16Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = xi === y[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length]!;
}

/**
 * ROUGE-L between token lists: one LCS over the whole texts.
 * @example rougeL(['a', 'b', 'c'], ['a', 'c']).r // 1
 */
export function rougeL(candidate: readonly string[], reference: readonly string[]): RougeScore {
  return score(lcsLength(candidate, reference), candidate.length, reference.length);
}

const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
const meanScore = (xs: readonly RougeScore[]): RougeScore => ({
  p: mean(xs.map((s) => s.p)),
  r: mean(xs.map((s) => s.r)),
  f: mean(xs.map((s) => s.f)),
});

/**
 * ROUGE-1/2/L of a candidate text against one or more references, averaged over the references.
 * @example rouge('قال الرئيس', ['قال الرئيس اليوم']).rouge1.r // 0.666…
 */
export function rouge(candidate: string, references: readonly string[]): RougeScores {
  const c = rougeTokens(candidate);
  const refs = references.map(rougeTokens);
  return {
    rouge1: meanScore(refs.map((r) => rougeN(c, r, 1))),
    rouge2: meanScore(refs.map((r) => rougeN(c, r, 2))),
    rougeL: meanScore(refs.map((r) => rougeL(c, r))),
  };
}

/**
 * The mean of several documents' scores (macro average).
 * @example meanRouge([rouge(a, refsA), rouge(b, refsB)]).rouge1.f
 */
export function meanRouge(scores: readonly RougeScores[]): RougeScores {
  return {
    rouge1: meanScore(scores.map((s) => s.rouge1)),
    rouge2: meanScore(scores.map((s) => s.rouge2)),
    rougeL: meanScore(scores.map((s) => s.rougeL)),
  };
}
