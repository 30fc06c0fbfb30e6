/**
 * Term features of articles for clustering and search: normalized, stemmed, stopword-free terms
 * (from the Arabic engine), the title counted several times, the lead more than the rest.
 */
import {
  TermIdList,
  hashBreak,
  hashTokens,
  hashValue,
  newTokenHash,
  termIds,
  terms,
} from '../arabic/index.js';
import type { Article } from '../domain.js';

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
   * The first this many characters of the text count in full (the start says what the article
   * is about); the rest counts `tailWeight`.
   * @default 1200
   */
  maxTextChars?: number;
  /**
   * How much a term after `maxTextChars` counts: 0 reads only the start. Long analyses and press
   * reviews name their event all the way down, so clustering reads the whole text.
   * @default 0
   */
  tailWeight?: number;
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
  const known = SKELETONS.get(stem);
  if (known !== undefined) return known;
  const sk = computeSkeleton(stem);
  // A bounded memo: news vocabulary repeats, and this runs on every term of every article.
  if (SKELETONS.size >= 200_000) SKELETONS.clear();
  SKELETONS.set(stem, sk);
  return sk;
}

const SKELETONS = new Map<string, string>();

function computeSkeleton(stem: string): string {
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
  const maxChars = opts.maxTextChars ?? 1200;
  const skeletons = opts.skeletons ?? true;
  const stems = new Map<string, number>();
  for (const t of terms(article.title)) stems.set(t, (stems.get(t) ?? 0) + titleWeight);
  const tailWeight = opts.tailWeight ?? 0;
  const text = article.text.length > maxChars ? article.text.slice(0, maxChars) : article.text;
  const body = terms(text);
  for (let i = 0; i < body.length; i++) {
    const t = body[i]!;
    stems.set(t, (stems.get(t) ?? 0) + (i < leadTerms ? leadWeight : 1));
  }
  if (tailWeight > 0) {
    for (const t of terms(tailOf(article.text, maxChars))) {
      stems.set(t, (stems.get(t) ?? 0) + tailWeight);
    }
  }
  if (!skeletons) return stems;
  // Variants are folded once per distinct stem, not once per occurrence.
  const counts = new Map<string, number>();
  for (const [t, c] of stems) {
    const k = skeleton(t);
    counts.set(k, (counts.get(k) ?? 0) + c);
  }
  return counts;
}

const SPACE = /\s/g;

/**
 * The text after the first `maxChars` characters, from the end of the word cut there (that word
 * is read with the start); '' when the text is that short.
 */
export function tailOf(text: string, maxChars: number): string {
  if (text.length <= maxChars) return '';
  SPACE.lastIndex = maxChars;
  const m = SPACE.exec(text);
  return m ? text.slice(m.index) : '';
}

/**
 * Fingerprint of an article's content: its words in order (spacing and punctuation aside) in
 * the title and in the part of the text that term extraction reads (`maxTextChars`, see
 * {@link termCountTable}, which gives the same fingerprints as a by-product). Equal fingerprints
 * mean the same article filed twice (or a version updated further down).
 */
