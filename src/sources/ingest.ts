/**
 * One ingest pass: every source read concurrently (one broken source never stops the others),
 * articles deduplicated by URL/guid and identical text, new ones stored with an expiry, and each
 * source's feed state updated (conditional-GET validators, failure count, backoff, "failing").
 */
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Article } from '../domain.js';
import { silentLogger } from '../log.js';
import type { FeedState, Source, Store } from '../store/types.js';
import { slugify } from './canonical.js';
import { Deduper } from './dedup.js';
import { describeError } from './errors.js';
import { createHttpClient, type HttpClientOptions } from './http.js';
import { localKind, markAutoDetect, readSource } from './read-source.js';
import { SourcesFileError, loadSourcesFile } from './sources-file.js';
import { mapSettled } from '../concurrency.js';

export interface SourceReport {
  id: string;
  url: string;
  status: 'ok' | 'not-modified' | 'failed' | 'skipped';
  /** Articles the source gave this pass. */
  items: number;
  /** Of those, articles not known before (stored now). */
  new: number;
  error?: string;
}

export interface IngestReport {
  sources: SourceReport[];
  /** New articles stored by this pass (for collectArticles: articles returned). */
  articles: number;
}

export interface RunIngestDeps {
  store: Store;
  log: Logger;
  now: () => Date;
  sources: Source[];
  /** Allow sources on loopback/private/link-local addresses (ALLOW_PRIVATE_SOURCES). */
  allowPrivate: boolean;
  /** Articles expire this long after they are stored (ARTICLE_TTL_DAYS). */
  ttlMs: number;
  /**
   * Called with the articles each write stored for the first time (e.g. to keep the term
   * statistics of the stored history up to date); a failure is logged, never fatal.
   */
  onStored?(articles: Article[]): Promise<void>;
}

export interface RunIngestOptions {
  /** Called as each source finishes. */
  onProgress?(report: SourceReport): void;
  /** Ignore backoff and per-source intervals (an operator's manual pass). @default false */
  force?: boolean;
  /** HTTP limits (timeouts, concurrency); tests shorten them. */
  http?: HttpClientOptions;
  /** Sources read at once. @default 16 */
  concurrency?: number;
}

/** Consecutive failures after which a source is marked "failing". */
export const FAILING_AFTER = 3;
const BACKOFF_BASE_MS = 5 * 60_000;
const BACKOFF_MAX_MS = 6 * 60 * 60_000;
/** Stored articles this recent are loaded to catch the same text from another outlet. */
const TEXT_DEDUP_WINDOW_MS = 48 * 60 * 60_000;
export const LAST_INGEST_META_KEY = 'ingest:last';

/**
 * Delay before the next try after `failures` consecutive failures: none after the first,
 * then 5 min doubling up to 6 h.
 *
 * @example backoffMs(3) // 600000
 */
export function backoffMs(failures: number): number {
  if (failures <= 1) return 0;
  return Math.min(BACKOFF_BASE_MS * 2 ** (failures - 2), BACKOFF_MAX_MS);
}

/** A one-at-a-time queue (store commits of concurrent sources must not interleave). */
function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

function skipReason(source: Source, state: FeedState | undefined, now: Date): string | undefined {
  if (!state) return undefined;
  if (state.nextTryAt && Date.parse(state.nextTryAt) > now.getTime()) {
    return `backing off after ${state.failures} failures until ${state.nextTryAt}`;
  }
  if (source.intervalMinutes && state.lastTriedAt) {
    const due = Date.parse(state.lastTriedAt) + source.intervalMinutes * 60_000 - 60_000;
    if (due > now.getTime()) return `not due until ${new Date(due + 60_000).toISOString()}`;
  }
  return undefined;
}

function failedState(prev: FeedState | undefined, id: string, now: Date, error: string): FeedState {
  const failures = (prev?.failures ?? 0) + 1;
  const delay = backoffMs(failures);
  return {
    ...prev,
    sourceId: id,
    failures,
    status: failures >= FAILING_AFTER ? 'failing' : (prev?.status ?? 'new'),
    lastError: error.slice(0, 500),
    lastTriedAt: now.toISOString(),
    failingSince: prev?.failures ? (prev.failingSince ?? now.toISOString()) : now.toISOString(),
    nextTryAt: delay ? new Date(now.getTime() + delay).toISOString() : undefined,
  };
}

/**
 * One pass over `deps.sources`: fetch, parse, dedup, store, update feed state. Never throws for
 * a source's failure; each source gets a report.
 */
