/**
 * Story clustering: one event covered by several outlets becomes one group of articles.
 *
 * 1. Exact duplicates (same canonical URL or same title and text) are merged first.
 * 2. Each remaining article becomes a TF-IDF vector of its terms (title and lead weighted),
 *    truncated to its strongest terms and L2-normalized.
 * 3. Candidate pairs come from an inverted index (very common terms are skipped), so cost grows
 *    with the number of articles that share vocabulary, not with all pairs.
 * 4. Near duplicates (cosine ≥ `duplicateThreshold`) are joined outright; the rest is grouped by
 *    agglomerative clustering with centroid agreement: two groups join only when their mean
 *    vectors are similar, so one loose pair never chains two events together (single link
 *    would), and articles too far apart in time never join. Group similarities come from sums
 *    of the pairwise cosines in the candidate graph (cA·cB = Σ cross cosines), so a merge costs
 *    the number of its links, not the size of its vocabulary.
 */
import type { Article } from '../domain.js';
import {
  termIdCounts,
  type TermIdCounts,
  canonicalUrl,
  contentFingerprint,
  publishedMs,
  type FeatureOptions,
} from './features.js';
import { MaxHeap } from './heap.js';

/**
 * Options of the default clusterer. The defaults were tuned on two labelled days of Arabic news
 * from five outlets, each day clustered on its own (`khulasa eval --clusters` prints per-day
 * figures); F1 stays within 0.01 of its best for thresholds 0.22–0.24.
 */
export interface ClusterOptions extends FeatureOptions {
  /**
   * Two groups join when the cosine of their centroids reaches this.
   * @default 0.23
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
   * main topic's words look worthless.
   * @default 200
   */
  idfPrior?: number;
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
   * Term counts already computed (e.g. by the search index), by article id, with ids from one
   * shared vocabulary; articles missing from it are analysed here.
   */
  termCounts?: ReadonlyMap<string, TermIdCounts>;
}

/** Any algorithm that groups articles into stories; every input article in exactly one group. */
export type Clusterer = (articles: readonly Article[], opts?: ClusterOptions) => Article[][];

interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
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

/** Groups of indices of exact duplicates (same canonical URL or same title and text). */
export function exactDuplicateGroups(articles: readonly Article[]): number[][] {
  const uf = new UnionFind(articles.length);
  const byUrl = new Map<string, number>();
  const byContent = new Map<string, number>();
  for (let i = 0; i < articles.length; i++) {
    const a = articles[i]!;
    const url = canonicalUrl(a.url);
    if (url !== '') {
      const seen = byUrl.get(url);
      if (seen === undefined) byUrl.set(url, i);
      else uf.union(seen, i);
    }
    const content = contentFingerprint(a);
    const seen = byContent.get(content);
    if (seen === undefined) byContent.set(content, i);
    else uf.union(seen, i);
  }
  // Groups in order of their first article (roots are the smallest index of their set).
  const groupOfRoot = new Int32Array(articles.length).fill(-1);
  const groups: number[][] = [];
  for (let i = 0; i < articles.length; i++) {
    const r = uf.find(i);
    const g = groupOfRoot[r]!;
    if (g >= 0) groups[g]!.push(i);
    else {
      groupOfRoot[r] = groups.length;
      groups.push([i]);
    }
  }
  return groups;
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
  const keyed = input.map((a) => ({ a, t: publishedMs(a) }));
  keyed.sort((x, y) => {
    if (x.t !== y.t && !Number.isNaN(x.t) && !Number.isNaN(y.t)) return x.t - y.t;
    return x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0;
  });
  return keyed.map((k) => k.a);
}

/** Orders groups (each already sorted) by their first article. */
function finish(groups: Article[][]): Article[][] {
  return groups.map(sortByTimeThenId).sort((a, b) => byTimeThenId(a[0]!, b[0]!));
}

/**
 * Term counts of the articles from a precomputed table, renumbered into a small local
 * vocabulary; articles missing from the table are analysed on the spot.
 */
function fromPrecomputed(
  articles: readonly Article[],
  table: ReadonlyMap<string, TermIdCounts>,
  opts: FeatureOptions,
): { docs: TermIdCounts[]; vocabSize: number } {
  const missing = articles.filter((a) => !table.has(a.id));
  if (missing.length > 0) return termIdCounts(articles, opts);
  const local = new Map<number, number>();
  const docs = articles.map((a) => {
    const src = table.get(a.id)!;
    const ids = new Int32Array(src.ids.length);
    for (let k = 0; k < ids.length; k++) {
      let id = local.get(src.ids[k]!);
      if (id === undefined) local.set(src.ids[k]!, (id = local.size));
      ids[k] = id;
    }
    return { ids, counts: src.counts };
  });
  return { docs, vocabSize: local.size };
}

