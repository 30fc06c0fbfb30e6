/**
 * What the bot needs from the rest of the application, as ports and plain functions, so the
 * handlers can be driven in tests with fakes and in the terminal without Telegram.
 * `createBotDeps` builds them from the real pieces; only the composition root calls it.
 */
import type { Config } from '../config/index.js';
import type { Article, Digest, Story } from '../domain.js';
import { TOPIC_DAYS, answerTopic, createSearchIndex, type SearchIndex } from '../digest/index.js';
import type { Logger } from '../log.js';
import { checkSourceUrl } from '../sources/index.js';
import type { Source, Store } from '../store/types.js';
import { toArabicQuery, translateDigest } from '../translate/index.js';
import type { TranslationOutcome, Translator } from '../translate/port.js';
import type { RateLimitOptions } from './rate-limit.js';

export interface BotDeps {
  config: Config;
  log: Logger;
  store: Store;
  translator: Translator;
  now(): Date;
  /**
   * The digest a reader gets with /digest, in Arabic: the latest one, built first when it is
   * missing or older than an hour (undefined only when it cannot be built).
   */
  getDigest(): Promise<Digest | undefined>;
  /** False until the first ingest pass finished (or articles were stored another way). */
  hasReadSources?(): Promise<boolean>;
  /**
   * Resolves when the service's start-up pass (first ingest and build) is over; at once when
   * there is none.
   */
  whenReady?(): Promise<void>;
  /**
   * Stories of the last days matching an ARABIC query; with none, the articles that name it in
   * passing, when there are any.
   */
  searchTopic(arabicQuery: string): Promise<{ stories: Story[]; mentions?: Article[] }>;
  /** A digest in another language (cached per digest and language by the translator). */
  translateDigest(
    digest: Digest,
    to: string,
  ): Promise<{ digest: Digest; outcome: TranslationOutcome }>;
  /** A reader's query in Arabic (unchanged when it already is). */
  toArabicQuery(query: string, chatId?: number): Promise<{ query: string; language: string }>;
  /** Admin hooks for sources. */
  sources: {
    /** Every source: the configured ones, then those added at run time. */
    list(): Promise<Source[]>;
    /** Throws an error with a readable message when the URL may not be used as a source. */
    check(url: string): Promise<void>;
  };
  /** On-demand limit per reader for /digest and /topic (default 20 a minute, 5 at once). */
  limits?: RateLimitOptions;
}

export interface BotDepsInput {
  config: Config;
  log: Logger;
  store: Store;
  translator: Translator;
  now?: () => Date;
  /** The sources the service reads (from SOURCES_FILE or the defaults), shown by /sources. */
  sources?: Source[];
  /** Days of articles a topic question searches (default 7). */
  topicDays?: number;
  /**
   * Where /digest gets its digest: the scheduler's keeper, which rebuilds a missing or stale
   * one (default: the latest stored digest as it is).
   */
  digests?: { current(now: Date): Promise<Digest> };
  /** The start-up pass to wait for before answering "still reading" (default: none). */
  ready?: () => Promise<void>;
  /** Whether the sources were ever read (default: whether the store holds any article). */
  hasReadSources?: () => Promise<boolean>;
}

/**
 * Builds {@link BotDeps} from the real store and translator: /digest reads the latest stored
 * digest; topic questions search an index over the articles of the last `topicDays` days that
 * is rebuilt only when those articles change.
 */
export function createBotDeps(input: BotDepsInput): BotDeps {
  const { config, log, store, translator } = input;
  const now = input.now ?? (() => new Date());
  const days = input.topicDays ?? TOPIC_DAYS;
  let cached: { key: string; index: SearchIndex } | undefined;
  let building: Promise<SearchIndex> | undefined;

  async function currentIndex(): Promise<SearchIndex> {
    const since = new Date(now().getTime() - days * 86_400_000);
    const articles = await store.articles.listSince(since);
    const key = articleSetKey(articles);
    if (cached?.key === key) return cached.index;
    // one rebuild at a time; a concurrent caller waits for it
    building ??= Promise.resolve().then(() => {
      const index = createSearchIndex(articles);
      cached = { key, index };
      log.debug({ articles: articles.length }, 'topic search index rebuilt');
      return index;
    });
    try {
      return await building;
    } finally {
      building = undefined;
    }
  }

  return {
    config,
    log,
    store,
    translator,
    now,
    async getDigest() {
      if (!input.digests) return store.digests.latest();
      try {
        return await input.digests.current(now());
      } catch (err) {
        log.warn({ err }, 'on-demand digest build failed; serving the latest stored one');
        return store.digests.latest();
      }
    },
    hasReadSources:
      input.hasReadSources ??
      (async () => (await store.articles.listSince(new Date(0))).length > 0),
    whenReady: () => input.ready?.() ?? Promise.resolve(),
    async searchTopic(arabicQuery) {
      const index = await currentIndex();
      const answer = answerTopic(index, arabicQuery, { now: now(), days });
      return { stories: answer.stories, mentions: answer.mentions };
    },
    translateDigest: (digest, to) => translateDigest(digest, to, translator),
    toArabicQuery: (query, chatId) => toArabicQuery(query, translator, chatId),
    sources: {
      async list() {
        const added = await store.sources.list();
        const configured = input.sources ?? [];
        const ids = new Set(configured.map((s) => s.id));
        return [...configured, ...added.filter((s) => !ids.has(s.id))];
      },
      check: (url) => checkSourceUrl(url, { allowPrivate: config.ALLOW_PRIVATE_SOURCES }),
    },
  };
}

/** Changes whenever an article is added, removed or expires. */
function articleSetKey(articles: { id: string }[]): string {
  let h = 0x811c9dc5;
  const ids = articles.map((a) => a.id).sort();
  for (const id of ids) {
    for (let i = 0; i < id.length; i++) {
      h ^= id.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0x2c;
  }
  return `${articles.length}:${h.toString(36)}`;
}