export async function runIngest(
  deps: RunIngestDeps,
  opts: RunIngestOptions = {},
): Promise<IngestReport> {
  const { store, log } = deps;
  const now = deps.now();
  const http = createHttpClient({ allowPrivate: deps.allowPrivate, ...opts.http });
  const dedup = new Deduper();
  const windowStart = now.getTime() - TEXT_DEDUP_WINDOW_MS;
  // Articles published inside the window are all in the seed, so only older ones need a lookup.
  let seeded = false;
  try {
    dedup.seed(await store.articles.listSince(new Date(windowStart)));
    seeded = true;
  } catch (err) {
    log.warn({ err }, 'could not load recent articles for dedup; continuing');
  }
  const mayBeStored = (a: Article) => !seeded || !(Date.parse(a.publishedAt) >= windowStart);
  const commit = serial();
  let stored = 0;

  const ingestOne = async (source: Source): Promise<SourceReport> => {
    const base = { id: source.id, url: source.url, items: 0, new: 0 };
    const prev = await store.feeds.get(source.id);
    const skip = opts.force ? undefined : skipReason(source, prev, now);
    if (skip) return { ...base, status: 'skipped', error: skip };
    try {
      const read = await readSource(source, {
        http,
        now,
        log,
        etag: prev?.etag,
        lastModified: prev?.lastModified,
        isKnown: async (id) => dedup.has(id) || (await store.articles.has(id)),
      });
      for (const w of read.warnings.slice(0, 5)) log.debug({ source: source.id }, w);
      const added = read.notModified ? 0 : await commit(() => storeArticles(read.articles));
      stored += added;
      await store.feeds.put({
        ...prev,
        sourceId: source.id,
        etag: read.etag,
        lastModified: read.lastModified,
        failures: 0,
        status: 'ok',
        lastError: undefined,
        lastOkAt: now.toISOString(),
        lastTriedAt: now.toISOString(),
        failingSince: undefined,
        nextTryAt: undefined,
        items: read.notModified ? prev?.items : read.articles.length,
      });
      return {
        ...base,
        status: read.notModified ? 'not-modified' : 'ok',
        items: read.articles.length,
        new: added,
      };
    } catch (err) {
      const error = describeError(err);
      log.warn({ source: source.id, url: source.url, err: error }, 'source failed');
      try {
        await store.feeds.put(failedState(prev, source.id, now, error));
      } catch (stateErr) {
        log.error({ err: stateErr, source: source.id }, 'could not record feed state');
      }
      return { ...base, status: 'failed', error };
    }
  };

  const storeArticles = async (articles: Article[]): Promise<number> => {
    const fresh: Article[] = [];
    const changed = new Map<string, Article>();
    for (const article of articles) {
      if (
        !dedup.has(article.id) &&
        mayBeStored(article) &&
        (await store.articles.has(article.id))
      ) {
        dedup.seed([article]);
        continue;
      }
      const outcome = dedup.add(article);
      if (outcome.kind === 'new') fresh.push(article);
      else if (outcome.changed && !fresh.includes(outcome.of))
        changed.set(outcome.of.id, outcome.of);
    }
    const { added } = fresh.length ? await store.articles.putMany(fresh, deps.ttlMs) : { added: 0 };
    if (fresh.length && deps.onStored) {
      await deps.onStored(fresh).catch((err: unknown) => {
        log.warn({ err }, 'could not record the stored articles in the history');
      });
    }
    for (const kept of changed.values()) {
      // Keep its original expiry: stored at fetchedAt, expiring ttl later.
      const left = Date.parse(kept.fetchedAt) + deps.ttlMs - now.getTime();
      if (left > 60_000) await store.articles.putMany([kept], left);
    }
    return added;
  };

  try {
    const settled = await mapSettled(deps.sources, opts.concurrency ?? 16, async (source) => {
      const report = await ingestOne(source);
      opts.onProgress?.(report);
      return report;
    });
    const reports = settled.map((r, i): SourceReport =>
      r.status === 'fulfilled'
        ? r.value
        : {
            id: deps.sources[i]!.id,
            url: deps.sources[i]!.url,
            status: 'failed',
            items: 0,
            new: 0,
            error: describeError(r.reason),
          },
    );
    try {
      await store.meta.set(LAST_INGEST_META_KEY, {
        at: now.toISOString(),
        articles: stored,
        sources: reports.length,
        failed: reports.filter((r) => r.status === 'failed').length,
      });
    } catch (err) {
      log.warn({ err }, 'could not record the ingest time');
    }
    return { sources: reports, articles: stored };
  } finally {
    http.close();
  }
}

/** A spec that could not become a source (reported as failed). */
export interface SpecProblem {
  spec: string;
  error: string;
}

/**
 * Turns command-line specs into sources: an http(s) URL is a feed (or, when it turns out to be
 * an HTML page without a feed, that page's article), a directory is a folder of articles, a
 * .jsonl file is JSON lines, a .yaml/.yml file or a .json file holding {"sources":[…]} is a
 * sources file, a .txt/.md/.html file is one article, any other file is read as a feed.
 */
