/**
 * Topic search: a BM25 index over recent articles (normalized stems, title counted more) and the
 * topic answer — query → matching articles → their stories → key points. Pure: the caller
 * passes the clock.
 */
import { terms } from '../arabic/index.js';
import type { Article, Story } from '../domain.js';
import { clusterArticles, type Clusterer } from './cluster.js';
import { publishedMs, skeleton } from './features.js';
import { buildStory, storyIdFor } from './story.js';

const K1 = 1.2;
const B = 0.75;
/** A title term counts like this many body terms. */
const TITLE_BOOST = 3;
/** Only the start of a long text is indexed: it says what the article is about. */
const MAX_TEXT_CHARS = 4000;

/** A BM25 index over articles; build it with {@link createSearchIndex}. */
export interface SearchIndex {
  readonly size: number;
  /** Articles matching the query, best first, published in (since, until]. */
  search(
    query: string,
    opts?: { since?: Date; until?: Date; limit?: number },
  ): { article: Article; score: number }[];
}

function keysOf(text: string): string[] {
  return terms(text).map(skeleton);
}

/**
 * Indexes the articles (duplicates by id are indexed once).
 *
 * @example
 * const index = createSearchIndex(articles);
 * index.search('زلزال تركيا', { limit: 10 });
 */
export function createSearchIndex(input: readonly Article[]): SearchIndex {
  const seen = new Set<string>();
  const articles = input.filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)));
  const n = articles.length;
  const times = new Float64Array(n);
  const lengths = new Float64Array(n);
  const building = new Map<string, { docs: number[]; tfs: number[] }>();
  articles.forEach((a, d) => {
    times[d] = publishedMs(a);
    const counts = new Map<string, number>();
    for (const k of keysOf(a.title)) counts.set(k, (counts.get(k) ?? 0) + TITLE_BOOST);
    const text = a.text.length > MAX_TEXT_CHARS ? a.text.slice(0, MAX_TEXT_CHARS) : a.text;
    for (const k of keysOf(text)) counts.set(k, (counts.get(k) ?? 0) + 1);
    let len = 0;
    for (const [k, tf] of counts) {
      len += tf;
      let p = building.get(k);
      if (!p) building.set(k, (p = { docs: [], tfs: [] }));
      p.docs.push(d);
      p.tfs.push(tf);
    }
    lengths[d] = len;
  });
  let total = 0;
  for (const l of lengths) total += l;
  const avgLength = n ? total / n : 1;
  const postings = new Map<string, { docs: Int32Array; tfs: Float32Array; idf: number }>();
  for (const [k, p] of building) {
    const df = p.docs.length;
    postings.set(k, {
      docs: Int32Array.from(p.docs),
      tfs: Float32Array.from(p.tfs),
      idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)),
    });
  }
  building.clear();
  // Per-document length normalization, precomputed once.
  const norm = new Float32Array(n);
  for (let d = 0; d < n; d++) norm[d] = K1 * (1 - B + (B * lengths[d]!) / avgLength);
  const scores = new Float64Array(n);
  const matched = new Uint8Array(n);

  return {
    size: n,
    search(query, opts = {}) {
      const qkeys = [...new Set(keysOf(query))].filter((k) => postings.has(k));
      const wanted = [...new Set(keysOf(query))].length;
      if (qkeys.length === 0 || wanted === 0) return [];
      const lo = opts.since ? opts.since.getTime() : -Infinity;
      const hi = opts.until ? opts.until.getTime() : Infinity;
      const touched: number[] = [];
      for (const k of qkeys) {
        const p = postings.get(k)!;
        for (let i = 0; i < p.docs.length; i++) {
          const d = p.docs[i]!;
          const t = times[d]!;
          if (!(t > lo && t <= hi)) continue;
          const tf = p.tfs[i]!;
          if (matched[d] === 0) touched.push(d);
          matched[d]++;
          scores[d] += (p.idf * tf * (K1 + 1)) / (tf + norm[d]!);
        }
      }
      // A multi-word question needs most of its words: "ترامب سوريا" is not about any Trump story.
      const need = wanted <= 2 ? wanted : Math.ceil(wanted * 0.6);
      const hits: { d: number; s: number }[] = [];
      for (const d of touched) {
        if (matched[d]! >= need) hits.push({ d, s: scores[d]! });
        scores[d] = 0;
        matched[d] = 0;
      }
      hits.sort((x, y) => y.s - x.s || x.d - y.d);
      return hits
        .slice(0, opts.limit ?? 50)
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
   * @default 60
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
  const hits = index.search(query, { since, until, limit: opts.maxArticles ?? 60 });
  if (hits.length === 0) return { query, stories: [] };
  const best = hits[0]!.score;
  // Weak matches far below the best are noise, not the topic.
  const kept = hits.filter((h) => h.score >= best * 0.25);
  const scoreOf = new Map(kept.map((h) => [h.article.id, h.score]));
  const groups = (opts.clusterer ?? clusterArticles)(kept.map((h) => h.article));
  const ranked = groups
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
    stories: ranked.map((r) => buildStory(r.group, { id: r.id, score: r.score })),
  };
}