let selectScratch = new Float64Array(256);

/**
 * The k-th largest value (1-based) of the array (the smallest when k exceeds its length), by
 * selection in a reused buffer: the same value a full sort would give, without the sort.
 */
function kthLargest(values: Float64Array, k: number): number {
  const n = values.length;
  if (n <= 1) return values[0]!;
  if (selectScratch.length < n)
    selectScratch = new Float64Array(Math.max(n, selectScratch.length * 2));
  const a = selectScratch;
  a.set(values);
  const target = Math.max(0, n - k);
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    // Median of three as the pivot, then a Hoare partition of a[lo..hi].
    const mid = (lo + hi) >> 1;
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target]!;
}

/** Builds the truncated, normalized TF-IDF vectors of articles' term counts. */
export function tfidfVectors(
  docs: readonly TermIdCounts[],
  vocabSize: number,
  opts: { maxTerms?: number; idfPrior?: number } = {},
): { vectors: SparseVector[]; df: Int32Array } {
  const maxTerms = opts.maxTerms ?? 150;
  const prior = opts.idfPrior ?? 200;
  const df = new Int32Array(vocabSize);
  for (const d of docs) for (let k = 0; k < d.ids.length; k++) df[d.ids[k]!]!++;
  const n = docs.length;
  const idf = new Float64Array(vocabSize);
  for (let t = 0; t < vocabSize; t++) idf[t] = Math.log((n + prior + 1) / (df[t]! + 0.5));
  // Scratch weights by term id: keeps per-article work to native typed-array sorts.
  const scratch = new Float64Array(vocabSize);
  const vectors = docs.map(({ ids, counts }) => {
    const w = new Float64Array(ids.length);
    for (let k = 0; k < ids.length; k++) {
      const x = (1 + Math.log(counts[k]!)) * idf[ids[k]!]!;
      w[k] = x;
      scratch[ids[k]!] = x;
    }
    let kept = Int32Array.from(ids);
    if (ids.length > maxTerms) {
      const cut = kthLargest(w, maxTerms);
      let m = 0;
      for (let x = 0; x < ids.length && m < maxTerms; x++) if (w[x]! > cut) kept[m++] = ids[x]!;
      for (let x = 0; x < ids.length && m < maxTerms; x++) if (w[x]! === cut) kept[m++] = ids[x]!;
      kept = kept.slice(0, m);
    }
    kept.sort();
    const weights = new Float64Array(kept.length);
    let norm = 0;
    for (let x = 0; x < kept.length; x++) {
      weights[x] = scratch[kept[x]!]!;
      norm += weights[x]! * weights[x]!;
    }
    norm = Math.sqrt(norm) || 1;
    for (let x = 0; x < kept.length; x++) weights[x]! /= norm;
    return { ids: kept, weights };
  });
  return { vectors, df };
}

/**
 * Candidate pairs with their cosine: for each vector, its most similar earlier vectors found
 * through an inverted index over the vectors' terms. Terms in more than `maxPostings` articles
 * are not used to find pairs (they still count in the cosine), and each article looks up only
 * its `queryTerms` strongest terms: a pair that shares none of them is not about one event.
 */
