/**
 * Story clustering: one event covered by several outlets becomes one group of articles.
 *
 * 1. Exact duplicates (same canonical URL, or the same words in title and text) are merged first.
 * 2. Each remaining article becomes a TF-IDF vector of its terms (title and lead weighted, the
 *    text past the first 1,200 characters lightly), truncated to its strongest terms and
 *    L2-normalized. Document frequencies blend the batch's own with those of the days before
 *    (`background`), when given: a big event's words are common within its day, not in a week.
 * 3. Candidate pairs come from an inverted index (very common terms are skipped), so cost grows
 *    with the number of articles that share vocabulary, not with all pairs.
 * 4. Near duplicates (cosine ≥ `duplicateThreshold`) are joined outright; the rest is grouped by
 *    agglomerative clustering with centroid agreement: two groups join only when their mean
 *    vectors are similar, so one loose pair never chains two events together (single link
 *    would), and articles too far apart in time never join. Group similarities come from sums
 *    of the pairwise cosines in the candidate graph (cA·cB = Σ cross cosines), so a merge costs
 *    the number of its links, not the size of its vocabulary. Two groups whose headlines each
 *    name their own event (a term most of their headlines carry, few of the day's do, and none
 *    of the other's) never join: a strike on an airbase and the attack it followed are written
 *    in each other's words, but named apart.
 *    Nor does a group whose headlines tell of people fleeing a war (the displaced, evacuations,
 *    corridors) join one whose headlines tell of its fighting (strikes, shelling, the dead), at
 *    this or any later step: reports from one front share its places and its words whichever
 *    side they tell, yet the civilians leaving a besieged town are a story of their own. Nor do
 *    the reports of two fronts of one war (Saada and Taiz, Afrin and Eastern Ghouta: the place
 *    half of each group's headlines name, in few of the other's; see `places.ts`), which share
 *    their actors and war words and differ only in where they happen; a round-up naming both
 *    fronts names neither, or it would bridge them. Nor does a front's report join a small
 *    story whose headlines name no front but a name of their own it does not carry. Two
 *    big cores (`bigCore` articles each) need a margin over the threshold to join. A lone
 *    article joins a small core only when its strongest link into it is nearly its strongest
 *    link into any other core, unless the two cores are angles of one event: a centroid sums an
 *    article's moderate likeness to each member, and an explainer a little like every report of
 *    a tight story would otherwise join it over the story its nearest articles tell.
 * 5. A group of several articles on one angle of a big event (the military options, one
 *    capital's reactions) joins the big core whose centroid it is most like above a lower floor,
 *    when its titles share the event's names with the core's: so a notch of any setting does not
 *    cut a big event in two, and a neighbouring event that only shares a country does not join.
 * 6. What is left alone (a brief, a caption; any piece beside a big event's core) attaches to the
 *    core it matches best above a lower floor, decided against the cores as they stand.
 * 7. A small group beside the day's dominant event (a sixth of the day, say) joins it when one of
 *    the core's articles is a little like it and its headline and lead name the event's anchors
 *    ("chemical", "Douma"): an interview on the military options shares few words with the veto
 *    at the Security Council, yet names the attack it answers. The test is the closest article,
 *    not the centroid: a core of fifty angles (strikes, reactions, explainers) is like none of
 *    its pieces as a whole. When the event fills a quarter of the day, one anchor is enough: on
 *    the day of the strikes on Syria, a capital's reaction says "the attack on Syria", not "the
 *    strikes". A piece that names an anchor only in its lead ("…the attack") while its
 *    headline names a front the event's reports never name (a Houthi retreat in Sirwah beside
 *    Douma) is another war's news.
 *    The day after a day-filling event (30% of its day or more, in the digest of the day before:
 *    `ongoing`), the small groups whose headlines and leads name that event's anchors join the
 *    group with the most articles that do (a third of it at least): its reactions and fallout
 *    (capitals' statements, the targets, "mission accomplished") share little but its name,
 *    and the day's own history is full of its words.
 * 8. Two lone articles left over whose headlines name the same places (a front: "…in Afrin")
 *    join a little under the threshold: a front's reports of a day are one story, each from its
 *    own angle (residents leaving, the roads closed, the next target), and the place they share
 *    is what says so.
 * 9. Groups left apart whose headlines name the same things (three distinctive headline terms
 *    in common, alike headline profiles: see `mergeSameEvent`) join, when no further apart in
 *    time than `maxGapHours`: an election's security measures and its candidates' profiles,
 *    three outlets' pieces on "seven years of war". The test is tried again on the joined
 *    groups, whose headlines together may name what a third one's do.
 */
import type { Article } from '../domain.js';
import {
  createVocabulary,
  termCountTable,
  type DocumentFrequencies,
  type TermCountTable,
  type TermIdCounts,
  canonicalUrl,
  contentFingerprint,
  publishedMs,
  skeleton,
  type FeatureOptions,
} from './features.js';
import { Aspect, groupAspect, headlineAspect } from './aspects.js';
import { frontPlaces, mayNamePlace } from './places.js';
import { PairHeap } from './heap.js';
import { kthLargest } from './select.js';
import { splitSentences, stem, terms } from '../arabic/index.js';

/**
 * Options of the default clusterer. The defaults were tuned on four labelled days of Arabic
 * news from five outlets, each day clustered on its own over the week before it as history, and
 * checked on five more labelled without them (eval/labels; one of them, a day that one event
 * fills, then shaped the dominant-event step). `khulasa eval --clusters … --archive … --sweep`
 * prints per-day figures and a sweep.
 */
export interface ClusterOptions extends FeatureOptions {
  /**
   * Two groups join when the cosine of their centroids reaches this.
   * @default 0.22
   */
  threshold?: number;
  /**
   * Articles at least this similar are near duplicates and are joined first.
   * @default 0.8
   */
  duplicateThreshold?: number;
  /**
   * Pairs less similar than this are not considered at all.
   * @default 0.05
   */
  minEdge?: number;
  /**
   * Terms kept per article vector (the strongest by TF-IDF).
   * @default 150
   */
  maxTerms?: number;
  /**
   * Neighbours kept per article in the candidate graph.
   * @default 30
   */
  maxNeighbours?: number;
  /**
   * A term in more than this share of articles is skipped when generating candidate pairs
   * (it still counts in the similarity). Never below 100 articles.
   * @default 0.01
   */
  maxPostingShare?: number;
  /**
   * Groups whose publication times are further apart than this never join.
   * @default 36
   */
  maxGapHours?: number;
  /**
   * Pseudo-count of background documents in the IDF, so that a small batch does not make its
   * main topic's words look worthless. A batch without any history starts from
   * `priorWithoutHistory` and grows back to this with a few days of history (see
   * {@link tfidfVectors}).
   * @default 200
   */
  idfPrior?: number;
  /**
   * The IDF prior of a batch without any history: a day's own document frequencies are then all
   * the evidence, and a big prior makes its common words (the country, the war) look almost as
   * telling as its rare ones, so neighbouring events chain.
   * @default idfPrior / 2
   */
  priorWithoutHistory?: number;
  /**
   * 'centroid' (cosine of the groups' mean vectors) or 'average' (mean pairwise cosine).
   * @default 'centroid'
   */
  linkage?: 'centroid' | 'average';
  /**
   * With centroid linkage, two groups also need this mean pairwise cosine: a guard against a
   * blob of loosely related articles whose mean vector looks like everything.
   * @default 0.07
   */
  minAverage?: number;
  /**
   * Document frequencies of the articles of the days before (see {@link documentFrequencies}),
   * blended with the batch's own: a big event's own words are the batch's most common words,
   * yet they are rare in the weeks before, and that is what makes them telling. Not used with
   * `termCounts` (their term ids belong to another vocabulary).
   */
  background?: DocumentFrequencies;
  /**
   * How much a background article counts against one of the batch in the IDF: a week of
   * history is several times a day's articles, and at full weight it would drown the day's
   * own evidence.
   * @default 0.1
   */
  backgroundWeight?: number;
  /**
   * A group left with at most `attachSize` articles joins the core (a group of at least
   * `coreSize`) whose centroid it is most like, when the cosine reaches this.
   * @default 0.14
   */
  attachFloor?: number;
  /**
   * The fewest articles a group needs to take attachments.
   * @default 3
   */
  coreSize?: number;
  /**
   * The most articles a group may have and still be attached to a core.
   * @default 1
   */
  attachSize?: number;
  /**
   * Only briefs (texts shorter than this) are attached: a longer piece that did not join a core
   * on its own is most often a different event on the same topic.
   * @default 400
   */
  briefChars?: number;
  /**
   * A core this big is a big event (reactions, explainers, analyses): longer pieces attach to
   * it too, not only briefs.
   * @default 10
   */
  bigCore?: number;
  /**
   * A group of several articles (fewer than `bigCore`) joins a big core when the cosine of
   * their centroids reaches this, well below `threshold`: the pieces of one big event.
   * @default 0.18
   */
  absorbFloor?: number;
  /**
   * How many of a big core's key title terms (carried by a quarter of its titles or more) such
   * a group's titles must share with it.
   * @default 2
   */
  absorbTitleTerms?: number;
  /**
   * The floor for such longer pieces.
   * @default 0.18
   */
  bigFloor?: number;
  /**
   * A small group as close to a second core (this share of the best cosine or more) stays
   * alone: it is about neither.
   * @default 0.75
   */
  attachMargin?: number;
  /**
   * `attachMargin` for a piece whose best match is a big core: such a core's centroid averages
   * many angles of its event, so a piece of it is less like it than like one neighbour, and
   * a second core comes relatively closer.
   * @default 0.85
   */
  bigMargin?: number;
  /**
   * A core holding at least this share of the batch's articles is the day's dominant event. A
   * small group left over whose headline and lead name that event's two anchors (the terms most
   * of its headlines carry and few others do: "chemical", "Douma") joins it when one article of
   * the core is at least `anchorFloor` like it: the more of a day one event fills, the likelier
   * a piece that names it is one of its angles (an interview on the military options, a
   * cancelled trip).
   * @default 0.15
   */
  dominantShare?: number;
  /**
   * The floor for such pieces: the cosine of the piece and its closest article of the core.
   * @default 0.08
   */
  anchorFloor?: number;
  /**
   * A dominant event holding at least this share of the batch's articles needs only one of its
   * anchors named: when it fills a day, its pieces name it in other words ("the attack on
   * Syria", "the aggression") as often as in its headline's.
   * @default 0.25
   */
  strongShare?: number;
  /**
   * A lone article joins a core of `coreSize` to `bigCore` articles only when its strongest
   * link into it is at least this share of its strongest link into any other core, or that
   * other core is at least `absorbFloor` like this one (two angles of one event): a centroid
   * sums the moderate likeness an article has to each of its members, and an explainer a
   * little like every report of a tight story would otherwise join it over the story its
   * nearest articles tell.
   * @default 0.9
   */
  neighbourShare?: number;
  /**
   * A group whose headlines tell one side of a war story, at least this share of them (people
   * fleeing it, the fighting, or fighters leaving under a deal: see `aspects.ts`), never joins
   * a group whose headlines tell another side, at any step; the two kinds of leaving may join.
   * @default 0.4
   */
  aspectShare?: number;
  /**
   * The day before's dominant event (see {@link dominantEvent}): when it held at least this
   * share of its day's articles, the small groups of this batch whose headline and lead name its
   * anchors join the group with the most articles that do (a third of it at least), as a
   * day-filling event's reactions and fallout the day after (capitals' statements, the
   * targets, "mission accomplished") share little but its name. Both anchors are needed; one
   * is enough when it held half its day.
   * @default 0.3
   */
  ongoingShare?: number;
  /** The day before's dominant event, if any (see `ongoingShare`). */
  ongoing?: OngoingEvent;
  /**
   * Two lone reports left over whose headlines name the same places (one front: "…in Afrin")
   * join when their cosine reaches `threshold` less this: by the labelling rule a front's
   * reports of a day are one story, and the place they share is the evidence the rest of their
   * wording (a different angle of it each) does not give.
   * @default 0.03
   */
  frontMargin?: number;
  /**
   * Groups left over whose headlines name the same event join (see {@link mergeSameEvent}):
   * the distinctive headline terms they must share…
   * @default 3
   */
  sameEventTerms?: number;
  /**
   * …and the cosine their headline profiles must reach.
   * @default 0.35
   */
  sameEventCosine?: number;
  /**
   * Term counts already computed (e.g. by the search index), by article id, with ids from one
   * shared vocabulary; articles missing from it are analysed here.
   */
  termCounts?: ReadonlyMap<string, TermIdCounts>;
}

