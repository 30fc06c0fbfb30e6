/**
 * Term features of articles for clustering and search: normalized, stemmed, stopword-free terms
 * (from the Arabic engine), the title counted several times, the lead more than the rest.
 */
import { terms } from '../arabic/index.js';
import type { Article } from '../domain.js';
import { hashString } from './hash.js';

export interface FeatureOptions {
  /**
   * How many times a title term counts.
   * @default 3
   */
  titleWeight?: number;
  /**
   * How many terms at the start of the text make the lead.
   * @default 60
   */
  leadTerms?: number;
  /**
   * How much a lead term counts (the rest of the text counts 1).
   * @default 3
   */
  leadWeight?: number;
  /**
   * Only this many characters of the text are read (the start says what the article is about;
   * the cap keeps clustering fast on long texts).
   * @default 1500
   */
  maxTextChars?: number;
  /**
   * Match spelling variants of the same name (ترامب/ترمب, كيماوي/كيميائي) by their consonant
   * skeleton (see {@link skeleton}).
   * @default true
   */
  skeletons?: boolean;
}

const INNER_LONG_VOWELS = /[اويىئءؤأإآ]/g;

/**
 * The consonant skeleton of a normalized stem: long vowels and hamza carriers after the first
 * letter are dropped, so that transliterations and spelling variants of one name meet
 * (ترامب and ترمب → ترمب; أمريكي and أميركي → امرك). Skeletons shorter than 3 letters are too
 * ambiguous; the stem is kept then.
 *
 * @example
 * skeleton('كيماوي') === skeleton('كيميائي'); // true
 */
export function skeleton(stem: string): string {
  if (stem.length < 4) return stem;
  const sk = stem[0]! + stem.slice(1).replace(INNER_LONG_VOWELS, '');
  // Long stems with a two-letter skeleton are transliterations (كيماو, كيميائ); short ones
  // would collide with ordinary words.
  return sk.length >= 3 || (stem.length >= 5 && sk.length === 2) ? sk : stem;
}

/**
 * Weighted term counts of one article: title terms × titleWeight, lead terms × leadWeight,
 * other terms × 1.
 *
 * @example
 * articleTermCounts({ title: 'زلزال في تركيا', text: 'ضرب زلزال قوي جنوب تركيا.' } as Article);
 */
export function articleTermCounts(
  article: Pick<Article, 'title' | 'text'>,
  opts: FeatureOptions = {},
): Map<string, number> {
  const titleWeight = opts.titleWeight ?? 3;
  const leadTerms = opts.leadTerms ?? 60;
  const leadWeight = opts.leadWeight ?? 3;
  const maxChars = opts.maxTextChars ?? 1500;
  const skeletons = opts.skeletons ?? true;
  const key = skeletons ? skeleton : (t: string) => t;
  const counts = new Map<string, number>();
  for (const t0 of terms(article.title)) {
    const t = key(t0);
    counts.set(t, (counts.get(t) ?? 0) + titleWeight);
  }
  const text = article.text.length > maxChars ? article.text.slice(0, maxChars) : article.text;
  const body = terms(text);
  for (let i = 0; i < body.length; i++) {
    const t = key(body[i]!);
    counts.set(t, (counts.get(t) ?? 0) + (i < leadTerms ? leadWeight : 1));
  }
  return counts;
}

const SPACES = /\s+/g;

/**
 * Fingerprint of an article's exact content (title and text with runs of spaces collapsed):
 * equal fingerprints mean the same article filed twice.
 */
export function contentFingerprint(article: Pick<Article, 'title' | 'text'>): string {
  const text = article.text.replace(SPACES, ' ').trim();
  // An empty or very short text says too little; the title then has to match too.
  return hashString(`${article.title.replace(SPACES, ' ').trim()}\n${text}`);
}

/** The URL without scheme, "www.", fragment and trailing slash, for duplicate detection. */
export function canonicalUrl(url: string): string {
  return url
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/#.*$/, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/** Milliseconds since the epoch of an article's publication, or NaN when unparseable. */
export function publishedMs(article: Pick<Article, 'publishedAt'>): number {
  return Date.parse(article.publishedAt);
}
