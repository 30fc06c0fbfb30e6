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
 *    would), and articles too far apart in time never join.
 */
import type { Article } from '../domain.js';
import {
  articleTermCounts,
  canonicalUrl,
  contentFingerprint,
  publishedMs,
  type FeatureOptions,
} from './features.js';
import { MaxHeap } from './heap.js';

/** Options of the default clusterer. Every default was chosen on held-apart data, per day. */
export interface ClusterOptions extends FeatureOptions {
  /**
   * Two groups join when the cosine of their centroids reaches this.
   * @default 0.24
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
   * @default 0.02
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
}

/** Any algorithm that groups articles into stories; every input article in exactly one group. */
export type Clusterer = (articles: readonly Article[], opts?: ClusterOptions) => Article[][];

interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
}

function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  const ai = a.ids;
  const bi = b.ids;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) s += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
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
  const byKey = new Map<string, number>();
  articles.forEach((a, i) => {
    for (const key of [`u:${canonicalUrl(a.url)}`, `c:${contentFingerprint(a)}`]) {
      if (key === 'u:') continue;
      const seen = byKey.get(key);
      if (seen === undefined) byKey.set(key, i);
      else uf.union(seen, i);
    }
  });
  const groups = new Map<number, number[]>();
  articles.forEach((_, i) => {
    const r = uf.find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  return [...groups.values()];
}

/** Sorts articles by publication time, then id: the canonical order of a story's articles. */
export function byTimeThenId(a: Article, b: Article): number {
  const ta = publishedMs(a);
  const tb = publishedMs(b);
  if (ta !== tb && !Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Orders groups (each already sorted) by their first article. */
function finish(groups: Article[][]): Article[][] {
  for (const g of groups) g.sort(byTimeThenId);
  return groups.sort((a, b) => byTimeThenId(a[0]!, b[0]!));
}

/** Builds the truncated, normalized TF-IDF vectors of the given articles. */
export function tfidfVectors(
  docs: readonly Map<string, number>[],
  opts: { maxTerms?: number; idfPrior?: number } = {},
): { vectors: SparseVector[]; df: Int32Array } {
  const maxTerms = opts.maxTerms ?? 150;
  const prior = opts.idfPrior ?? 200;
  const vocab = new Map<string, number>();
  const dfList: number[] = [];
  const docIds: Int32Array[] = [];
  for (const counts of docs) {
    const ids = new Int32Array(counts.size);
    let k = 0;
    for (const term of counts.keys()) {
      let id = vocab.get(term);
      if (id === undefined) {
        id = dfList.length;
        vocab.set(term, id);
        dfList.push(0);
      }
      dfList[id]!++;
      ids[k++] = id;
    }
    docIds.push(ids);
  }
  const n = docs.length;
  const idf = dfList.map((df) => Math.log((n + prior + 1) / (df + 0.5)));
  const vectors = docs.map((counts, d) => {
    const ids = docIds[d]!;
    const entries: [number, number][] = [];
    let k = 0;
    for (const tf of counts.values()) {
      const id = ids[k++]!;
      entries.push([id, (1 + Math.log(tf)) * idf[id]!]);
    }
    entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const kept = entries.slice(0, maxTerms).sort((a, b) => a[0] - b[0]);
    let norm = 0;
    for (const [, w] of kept) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    return {
      ids: Int32Array.from(kept, (e) => e[0]),
      weights: Float64Array.from(kept, (e) => e[1] / norm),
    };
  });
  return { vectors, df: Int32Array.from(dfList) };
}

/**
 * Candidate pairs with their cosine: for each vector, its most similar earlier vectors found
 * through an inverted index. Terms with more than `maxPostings` articles are skipped.
 */
export function candidatePairs(
  vectors: readonly SparseVector[],
  opts: { minEdge: number; maxNeighbours: number; maxPostings: number; vocabSize: number },
): { a: number; b: number; sim: number }[] {
  const n = vectors.length;
  const postings: number[][] = Array.from({ length: opts.vocabSize }, () => []);
  const postingWeights: number[][] = Array.from({ length: opts.vocabSize }, () => []);
  const acc = new Float64Array(n);
  const touched: number[] = [];
  const edges: { a: number; b: number; sim: number }[] = [];
  const best: { j: number; s: number }[] = [];
  for (let i = 0; i < n; i++) {
    const v = vectors[i]!;
    for (let k = 0; k < v.ids.length; k++) {
      const t = v.ids[k]!;
      const p = postings[t]!;
      if (p.length >= opts.maxPostings) continue;
      const pw = postingWeights[t]!;
      const w = v.weights[k]!;
      for (let m = 0; m < p.length; m++) {
        const j = p[m]!;
        if (acc[j] === 0) touched.push(j);
        acc[j] += w * pw[m]!;
      }
    }
    best.length = 0;
    for (const j of touched) {
      if (acc[j]! >= opts.minEdge * 0.5) best.push({ j, s: acc[j]! });
      acc[j] = 0;
    }
    touched.length = 0;
    best.sort((x, y) => y.s - x.s || x.j - y.j);
    let kept = 0;
    for (const { j } of best) {
      if (kept >= opts.maxNeighbours) break;
      // The partial sum misses skipped common terms: compute the exact cosine.
      const sim = dot(v, vectors[j]!);
      if (sim >= opts.minEdge) {
        edges.push({ a: j, b: i, sim });
        kept++;
      }
    }
    for (let k = 0; k < v.ids.length; k++) {
      const t = v.ids[k]!;
      if (postings[t]!.length < opts.maxPostings) {
        postings[t]!.push(i);
        postingWeights[t]!.push(v.weights[k]!);
      }
    }
  }
  return edges;
}

interface Group {
  members: number[];
  sum: Map<number, number>;
  norm: number;
  minTime: number;
  maxTime: number;
  version: number;
  neighbours: Set<number>;
  alive: boolean;
}

function sumDot(a: Map<number, number>, b: Map<number, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, w] of small) {
    const x = large.get(k);
    if (x !== undefined) s += w * x;
  }
  return s;
}

function sumNorm(m: Map<number, number>): number {
  let s = 0;
  for (const w of m.values()) s += w * w;
  return Math.sqrt(s);
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
  const threshold = opts.threshold ?? 0.24;
  const dupThreshold = opts.duplicateThreshold ?? 0.8;
  const minEdge = Math.min(opts.minEdge ?? 0.05, threshold, dupThreshold);
  const maxGapMs = (opts.maxGapHours ?? 36) * 3_600_000;
  const linkage = opts.linkage ?? 'centroid';
  // Canonical order first, so the result does not depend on the input order.
  const articles = [...input].sort(byTimeThenId);
  const dupGroups = exactDuplicateGroups(articles);
  const reps = dupGroups.map((g) => articles[g[0]!]!);
  const counts = reps.map((a) => articleTermCounts(a, opts));
  const { vectors, df } = tfidfVectors(counts, opts);
  const maxPostings = Math.max(100, Math.ceil((opts.maxPostingShare ?? 0.02) * reps.length));
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
        sum: new Map(),
        norm: 0,
        minTime: Infinity,
        maxTime: -Infinity,
        version: 0,
        neighbours: new Set(),
        alive: true,
      });
    }
    const group = groups[g]!;
    group.members.push(i);
    const v = vectors[i]!;
    for (let k = 0; k < v.ids.length; k++) {
      const id = v.ids[k]!;
      group.sum.set(id, (group.sum.get(id) ?? 0) + v.weights[k]!);
    }
    const t = publishedMs(a);
    if (!Number.isNaN(t)) {
      group.minTime = Math.min(group.minTime, t);
      group.maxTime = Math.max(group.maxTime, t);
    }
    groupOf[i] = g;
  });
  for (const g of groups) g.norm = sumNorm(g.sum);
  for (const e of edges) {
    const ga = groupOf[e.a]!;
    const gb = groupOf[e.b]!;
    if (ga !== gb) {
      groups[ga]!.neighbours.add(gb);
      groups[gb]!.neighbours.add(ga);
    }
  }

  const tooFarApart = (a: Group, b: Group): boolean => {
    if (a.minTime === Infinity || b.minTime === Infinity) return false;
    const gap = Math.max(a.minTime, b.minTime) - Math.min(a.maxTime, b.maxTime);
    return gap > maxGapMs;
  };
  const minAverage = opts.minAverage ?? 0.07;
  const similarity = (a: Group, b: Group): number => {
    const d = sumDot(a.sum, b.sum);
    const average = d / (a.members.length * b.members.length);
    if (linkage === 'average') return average;
    return average < minAverage ? 0 : d / (a.norm * b.norm || 1);
  };

  type Entry = { sim: number; a: number; b: number; va: number; vb: number };
  const heap = new MaxHeap<Entry>(
    (x, y) => x.sim > y.sim || (x.sim === y.sim && (x.a < y.a || (x.a === y.a && x.b < y.b))),
  );
  const offer = (a: number, b: number): void => {
    const ga = groups[a]!;
    const gb = groups[b]!;
    if (tooFarApart(ga, gb)) return;
    const sim = similarity(ga, gb);
    if (sim < threshold) return;
    const [x, y] = a < b ? [a, b] : [b, a];
    heap.push({ sim, a: x, b: y, va: groups[x]!.version, vb: groups[y]!.version });
  };
  groups.forEach((g, a) => {
    for (const b of g.neighbours) if (a < b) offer(a, b);
  });
  for (;;) {
    const top = heap.pop();
    if (!top) break;
    const ga = groups[top.a]!;
    const gb = groups[top.b]!;
    if (!ga.alive || !gb.alive || ga.version !== top.va || gb.version !== top.vb) continue;
    // Merge b into a.
    for (const m of gb.members) ga.members.push(m);
    for (const [k, w] of gb.sum) ga.sum.set(k, (ga.sum.get(k) ?? 0) + w);
    ga.norm = sumNorm(ga.sum);
    ga.minTime = Math.min(ga.minTime, gb.minTime);
    ga.maxTime = Math.max(ga.maxTime, gb.maxTime);
    ga.version++;
    gb.alive = false;
    gb.sum = new Map();
    for (const nb of gb.neighbours) {
      if (nb === top.a) continue;
      ga.neighbours.add(nb);
      const other = groups[nb]!;
      other.neighbours.delete(top.b);
      other.neighbours.add(top.a);
    }
    ga.neighbours.delete(top.b);
    for (const nb of ga.neighbours) offer(top.a, nb);
  }

  const out: Article[][] = [];
  for (const g of groups) {
    if (!g.alive) continue;
    const list: Article[] = [];
    for (const m of g.members) for (const idx of dupGroups[m]!) list.push(articles[idx]!);
    out.push(list);
  }
  return finish(out);
};