/**
 * Term weights for clustering (see {@link FeatureOptions}): the title counts most, since it
 * names the event; the lead a little over the body; and the text after the first
 * `maxTextChars` a third, so a long analysis is read whole without its digressions outweighing
 * its peg.
 */
export const CLUSTER_FEATURES = { titleWeight: 5, leadWeight: 2, tailWeight: 0.3 } as const;

/** Any algorithm that groups articles into stories; every input article in exactly one group. */
export type Clusterer = (articles: readonly Article[], opts?: ClusterOptions) => Article[][];

/** Sparse vectors in flat arrays (see {@link tfidfVectors}), and the document frequencies. */
export interface SparseVectors {
  offsets: Int32Array;
  ids: Int32Array;
  weights: Float64Array;
  df: Int32Array;
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[x] !== r) {
      const next = this.parent[x]!;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }
  /** Joins the two sets; the smaller root index stays the root (keeps results deterministic). */
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
  }
}

/** Groups of indices of articles with the same canonical URL, in order of their first article. */
function urlGroups(articles: readonly Article[]): number[][] {
  const byUrl = new Map<string, number>();
  const groups: number[][] = [];
  for (let i = 0; i < articles.length; i++) {
    const url = canonicalUrl(articles[i]!.url);
    const g = url === '' ? undefined : byUrl.get(url);
    if (g !== undefined) groups[g]!.push(i);
    else {
      if (url !== '') byUrl.set(url, groups.length);
      groups.push([i]);
    }
  }
  return groups;
}

/**
 * Joins groups whose first articles have equal content fingerprints: the numbers of the groups
 * joined together, in order of their first group.
 */
function joinByFingerprint(fingerprints: ArrayLike<number>): number[][] {
  const byContent = new Map<number, number>();
  const joined: number[][] = [];
  for (let g = 0; g < fingerprints.length; g++) {
    const seen = byContent.get(fingerprints[g]!);
    if (seen !== undefined) joined[seen]!.push(g);
    else {
      byContent.set(fingerprints[g]!, joined.length);
      joined.push([g]);
    }
  }
  return joined;
}

/** Article indices of joined URL groups, ascending. */
function flatten(groups: readonly number[][], joined: readonly number[][]): number[][] {
  return joined.map((js) => {
    if (js.length === 1) return groups[js[0]!]!;
    return js.flatMap((j) => groups[j]!).sort((x, y) => x - y);
  });
}

/**
 * Groups of indices of exact duplicates: the same canonical URL, or the same content (see
 * {@link contentFingerprint}) as the first article of another URL; in order of their first
 * article. This is the first step of {@link clusterArticles}.
 */
export function exactDuplicateGroups(
  articles: readonly Article[],
  opts: Pick<FeatureOptions, 'maxTextChars'> = {},
): number[][] {
  const groups = urlGroups(articles);
  const fingerprints = groups.map((g) => contentFingerprint(articles[g[0]!]!, opts));
  return flatten(groups, joinByFingerprint(fingerprints));
}

/** The rows of a term count table, in the order given. */
function selectRows(table: TermCountTable, rows: readonly number[]): TermCountTable {
  const offsets = new Int32Array(rows.length + 1);
  rows.forEach((r, k) => {
    offsets[k + 1] = offsets[k]! + table.offsets[r + 1]! - table.offsets[r]!;
  });
  const ids = new Int32Array(offsets[rows.length]!);
  const counts = new Float32Array(ids.length);
  rows.forEach((r, k) => {
    ids.set(table.ids.subarray(table.offsets[r]!, table.offsets[r + 1]!), offsets[k]!);
    counts.set(table.counts.subarray(table.offsets[r]!, table.offsets[r + 1]!), offsets[k]!);
  });
  return { offsets, ids, counts, vocabSize: table.vocabSize };
}

