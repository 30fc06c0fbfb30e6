/** Digest builds and ingest passes as plain functions the cron jobs and the CLI call. */
import type { Digest } from '../domain.js';
import type { IngestSummary, ScheduleDeps } from './deps.js';
import { loadHistory } from './history.js';

export const META_LAST_BUILD = 'schedule:lastBuild';
export const META_LAST_INGEST = 'schedule:lastIngest';
export const META_LAST_TICK = 'schedule:lastTick';
/** `{ at, message }` of the last failed build (read by the admin alerts and /healthz). */
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

/** The latest digest, rebuilt first when missing or older than {@link DIGEST_MAX_AGE_MS}. */
export async function currentDigest(
  deps: Pick<ScheduleDeps, 'store' | 'config' | 'build' | 'log' | 'metrics'>,
  now: Date,
  maxAgeMs = DIGEST_MAX_AGE_MS,
): Promise<Digest> {
  const latest = await deps.store.digests.latest();
  if (latest && now.getTime() - Date.parse(latest.builtAt) <= maxAgeMs) return latest;
  return buildDigestNow(deps, now);
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
  deps.metrics?.lastIngest.set(at.getTime() / 1000);
  deps.metrics?.failingSources.set(failing);
  deps.log.info(
    { articles: report.articles, sources: report.sources.length, failing },
    'ingest finished',
  );
  return report;
}
