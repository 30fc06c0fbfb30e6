/**
 * Topic search: a BM25 index over recent articles (normalized stems, title counted more) and the
 * topic answer — query → matching articles → their stories → key points. Pure: the caller
 * passes the clock.
 */
import { terms } from '../arabic/index.js';
import type { Article, Story } from '../domain.js';
import { clusterArticles, type Clusterer } from './cluster.js';
import { createVocabulary, publishedMs, termIdCounts, type TermIdCounts } from './features.js';
import { buildStory, storyIdFor } from './story.js';

const K1 = 1.2;
const B = 0.75;

/** A BM25 index over articles; build it with {@link createSearchIndex}. */
export interface SearchIndex {
  readonly size: number;
  /** Articles matching the query, best first, published in (since, until]. */
  search(
    query: string,
    opts?: { since?: Date; until?: Date; limit?: number },
  ): { article: Article; score: number }[];
  /** The indexed term counts by article id, reused to cluster the matches without re-reading them. */
  readonly termCounts: ReadonlyMap<string, TermIdCounts>;
}

/**
 * Indexes the articles (duplicates by id are indexed once). Terms are the same as the
 * clustering's: title and lead counted 3 times, the first 1,200 characters of text, spelling
 * variants folded.
 *
 * @example
 * const index = createSearchIndex(articles);
 * index.search('زلزال تركيا', { limit: 10 });
 */
export function createSearchIndex(input: readonly Article[]): SearchIndex {
  const seen = new Set<string>();
  const articles = input.filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)));
  const n = articles.length;
  const vocabulary = createVocabulary();
  const { docs, vocabSize } = termIdCounts(articles, {}, vocabulary);
  const times = new Float64Array(n);
  const lengths = new Float64Array(n);
  const df = new Int32Array(vocabSize);
  docs.forEach((d, i) => {
    times[i] = publishedMs(articles[i]!);
    let len = 0;
    for (let k = 0; k < d.ids.length; k++) {
      df[d.ids[k]!]!++;
      len += d.counts[k]!;
    }
    lengths[i] = len;
  });
  // Postings in compressed form: term t's documents are docIds[start[t] .. start[t+1]).
  const start = new Int32Array(vocabSize + 1);
  for (let t = 0; t < vocabSize; t++) start[t + 1] = start[t]! + df[t]!;
  const docIds = new Int32Array(start[vocabSize]!);
  const tfs = new Float32Array(start[vocabSize]!);
  const fill = start.slice(0, vocabSize);
  docs.forEach((d, i) => {
    for (let k = 0; k < d.ids.length; k++) {
      const at = fill[d.ids[k]!]!++;
      docIds[at] = i;
      tfs[at] = d.counts[k]!;
    }
  });
  let total = 0;
  for (const l of lengths) total += l;
  const avgLength = n ? total / n : 1;
  const norm = new Float32Array(n);
  for (let d = 0; d < n; d++) norm[d] = K1 * (1 - B + (B * lengths[d]!) / avgLength);
  const idf = new Float64Array(vocabSize);
  for (let t = 0; t < vocabSize; t++) idf[t] = Math.log(1 + (n - df[t]! + 0.5) / (df[t]! + 0.5));
  const termCounts = new Map<string, TermIdCounts>();
  articles.forEach((a, i) => termCounts.set(a.id, docs[i]!));
  const scores = new Float64Array(n);
  const matched = new Uint8Array(n);

  return {
    size: n,
    termCounts,
    search(query, opts = {}) {
      const qterms = [...new Set(terms(query))];
      if (qterms.length === 0) return [];
      const ids = [
        ...new Set(qterms.map((t) => vocabulary.find(t)).filter((x) => x !== undefined)),
      ];
      // A multi-word question needs most of its words: "ترامب سوريا" is not about any Trump story.
      const need = qterms.length <= 2 ? qterms.length : Math.ceil(qterms.length * 0.6);
      if (ids.length < need) return [];
      const lo = opts.since ? opts.since.getTime() : -Infinity;
      const hi = opts.until ? opts.until.getTime() : Infinity;
      const touched: number[] = [];
      for (const t of ids) {
        const w = idf[t]!;
        for (let p = start[t]!, end = start[t + 1]!; p < end; p++) {
          const d = docIds[p]!;
          const time = times[d]!;
          if (!(time > lo && time <= hi)) continue;
          const tf = tfs[p]!;
          if (matched[d] === 0) touched.push(d);
          matched[d]++;
          scores[d] += (w * tf * (K1 + 1)) / (tf + norm[d]!);
        }
      }
      const limit = opts.limit ?? 50;
      // Only the best `limit` are sorted: find the cut with a native sort of the scores.
      let cut = -Infinity;
      if (touched.length > limit * 2) {
        const all = new Float64Array(touched.length);
        let m = 0;
        for (const d of touched) if (matched[d]! >= need) all[m++] = scores[d]!;
        if (m > limit) cut = all.subarray(0, m).sort()[m - limit]!;
      }
      const hits: { d: number; s: number }[] = [];
      for (const d of touched) {
        if (matched[d]! >= need && scores[d]! >= cut) hits.push({ d, s: scores[d]! });
        scores[d] = 0;
        matched[d] = 0;
      }
      hits.sort((x, y) => y.s - x.s || x.d - y.d);
      return hits
        .slice(0, limit)
        .map(({ d, s }) => ({ article: articles[d]!, score: Math.round(s * 1e6) / 1e6 }));
    },
  };
}