/** Sorts articles by publication time, then id: the canonical order of a story's articles. */
export function byTimeThenId(a: Article, b: Article): number {
  const ta = publishedMs(a);
  const tb = publishedMs(b);
  if (ta !== tb && !Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A sorted copy, parsing each date once. */
export function sortByTimeThenId(input: readonly Article[]): Article[] {
  return canonicalOrder(input).articles;
}

/** Articles sorted by time, then id, with their parsed times (NaN when unparseable). */
function canonicalOrder(input: readonly Article[]): { articles: Article[]; times: number[] } {
  const keyed = input.map((a) => ({ a, t: publishedMs(a) }));
  keyed.sort((x, y) => {
    if (x.t !== y.t && !Number.isNaN(x.t) && !Number.isNaN(y.t)) return x.t - y.t;
    return x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0;
  });
  return { articles: keyed.map((k) => k.a), times: keyed.map((k) => k.t) };
}

/**
 * Term counts of the articles from a precomputed table (which has them all), renumbered into a
 * small local vocabulary.
 */
function fromPrecomputed(
  articles: readonly Article[],
  table: ReadonlyMap<string, TermIdCounts>,
): TermCountTable {
  const local = new Map<number, number>();
  const offsets = new Int32Array(articles.length + 1);
  let total = 0;
  articles.forEach((a, d) => (offsets[d + 1] = total += table.get(a.id)!.ids.length));
  const ids = new Int32Array(total);
  const counts = new Float32Array(total);
  articles.forEach((a, d) => {
    const src = table.get(a.id)!;
    const at = offsets[d]!;
    counts.set(src.counts, at);
    for (let k = 0; k < src.ids.length; k++) {
      let id = local.get(src.ids[k]!);
      if (id === undefined) local.set(src.ids[k]!, (id = local.size));
      ids[at + k] = id;
    }
  });
  return { offsets, ids, counts, vocabSize: local.size };
}

/** The IDF prior of a batch with a few days of history (see `ClusterOptions.idfPrior`). */
export const IDF_PRIOR = 200;

/**
 * How fast the IDF prior grows back with history: per history article, this many
 * pseudo-documents, from the prior without history up to the whole (about four days of a
 * hundred articles).
 */
const PRIOR_GROWTH = 0.25;

/** log(c) for the small whole counts that weighted term counts nearly always are. */
const LOG_OF = Float64Array.from({ length: 4096 }, (_, c) => Math.log(c));

/**
 * The truncated, L2-normalized TF-IDF vectors of articles' term counts, all in three flat
 * arrays: vector d has the term ids `ids[offsets[d] .. offsets[d+1])` (ascending) with their
 * `weights` (no object or buffer per article).
 */
export function tfidfVectors(
  docs: TermCountTable,
  opts: {
    maxTerms?: number;
    idfPrior?: number;
    priorWithoutHistory?: number;
    /**
     * Background document frequencies by term id, how many documents they count (weighted),
     * and how many history articles they come from.
     */
    background?: { docs: number; df: Float64Array; articles: number };
  } = {},
): SparseVectors {
  const maxTerms = opts.maxTerms ?? 150;
  const bg = opts.background;
  // The prior stands in for the history a batch lacks; a real background replaces it. With no
  // history at all it is smaller (see `ClusterOptions.priorWithoutHistory`), and grows back to
  // the whole as history comes in (a few days of it).
  const bgDocs = bg?.docs ?? 0;
  const full = opts.idfPrior ?? IDF_PRIOR;
  const start = Math.min(full, opts.priorWithoutHistory ?? full / 2);
  const grown = Math.min(full, start + PRIOR_GROWTH * (bg?.articles ?? 0));
  const prior = Math.max(0, grown - bgDocs);
  const vocabSize = docs.vocabSize;
  const df = new Int32Array(vocabSize);
  for (let k = 0; k < docs.ids.length; k++) df[docs.ids[k]!]!++;
  const n = docs.offsets.length - 1;
  let total = 0;
  let longest = 0;
  for (let d = 0; d < n; d++) {
    const len = docs.offsets[d + 1]! - docs.offsets[d]!;
    total += Math.min(len, maxTerms);
    longest = Math.max(longest, len);
  }
  const idf = new Float64Array(vocabSize);
  for (let t = 0; t < vocabSize; t++) {
    const seen = df[t]! + (bg ? bg.df[t]! : 0);
    idf[t] = Math.log((n + prior + bgDocs + 1) / (seen + 0.5));
  }
  // Weights by term id, and this article's weights in term order.
  const scratch = new Float64Array(vocabSize);
  const w = new Float64Array(longest);
  const offsets = new Int32Array(n + 1);
  const ids = new Int32Array(total);
  const weights = new Float64Array(total);
  let at = 0;
  const docIds = docs.ids;
  for (let d = 0; d < n; d++) {
    const from = docs.offsets[d]!;
    const len = docs.offsets[d + 1]! - from;
    for (let k = 0; k < len; k++) {
      const c = docs.counts[from + k]!;
      const log = c < 4096 && c === Math.floor(c) ? LOG_OF[c]! : Math.log(c);
      const x = (1 + log) * idf[docIds[from + k]!]!;
      w[k] = x;
      scratch[docIds[from + k]!] = x;
    }
    let m = 0;
    if (len > maxTerms) {
      const cut = kthLargest(w, maxTerms, 0, len);
      for (let x = 0; x < len && m < maxTerms; x++) {
        if (w[x]! > cut) ids[at + m++] = docIds[from + x]!;
      }
      for (let x = 0; x < len && m < maxTerms; x++) {
        if (w[x]! === cut) ids[at + m++] = docIds[from + x]!;
      }
    } else {
      for (; m < len; m++) ids[at + m] = docIds[from + m]!;
    }
    ids.subarray(at, at + m).sort();
    let norm = 0;
    for (let x = at; x < at + m; x++) {
      weights[x] = scratch[ids[x]!]!;
      norm += weights[x]! * weights[x]!;
    }
    norm = Math.sqrt(norm) || 1;
    for (let x = at; x < at + m; x++) weights[x]! /= norm;
    at += m;
    offsets[d + 1] = at;
  }
  return { offsets, ids: ids.subarray(0, at), weights: weights.subarray(0, at), df };
}

/** Candidate pairs (a < b) with their cosine, in three parallel arrays of `length` entries. */
export interface Pairs {
  a: Int32Array;
  b: Int32Array;
  sim: Float64Array;
  length: number;
}

/**
 * Candidate pairs with their cosine: for each vector, its most similar earlier vectors found
 * through an inverted index over the vectors' terms. Terms in more than `maxPostings` articles
 * are not used to find pairs (they still count in the cosine), and each article looks up only
 * its `queryTerms` strongest terms: a pair that shares none of them is not about one event.
 */
export function candidatePairs(
  vectors: SparseVectors,
  opts: {
    minEdge: number;
    maxNeighbours: number;
    maxPostings: number;
    vocabSize: number;
    queryTerms?: number;
  },
): Pairs {
  const { offsets, ids, weights } = vectors;
  const n = offsets.length - 1;
  const queryTerms = opts.queryTerms ?? 40;
  // Inverted index in compressed form: for term t, docs[start[t] .. start[t+1]) ascending.
  const df = new Int32Array(opts.vocabSize);
  for (let k = 0; k < ids.length; k++) df[ids[k]!]!++;
  const start = new Int32Array(opts.vocabSize + 1);
  for (let t = 0; t < opts.vocabSize; t++) {
    start[t + 1] = start[t]! + (df[t]! <= opts.maxPostings ? df[t]! : 0);
  }
  const postings = new Int32Array(start[opts.vocabSize]!);
  const postingWeights = new Float64Array(start[opts.vocabSize]!);
  const fill = start.slice(0, opts.vocabSize);
  for (let d = 0; d < n; d++) {
    for (let k = offsets[d]!; k < offsets[d + 1]!; k++) {
      const t = ids[k]!;
      if (df[t]! > opts.maxPostings) continue;
      const at = fill[t]!++;
      postings[at] = d;
      postingWeights[at] = weights[k]!;
    }
  }
  const acc = new Float64Array(n);
  const dense = new Float64Array(opts.vocabSize);
  const touched = new Int32Array(n);
  const partial = new Float64Array(n);
  const best = new Int32Array(n);
  const bestSim = new Float64Array(n);
  const order: number[] = [];
  const out: Pairs = {
    a: new Int32Array(Math.max(1024, n * 4)),
    b: new Int32Array(Math.max(1024, n * 4)),
    sim: new Float64Array(Math.max(1024, n * 4)),
    length: 0,
  };
  const emit = (a: number, b: number, sim: number): void => {
    if (out.length === out.a.length) {
      const size = out.length * 2;
      const na = new Int32Array(size);
      na.set(out.a);
      const nb = new Int32Array(size);
      nb.set(out.b);
      const ns = new Float64Array(size);
      ns.set(out.sim);
      out.a = na;
      out.b = nb;
      out.sim = ns;
    }
    out.a[out.length] = a;
    out.b[out.length] = b;
    out.sim[out.length++] = sim;
  };
  for (let i = 0; i < n; i++) {
    const from = offsets[i]!;
    const to = offsets[i + 1]!;
    // Only the strongest terms of this vector look for partners.
    const cut = to - from > queryTerms ? kthLargest(weights, queryTerms, from, to) : -Infinity;
    let nTouched = 0;
    for (let k = from; k < to; k++) {
      const w = weights[k]!;
      if (w < cut) continue;
      const t = ids[k]!;
      for (let p = start[t]!, end = start[t + 1]!; p < end; p++) {
        const j = postings[p]!;
        if (j >= i) break;
        if (acc[j] === 0) touched[nTouched++] = j;
        acc[j] = acc[j]! + w * postingWeights[p]!;
      }
    }
    let nBest = 0;
    // Promising partners by partial score; only the strongest few get an exact cosine.
    let promising = 0;
    for (let x = 0; x < nTouched; x++) if (acc[touched[x]!]! >= opts.minEdge * 0.5) promising++;
    const verify = opts.maxNeighbours * 2;
    let verifyCut = opts.minEdge * 0.5;
    if (promising > verify) {
      let m = 0;
      for (let x = 0; x < nTouched; x++) {
        const s = acc[touched[x]!]!;
        if (s >= verifyCut) partial[m++] = s;
      }
      verifyCut = kthLargest(partial, verify, 0, m);
    }
    for (let k = from; k < to; k++) dense[ids[k]!] = weights[k]!;
    for (let x = 0; x < nTouched; x++) {
      const j = touched[x]!;
      // The partial sum misses skipped terms: compute the exact cosine.
      if (acc[j]! >= verifyCut) {
        let sim = 0;
        for (let k = offsets[j]!, end = offsets[j + 1]!; k < end; k++) {
          sim += dense[ids[k]!]! * weights[k]!;
        }
        if (sim >= opts.minEdge) {
          best[nBest] = j;
          bestSim[nBest++] = sim;
        }
      }
      acc[j] = 0;
    }
    for (let k = from; k < to; k++) dense[ids[k]!] = 0;
    if (nBest > opts.maxNeighbours) {
      order.length = 0;
      for (let k = 0; k < nBest; k++) order.push(k);
      order.sort((x, y) => bestSim[y]! - bestSim[x]! || best[x]! - best[y]!);
      for (let k = 0; k < opts.maxNeighbours; k++) emit(best[order[k]!]!, i, bestSim[order[k]!]!);
    } else {
      for (let k = 0; k < nBest; k++) emit(best[k]!, i, bestSim[k]!);
    }
  }
  return out;
}

/**
 * How much more alike than `threshold` two big cores (each of `bigCore` articles or more) must
 * be to join.
 */
const BIG_JOIN_MARGIN = 0.05;

/** The most articles a group may have and still join a dominant event by its anchors. */
const ANCHOR_GROUP_MAX = 3;
/** How many of an event's anchors a piece must name, and where: headline and this much lead. */
const ANCHOR_TERMS = 2;
const ANCHOR_LEAD_CHARS = 300;

/** One-letter proclitics that light stemming leaves on a word (بسوريا, لسوريا, وسوريا). */
const PROCLITICS = new Set(['و', 'ف', 'ب', 'ل', 'ك']);

/**
 * The skeletons of a text's terms, each also without a one-letter proclitic when 3 or more
 * letters remain: "strikes on Syria" (على سوريا) and "strikes in Syria" (بسوريا) both name it.
 */
function namedTerms(text: string): Set<string> {
  const named = new Set<string>();
  for (const t of terms(text)) for (const k of termNames(t)) named.add(k);
  return named;
}

/**
 * Attached pronouns light stemming leaves on a word: "ضرباتنا" (our strikes), "قواتهم" (their
 * forces), "بلادكم" (your country).
 */
const PRONOUN_SUFFIXES = new Set(['نا', 'هم', 'كم']);

/**
 * What one term of {@link terms} names: its skeleton, its skeleton without a proclitic, and
 * without an attached pronoun when four or more letters remain ("قائمة ضرباتنا", the list of our
 * strikes, names the strikes).
 */
function termNames(t: string): string[] {
  const names =
    t.length >= 4 && PROCLITICS.has(t[0]!)
      ? [skeleton(t), skeleton(stem(t.slice(1)))]
      : [skeleton(t)];
  if (t.length >= 6 && PRONOUN_SUFFIXES.has(t.slice(-2)))
    names.push(skeleton(stem(t.slice(0, -2))));
  return names.map((k) => ONE_NAME.get(k) ?? k);
}

/**
 * Words outlets use for one event, read as one name: a raid (غارة, غارات) is the strike (ضربة,
 * ضربات) the day after's analyses name ("Trump defends his tweet on the raid on Syria"). Not
 * shelling (قصف) nor attack (هجوم): every day of a war names them, and an attack is as often
 * the one a strike answers (the chemical attack).
 */
const ONE_NAME = new Map([[skeleton('غار'), skeleton('ضرب')]]);

/** A batch's biggest story, as the next day's clustering reads it (see `ongoingShare`). */
export interface OngoingEvent {
  /** Its anchors: the headline terms most of its headlines carry and few others do. */
  anchors: readonly string[];
  /** Its share of its batch's articles (0–1). */
  share: number;
}

/** The day before's event named by one of its anchors, not both, once it held this share. */
const ONGOING_STRONG = 0.5;
/** The most articles a group may have and still join the day before's dominant event. */
const ONGOING_GROUP_MAX = 5;
/** The group such pieces join has one article in this many, at least, naming the event. */
const ONGOING_TARGET_PART = 3;

/**
 * The biggest of a batch's stories and its anchors, from the headlines of its stories (a
 * digest's, say: `articles` of `articleCount`): each headline term weighs the share of the
 * biggest story's headlines that carry it times how rare it is among all the headlines given.
 * Undefined without a story of two articles or more.
 *
 * @example
 * dominantEvent(digest.stories.map((s) => s.articles), digest.articleCount);
 * // { anchors: [skeleton of "strikes", skeleton of "Syria"], share: 0.76 }
 */
export function dominantEvent(
  stories: readonly (readonly Pick<Article, 'title'>[])[],
  articleCount?: number,
): OngoingEvent | undefined {
  let biggest: readonly Pick<Article, 'title'>[] = [];
  let titles = 0;
  for (const s of stories) {
    titles += s.length;
    if (s.length > biggest.length) biggest = s;
  }
  if (biggest.length < 2) return undefined;
  const df = new Map<string, number>();
  for (const s of stories) {
    for (const a of s) for (const t of namedTerms(a.title)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const share = new Map<string, number>();
  for (const a of biggest) {
    for (const t of namedTerms(a.title)) share.set(t, (share.get(t) ?? 0) + 1 / biggest.length);
  }
  const anchors = [...share]
    .map(([t, sh]) => [t, sh * Math.log((titles + 1) / (df.get(t)! + 0.5))] as const)
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .slice(0, ANCHOR_TERMS)
    .map(([t]) => t);
  return { anchors, share: biggest.length / Math.max(titles, articleCount ?? 0) };
}

/**
 * For each group that `isSmall`, the `isCore` group holding its closest article in the
 * candidate graph (-1: none) and that article's cosine, in one pass over the pairs. Groups are
 * linked lists of article indices (`head`, `next`).
 */
function closestInDominant(
  edges: Pairs,
  head: Int32Array,
  next: Int32Array,
  isCore: (g: number) => boolean,
  isSmall: (g: number) => boolean,
  count: number,
): { closest: Int32Array; closestSim: Float64Array } {
  const closest = new Int32Array(count).fill(-1);
  const closestSim = new Float64Array(count);
  const groupOf = new Int32Array(next.length).fill(-1);
  const core = new Uint8Array(count);
  const small = new Uint8Array(count);
  for (let g = 0; g < count; g++) {
    core[g] = isCore(g) ? 1 : 0;
    small[g] = isSmall(g) ? 1 : 0;
    if (!core[g] && !small[g]) continue;
    for (let m = head[g]!; m >= 0; m = next[m]!) groupOf[m] = g;
  }
  /** Ties go to the lower group number, so the result does not depend on the pairs' order. */
  const offer = (g: number, c: number, sim: number): void => {
    if (!small[g] || !core[c]) return;
    if (sim > closestSim[g]! || (sim === closestSim[g] && c < closest[g]!)) {
      closest[g] = c;
      closestSim[g] = sim;
    }
  };
  for (let e = 0; e < edges.length; e++) {
    const ga = groupOf[edges.a[e]!]!;
    const gb = groupOf[edges.b[e]!]!;
    if (ga < 0 || gb < 0 || ga === gb) continue;
    offer(ga, gb, edges.sim[e]!);
    offer(gb, ga, edges.sim[e]!);
  }
  return { closest, closestSim };
}

/**
 * Each article's headline terms (skeletons), the side of a war story it tells and the places
 * it names, and in how many of the headlines each term is.
 */
interface Headlines {
  titles: Set<string>[];
  aspects: Aspect[];
  places: string[][];
  df: Map<string, number>;
  /** Each headline's term skeletons as numbers (see `termIds`). */
  titleIds: Int32Array[];
  termIds: Map<string, number>;
}

/** How much of a text is read for its first sentence. */
const LEAD_SENTENCE_CHARS = 600;

/**
 * The places the first sentence of a text names: a report's lead says where it happened ("…on
 * Houthi positions in Kitaf, in Saada province").
 */
function leadPlaces(text: string): string[] {
  const start = text.slice(0, LEAD_SENTENCE_CHARS);
  return mayNamePlace(start) ? frontPlaces(splitSentences(start)[0] ?? '') : [];
}

function headlineTerms(reps: readonly Article[]): Headlines {
  const titleTerms = reps.map((a) => terms(a.title));
  const titles = titleTerms.map((ts) => new Set(ts.map(skeleton)));
  const df = new Map<string, number>();
  for (const set of titles) set.forEach((t) => df.set(t, (df.get(t) ?? 0) + 1));
  const termIds = new Map<string, number>();
  // Most headlines name no place: a screen passes the few that may before they are read.
  const places = reps.map((a) => (mayNamePlace(a.title) ? frontPlaces(a.title) : []));
  return {
    titles,
    aspects: titleTerms.map((ts, i) => headlineAspect(ts, reps[i]!.title)),
    places,
    df,
    termIds,
    titleIds: titles.map((set) => idsOf(set, termIds)),
  };
}

/** A headline's term skeletons as numbers, numbering new ones in `termIds`. */
function idsOf(set: ReadonlySet<string>, termIds: Map<string, number>): Int32Array {
  const out = new Int32Array(set.size);
  let i = 0;
  set.forEach((t) => {
    let id = termIds.get(t);
    if (id === undefined) termIds.set(t, (id = termIds.size));
    out[i++] = id;
  });
  return out;
}

/** A group needs this many articles before its headlines can name an event of their own. */
const NAMED_GROUP_MIN = 3;
/**
 * …but a pair whose two headlines share a rare term is named too, against such a group: two
 * reports of a wedding struck in Hajjah ("حفل زفاف" in both) beside the coalition strike that
 * killed a Houthi leader, the same night, in the same country.
 */
const NAMED_PAIR = 2;
/**
 * A group's name: a headline term that at least this share of its headlines carry… Under half:
 * an event's reports spread their headlines over its names (8 of 17 Douma headlines say
 * "chemical", 7 say "Douma"), and a name carried by no half left the event with none.
 */
const NAME_SHARE = 0.4;
/** A group's front: a place at least this share of its headlines name. */
const FRONT_SHARE = 0.5;
/**
 * A group of at most this many reports whose headlines name no place is read by its leads:
 * three reports of one front headlined "in their stronghold" and "near the leader's birthplace"
 * name Saada in their first sentence, and the front guard then keeps them apart from the
 * reports of al-Bayda.
 */
const LEAD_FRONT_MAX = 3;
/** …and fewer than this share of all the batch's headlines (not the country, not "Trump"). */
const NAME_RARE = 0.2;
/** Two named groups are apart when neither's names are in this share of the other's headlines. */
const NAME_ELSEWHERE = 0.25;

/**
 * A front's report stays apart from a small named story when fewer than this share of the
 * story's names are in the report's headlines: one shared name (the war's actor, "the Houthis")
 * among three or more does not make the two one event; one of two, or two of four, still does.
 */
const SHARED_NAMES_MAX = 0.4;

/** Slots per group for counting its headlines' sides of a war story: one per `Aspect`. */
const SIDES = Object.keys(Aspect).length;

/** A side of a war story that tells of people leaving it: civilians fleeing, fighters under a deal. */
const leaving = (side: Aspect): boolean =>
  side === Aspect.Displacement || side === Aspect.Evacuation;

/**
 * The headline terms of each group, kept as groups join, and the test that keeps two named
 * events apart: the T4 airbase strike and the Douma chemical attack, reported the same day and
 * each other's context, share enough words to join, but every report of the strike names
 * "T4" in its headline and every report of the attack "chemical" or "Douma", and neither name
 * is in the other's headlines. Also how many of each group's headlines tell each side of a war
 * story (see {@link headlineAspect}) and name each place (see {@link frontPlaces}), and the
 * tests that keep the two sides, and two fronts, apart.
 */
function groupNames(
  reps: readonly Article[],
  headlines: Headlines,
  head: Int32Array,
  next: Int32Array,
  size: Int32Array,
  count: number,
  aspectShare: number,
  bigCore: number,
): {
  join(keep: number, drop: number): void;
  apart(a: number, b: number): boolean;
  warApart(a: number, b: number): boolean;
  sameFront(a: number, b: number): boolean;
  unseenFront(a: number, b: number): boolean;
} {
  const { titles, aspects, places, df } = headlines;
  const rare = NAME_RARE * titles.length;
  /** Headline term → how many of the group's headlines carry it. */
  const counts: Map<string, number>[] = [];
  /** Place → how many of the group's headlines name it. */
  const placeCounts: Map<string, number>[] = [];
  /** How many of each group's headlines tell each side of a war story, at `g * SIDES + aspect`. */
  const sides = new Int32Array(count * SIDES);
  for (let g = 0; g < count; g++) {
    const c = new Map<string, number>();
    const p = new Map<string, number>();
    for (let m = head[g]!; m >= 0; m = next[m]!) {
      titles[m]!.forEach((t) => c.set(t, (c.get(t) ?? 0) + 1));
      places[m]!.forEach((t) => p.set(t, (p.get(t) ?? 0) + 1));
      sides[g * SIDES + aspects[m]!]!++;
    }
    counts.push(c);
    placeCounts.push(p);
  }
  const sideOf = (g: number): Aspect =>
    groupAspect(
      sides[g * SIDES + Aspect.Displacement]!,
      sides[g * SIDES + Aspect.Combat]!,
      size[g]!,
      aspectShare,
      sides[g * SIDES + Aspect.Evacuation]!,
      sides[g * SIDES + Aspect.Aid]!,
    );
  /** The two groups tell different sides of a war: its fighting against a leaving. */
  const otherSide = (a: number, b: number): boolean => {
    const x = sideOf(a);
    const y = sideOf(b);
    return x !== Aspect.None && y !== Aspect.None && x !== y && !(leaving(x) && leaving(y));
  };
  /** The terms (or places) `share` or more of a group's headlines carry. */
  const carried = (c: Map<string, number>, g: number, share: number): string[] => {
    const out: string[] = [];
    c.forEach((n, t) => {
      if (n >= share * size[g]!) out.push(t);
    });
    return out;
  };
  /** Name `t` is in `NAME_ELSEWHERE` of group `g`'s headlines, by the counts `c`. */
  const carriedBy = (t: string, c: Map<string, number>, g: number): boolean =>
    (c.get(t) ?? 0) >= NAME_ELSEWHERE * size[g]!;
  /** Some of `names` are in `NAME_ELSEWHERE` of group `g`'s headlines, by the counts `c`. */
  const elsewhere = (names: string[], c: Map<string, number>, g: number): boolean =>
    names.some((t) => carriedBy(t, c, g));
  /** Groups `a` and `b` each have names (or places) of their own, in few of the other's headlines. */
  const ownNames = (
    na: string[],
    nb: string[],
    ca: Map<string, number>,
    cb: Map<string, number>,
    a: number,
    b: number,
  ): boolean => na.length > 0 && nb.length > 0 && !elsewhere(na, cb, b) && !elsewhere(nb, ca, a);
  /**
   * The places a group's headlines name, by how many of them; for a small group whose
   * headlines name none (a front's reports headlined "in their stronghold"), the places its
   * reports' leads name, by how many of them.
   */
  const leads = new Map<number, Map<string, number>>();
  /** The places article `m`'s lead names, each counted once; memoized. */
  const leadOf = (m: number): Map<string, number> => {
    let lead = leads.get(m);
    if (!lead) {
      lead = new Map(leadPlaces(reps[m]!.text).map((t) => [t, 1]));
      leads.set(m, lead);
    }
    return lead;
  };
  /** A small group's lead places, with the size they were counted at. */
  const groupLeads = new Map<number, { size: number; places: Map<string, number> }>();
  const placesOf = (g: number): Map<string, number> => {
    const p = placeCounts[g]!;
    if (p.size > 0 || size[g]! > LEAD_FRONT_MAX) return p;
    const hit = groupLeads.get(g);
    if (hit && hit.size === size[g]) return hit.places;
    const named = new Map<string, number>();
    for (let m = head[g]!; m >= 0; m = next[m]!) {
      leadOf(m).forEach((_, t) => named.set(t, (named.get(t) ?? 0) + 1));
    }
    groupLeads.set(g, { size: size[g]!, places: named });
    return named;
  };
  /** A group's fronts: the places half or more of its headlines (or a small group's leads) name. */
  const frontsOf = (g: number): string[] => carried(placesOf(g), g, FRONT_SHARE);
  /**
   * The two groups report from different fronts of a war: the places half or more of each
   * one's headlines name are each in under a quarter of the other's (a report from Douma and
   * one from Hamouriyeh share Eastern Ghouta; one from Saada and one from Taiz share nothing).
   * Any size, a lone report too: its headlines, or else its leads, name its front. Only the
   * leads of a group of up to `LEAD_FRONT_MAX` count: the leads of a big event's reactions name
   * the place of the event they react to, not a front of their own.
   */
  const otherFront = (a: number, b: number): boolean => {
    const fa = frontsOf(a);
    if (fa.length === 0) return false;
    return ownNames(fa, frontsOf(b), placesOf(a), placesOf(b), a, b);
  };
  /** A group's names, with the size they were computed at. */
  const cache = new Map<number, { size: number; names: string[] }>();
  const namesOf = (g: number): string[] => {
    const hit = cache.get(g);
    if (hit && hit.size === size[g]) return hit.names;
    const names = carried(counts[g]!, g, NAME_SHARE).filter((t) => df.get(t)! < rare);
    cache.set(g, { size: size[g]!, names });
    return names;
  };
  /**
   * A front's report and a small story with names of its own: `a`'s headlines name a front,
   * `b`'s (a story of `NAMED_GROUP_MIN` articles up to a big event's) name none but carry names
   * of their own, the front is in under a quarter of `b`'s headlines, and under
   * `SHARED_NAMES_MAX` of `b`'s names are in a quarter of `a`'s — a missile shot down over Jazan
   * beside the Houthis' losses in "their stronghold"; the threat to Red Sea shipping beside the
   * Saada offensive, though both name the Houthis. A big event is left out: its pieces name the
   * places it touches (the attacked town) as often as its names.
   */
  const frontBesideName = (a: number, b: number): boolean => {
    if (size[b]! < NAMED_GROUP_MIN || size[b]! >= bigCore) return false;
    const fa = frontsOf(a);
    if (fa.length === 0 || frontsOf(b).length > 0) return false;
    const nb = namesOf(b);
    if (nb.length === 0 || elsewhere(fa, placesOf(b), b)) return false;
    const shared = nb.filter((t) => carriedBy(t, counts[a]!, a)).length;
    return shared < SHARED_NAMES_MAX * nb.length;
  };
  const warApart = (a: number, b: number): boolean =>
    otherSide(a, b) || otherFront(a, b) || frontBesideName(a, b) || frontBesideName(b, a);
  /** The places any of a group's headlines or leads name, by group (for a core that is final). */
  const namedAnywhere = new Map<number, Set<string>>();
  return {
    /**
     * The fronts `a`'s headlines name (half or more of them) are named by none of `b`'s
     * headlines, nor by the lead of any of its reports: `a` reports from elsewhere.
     */
    unseenFront(a, b) {
      const fa = carried(placeCounts[a]!, a, FRONT_SHARE);
      if (fa.length === 0) return false;
      let seen = namedAnywhere.get(b);
      if (!seen) {
        const found = new Set(placeCounts[b]!.keys());
        for (let m = head[b]!; m >= 0; m = next[m]!) leadOf(m).forEach((_, t) => found.add(t));
        namedAnywhere.set(b, (seen = found));
      }
      return !fa.some((t) => seen.has(t));
    },
    join(keep, drop) {
      const into = counts[keep]!;
      counts[drop]!.forEach((c, t) => into.set(t, (into.get(t) ?? 0) + c));
      counts[drop]!.clear();
      const placesInto = placeCounts[keep]!;
      placeCounts[drop]!.forEach((c, t) => placesInto.set(t, (placesInto.get(t) ?? 0) + c));
      placeCounts[drop]!.clear();
      for (let k = 0; k < SIDES; k++) sides[keep * SIDES + k]! += sides[drop * SIDES + k]!;
    },
    warApart,
    /** The headlines of two lone articles name the same places (one at least). */
    sameFront(a, b) {
      const pa = places[head[a]!]!;
      const pb = places[head[b]!]!;
      return pa.length > 0 && pa.length === pb.length && pa.every((p) => pb.includes(p));
    },
    apart(a, b) {
      if (warApart(a, b)) return true;
      const smaller = Math.min(size[a]!, size[b]!);
      const larger = Math.max(size[a]!, size[b]!);
      if (smaller < NAMED_PAIR || larger < NAMED_GROUP_MIN) return false;
      return ownNames(namesOf(a), namesOf(b), counts[a]!, counts[b]!, a, b);
    },
  };
}

/**
 * A function giving a group's anchors: its `ANCHOR_TERMS` headline terms with the most weight,
 * a term's weight being the share of the group's headlines that carry it times how rare it is
 * among all the headlines of the batch (so "Douma" and "chemical", not "Syria" alone).
 */
function eventAnchors(
  { titles, df }: Headlines,
  titleShares: (g: number) => Map<string, number>,
): (g: number) => string[] {
  const memo = new Map<number, string[]>();
  return (g) => {
    let anchors = memo.get(g);
    if (anchors) return anchors;
    const weighted: [string, number][] = [];
    titleShares(g).forEach((share, t) => {
      weighted.push([t, share * Math.log((titles.length + 1) / (df.get(t)! + 0.5))]);
    });
    weighted.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    anchors = weighted.slice(0, ANCHOR_TERMS).map(([t]) => t);
    memo.set(g, anchors);
    return anchors;
  };
}

/**
 * The default clusterer (see the module comment). Deterministic: the same articles in any order
 * give the same groups; groups and their articles are sorted by publication time, then id.
 *
 * @example
 * const stories = clusterArticles(articles); // Article[][]
 */
export const clusterArticles: Clusterer = (input, opts = {}) => {
  if (input.length === 0) return [];
  const threshold = opts.threshold ?? 0.22;
  const dupThreshold = opts.duplicateThreshold ?? 0.8;
  const minEdge = Math.min(opts.minEdge ?? 0.05, threshold, dupThreshold);
  const maxGapMs = (opts.maxGapHours ?? 36) * 3_600_000;
  const linkage = opts.linkage ?? 'centroid';
  const minAverage = opts.minAverage ?? 0.07;
  const bigCore = opts.bigCore ?? 10;
  const coreSize = opts.coreSize ?? 3;
  const neighbourShare = opts.neighbourShare ?? 0.9;
  const absorbFloor = opts.absorbFloor ?? 0.18;
  // Canonical order first, so the result does not depend on the input order.
  const { articles, times } = canonicalOrder(input);
  // Exact duplicates: copies by URL, then by content. The content fingerprints come from the
  // term extraction's own scan, so one article per URL is analysed (a copy by content adds no
  // new term: its words are those of the article it copies).
  const byUrl = urlGroups(articles);
  const firsts = byUrl.map((g) => articles[g[0]!]!);
  let fingerprints: ArrayLike<number>;
  let analysed: TermCountTable;
  let vocabulary: ReturnType<typeof createVocabulary> | undefined;
  const featureOpts: FeatureOptions = { ...CLUSTER_FEATURES, ...opts };
  if (opts.termCounts && firsts.every((a) => opts.termCounts!.has(a.id))) {
    analysed = fromPrecomputed(firsts, opts.termCounts);
    fingerprints = firsts.map((a) => contentFingerprint(a, opts));
  } else {
    const fp = new Float64Array(firsts.length);
    vocabulary = createVocabulary(opts);
    analysed = termCountTable(firsts, featureOpts, vocabulary, fp);
    fingerprints = fp;
  }
  const joined = joinByFingerprint(fingerprints);
  const dupGroups = flatten(byUrl, joined);
  const reps = dupGroups.map((g) => articles[g[0]!]!);
  const docs =
    joined.length === byUrl.length
      ? analysed
      : selectRows(
          analysed,
          joined.map((js) => js[0]!),
        );
  let background: { docs: number; df: Float64Array; articles: number } | undefined;
  if (opts.background && vocabulary && opts.background.docs > 0) {
    const w = opts.backgroundWeight ?? 0.1;
    const df = new Float64Array(docs.vocabSize);
    const table = opts.background.df;
    for (let id = 0; id < df.length; id++) df[id] = w * (table.get(vocabulary.key(id)) ?? 0);
    background = { docs: w * opts.background.docs, df, articles: opts.background.docs };
  }
  const vectors = tfidfVectors(docs, {
    ...(opts.maxTerms !== undefined ? { maxTerms: opts.maxTerms } : {}),
    ...(opts.idfPrior !== undefined ? { idfPrior: opts.idfPrior } : {}),
    ...(opts.priorWithoutHistory !== undefined
      ? { priorWithoutHistory: opts.priorWithoutHistory }
      : {}),
    ...(background ? { background } : {}),
  });
  const maxPostings = Math.max(100, Math.ceil((opts.maxPostingShare ?? 0.01) * reps.length));
  const edges = candidatePairs(vectors, {
    minEdge,
    maxNeighbours: opts.maxNeighbours ?? 30,
    maxPostings,
    vocabSize: vectors.df.length,
  });

  // Near duplicates join outright.
  const n = reps.length;
  const uf = new UnionFind(n);
  for (let e = 0; e < edges.length; e++) {
    if (edges.sim[e]! >= dupThreshold) uf.union(edges.a[e]!, edges.b[e]!);
  }

  // Groups, by the index of their first article's set; a group is a row of parallel arrays.
  const groupOf = new Int32Array(n).fill(-1);
  const rootGroup = new Int32Array(n).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const root = uf.find(i);
    if (rootGroup[root]! < 0) rootGroup[root] = count++;
    groupOf[i] = rootGroup[root]!;
  }
  const size = new Int32Array(count);
  /** Σ over member pairs of their cosine (= squared norm of the summed member vectors). */
  const selfDot = new Float64Array(count);
  const minTime = new Float64Array(count).fill(Infinity);
  const maxTime = new Float64Array(count).fill(-Infinity);
  const version = new Int32Array(count);
  const alive = new Uint8Array(count).fill(1);
  /** The article indices of each group, as a linked list: first member, next member. */
  const head = new Int32Array(count).fill(-1);
  const tail = new Int32Array(count).fill(-1);
  const next = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]!;
    if (head[g]! < 0) head[g] = i;
    else next[tail[g]!] = i;
    tail[g] = i;
    size[g]!++;
    selfDot[g]! += 1;
    const t = times[dupGroups[i]![0]!]!;
    if (!Number.isNaN(t)) {
      minTime[g] = Math.min(minTime[g]!, t);
      maxTime[g] = Math.max(maxTime[g]!, t);
    }
  }
  /** Neighbouring group → Σ of cosines over cross pairs (pairs below minEdge count 0). */
  const links: Map<number, number>[] = Array.from({ length: count }, () => new Map());
  // Group-level sums of pairwise cosines, from the candidate graph: the centroid algebra
  // (cA·cB = Σ cross cosines, |cA|² = Σ inner cosines) without ever building centroid vectors.
  for (let e = 0; e < edges.length; e++) {
    const ga = groupOf[edges.a[e]!]!;
    const gb = groupOf[edges.b[e]!]!;
    const sim = edges.sim[e]!;
    if (ga === gb) {
      selfDot[ga]! += 2 * sim;
    } else {
      links[ga]!.set(gb, (links[ga]!.get(gb) ?? 0) + sim);
      links[gb]!.set(ga, (links[gb]!.get(ga) ?? 0) + sim);
    }
  }

  /** Two groups further apart in time than `maxGapHours` (undated groups are never). */
  const tooFarApart = (a: number, b: number): boolean =>
    minTime[a] !== Infinity &&
    minTime[b] !== Infinity &&
    Math.max(minTime[a]!, minTime[b]!) - Math.min(maxTime[a]!, maxTime[b]!) > maxGapMs;

  // Each article's links (CSR over the candidate pairs), for the test a lone article passes to
  // join a small core: its strongest link into it against its strongest link into another core.
  const adjStart = new Int32Array(n + 1);
  for (let e = 0; e < edges.length; e++) {
    adjStart[edges.a[e]! + 1]!++;
    adjStart[edges.b[e]! + 1]!++;
  }
  for (let i = 0; i < n; i++) adjStart[i + 1]! += adjStart[i]!;
  const adjEdge = new Int32Array(2 * edges.length);
  const fill = adjStart.slice(0, n);
  for (let e = 0; e < edges.length; e++) {
    adjEdge[fill[edges.a[e]!]!++] = e;
    adjEdge[fill[edges.b[e]!]!++] = e;
  }
  /** The group an article is in now: the near-duplicate sets, joined as their groups join. */
  const groupNow = (i: number): number => rootGroup[uf.find(i)]!;
  /** A core too small to be a big event's: see `nearEnough`. */
  const small = (g: number): boolean => size[g]! >= coreSize && size[g]! < bigCore;
  /**
   * Lone article `g` may join core `c` (of `coreSize` to `bigCore` articles): unless its
   * strongest link into `c` is under `neighbourShare` of its strongest link into another core,
   * and that core is less than `absorbFloor` like `c` (a piece of another event, not an angle of
   * the same one).
   */
  const nearEnough = (g: number, c: number): boolean => {
    const m = head[g]!;
    let into = 0;
    let home = 0;
    let homeGroup = -1;
    for (let k = adjStart[m]!; k < adjStart[m + 1]!; k++) {
      const e = adjEdge[k]!;
      const sim = edges.sim[e]!;
      const o = groupNow(edges.a[e] === m ? edges.b[e]! : edges.a[e]!);
      if (o === c) into = Math.max(into, sim);
      else if (size[o]! >= coreSize && sim > home) {
        home = sim;
        homeGroup = o;
      }
    }
    if (into >= neighbourShare * home) return true;
    return (
      (links[c]!.get(homeGroup) ?? 0) / Math.sqrt(selfDot[c]! * selfDot[homeGroup]!) >= absorbFloor
    );
  };

  const heap = new PairHeap();
  const offer = (a: number, b: number, d: number): void => {
    if (tooFarApart(a, b)) return;
    const average = d / (size[a]! * size[b]!);
    const sim =
      linkage === 'average'
        ? average
        : average < minAverage
          ? 0
          : d / Math.sqrt(selfDot[a]! * selfDot[b]! || 1);
    if (sim < threshold) return;
    // Two big cores that grew apart are two events until shown otherwise: each gathered its
    // own angles first, and their centroids, averages of many reports, come close on the
    // background the two share (the same country, the same war) more than one article does.
    if (Math.min(size[a]!, size[b]!) >= bigCore && sim < threshold + BIG_JOIN_MARGIN) return;
    if (a < b) heap.push(sim, a, b, version[a]!, version[b]!);
    else heap.push(sim, b, a, version[b]!, version[a]!);
  };
  // forEach, not for-of: iterating a Map's entries allocates a pair per entry.
  for (let a = 0; a < count; a++) {
    links[a]!.forEach((d, b) => {
      if (a < b) offer(a, b, d);
    });
  }
  const headlines = headlineTerms(reps);
  const names = groupNames(
    reps,
    headlines,
    head,
    next,
    size,
    count,
    opts.aspectShare ?? 0.4,
    bigCore,
  );
  /** Folds group `drop` into group `keep` (its links, sums and members); returns `keep`. */
  const join = (keep: number, drop: number): number => {
    names.join(keep, drop);
    uf.union(head[keep]!, head[drop]!);
    rootGroup[uf.find(head[keep]!)] = keep;
    const lk = links[keep]!;
    const ld = links[drop]!;
    const between = lk.get(drop) ?? 0;
    next[tail[keep]!] = head[drop]!;
    tail[keep] = tail[drop]!;
    size[keep]! += size[drop]!;
    selfDot[keep]! += selfDot[drop]! + 2 * between;
    minTime[keep] = Math.min(minTime[keep]!, minTime[drop]!);
    maxTime[keep] = Math.max(maxTime[keep]!, maxTime[drop]!);
    version[keep]!++;
    alive[drop] = 0;
    lk.delete(drop);
    ld.forEach((d, nb) => {
      if (nb === keep) return;
      const other = links[nb]!;
      other.delete(drop);
      const sum = (lk.get(nb) ?? 0) + d;
      lk.set(nb, sum);
      other.set(keep, sum);
    });
    ld.clear();
    return keep;
  };
  const top = heap.top;
  while (heap.pop()) {
    let keep = top.a;
    let drop = top.b;
    if (!alive[keep] || !alive[drop] || version[keep] !== top.va || version[drop] !== top.vb) {
      continue;
    }
    // Two events that each carry their own name stay apart, however much they share; so do
    // the two sides of a war story, and the reports of its two fronts.
    if (names.apart(keep, drop)) continue;
    // A lone article joins a small core only near its own nearest articles (see nearEnough).
    if (size[drop] === 1 && small(keep) && !nearEnough(drop, keep)) continue;
    if (size[keep] === 1 && small(drop) && !nearEnough(keep, drop)) continue;
    // Fold the group with fewer links into the other (keeps merging cheap).
    if (links[drop]!.size > links[keep]!.size) [keep, drop] = [drop, keep];
    const kept = join(keep, drop);
    links[kept]!.forEach((d, nb) => offer(kept, nb, d));
  }

  // A big event's pieces: a group of several articles (an angle of the event: the military
  // options, the reactions of one capital) that stopped just short of the threshold joins the
  // big core whose centroid it is most like, at a lower floor. The core's centroid averages
  // dozens of articles, so a neighbouring event's group rarely comes close to it; and the
  // decision is taken against the cores as they stand, so no group is reached through another.
  const absorbMargin = opts.attachMargin ?? 0.75;
  const absorbTitleTerms = opts.absorbTitleTerms ?? 2;
  const absorbInto: [number, number][] = [];
  /** The share of a group's titles that carry each title term. */
  const titleShares = (h: number): Map<string, number> => {
    const shares = new Map<string, number>();
    for (let m = head[h]!; m >= 0; m = next[m]!) {
      headlines.titles[m]!.forEach((t) => shares.set(t, (shares.get(t) ?? 0) + 1 / size[h]!));
    }
    return shares;
  };
  /**
   * Among the groups linked to `g` that `accept` (and are close enough in time), the most
   * similar one by centroid cosine, its similarity, and the runner-up's similarity.
   */
  const closestLinked = (
    g: number,
    accept: (c: number, d: number) => boolean,
  ): { best: number; bestSim: number; second: number } => {
    let best = -1;
    let bestSim = 0;
    let second = 0;
    links[g]!.forEach((d, c) => {
      if (!accept(c, d) || tooFarApart(g, c)) return;
      const sim = d / Math.sqrt(selfDot[g]! * selfDot[c]! || 1);
      if (sim > bestSim || (sim === bestSim && c < best)) {
        second = bestSim;
        bestSim = sim;
        best = c;
      } else if (sim > second) second = sim;
    });
    return { best, bestSim, second };
  };
  for (let g = 0; g < count; g++) {
    if (!alive[g] || size[g]! < 2 || size[g]! >= bigCore) continue;
    const { best, bestSim, second } = closestLinked(
      g,
      (c, d) =>
        size[c]! >= bigCore &&
        size[c]! >= 2 * size[g]! &&
        // Half the pair guard: each article keeps only its strongest neighbours in the graph,
        // so the cross sums of a big core undercount its many weaker pairs.
        d / (size[g]! * size[c]!) >= minAverage / 2,
    );
    if (best < 0 || bestSim < absorbFloor || second >= absorbMargin * bestSim) continue;
    // The event's names: a piece of it shares at least `absorbTitleTerms` of the terms a
    // quarter or more of the core's titles carry ("Douma", "chemical"), where a neighbouring
    // event in the same country shares only the country's name.
    const keys = titleShares(best);
    let shared = 0;
    titleShares(g).forEach((_, t) => {
      if ((keys.get(t) ?? 0) >= 0.25) shared++;
    });
    if (shared >= absorbTitleTerms && !names.warApart(g, best)) absorbInto.push([g, best]);
  }
  for (const [g, c] of absorbInto) join(c, g);

  // Attachment: a small group left over (a brief, a video caption, a reaction piece) joins the
  // core it is most like, when that is above a lower floor than cores need. Decisions are taken
  // against the cores as they are, then applied: an attached piece never pulls in another one
  // (no chaining through attachments), and a piece as close to a second core stays alone; a
  // lone piece passes the same nearest-articles test as in agglomeration.
  const attachFloor = opts.attachFloor ?? 0.14;
  const attachSize = opts.attachSize ?? 1;
  const attachMargin = opts.attachMargin ?? 0.75;
  const briefChars = opts.briefChars ?? 400;
  const bigFloor = opts.bigFloor ?? 0.18;
  const bigMargin = opts.bigMargin ?? 0.85;
  const attachTo: [number, number][] = [];
  for (let g = 0; g < count; g++) {
    if (!alive[g] || size[g]! > attachSize) continue;
    let short = true;
    for (let m = head[g]!; m >= 0 && short; m = next[m]!) {
      short = reps[m]!.text.length < briefChars;
    }
    const { best, bestSim, second } = closestLinked(g, (c) => size[c]! >= coreSize);
    if (!short && (best < 0 || size[best]! < bigCore)) continue;
    const floor = short ? attachFloor : bigFloor;
    const margin = best >= 0 && size[best]! >= bigCore ? bigMargin : attachMargin;
    if (
      best >= 0 &&
      bestSim >= floor &&
      second < margin * bestSim &&
      !names.warApart(g, best) &&
      (size[g] !== 1 || !small(best) || nearEnough(g, best))
    ) {
      attachTo.push([g, best]);
    }
  }
  // The day's dominant event: a small group that names its anchors in its headline and lead.
  const dominant = Math.max(bigCore, (opts.dominantShare ?? 0.15) * n);
  const strong = Math.max(bigCore, (opts.strongShare ?? 0.25) * n);
  const anchorFloor = opts.anchorFloor ?? 0.08;
  const attached = new Set(attachTo.map(([g]) => g));
  const { closest, closestSim } = closestInDominant(
    edges,
    head,
    next,
    (g) => alive[g] === 1 && size[g]! >= dominant,
    (g) => alive[g] === 1 && size[g]! <= ANCHOR_GROUP_MAX && !attached.has(g),
    count,
  );
  let anchorsOf: ((c: number) => string[]) | undefined;
  for (let g = 0; g < count; g++) {
    const c = closest[g]!;
    if (c < 0 || closestSim[g]! < anchorFloor || tooFarApart(g, c)) continue;
    anchorsOf ??= eventAnchors(headlines, titleShares);
    const anchors = anchorsOf(c);
    const needed = size[c]! >= strong ? 1 : anchors.length;
    let named = true;
    let headlined = false;
    for (let m = head[g]!; m >= 0 && named; m = next[m]!) {
      const a = reps[m]!;
      const lead = namedTerms(`${a.title} ${a.text.slice(0, ANCHOR_LEAD_CHARS)}`);
      named = anchors.filter((t) => lead.has(t)).length >= needed;
      if (named && !headlined) {
        const title = namedTerms(a.title);
        headlined = anchors.some((t) => title.has(t));
      }
    }
    // Named only in the lead, from a front the event's reports never name: "attack" alone
    // does not make a Houthi retreat in Sirwah a piece of the Douma attack.
    if (!named || names.warApart(g, c) || (!headlined && names.unseenFront(g, c))) continue;
    attachTo.push([g, c]);
  }
  // Lone reports of one front: a lone article left over joins its closest lone neighbour whose
  // headline names the same places, a little under the threshold (see `frontMargin`). A
  // neighbour may itself join another: a front's three reports become one story.
  const frontFloor = threshold - (opts.frontMargin ?? 0.03);
  const placed = new Set(attachTo.map(([g]) => g));
  const lone = (g: number): boolean => alive[g] === 1 && size[g] === 1 && !placed.has(g);
  for (let g = 0; g < count; g++) {
    if (!lone(g)) continue;
    let best = -1;
    let bestSim = 0;
    links[g]!.forEach((d, h) => {
      if (d < frontFloor || d < bestSim || (d === bestSim && h > best)) return;
      if (lone(h) && !tooFarApart(g, h) && names.sameFront(g, h) && !names.warApart(g, h)) {
        best = h;
        bestSim = d;
      }
    });
    if (best < 0) continue;
    attachTo.push([g, best]);
    placed.add(g);
  }
  for (const [g, c] of attachTo) {
    next[tail[c]!] = head[g]!;
    tail[c] = tail[g]!;
    alive[g] = 0;
  }
  // The day after a day-filling event: the small groups whose every headline and lead name its
  // anchors join the group with the most articles that do (see `ongoingShare`).
  const event = opts.ongoing;
  if (event && event.anchors.length > 0 && event.share >= (opts.ongoingShare ?? 0.3)) {
    const needed = event.share >= ONGOING_STRONG ? 1 : event.anchors.length;
    // Which anchors a term names (a bit each), worked out once per term of the day.
    const anchorBits = new Map<string, number>();
    const bitsOf = (t: string): number => {
      let bits = anchorBits.get(t);
      if (bits === undefined) {
        bits = 0;
        const keys = termNames(t);
        event.anchors.forEach((anchor, i) => {
          if (keys.includes(anchor)) bits! |= 1 << i;
        });
        anchorBits.set(t, bits);
      }
      return bits;
    };
    // Each article read once: the search for the target may have read a small group already.
    const read = new Int8Array(n); // 0 not yet, 1 names the event, -1 does not
    const namesEvent = (m: number): boolean => {
      if (read[m] === 0) {
        const a = reps[m]!;
        let seen = 0;
        read[m] = -1;
        for (const t of terms(`${a.title} ${a.text.slice(0, ANCHOR_LEAD_CHARS)}`)) {
          seen |= bitsOf(t);
          let named = 0;
          for (let b = seen; b; b &= b - 1) named++;
          if (named >= needed) {
            read[m] = 1;
            break;
          }
        }
      }
      return read[m] === 1;
    };
    const members = new Int32Array(count);
    const order: number[] = [];
    for (let g = 0; g < count; g++) {
      if (!alive[g]) continue;
      for (let m = head[g]!; m >= 0; m = next[m]!) members[g]!++;
      order.push(g);
    }
    // The group with the most articles naming the event, of which a third do at least (the
    // bigger, then the first in id order, on a tie): the event's core names it in less than
    // half its headlines and leads when the day's news of it is the capitals' warnings.
    order.sort((x, y) => members[y]! - members[x]! || x - y);
    let target = -1;
    let most = 0;
    for (const g of order) {
      if (members[g]! <= most) break;
      let naming = 0;
      // Read until the group can no longer name it more than the best so far.
      let unread = members[g]!;
      for (let m = head[g]!; m >= 0 && naming + unread > most; m = next[m]!, unread--) {
        if (namesEvent(m)) naming++;
      }
      if (naming > most && naming * ONGOING_TARGET_PART >= members[g]!) {
        target = g;
        most = naming;
      }
    }
    const allName = (g: number): boolean => {
      for (let m = head[g]!; m >= 0; m = next[m]!) if (!namesEvent(m)) return false;
      return true;
    };
    for (const g of order) {
      if (target < 0 || g === target || members[g]! > ONGOING_GROUP_MAX) continue;
      if (names.warApart(g, target) || tooFarApart(g, target) || !allName(g)) continue;
      next[tail[target]!] = head[g]!;
      tail[target] = tail[g]!;
      alive[g] = 0;
    }
  }

  // Pieces of one event left apart whose headlines name the same things (see mergeSameEvent):
  // an election's security measures and its candidates' profiles.
  const finals: number[] = [];
  for (let g = 0; g < count; g++) if (alive[g]) finals.push(g);
  const titled = finals.map((g): TitledGroup => {
    const titles: Int32Array[] = [];
    let from = Infinity;
    let to = -Infinity;
    for (let m = head[g]!; m >= 0; m = next[m]!) {
      titles.push(headlines.titleIds[m]!);
      // A copy by content may carry a headline of its own.
      for (const idx of dupGroups[m]!.slice(1)) {
        const title = articles[idx]!.title;
        titles.push(
          title === reps[m]!.title
            ? headlines.titleIds[m]!
            : idsOf(titleSet(title), headlines.termIds),
        );
      }
      const t = times[dupGroups[m]![0]!]!;
      if (!Number.isNaN(t)) {
        from = Math.min(from, t);
        to = Math.max(to, t);
      }
    }
    return { titles, from, to };
  });
  const roots = sameEventRoots(titled, headlines.termIds.size, {
    maxGapHours: maxGapMs / 3_600_000,
    ...sameEventOptions(opts),
  });
  roots.forEach((r, f) => {
    if (r === f) return;
    const keep = finals[r]!;
    const drop = finals[f]!;
    let last = head[keep]!;
    while (next[last]! >= 0) last = next[last]!;
    next[last] = head[drop]!;
    alive[drop] = 0;
  });

  // Indices into `articles` are its canonical order (time, then id): a story's articles and
  // the stories themselves come out in that order by sorting numbers, not dates.
  const out: number[][] = [];
  for (let g = 0; g < count; g++) {
    if (!alive[g]) continue;
    const list: number[] = [];
    for (let m = head[g]!; m >= 0; m = next[m]!) for (const idx of dupGroups[m]!) list.push(idx);
    list.sort((x, y) => x - y);
    out.push(list);
  }
  out.sort((x, y) => x[0]! - y[0]!);
  return out.map((list) => list.map((idx) => articles[idx]!));
};

/** Options of {@link mergeSameEvent}. */
export interface SameEventOptions {
  /**
   * Distinctive title terms two stories must share.
   * @default 3
   */
  minShared?: number;
  /**
   * Cosine of the stories' title profiles (terms weighted by how many of a story's titles
   * carry them and how few other stories' titles do). At 0.3 a title naming one office
   * ("national security adviser") joined two events on a labelled day; 0.35 joined none.
   * @default 0.35
   */
  minCosine?: number;
  /**
   * Stories further apart in time than this (hours between the last article of one and the
   * first of the other) never join. No limit by default.
   */
  maxGapHours?: number;
}

/**
 * Joins stories that are pieces of one event: their headlines name the same things (the
 * same distinctive title terms, e.g. "election", the country and the office), as when an
 * election's security measures and its candidates' profiles came out as two groups. Terms
 * most stories' titles carry count little, so two stories about one country stay apart.
 * Groups keep the order of their first article; articles are in canonical order.
 * `clusterArticles` applies the same test as its last step; this is it for the groups of
 * another clusterer.
 *
 * @example
 * mergeSameEvent(otherClusterer(articles), { maxGapHours: 36 }); // fewer, whole stories
 */
export function mergeSameEvent(
  groups: readonly Article[][],
  opts: SameEventOptions = {},
): Article[][] {
  const termIds = new Map<string, number>();
  const titled = groups.map((g): TitledGroup => {
    let from = Infinity;
    let to = -Infinity;
    for (const a of g) {
      const t = publishedMs(a);
      if (Number.isNaN(t)) continue;
      from = Math.min(from, t);
      to = Math.max(to, t);
    }
    return { titles: g.map((a) => idsOf(titleSet(a.title), termIds)), from, to };
  });
  const roots = sameEventRoots(titled, termIds.size, opts);
  const byRoot = new Map<number, Article[]>();
  const out: Article[][] = [];
  groups.forEach((g, i) => {
    const r = roots[i]!;
    const list = byRoot.get(r);
    if (list) list.push(...g);
    else {
      const fresh = [...g];
      byRoot.set(r, fresh);
      out.push(fresh);
    }
  });
  for (const g of out) if (g.length > 1) g.sort(byTimeThenId);
  return out;
}

/** The same-event settings of the clusterer's options (see {@link ClusterOptions}). */
function sameEventOptions(opts: ClusterOptions): SameEventOptions {
  return {
    ...(opts.sameEventTerms !== undefined ? { minShared: opts.sameEventTerms } : {}),
    ...(opts.sameEventCosine !== undefined ? { minCosine: opts.sameEventCosine } : {}),
  };
}

/** A group as the same-event test reads it: its headlines' terms and its time span (ms). */
interface TitledGroup {
  /** Each headline's term skeletons, as numbers under `termCount`. */
  titles: readonly Int32Array[];
  /** Earliest and latest publication times; Infinity and -Infinity when undated. */
  from: number;
  to: number;
}

/**
 * Rounds of the same-event test: two pieces joined make a profile that may now name what a
 * third piece's headlines name (three angles of "seven years of war in Syria", each sharing
 * some of its words with each other).
 */
const SAME_EVENT_ROUNDS = 3;

/**
 * A headline term in more groups' key terms than this proposes no same-event pair; it still
 * counts in the test of a pair another term proposed.
 */
const SAME_EVENT_POSTINGS = 20;

/**
 * For each group, the index of the group it joins (itself when none): pairs whose headlines
 * name the same event (see {@link sameEventPairs}) join, unless further apart in time than
 * `maxGapHours`; the test is repeated on the joined groups, up to {@link SAME_EVENT_ROUNDS} times.
 */
function sameEventRoots(
  groups: readonly TitledGroup[],
  termCount: number,
  opts: SameEventOptions,
): Int32Array {
  const uf = new UnionFind(groups.length);
  const maxGapMs = (opts.maxGapHours ?? Infinity) * 3_600_000;
  let current: (TitledGroup & { root: number })[] = groups.map((g, root) => ({ ...g, root }));
  for (let round = 0; round < SAME_EVENT_ROUNDS && current.length > 1; round++) {
    let joined = false;
    for (const [x, y] of sameEventPairs(
      current.map((c) => c.titles),
      termCount,
      opts,
    )) {
      const g = current[x]!;
      const h = current[y]!;
      const dated = g.from !== Infinity && h.from !== Infinity;
      if (dated && Math.max(g.from, h.from) - Math.min(g.to, h.to) > maxGapMs) continue;
      uf.union(g.root, h.root);
      joined = true;
    }
    if (!joined) break;
    // The groups as joined so far: the lowest index of each set stands for it.
    const byRoot = new Map<number, TitledGroup & { root: number }>();
    for (const c of current) {
      const root = uf.find(c.root);
      const into = byRoot.get(root);
      if (!into) byRoot.set(root, { ...c, root });
      else {
        into.titles = [...into.titles, ...c.titles];
        into.from = Math.min(into.from, c.from);
        into.to = Math.max(into.to, c.to);
      }
    }
    current = [...byRoot.values()];
  }
  return Int32Array.from(groups, (_, i) => uf.find(i));
}

/** A headline's terms, as skeletons. */
function titleSet(title: string): Set<string> {
  return new Set(terms(title).map(skeleton));
}

/**
 * The pairs of groups (g < h) whose headlines name the same event: at least `minShared` key
 * terms (carried by half or more of each group's headlines) in common, and key-term profiles
 * (each term weighted by the share of the group's headlines that carry it and by how few groups'
 * headlines do) at least `minCosine` alike. Terms most groups' headlines carry count little, so
 * two stories about one country stay apart. Each group is given as its headlines' term numbers.
 */
function sameEventPairs(
  groups: readonly (readonly Int32Array[])[],
  termCount: number,
  opts: SameEventOptions,
): [number, number][] {
  const minShared = opts.minShared ?? 3;
  const minCosine = opts.minCosine ?? 0.35;
  const n = groups.length;
  // Each group's key terms in increasing order (keys[start[g]..start[g + 1]]), with the share
  // of its headlines that carry them; and how many groups' headlines carry each term.
  const df = new Int32Array(termCount);
  const counts = new Int32Array(termCount);
  const touched: number[] = [];
  const keys: number[] = [];
  const shares: number[] = [];
  const start = new Int32Array(n + 1);
  groups.forEach((titles, g) => {
    for (const title of titles) {
      for (let i = 0; i < title.length; i++)
        if (counts[title[i]!]!++ === 0) touched.push(title[i]!);
    }
    touched.sort((x, y) => x - y);
    for (const id of touched) {
      if (2 * counts[id]! >= titles.length) {
        keys.push(id);
        shares.push(counts[id]! / titles.length);
      }
      df[id]!++;
      counts[id] = 0;
    }
    touched.length = 0;
    start[g + 1] = keys.length;
  });
  const weights = new Float64Array(keys.length);
  const norms = new Float64Array(n);
  const postings: number[][] = [];
  for (let g = 0; g < n; g++) {
    let sq = 0;
    for (let k = start[g]!; k < start[g + 1]!; k++) {
      const id = keys[k]!;
      const w = shares[k]! * Math.log((n + 1) / (df[id]! + 0.5));
      weights[k] = w;
      sq += w * w;
      (postings[id] ??= []).push(g);
    }
    norms[g] = Math.sqrt(sq) || 1;
  }
  // Candidates share a term few groups carry: a term in many groups' headlines is no name of
  // one event, and walking its postings for every group would cost their square.
  const rare = new Int32Array(n);
  const candidates: number[] = [];
  const pairs: [number, number][] = [];
  for (let g = 0; g < n; g++) {
    // Rare terms shared with each later group; common terms may make up the count.
    let common = 0;
    for (let k = start[g]!; k < start[g + 1]!; k++) {
      const list = postings[keys[k]!]!;
      if (list.length > SAME_EVENT_POSTINGS) {
        common++;
        continue;
      }
      for (const h of list) {
        if (h <= g) continue;
        if (rare[h] === 0) candidates.push(h);
        rare[h]!++;
      }
    }
    for (const h of candidates) {
      const count = rare[h]!;
      rare[h] = 0;
      if (count + common < minShared) continue;
      // Both key lists are in increasing order: walk them together.
      let shared = 0;
      let dot = 0;
      for (let i = start[g]!, j = start[h]!; i < start[g + 1]! && j < start[h + 1]!;) {
        if (keys[i]! < keys[j]!) i++;
        else if (keys[i]! > keys[j]!) j++;
        else {
          shared++;
          dot += weights[i++]! * weights[j++]!;
        }
      }
      if (shared >= minShared && dot / (norms[g]! * norms[h]!) >= minCosine) pairs.push([g, h]);
    }
    candidates.length = 0;
  }
  return pairs;
}
