/** Digest builds and ingest passes as plain functions the cron jobs and the CLI call. */
import { waitAtMost } from '../concurrency.js';
import type { Digest } from '../domain.js';
import type { IngestSummary, ScheduleDeps } from './deps.js';
import { loadHistory } from './history.js';

export const META_LAST_BUILD = 'schedule:lastBuild';
export const META_LAST_INGEST = 'schedule:lastIngest';
export const META_LAST_TICK = 'schedule:lastTick';
/** `{ at, message }` of the last failed build (read by the admin alerts and /healthz). */
/** `{ at, total, failed }` sources of the last ingest pass (read by /healthz). */
export const META_LAST_INGEST_SOURCES = 'schedule:lastIngestSources';
export const META_LAST_BUILD_ERROR = 'schedule:lastBuildError';

/** A digest older than this is rebuilt before a delivery uses it. */
export const DIGEST_MAX_AGE_MS = 60 * 60_000;

/**
 * How old a digest must be to count as "the previous one" for novelty. Digests are rebuilt
 * every hour, but each reader gets one a day: a story is old news only if it was in a digest
 * readers received about a day ago, not in the one built an hour ago for nobody in particular.
 */
export const NOVELTY_AGE_MS = 20 * 3_600_000;

/** The newest digest built at least {@link NOVELTY_AGE_MS} before `now`. */
export async function previousDayDigest(
  store: ScheduleDeps['store'],
  now: Date,
): Promise<Digest | undefined> {
  const cutoff = now.getTime() - NOVELTY_AGE_MS;
  let digest = await store.digests.latest();
  // Hourly builds put about 20 digests between the latest and the one a day old.
  for (let steps = 0; digest && steps < 100; steps++) {
    if (Date.parse(digest.builtAt) <= cutoff) return digest;
    digest = await store.digests.previous(digest.id);
  }
  return undefined;
}

/**
 * Builds a digest from the stored articles of the window (novelty against the digest of about
 * a day before) and stores it as the latest.
 */
export async function buildDigestNow(
  deps: Pick<ScheduleDeps, 'store' | 'config' | 'build' | 'log' | 'metrics'>,
  now: Date,
): Promise<Digest> {
  const windowHours = deps.config.DIGEST_WINDOW_HOURS;
  const since = new Date(now.getTime() - windowHours * 3_600_000);
  const [articles, previous, background] = await Promise.all([
    deps.store.articles.listSince(since),
    previousDayDigest(deps.store, now),
    // History only sharpens the term weights: a build goes on without it.
    loadHistory(deps.store, since, deps.config.CLUSTER_BACKGROUND_DAYS ?? 7).catch(
      (err: unknown) => {
        deps.log.warn({ err }, 'could not read the clustering history; building without it');
        return undefined;
      },
    ),
  ]);
  let digest: Digest;
  try {
    digest = deps.build(articles, {
      now,
      windowHours,
      maxStories: deps.config.DIGEST_MAX_STORIES,
      previous,
      ...(background ? { background } : {}),
    });
  } catch (err) {
    const message = (err as Error).message?.split('\n')[0] ?? String(err);
    await deps.store.meta.set(META_LAST_BUILD_ERROR, { at: now.toISOString(), message });
    throw err;
  }
  await deps.store.digests.put(digest);
  await deps.store.meta.set(META_LAST_BUILD, now.toISOString());
  deps.metrics?.lastBuild.set(now.getTime() / 1000);
  deps.log.info(
    { digest: digest.id, stories: digest.stories.length, articles: articles.length },
    'digest built',
  );
  return digest;
}

/** The latest digest when it is at most `maxAgeMs` old at `now`. */
async function freshDigest(
  store: ScheduleDeps['store'],
  now: Date,
  maxAgeMs = DIGEST_MAX_AGE_MS,
): Promise<Digest | undefined> {
  const latest = await store.digests.latest();
  return latest && now.getTime() - Date.parse(latest.builtAt) <= maxAgeMs ? latest : undefined;
}