export interface TopicOptions {
  /** The time of the question. */
  now: Date;
  /**
   * How many days back to look.
   * @default 3
   */
  days?: number;
  /**
   * Most stories in the answer.
   * @default 5
   */
  maxStories?: number;
  /**
   * Matching articles considered.
   * @default 30
   */
  maxArticles?: number;
  /** Swappable clustering algorithm. @default clusterArticles */
  clusterer?: Clusterer;
}

/**
 * Answers a topic question: the stories of the last `days` days that match the query, best first,
 * each with its key points. No match gives `stories: []` (the caller words "nothing on …").
 *
 * @example
 * answerTopic(index, 'زلزال', { now, days: 3 }).stories.length; // 0 when nothing matched
 */
export function answerTopic(
  index: SearchIndex,
  query: string,
  opts: TopicOptions,
): { query: string; stories: Story[] } {
  const days = opts.days ?? 3;
  const since = new Date(opts.now.getTime() - days * 86_400_000);
  const until = new Date(opts.now.getTime() + 10 * 60_000);
  const hits = index.search(query, { since, until, limit: opts.maxArticles ?? 30 });
  if (hits.length === 0) return { query, stories: [] };
  const best = hits[0]!.score;
  // Weak matches far below the best are noise, not the topic.
  const kept = hits.filter((h) => h.score >= best * 0.25);
  const scoreOf = new Map(kept.map((h) => [h.article.id, h.score]));
  const groups = (opts.clusterer ?? clusterArticles)(
    kept.map((h) => h.article),
    { termCounts: index.termCounts },
  );
  const byRelevance = (x: Article, y: Article): number =>
    (scoreOf.get(y.id) ?? 0) - (scoreOf.get(x.id) ?? 0) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  const ranked = groups
    .map((g) => [...g].sort(byRelevance))
    .map((group) => {
      let relevance = 0;
      for (const a of group) relevance = Math.max(relevance, scoreOf.get(a.id) ?? 0);
      // The best match decides; more coverage helps a little.
      const score = relevance / best + 0.1 * Math.log2(group.length);
      return { group, score: Math.round(score * 1e6) / 1e6, id: storyIdFor(group) };
    })
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, opts.maxStories ?? 5);
  return {
    query,
    stories: ranked.map((r) =>
      buildStory(r.group, { id: r.id, score: r.score, pointArticles: 1, ordered: true }),
    ),
  };
}
