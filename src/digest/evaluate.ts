/**
 * Clustering evaluation against story labels, per day, beside trivial baselines computed on the
 * same articles in the same run. Pure: the CLI reads the files.
 */
import type { Article } from '../domain.js';
import {
  clusterArticles,
  exactDuplicateGroups,
  type ClusterOptions,
  type Clusterer,
  type OngoingEvent,
} from './cluster.js';
import type { DocumentFrequencies } from './features.js';
import { bcubed, pairwise, type PRF } from './metrics.js';

/** Scores of one system on one day (or overall). */
export interface ClusterScore {
  system: string;
  day: string;
  articles: number;
  stories: number;
  clusters: number;
  bcubed: PRF;
  pairwise: PRF;
}

/** Systems scored side by side; `khulasa` is the default clusterer (or the given one). */
export const SYSTEMS = ['every article alone', 'exact duplicates merged', 'khulasa'] as const;

/**
 * Clusters each day on its own with each system and scores it. Articles without a label are
 * clustered but not scored; days without any labelled article are skipped. Overall figures average over every labelled article of every day
 * (clusters never span days).
 */
export function evaluateClustering(
  articles: readonly Article[],
  labels: Readonly<Record<string, string>>,
  opts: {
    dayOf: (a: Article) => string;
    clusterer?: Clusterer;
    /** Options for the clusterer (a sweep varies them). */
    clusterOptions?: ClusterOptions;
    /** The history of the days before a day (its document frequencies), when there is one. */
    background?: (day: string) => DocumentFrequencies | undefined;
    /** The day before's dominant event, when there is one (the clusterer's `ongoing`). */
    ongoing?: (day: string) => OngoingEvent | undefined;
    /** Only these systems (all by default). */
    systems?: readonly (typeof SYSTEMS)[number][];
  },
): ClusterScore[] {
  const clusterer = opts.clusterer ?? clusterArticles;
  const days = new Map<string, Article[]>();
  for (const a of articles) {
    const d = opts.dayOf(a);
    const list = days.get(d);
    if (list) list.push(a);
    else days.set(d, [a]);
  }
  // Days with no labelled article are not scored, so they need not be clustered.
  const dayKeys = [...days.keys()]
    .filter((d) => days.get(d)!.some((a) => labels[a.id] !== undefined))
    .sort();
  const systems: Record<(typeof SYSTEMS)[number], (day: Article[]) => string[][]> = {
    'every article alone': (day) => day.map((a) => [a.id]),
    'exact duplicates merged': (day) =>
      exactDuplicateGroups(day).map((g) => g.map((i) => day[i]!.id)),
    khulasa: (day) => {
      const background = opts.background?.(opts.dayOf(day[0]!));
      const ongoing = opts.ongoing?.(opts.dayOf(day[0]!));
      const clusterOpts = {
        ...opts.clusterOptions,
        ...(background ? { background } : {}),
        ...(ongoing ? { ongoing } : {}),
      };
      return clusterer(day, clusterOpts).map((g) => g.map((a) => a.id));
    },
  };
  const out: ClusterScore[] = [];
  for (const system of opts.systems ?? SYSTEMS) {
    const all: string[][] = [];
    const allGold: Record<string, string> = {};
    for (const day of dayKeys) {
      const list = days.get(day)!;
      const gold: Record<string, string> = {};
      for (const a of list) if (labels[a.id] !== undefined) gold[a.id] = labels[a.id]!;
      const clusters = systems[system](list);
      all.push(...clusters);
      Object.assign(allGold, gold);
      out.push(score(system, day, clusters, gold));
    }
    out.push(score(system, 'overall', all, allGold));
  }
  return out;
}

function score(
  system: string,
  day: string,
  clusters: string[][],
  gold: Record<string, string>,
): ClusterScore {
  return {
    system,
    day,
    articles: Object.keys(gold).length,
    stories: new Set(Object.values(gold)).size,
    clusters: clusters.filter((c) => c.some((id) => gold[id] !== undefined)).length,
    bcubed: bcubed(clusters, gold),
    pairwise: pairwise(clusters, gold),
  };
}