export function contentFingerprint(
  article: Pick<Article, 'title' | 'text'>,
  opts: Pick<FeatureOptions, 'maxTextChars'> = {},
): number {
  const digest = newTokenHash();
  hashTokens(article.title, digest);
  hashBreak(digest);
  hashTokens(article.text, digest, opts.maxTextChars ?? 1200);
  return hashValue(digest);
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

/** Term ids and weighted counts of one article (see {@link termIdCounts}). */
export interface TermIdCounts {
  ids: Int32Array;
  counts: Float32Array;
}

/** Dense ids of terms, spelling variants folded (see {@link skeleton}). */
export interface Vocabulary {
  /** The id of a stem, created when new. */
  id(stem: string): number;
  /** The term an id stands for (the skeleton when variants are folded): stable across vocabularies. */
  key(id: number): string;
  readonly size: number;
}

/**
 * Stems numbered by their key (the skeleton, or the stem itself), shared by the vocabularies
 * created while it is current: an hourly build meets last hour's stems again, and need not
 * fold each to its skeleton and look that up once more.
 */
interface KeyNumbers {
  byStem: Map<string, number>;
  byKey: Map<string, number>;
  keys: string[];
}

/** Stems a numbering may hold before a new vocabulary starts a fresh one (memory stays bounded). */
const SHARED_STEMS = 1 << 19;
const sharedNumbers: Record<'skeletons' | 'stems', KeyNumbers | undefined> = {
  skeletons: undefined,
  stems: undefined,
};

/** The current numbering of one kind, a fresh one when it has grown past its bound. */
function currentNumbers(kind: 'skeletons' | 'stems'): KeyNumbers {
  let numbers = sharedNumbers[kind];
  if (!numbers || numbers.byStem.size >= SHARED_STEMS) {
    // A vocabulary keeps the numbering it was created with: replaced, never emptied.
    numbers = { byStem: new Map(), byKey: new Map(), keys: [] };
    sharedNumbers[kind] = numbers;
  }
  return numbers;
}

/**
 * A new, empty vocabulary: ids from 0 in the order its terms are first asked for. Its stems'
 * keys come from a numbering shared with the other vocabularies of the process (see
 * {@link KeyNumbers}); only the dense ids are its own.
 */
export function createVocabulary(opts: { skeletons?: boolean } = {}): Vocabulary {
  const skeletons = opts.skeletons ?? true;
  const numbers = currentNumbers(skeletons ? 'skeletons' : 'stems');
  /** Shared key number → this vocabulary's id + 1 (0: not yet an id here). */
  let dense = new Int32Array(1024);
  const keys: string[] = [];
  return {
    id(stem) {
      let k = numbers.byStem.get(stem);
      if (k === undefined) {
        const key = skeletons ? skeleton(stem) : stem;
        k = numbers.byKey.get(key);
        if (k === undefined) {
          k = numbers.keys.length;
          numbers.byKey.set(key, k);
          numbers.keys.push(key);
        }
        numbers.byStem.set(stem, k);
      }
      if (k >= dense.length) {
        const grown = new Int32Array(Math.max(dense.length * 2, k + 1));
        grown.set(dense);
        dense = grown;
      }
      let id = dense[k]! - 1;
      if (id < 0) {
        id = keys.length;
        dense[k] = id + 1;
        keys.push(numbers.keys[k]!);
      }
      return id;
    },
    key(id) {
      return keys[id] ?? '';
    },
    get size() {
      return keys.length;
    },
  };
}

/**
 * Weighted term counts of many articles in flat arrays: article d has the term ids
 * `ids[offsets[d] .. offsets[d+1])` (in order of first appearance) with their `counts`.
 */
export interface TermCountTable {
  offsets: Int32Array;
  ids: Int32Array;
  counts: Float32Array;
  /** Every id is below this. */
  vocabSize: number;
}

/**
 * The weighted term counts of many articles at once (same weights as
 * {@link articleTermCounts}), with terms as dense ids of `vocabulary` (a new one by default):
 * one table lookup per word, spelling variants folded once per distinct stem, and no buffer
 * per article. With `fingerprints`, also each article's {@link contentFingerprint}.
 */
export function termCountTable(
  articles: readonly Pick<Article, 'title' | 'text'>[],
  opts: FeatureOptions = {},
  vocabulary: Vocabulary = createVocabulary(opts),
  fingerprints?: Float64Array,
): TermCountTable {
  const titleWeight = opts.titleWeight ?? 3;
  const leadTerms = opts.leadTerms ?? 60;
  const leadWeight = opts.leadWeight ?? 3;
  const maxChars = opts.maxTextChars ?? 1200;
  const tailWeight = opts.tailWeight ?? 0;
  const tailList = new TermIdList();
  let acc = new Float64Array(Math.max(1024, vocabulary.size * 2));
  let touched = new Int32Array(1024);
  const titleList = new TermIdList();
  const bodyList = new TermIdList();
  const offsets = new Int32Array(articles.length + 1);
  let ids = new Int32Array(Math.max(1024, articles.length * 128));
  let counts = new Float32Array(ids.length);
  let used = 0;
  for (let d = 0; d < articles.length; d++) {
    const a = articles[d]!;
    titleList.clear();
    bodyList.clear();
    if (fingerprints) {
      // The same as contentFingerprint(a), from the same scan.
      const digest = newTokenHash();
      termIds(a.title, vocabulary, titleList, a.title.length, digest);
      hashBreak(digest);
      termIds(a.text, vocabulary, bodyList, maxChars, digest);
      fingerprints[d] = hashValue(digest);
    } else {
      termIds(a.title, vocabulary, titleList);
      termIds(a.text, vocabulary, bodyList, maxChars);
    }
    tailList.clear();
    if (tailWeight > 0 && a.text.length > maxChars) {
      termIds(tailOf(a.text, maxChars), vocabulary, tailList);
    }
    const tail = tailList.ids;
    const title = titleList.ids;
    const body = bodyList.ids;
    // Every id is below the vocabulary's size, and an article has at most as many distinct
    // terms as words: grow once per article, then plain loops.
    if (vocabulary.size > acc.length) {
      const grown = new Float64Array(Math.max(acc.length * 2, vocabulary.size));
      grown.set(acc);
      acc = grown;
    }
    const words = titleList.length + bodyList.length + tailList.length;
    if (words > touched.length) touched = new Int32Array(Math.max(words, touched.length * 2));
    if (used + words > ids.length) {
      const size = Math.max(ids.length * 2, used + words);
      const grownIds = new Int32Array(size);
      grownIds.set(ids.subarray(0, used));
      ids = grownIds;
      const grownCounts = new Float32Array(size);
      grownCounts.set(counts.subarray(0, used));
      counts = grownCounts;
    }
    const sums = acc;
    let distinct = 0;
    for (let i = 0; i < titleList.length; i++) {
      const id = title[i]!;
      if (sums[id] === 0) touched[distinct++] = id;
      sums[id] = sums[id]! + titleWeight;
    }
    for (let i = 0; i < bodyList.length; i++) {
      const id = body[i]!;
      if (sums[id] === 0) touched[distinct++] = id;
      sums[id] = sums[id]! + (i < leadTerms ? leadWeight : 1);
    }
    for (let i = 0; i < tailList.length; i++) {
      const id = tail[i]!;
      if (sums[id] === 0) touched[distinct++] = id;
      sums[id] = sums[id]! + tailWeight;
    }
    for (let k = 0; k < distinct; k++) {
      const id = touched[k]!;
      ids[used] = id;
      counts[used++] = sums[id]!;
      sums[id] = 0;
    }
    offsets[d + 1] = used;
  }
  return {
    offsets,
    ids: ids.subarray(0, used),
    counts: counts.subarray(0, used),
    vocabSize: vocabulary.size,
  };
}

/**
 * The weighted term counts of many articles at once, one {@link TermIdCounts} per article
 * (views into one {@link termCountTable}).
 */
export function termIdCounts(
  articles: readonly Pick<Article, 'title' | 'text'>[],
  opts: FeatureOptions = {},
  vocabulary: Vocabulary = createVocabulary(opts),
): { docs: TermIdCounts[]; vocabSize: number } {
  const table = termCountTable(articles, opts, vocabulary);
  const docs = articles.map((_, d) => {
    const from = table.offsets[d]!;
    const to = table.offsets[d + 1]!;
    return { ids: table.ids.subarray(from, to), counts: table.counts.subarray(from, to) };
  });
  return { docs, vocabSize: table.vocabSize };
}

/** Document frequencies: how many articles hold each term, keyed by {@link Vocabulary.key}. */
export interface DocumentFrequencies {
  /** The number of articles counted. */
  docs: number;
  /** Articles holding each term (terms in none are absent). */
  df: ReadonlyMap<string, number>;
}

/**
 * The document frequencies of articles' terms (the terms clustering reads, whole text), for
 * use as the background of later clusterings; add tables with {@link addFrequencies}.
 *
 * @example
 * documentFrequencies(articles).df.get(skeleton('انتخاب')); // articles that mention it
 */
export function documentFrequencies(
  articles: readonly Pick<Article, 'title' | 'text'>[],
  opts: FeatureOptions = {},
): DocumentFrequencies {
  const vocabulary = createVocabulary(opts);
  const table = termCountTable(articles, { tailWeight: 1, ...opts }, vocabulary);
  const counts = new Int32Array(table.vocabSize);
  for (let k = 0; k < table.ids.length; k++) counts[table.ids[k]!]!++;
  const df = new Map<string, number>();
  for (let id = 0; id < counts.length; id++) {
    if (counts[id]! > 0) df.set(vocabulary.key(id), counts[id]!);
  }
  return { docs: articles.length, df };
}

/**
 * The sum of several document-frequency tables (e.g. one per day).
 *
 * @example
 * addFrequencies([monday, tuesday]).docs === monday.docs + tuesday.docs; // true
 */
export function addFrequencies(tables: readonly DocumentFrequencies[]): DocumentFrequencies {
  if (tables.length === 1) return tables[0]!;
  const df = new Map<string, number>();
  let docs = 0;
  for (const t of tables) {
    docs += t.docs;
    t.df.forEach((c, k) => df.set(k, (df.get(k) ?? 0) + c));
  }
  return { docs, df };
}
