/**
 * The store's ports: typed repositories over one keyv backend. Everything that must survive a
 * restart goes through these. Values read back are validated; a corrupt value is reported and
 * skipped, never thrown at the caller.
 */
import { z } from 'zod';
import type { Article, Digest } from '../domain.js';

export const SubscriberSchema = z.object({
  chatId: z.number().int(),
  chatType: z.enum(['private', 'group', 'supergroup', 'channel']),
  /** Language the reader wants the digest in ("ar" = untranslated). */
  language: z.string(),
  /** Local delivery time, 24-hour HH:MM. */
  deliveryTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  /** IANA time zone of the delivery time. */
  timeZone: z.string(),
  /** Topic filters: when non-empty, only stories matching one of them are delivered. */
  topics: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Id of the last digest delivered to this chat. */
  lastDigestId: z.string().optional(),
  /** Forum topic (message_thread_id) the bot replies in, for forum supergroups. */
  threadId: z.number().int().optional(),
  /**
   * How the daily digest looks: "brief" (one screen: headline, one key sentence, outlets and time
   * per story, a button to open each) or "full" (every key point and source inline).
   */
  format: z.enum(['brief', 'full']).optional(),
});
export type Subscriber = z.infer<typeof SubscriberSchema>;

/**
 * Fields of an existing subscriber to change. A `chatId` moves the subscription to that chat
 * (a group that became a supergroup), replacing any subscriber there.
 */
export type SubscriberPatch = Partial<Subscriber>;

export interface SubscriberRepo {
  get(chatId: number): Promise<Subscriber | undefined>;
  /**
   * Atomic read-modify-write: `update` receives the current value (or undefined) and returns the
   * new one. Two concurrent upserts of one chat never lose each other's change, also across
   * service instances sharing a Redis or PostgreSQL store.
   */
  upsert(
    chatId: number,
    update: (current: Subscriber | undefined) => Subscriber,
  ): Promise<Subscriber>;
  /**
   * Bulk upsert (imports, restores): each `update` is applied like {@link upsert}, with the same
   * per-chat atomicity, in a few round trips per 500 chats. Several updates of one chat apply in
   * order. Each batch is validated before any of it is written; returns how many chats were new.
   */
  /**
   * Atomic partial update of an existing subscriber, like {@link upsert} but never creating one:
   * the fields `patch` gives (or what it returns for the current value) replace those of the
   * stored subscriber. Returns the new value, or undefined (and writes nothing) when the chat
   * has no subscriber or the function returns undefined. A new `chatId` (in a fixed patch only)
   * moves the subscriber, holding both chats' locks.
   * @example subscribers.patch(chatId, { active: false, updatedAt }) // reader blocked the bot
   * @example subscribers.patch(groupId, { chatId: supergroupId }) // the group was upgraded
   */
  patch(
    chatId: number,
    patch: SubscriberPatch | ((current: Subscriber) => Omit<SubscriberPatch, 'chatId'> | undefined),
  ): Promise<Subscriber | undefined>;
  upsertMany(
    updates: { chatId: number; update: (current: Subscriber | undefined) => Subscriber }[],
  ): Promise<{ added: number }>;
  delete(chatId: number): Promise<boolean>;
  /** Active subscribers whose local delivery time is the given UTC minute (DST-aware). */
  dueAt(minute: Date): Promise<Subscriber[]>;
  /**
   * Active subscribers whose local delivery time fell in (from, to], for catching up after
   * downtime. Callers filter out those who already got the digest.
   */
  dueBetween(from: Date, to: Date): Promise<Subscriber[]>;
  /** Every subscriber, in no particular order, streamed. */
  all(): AsyncIterable<Subscriber>;
  count(): Promise<{ total: number; active: number }>;
}

export interface ArticleRepo {
  /** Saves articles (expiring after ttlMs); returns how many ids were not stored before. */
  putMany(articles: Article[], ttlMs: number): Promise<{ added: number }>;
  get(id: string): Promise<Article | undefined>;
  has(id: string): Promise<boolean>;
  /** Articles published at or after `since`, not yet expired. */
  listSince(since: Date): Promise<Article[]>;
}

export interface DigestRepo {
  put(digest: Digest): Promise<void>;
  get(id: string): Promise<Digest | undefined>;
  /** The most recently built digest. */
  latest(): Promise<Digest | undefined>;
  /** The digest built before the given one (for novelty against yesterday). */
  previous(id: string): Promise<Digest | undefined>;
}