export function candidatePairs(
  vectors: readonly SparseVector[],
  opts: {
    minEdge: number;
    maxNeighbours: number;
    maxPostings: number;
    vocabSize: number;
    queryTerms?: number;
  },
): { a: number; b: number; sim: number }[] {
  const n = vectors.length;
  const queryTerms = opts.queryTerms ?? 40;
  // Inverted index in compressed form: for term t, docs[start[t] .. start[t+1]) ascending.
  const df = new Int32Array(opts.vocabSize);
  for (const v of vectors) for (let k = 0; k < v.ids.length; k++) df[v.ids[k]!]!++;
  const start = new Int32Array(opts.vocabSize + 1);
  for (let t = 0; t < opts.vocabSize; t++) {
    start[t + 1] = start[t]! + (df[t]! <= opts.maxPostings ? df[t]! : 0);
  }
  const docs = new Int32Array(start[opts.vocabSize]!);
  const weights = new Float64Array(start[opts.vocabSize]!);
  const fill = start.slice(0, opts.vocabSize);
  vectors.forEach((v, d) => {
    for (let k = 0; k < v.ids.length; k++) {
      const t = v.ids[k]!;
      if (df[t]! > opts.maxPostings) continue;
      const at = fill[t]!++;
      docs[at] = d;
      weights[at] = v.weights[k]!;
    }
  });
  const acc = new Float64Array(n);
  const dense = new Float64Array(opts.vocabSize);
  const touched: number[] = [];
  const edges: { a: number; b: number; sim: number }[] = [];
  const best: number[] = [];
  const bestSim: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = vectors[i]!;
    // Only the strongest terms of this vector look for partners.
    const cut = v.ids.length > queryTerms ? kthLargest(v.weights, queryTerms) : -Infinity;
    for (let k = 0; k < v.ids.length; k++) {
      const w = v.weights[k]!;
      if (w < cut) continue;
      const t = v.ids[k]!;
      for (let p = start[t]!, end = start[t + 1]!; p < end; p++) {
        const j = docs[p]!;
        if (j >= i) break;
        if (acc[j] === 0) touched.push(j);
        acc[j] += w * weights[p]!;
      }
    }
    best.length = 0;
    bestSim.length = 0;
    // Promising partners by partial score; only the strongest few get an exact cosine.
    let promising = 0;
    for (const j of touched) if (acc[j]! >= opts.minEdge * 0.5) promising++;
    const verify = opts.maxNeighbours * 2;
    let verifyCut = opts.minEdge * 0.5;
    if (promising > verify) {
      const partial = new Float64Array(promising);
      let m = 0;
      for (const j of touched) if (acc[j]! >= verifyCut) partial[m++] = acc[j]!;
      verifyCut = kthLargest(partial, verify);
    }
    for (let k = 0; k < v.ids.length; k++) dense[v.ids[k]!] = v.weights[k]!;
    for (const j of touched) {
      // The partial sum misses skipped terms: compute the exact cosine.
      if (acc[j]! >= verifyCut) {
        const u = vectors[j]!;
        let sim = 0;
        for (let k = 0; k < u.ids.length; k++) sim += dense[u.ids[k]!]! * u.weights[k]!;
        if (sim >= opts.minEdge) {
          best.push(j);
          bestSim.push(sim);
        }
      }
      acc[j] = 0;
    }
    for (let k = 0; k < v.ids.length; k++) dense[v.ids[k]!] = 0;
    touched.length = 0;
    if (best.length > opts.maxNeighbours) {
      const order = best
        .map((_, k) => k)
        .sort((x, y) => bestSim[y]! - bestSim[x]! || best[x]! - best[y]!)
        .slice(0, opts.maxNeighbours);
      for (const k of order) edges.push({ a: best[k]!, b: i, sim: bestSim[k]! });
    } else {
      for (let k = 0; k < best.length; k++) edges.push({ a: best[k]!, b: i, sim: bestSim[k]! });
    }
  }
  return edges;
}

interface Group {
  members: number[];
  /** Σ over member pairs of their cosine (= squared norm of the summed member vectors). */
  selfDot: number;
  minTime: number;
  maxTime: number;
  version: number;
  /** Neighbouring group → Σ of cosines over cross pairs (pairs below minEdge count 0). */
  links: Map<number, number>;
  alive: boolean;
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
  const threshold = opts.threshold ?? 0.23;
  const dupThreshold = opts.duplicateThreshold ?? 0.8;
  const minEdge = Math.min(opts.minEdge ?? 0.05, threshold, dupThreshold);
  const maxGapMs = (opts.maxGapHours ?? 36) * 3_600_000;
  const linkage = opts.linkage ?? 'centroid';
  // Canonical order first, so the result does not depend on the input order.
  const articles = sortByTimeThenId(input);
  const dupGroups = exactDuplicateGroups(articles);
  const reps = dupGroups.map((g) => articles[g[0]!]!);
  const { docs, vocabSize } = opts.termCounts
    ? fromPrecomputed(reps, opts.termCounts, opts)
    : termIdCounts(reps, opts);
  const { vectors, df } = tfidfVectors(docs, vocabSize, opts);
  const maxPostings = Math.max(100, Math.ceil((opts.maxPostingShare ?? 0.01) * reps.length));
  const edges = candidatePairs(vectors, {
    minEdge,
    maxNeighbours: opts.maxNeighbours ?? 30,
    maxPostings,
    vocabSize: df.length,
  });

  // Near duplicates join outright.
  const uf = new UnionFind(reps.length);
  for (const e of edges) if (e.sim >= dupThreshold) uf.union(e.a, e.b);

