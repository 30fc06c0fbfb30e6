/**
 * Digest assembly: the window's articles → stories → ranked → top K, with story ids carried over
 * from the previous digest and stories already sent coming back only with new key points.
 * Pure and deterministic: the same articles and clock give the same digest.
 */
import type { Article, Digest, Story } from '../domain.js';
import { byTimeThenId, clusterArticles, dominantEvent, type Clusterer } from './cluster.js';
import { publishedMs, type DocumentFrequencies } from './features.js';
import { hashString } from './hash.js';
import {
  buildStory,
  isRedundant,
  pointKeys,
  SAME_HEADLINE,
  storyIdFor,
  storySources,
} from './story.js';

export interface DigestOptions {
  /** The build time; the window ends here. */
  now: Date;
  /**
   * Hours of articles the digest covers.
   * @default 24
   */
  windowHours?: number;
  /**
   * Stories in the digest.
   * @default 8
   */
  maxStories?: number;
  /** The digest built before this one: its story ids carry over, its points are not repeated. */
  previous?: Digest;
  /**
   * Every article of the window in exactly one story (for evaluation and full listings):
   * no cut at maxStories, and stories with nothing new are kept.
   * @default false
   */
  allStories?: boolean;
  /** Swappable clustering algorithm. @default clusterArticles */
  clusterer?: Clusterer;
  /**
   * Document frequencies of the days before the window, which clustering weighs terms against
   * (the clusterer's `background` option).
   */
  background?: DocumentFrequencies;
}

const HOUR = 3_600_000;
/** The oldest digest whose dominant event is still the day before's. */
const ONGOING_MAX_AGE_MS = 48 * HOUR;
/** Clocks of feeds drift: an article stamped a little after `now` still counts. */
export const FUTURE_TOLERANCE_MS = 10 * 60_000;

/** Articles of the window (from, to], one per id, in canonical order. */
export function articlesInWindow(articles: readonly Article[], from: Date, to: Date): Article[] {
  const lo = from.getTime();
  const hi = to.getTime() + FUTURE_TOLERANCE_MS;
  const seen = new Set<string>();
  const out: Article[] = [];
  for (const a of [...articles].sort(byTimeThenId)) {
    if (seen.has(a.id)) continue;
    const t = publishedMs(a);
    if (Number.isNaN(t) || t <= lo || t > hi) continue;
    seen.add(a.id);
    out.push(a);
  }
  return out;
}

/**
 * Ranking score: distinct outlets weigh most, then the number of articles, then recency
 * (half-life 12 h before `now`); an update counts less than a new story.
 */
export function storyScore(
  group: readonly Article[],
  now: Date,
  opts: { update?: boolean } = {},
): number {
  const outlets = storySources(group).length;
  let latest = -Infinity;
  for (const a of group) latest = Math.max(latest, publishedMs(a));
  const ageHours = Math.max(0, (now.getTime() - latest) / HOUR);
  const recency = Number.isFinite(ageHours) ? Math.pow(0.5, ageHours / 12) : 0;
  const score = 2 * outlets + Math.log2(1 + group.length) + 2 * recency;
  return Math.round((opts.update ? 0.75 * score : score) * 1e6) / 1e6;
}

/**
 * For each group, the previous story whose core carries over into it: the group holds most of
 * that story's articles still in the window (more than half). Pairs are settled by the most
 * shared articles first, each previous story going to one group at most.
 */
function carriedOver(
  groups: readonly Article[][],
  previous: readonly Story[],
  inWindow: ReadonlySet<string>,
): (Story | undefined)[] {
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.forEach((a) => groupOf.set(a.id, i)));
  const pairs: { g: number; p: number; shared: number }[] = [];
  previous.forEach((story, p) => {
    const shared = new Map<number, number>();
    let surviving = 0;
    for (const a of story.articles) {
      if (!inWindow.has(a.id)) continue;
      surviving++;
      const g = groupOf.get(a.id);
      if (g !== undefined) shared.set(g, (shared.get(g) ?? 0) + 1);
    }
    shared.forEach((count, g) => {
      if (2 * count > surviving) pairs.push({ g, p, shared: count });
    });
  });
  pairs.sort((x, y) => y.shared - x.shared || x.p - y.p || x.g - y.g);
  const out: (Story | undefined)[] = groups.map(() => undefined);
  const taken = new Set<number>();
  for (const { g, p } of pairs) {
    if (out[g] || taken.has(p)) continue;
    out[g] = previous[p];
    taken.add(p);
  }
  return out;
}