export async function sourcesFromSpecs(
  specs: string[],
): Promise<{ sources: Source[]; problems: SpecProblem[] }> {
  const sources: Source[] = [];
  const problems: SpecProblem[] = [];
  const ids = new Set<string>();
  const unique = (id: string) => {
    let candidate = id;
    for (let n = 2; ids.has(candidate); n += 1) candidate = `${id}-${n}`;
    ids.add(candidate);
    return candidate;
  };
  for (const spec of specs) {
    if (/^https?:\/\//i.test(spec)) {
      let url: URL;
      try {
        url = new URL(spec);
      } catch {
        problems.push({ spec, error: `not a URL: ${spec}` });
        continue;
      }
      const host = url.hostname.replace(/^www\./, '');
      sources.push(
        markAutoDetect({
          id: unique(slugify(`${host}${url.pathname === '/' ? '' : url.pathname}`)),
          name: host,
          url: url.href,
          kind: 'feed',
        }),
      );
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) {
      problems.push({ spec, error: `only http(s) URLs, files and folders can be read: ${spec}` });
      continue;
    }
    const path = resolve(spec);
    let isDir: boolean;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch (err) {
      problems.push({
        spec,
        error: `cannot read ${spec} (${(err as NodeJS.ErrnoException).code ?? describeError(err)})`,
      });
      continue;
    }
    const name = basename(path);
    if (isDir) {
      sources.push({ id: unique(slugify(name, 'folder')), name, url: path, kind: 'folder' });
      continue;
    }
    let kind = localKind(path);
    if (kind === 'feed' && /\.json$/i.test(path)) {
      // A .json spec is a sources file when it holds {"sources": …}, else a JSON Feed.
      try {
        const { readFile } = await import('node:fs/promises');
        const head = (await readFile(path, 'utf8')).slice(0, 4096);
        if (/^\s*\{\s*"sources"\s*:/.test(head.replace(/^\ufeff/, ''))) kind = 'sources-file';
      } catch {
        // reported when read as a feed
      }
    }
    if (kind === 'sources-file') {
      try {
        for (const s of await loadSourcesFile(path)) sources.push({ ...s, id: unique(s.id) });
      } catch (err) {
        problems.push({
          spec,
          error: err instanceof SourcesFileError ? err.message : describeError(err),
        });
      }
      continue;
    }
    sources.push({ id: unique(slugify(name, kind)), name, url: path, kind });
  }
  return { sources, problems };
}

export interface CollectOptions {
  now: Date;
  log?: Logger;
  /**
   * Allow loopback/private/link-local addresses. Specs come from the operator (command line,
   * code), so they are trusted by default; pass false for addresses from untrusted input.
   * @default true
   */
  allowPrivate?: boolean;
  /** HTTP limits (timeouts, concurrency); tests shorten them. */
  http?: HttpClientOptions;
}

/**
 * Reads the given specs once, without a store: deduplicated articles (newest first) and one
 * report per source. `new` counts the articles each source contributed after dedup.
 */
export async function collectArticles(
  specs: string[],
  opts: CollectOptions,
): Promise<{ articles: Article[]; reports: SourceReport[] }> {
  const log = opts.log ?? silentLogger();
  const { sources, problems } = await sourcesFromSpecs(specs);
  const http = createHttpClient({ allowPrivate: opts.allowPrivate ?? true, ...opts.http });
  const dedup = new Deduper();
  const kept: Article[] = [];
  try {
    const settled = await mapSettled(sources, 16, (source) =>
      readSource(source, { http, now: opts.now, log, isKnown: async (id) => dedup.has(id) }),
    );
    const reports: SourceReport[] = problems.map((p) => ({
      id: slugify(p.spec, 'spec'),
      url: p.spec,
      status: 'failed' as const,
      items: 0,
      new: 0,
      error: p.error,
    }));
    settled.forEach((r, i) => {
      const source = sources[i]!;
      if (r.status === 'rejected') {
        const error = describeError(r.reason);
        log.warn({ source: source.id, err: error }, 'source failed');
        reports.push({ id: source.id, url: source.url, status: 'failed', items: 0, new: 0, error });
        return;
      }
      let fresh = 0;
      for (const a of r.value.articles) {
        if (dedup.add(a).kind === 'new') {
          kept.push(a);
          fresh += 1;
        }
      }
      reports.push({
        id: source.id,
        url: source.url,
        status: 'ok',
        items: r.value.articles.length,
        new: fresh,
      });
    });
    kept.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
    return { articles: kept, reports };
  } finally {
    http.close();
  }
}