  const groups: Group[] = [];
  const groupOf = new Int32Array(reps.length);
  const rootToGroup = new Map<number, number>();
  reps.forEach((a, i) => {
    const root = uf.find(i);
    let g = rootToGroup.get(root);
    if (g === undefined) {
      g = groups.length;
      rootToGroup.set(root, g);
      groups.push({
        members: [],
        selfDot: 0,
        minTime: Infinity,
        maxTime: -Infinity,
        version: 0,
        links: new Map(),
        alive: true,
      });
    }
    const group = groups[g]!;
    group.members.push(i);
    group.selfDot += 1;
    const t = publishedMs(a);
    if (!Number.isNaN(t)) {
      group.minTime = Math.min(group.minTime, t);
      group.maxTime = Math.max(group.maxTime, t);
    }
    groupOf[i] = g;
  });
  // Group-level sums of pairwise cosines, from the candidate graph: the centroid algebra
  // (cA·cB = Σ cross cosines, |cA|² = Σ inner cosines) without ever building centroid vectors.
  for (const e of edges) {
    const ga = groupOf[e.a]!;
    const gb = groupOf[e.b]!;
    if (ga === gb) {
      groups[ga]!.selfDot += 2 * e.sim;
    } else {
      groups[ga]!.links.set(gb, (groups[ga]!.links.get(gb) ?? 0) + e.sim);
      groups[gb]!.links.set(ga, (groups[gb]!.links.get(ga) ?? 0) + e.sim);
    }
  }

  const tooFarApart = (a: Group, b: Group): boolean => {
    if (a.minTime === Infinity || b.minTime === Infinity) return false;
    const gap = Math.max(a.minTime, b.minTime) - Math.min(a.maxTime, b.maxTime);
    return gap > maxGapMs;
  };
  const minAverage = opts.minAverage ?? 0.07;
  const similarity = (a: Group, b: Group, d: number): number => {
    const average = d / (a.members.length * b.members.length);
    if (linkage === 'average') return average;
    return average < minAverage ? 0 : d / Math.sqrt(a.selfDot * b.selfDot || 1);
  };

  type Entry = { sim: number; a: number; b: number; va: number; vb: number };
  const heap = new MaxHeap<Entry>(
    (x, y) => x.sim > y.sim || (x.sim === y.sim && (x.a < y.a || (x.a === y.a && x.b < y.b))),
  );
  const offer = (a: number, b: number, d: number): void => {
    const ga = groups[a]!;
    const gb = groups[b]!;
    if (tooFarApart(ga, gb)) return;
    const sim = similarity(ga, gb, d);
    if (sim < threshold) return;
    const [x, y] = a < b ? [a, b] : [b, a];
    heap.push({ sim, a: x, b: y, va: groups[x]!.version, vb: groups[y]!.version });
  };
  groups.forEach((g, a) => {
    for (const [b, d] of g.links) if (a < b) offer(a, b, d);
  });
  for (;;) {
    const top = heap.pop();
    if (!top) break;
    let keep = top.a;
    let drop = top.b;
    const gk0 = groups[keep]!;
    const gd0 = groups[drop]!;
    if (!gk0.alive || !gd0.alive || gk0.version !== top.va || gd0.version !== top.vb) continue;
    // Fold the group with fewer links into the other (keeps merging cheap).
    if (gd0.links.size > gk0.links.size) [keep, drop] = [drop, keep];
    const gk = groups[keep]!;
    const gd = groups[drop]!;
    const between = gk.links.get(drop) ?? 0;
    for (const m of gd.members) gk.members.push(m);
    gk.selfDot += gd.selfDot + 2 * between;
    gk.minTime = Math.min(gk.minTime, gd.minTime);
    gk.maxTime = Math.max(gk.maxTime, gd.maxTime);
    gk.version++;
    gd.alive = false;
    gk.links.delete(drop);
    for (const [nb, d] of gd.links) {
      if (nb === keep) continue;
      const other = groups[nb]!;
      other.links.delete(drop);
      const sum = (gk.links.get(nb) ?? 0) + d;
      gk.links.set(nb, sum);
      other.links.set(keep, sum);
    }
    gd.links = new Map();
    gd.members = [];
    for (const [nb, d] of gk.links) offer(keep, nb, d);
  }

  const out: Article[][] = [];
  for (const g of groups) {
    if (!g.alive) continue;
    g.members.sort((x, y) => x - y);
    const list: Article[] = [];
    for (const m of g.members) for (const idx of dupGroups[m]!) list.push(articles[idx]!);
    out.push(list);
  }
  return finish(out);
};