/** True when the previous story's headline and points say what this group's headlines say. */
function sameEventAs(group: readonly Article[], prev: Story): boolean {
  const prevKeys = pointKeys(`${prev.title} ${prev.points.join(' ')}`);
  return group.some((a) => {
    const keys = pointKeys(a.title);
    return keys.size >= 3 && isRedundant(keys, prevKeys, SAME_HEADLINE);
  });
}

/**
 * Builds the digest of the window ending at `opts.now`.
 *
 * @example
 * const digest = buildDigest(articles, { now: new Date('2026-01-02T07:00:00Z'), previous });
 */
export function buildDigest(articles: readonly Article[], opts: DigestOptions): Digest {
  const now = opts.now;
  const windowHours = opts.windowHours ?? 24;
  const maxStories = opts.maxStories ?? 8;
  const from = new Date(now.getTime() - windowHours * HOUR);
  const inWindow = articlesInWindow(articles, from, now);
  // The day before's biggest story, from the digest of about a day ago: when it filled that
  // day, today's pieces that name it are its reactions and fallout (the clusterer's `ongoing`).
  // Not from an older one (a service stopped for days: its event is not the day before's), nor
  // from one that does not say how many articles it was built from (its stories are only the
  // top few, so the share of the biggest cannot be told).
  const before = opts.previous;
  const ongoing =
    before?.articleCount !== undefined &&
    now.getTime() - Date.parse(before.builtAt) <= ONGOING_MAX_AGE_MS
      ? dominantEvent(
          before.stories.map((s) => s.articles),
          before.articleCount,
        )
      : undefined;
  // The clusterer also joins the pieces of one event its headlines name alike (step 9).
  const groups = (opts.clusterer ?? clusterArticles)(inWindow, {
    ...(opts.background ? { background: opts.background } : {}),
    ...(ongoing ? { ongoing } : {}),
  });
  const previous = opts.previous?.stories ?? [];
  const carried = carriedOver(groups, previous, new Set(inWindow.map((a) => a.id)));
  const usedIds = new Set<string>();
  for (const p of carried) if (p) usedIds.add(p.id);

  type Candidate = { group: Article[]; score: number; prev?: Story; id: string };
  const candidates: Candidate[] = groups.map((group, i) => {
    let prev = carried[i];
    if (prev) usedIds.delete(prev.id);
    if (!prev) prev = previous.find((s) => !usedIds.has(s.id) && sameEventAs(group, s));
    let id = prev && !usedIds.has(prev.id) ? prev.id : storyIdFor(group);
    if (usedIds.has(id)) id = `${id}-${hashString(group.map((a) => a.id).join(','))}`;
    usedIds.add(id);
    const score = storyScore(group, now, { update: prev !== undefined });
    return prev ? { group, score, prev, id } : { group, score, id };
  });
  candidates.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const stories: Story[] = [];
  for (const c of candidates) {
    if (!opts.allStories && stories.length >= maxStories) break;
    if (c.prev) {
      const prevIds = new Set(c.prev.articles.map((a) => a.id));
      const hasNewArticles = c.group.some((a) => !prevIds.has(a.id));
      const fresh = hasNewArticles
        ? buildStory(c.group, {
            id: c.id,
            score: c.score,
            knownPoints: c.prev.points,
            knownTitle: c.prev.title,
          })
        : undefined;
      if (fresh && fresh.points.length > 0) {
        stories.push({ ...fresh, update: true });
      } else if (opts.allStories) {
        stories.push(buildStory(c.group, { id: c.id, score: c.score }));
      }
      continue;
    }
    stories.push(buildStory(c.group, { id: c.id, score: c.score }));
  }

  const digestId = `d-${hashString(
    `${now.toISOString()}|${windowHours}|${inWindow.map((a) => a.id).join(',')}`,
  )}`;
  return {
    id: digestId,
    window: { from: from.toISOString(), to: now.toISOString() },
    builtAt: now.toISOString(),
    language: 'ar',
    stories,
    articleCount: inWindow.length,
  };
}
