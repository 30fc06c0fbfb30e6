/**
 * The character budget's counters, in the store so every instance shares them: characters sent
 * per UTC day (all readers) and per reader, texts served from the cache, and fallbacks.
 * Admins read them with {@link translationUsage}.
 */
import type { Store } from '../store/types.js';

/** Counters live a few days, so yesterday's figure is still there to compare. */
export const USAGE_TTL_MS = 3 * 24 * 60 * 60 * 1000;

/** Where the translator records the limits it runs with, for {@link translationUsage}. */
export const LIMITS_META_KEY = 'translate:limits';

/** The UTC day of an instant, YYYY-MM-DD. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Counter keys (readable by admins and by the ops metrics). */
export const usageKeys = {
  /** Characters sent to the provider that UTC day, all readers together. */
  chars: (day: string) => `translate:chars:${day}`,
  /** Characters sent for one reader's on-demand requests that UTC day. */
  reader: (day: string, chatId: number) => `translate:chars:${day}:chat:${chatId}`,
  /** Texts served from the cache that day. */
  cached: (day: string) => `translate:cached:${day}`,
  /** Requests answered with the originals (budget, reader budget, provider failure). */
  fallbacks: (day: string) => `translate:fallbacks:${day}`,
};

export interface TranslationUsage {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** Characters sent today. */
  today: number;
  /** Daily character limit (all readers); undefined when unknown. */
  limit?: number;
  /** Characters left today; undefined when the limit is unknown. */
  remaining?: number;
  /** Per-reader daily limit for on-demand requests, when known. */
  userLimit?: number;
  /** Characters sent yesterday. */
  yesterday: number;
  /** Texts served from the cache today. */
  cachedToday: number;
  /** Requests answered with the originals today. */
  fallbacksToday: number;
  /** Characters sent today for this reader, when `chatId` is given. */
  reader?: number;
}

/**
 * Today's translation usage, for admins. The limits are the ones passed, or else the ones the
 * running translator recorded.
 *
 * @example
 * const u = await translationUsage(store, new Date());
 * // { day: '2026-11-29', today: 12840, limit: 500000, remaining: 487160, … }
 */
export async function translationUsage(
  store: Store,
  now: Date,
  opts: { dailyCharLimit?: number; userDailyCharLimit?: number; chatId?: number } = {},
): Promise<TranslationUsage> {
  const day = utcDay(now);
  const yesterdayDay = utcDay(new Date(now.getTime() - 24 * 60 * 60 * 1000));
  const [today, yesterday, cachedToday, fallbacksToday, reader, recorded] = await Promise.all([
    store.counters.get(usageKeys.chars(day)),
    store.counters.get(usageKeys.chars(yesterdayDay)),
    store.counters.get(usageKeys.cached(day)),
    store.counters.get(usageKeys.fallbacks(day)),
    opts.chatId === undefined ? undefined : store.counters.get(usageKeys.reader(day, opts.chatId)),
    opts.dailyCharLimit === undefined
      ? store.meta
          .get<{ dailyCharLimit?: number; userDailyCharLimit?: number }>(LIMITS_META_KEY)
          .catch(() => undefined)
      : undefined,
  ]);
  const limit = opts.dailyCharLimit ?? recorded?.dailyCharLimit;
  const userLimit = opts.userDailyCharLimit ?? recorded?.userDailyCharLimit;
  const usage: TranslationUsage = { day, today, yesterday, cachedToday, fallbacksToday };
  if (limit !== undefined) {
    usage.limit = limit;
    usage.remaining = Math.max(0, limit - today);
  }
  if (userLimit !== undefined) usage.userLimit = userLimit;
  if (reader !== undefined) usage.reader = reader;
  return usage;
}