export const DeliveryRecordSchema = z.object({
  digestId: z.string(),
  chatId: z.number().int(),
  status: z.enum(['pending', 'sending', 'sent', 'failed', 'blocked', 'skipped']),
  /** Message parts already accepted by Telegram, so a resumed send starts after them. */
  partsSent: z.number().int().min(0),
  attempts: z.number().int().min(0),
  updatedAt: z.string(),
  /** Who holds the send, and until when (a crashed sender's lease expires). */
  leaseOwner: z.string().optional(),
  leaseUntil: z.string().optional(),
  error: z.string().optional(),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecordSchema>;

/** The outbox: one record per (digest, chat). */
export interface DeliveryRepo {
  get(digestId: string, chatId: number): Promise<DeliveryRecord | undefined>;
  /**
   * Claims the send for `owner` unless it is sent, or leased by another owner whose lease has not
   * expired. Each claim counts one attempt. Returns the record after the claim, or undefined
   * when not claimed.
   */
  claim(
    digestId: string,
    chatId: number,
    owner: string,
    leaseMs: number,
    now: Date,
  ): Promise<DeliveryRecord | undefined>;
  /** Updates a claimed record (progress, final status). */
  update(record: DeliveryRecord): Promise<void>;
  /** Every record of one digest (for reports and resuming). */
  listForDigest(digestId: string): AsyncIterable<DeliveryRecord>;
}

/** A small cache of strings with expiry (translations). */
export interface CacheRepo {
  getMany(keys: string[]): Promise<(string | undefined)[]>;
  setMany(entries: { key: string; value: string }[], ttlMs: number): Promise<void>;
}

/** Atomic counters (translation budget, metrics that must be shared across instances). */
export interface CounterRepo {
  /** Adds `by` and returns the new total; the counter expires after ttlMs from its creation. */
  incr(key: string, by: number, ttlMs?: number): Promise<number>;
  get(key: string): Promise<number>;
}

export const FeedStateSchema = z.object({
  sourceId: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** Consecutive failures; 0 after a success. */
  failures: z.number().int().min(0),
  status: z.enum(['ok', 'failing', 'new']),
  lastError: z.string().optional(),
  lastOkAt: z.string().optional(),
  lastTriedAt: z.string().optional(),
  /** First failure of the current run of failures (for "failing for a day" alerts). */
  failingSince: z.string().optional(),
  /** Backoff: do not try before this time. */
  nextTryAt: z.string().optional(),
  items: z.number().int().min(0).optional(),
});
export type FeedState = z.infer<typeof FeedStateSchema>;

export interface FeedStateRepo {
  get(sourceId: string): Promise<FeedState | undefined>;
  put(state: FeedState): Promise<void>;
  all(): Promise<FeedState[]>;
}

export const SourceSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/i),
  name: z.string().min(1),
  url: z.string().min(1),
  kind: z.enum(['feed', 'page', 'folder', 'jsonl']),
  language: z.string().optional(),
  fullText: z.boolean().optional(),
  intervalMinutes: z.number().int().positive().optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/** Sources added at run time by admins (on top of the sources file). */
export interface SourceRepo {
  list(): Promise<Source[]>;
  add(source: Source): Promise<void>;
  remove(id: string): Promise<boolean>;
}

/** Leader election and other mutual exclusion across instances. */
export interface LockRepo {
  /** Takes the lock if free or expired; true when `owner` now holds it. */
  acquire(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Extends a lock `owner` holds; false when it was lost. */
  renew(name: string, owner: string, ttlMs: number): Promise<boolean>;
  release(name: string, owner: string): Promise<void>;
}

/** Small named values: last ingest time, last build, schema version. */
export interface MetaRepo {
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Stores a value; with `ttlMs`, it is gone after that many milliseconds. */
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
}

/** How many articles of one day hold each term (see src/digest documentFrequencies). */
export interface TermFrequencies {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** Articles counted. */
  docs: number;
  /** Articles holding each term. */
  df: ReadonlyMap<string, number>;
}

/** Per-day document frequencies of the stored articles, added to at ingest. */
export interface TermFrequencyRepo {
  /**
   * Adds new articles' counts to a day's table (created when missing); the table expires
   * `ttlMs` after this write. Only the ingest leader writes, one pass at a time.
   */
  add(day: string, table: Omit<TermFrequencies, 'day'>, ttlMs: number): Promise<void>;
  /** The tables of those days that have one, in the order asked. */
  get(days: string[]): Promise<TermFrequencies[]>;
}

export interface Store {
  /** "sqlite", "redis", "postgres" or "memory". */
  readonly backend: string;
  readonly subscribers: SubscriberRepo;
  readonly articles: ArticleRepo;
  readonly digests: DigestRepo;
  readonly deliveries: DeliveryRepo;
  readonly translations: CacheRepo;
  readonly counters: CounterRepo;
  readonly feeds: FeedStateRepo;
  readonly sources: SourceRepo;
  readonly locks: LockRepo;
  readonly meta: MetaRepo;
  /** Absent in stores built by hand for tests; every backend store has it. */
  readonly termFrequencies?: TermFrequencyRepo;
  close(): Promise<void>;
}