/** The latest digest, rebuilt first when missing or older than {@link DIGEST_MAX_AGE_MS}. */
export async function currentDigest(
  deps: Pick<ScheduleDeps, 'store' | 'config' | 'build' | 'log' | 'metrics'>,
  now: Date,
  maxAgeMs = DIGEST_MAX_AGE_MS,
): Promise<Digest> {
  return (await freshDigest(deps.store, now, maxAgeMs)) ?? buildDigestNow(deps, now);
}

/**
 * True when the latest digest should be rebuilt before anyone reads it: there is none, it is
 * older than `maxAgeMs`, or the store now holds more articles of its window than it was built from.
 */
export async function digestIsStale(
  deps: Pick<ScheduleDeps, 'store' | 'config'>,
  now: Date,
  maxAgeMs = DIGEST_MAX_AGE_MS,
): Promise<boolean> {
  const latest = await deps.store.digests.latest();
  if (!latest) return true;
  if (now.getTime() - Date.parse(latest.builtAt) > maxAgeMs) return true;
  if (latest.articleCount === undefined) return false;
  const since = new Date(now.getTime() - deps.config.DIGEST_WINDOW_HOURS * 3_600_000);
  const articles = await deps.store.articles.listSince(since);
  return articles.length > latest.articleCount;
}

/**
 * One build at a time per process: callers that ask while a build runs share its result, so a
 * burst of /digest commands on a stale digest builds it once.
 */
export interface DigestKeeper {
  /** The latest digest, rebuilt first when missing or older than an hour. */
  current(now: Date): Promise<Digest>;
  /** Builds now (or joins the build in progress). */
  rebuild(now: Date): Promise<Digest>;
}

/** How long a reader's digest waits for the start-up reading of the sources, at most. */
export const START_UP_WAIT_MS = 45_000;

/**
 * @param startUp resolves when the start-up pass (the first reading of the sources, and the
 *   build after it) is over: until then `current` waits for it, at most `START_UP_WAIT_MS`,
 *   rather than build from the sources read so far.
 */
export function createDigestKeeper(
  deps: Pick<ScheduleDeps, 'store' | 'config' | 'build' | 'log' | 'metrics'>,
  startUp?: () => Promise<void>,
): DigestKeeper {
  let inFlight: Promise<Digest> | undefined;
  const rebuild = (now: Date): Promise<Digest> => {
    inFlight ??= buildDigestNow(deps, now).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
  return {
    rebuild,
    async current(now) {
      if (inFlight) return inFlight;
      const latest = await freshDigest(deps.store, now);
      if (latest) return latest;
      if (startUp) {
        // A build now, in the middle of the start-up reading, would hold only the sources read
        // so far (or, after a restart, yesterday's news): the start-up pass builds when done.
        await waitAtMost(startUp(), START_UP_WAIT_MS);
        if (inFlight) return inFlight;
        const built = await freshDigest(deps.store, now);
        if (built) return built;
      }
      return rebuild(now);
    },
  };
}

/** True once any ingest pass has finished, or any article is stored (e.g. imported). */
export async function hasReadSources(store: ScheduleDeps['store']): Promise<boolean> {
  if (await store.meta.get<string>(META_LAST_INGEST)) return true;
  return (await store.articles.listSince(new Date(0))).length > 0;
}

/** One ingest pass; records its time and the failing sources. */
export async function ingestNow(
  deps: Pick<ScheduleDeps, 'store' | 'ingest' | 'log' | 'metrics'>,
  now: () => Date,
): Promise<IngestSummary> {
  const report = await deps.ingest();
  const at = now();
  const failing = report.sources.filter((s) => s.status === 'failed').length;
  await deps.store.meta.set(META_LAST_INGEST, at.toISOString());
  await deps.store.meta.set(META_LAST_INGEST_SOURCES, {
    at: at.toISOString(),
    total: report.sources.length,
    failed: failing,
  });
  deps.metrics?.lastIngest.set(at.getTime() / 1000);
  deps.metrics?.failingSources.set(failing);
  for (const s of report.sources) {
    if (s.status === 'failed') deps.metrics?.sourceFailures.inc({ source: s.id });
    if (s.new) deps.metrics?.ingestArticles.inc({ source: s.id }, s.new);
  }
  deps.log.info(
    { articles: report.articles, sources: report.sources.length, failing },
    'ingest finished',
  );
  return report;
}
