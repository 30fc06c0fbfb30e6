/**
 * The character budget: characters are reserved against today's limits (all readers, and one
 * reader's on-demand requests) before anything is sent, and given back when a request fails.
 * The counters are shared by every instance through the store; usage figures are written in
 * the background and never break a translation.
 */
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import type { TranslationOutcome } from './port.js';
import { LIMITS_META_KEY, USAGE_TTL_MS, usageKeys, utcDay } from './usage.js';

export type Refusal = NonNullable<TranslationOutcome['fallback']>;

export interface BudgetDeps {
  store: Store;
  log: Logger;
  now: () => Date;
  /** Characters per UTC day, all readers together. */
  dailyCharLimit: number;
  /** Characters per UTC day for one reader's on-demand requests. */
  userDailyCharLimit: number;
}

export interface Reservation {
  /** The UTC day the characters were counted against. */
  day: string;
  /** Why nothing may be sent; undefined when the characters are reserved. */
  refusal?: Refusal;
}

export interface Budget {
  /**
   * Reserves `chars` against today's limits before sending: an atomic add, taken back when it
   * overshoots. Without the counters the spend cannot be bounded, so that refuses too.
   */
  reserve(chars: number, chatId: number | undefined): Promise<Reservation>;
  /** Gives back characters reserved for requests that failed (failed requests are not billed). */
  refund(day: string, chars: number, chatId: number | undefined): void;
  /** Adds to a usage counter now, in the background. */
  count(key: string, by: number): void;
  /** Adds to a usage counter a moment later, together with the other additions meanwhile. */
  countSoon(key: string, by: number): void;
  /** Writes every pending counter update and waits for them. */
  flush(): Promise<void>;
}

export function createBudget(deps: BudgetDeps): Budget {
  const { store, log, now } = deps;
  /** Counter additions waiting to be written together (many readers at once cost one write). */
  const pending = new Map<string, number>();
  const writing = new Set<Promise<unknown>>();
  let limitsRecorded = false;

  const count = (key: string, by: number) => {
    if (by === 0) return;
    const write = store.counters.incr(key, by, USAGE_TTL_MS).catch((err: unknown) => {
      log.warn({ err, key }, 'could not update a translation counter');
    });
    writing.add(write);
    void write.finally(() => writing.delete(write));
  };

  const writePending = () => {
    const entries = [...pending];
    pending.clear();
    for (const [k, n] of entries) count(k, n);
  };

  const recordLimits = () => {
    if (limitsRecorded) return;
    limitsRecorded = true;
    store.meta
      .set(LIMITS_META_KEY, {
        dailyCharLimit: deps.dailyCharLimit,
        userDailyCharLimit: deps.userDailyCharLimit,
      })
      .catch(() => {
        limitsRecorded = false;
      });
  };

  return {
    async reserve(chars, chatId) {
      const day = utcDay(now());
      recordLimits();
      const dayKey = usageKeys.chars(day);
      try {
        if (chars > deps.dailyCharLimit) return { day, refusal: 'budget' };
        const total = await store.counters.incr(dayKey, chars, USAGE_TTL_MS);
        if (total > deps.dailyCharLimit) {
          await store.counters.incr(dayKey, -chars, USAGE_TTL_MS);
          return { day, refusal: 'budget' };
        }
        if (chatId !== undefined) {
          const readerKey = usageKeys.reader(day, chatId);
          const mine = await store.counters.incr(readerKey, chars, USAGE_TTL_MS);
          if (mine > deps.userDailyCharLimit) {
            await store.counters.incr(readerKey, -chars, USAGE_TTL_MS);
            await store.counters.incr(dayKey, -chars, USAGE_TTL_MS);
            return { day, refusal: 'reader-budget' };
          }
        }
        return { day };
      } catch (err) {
        log.error({ err }, 'translation budget unavailable; sending nothing');
        return { day, refusal: 'error' };
      }
    },
    refund(day, chars, chatId) {
      if (chars === 0) return;
      count(usageKeys.chars(day), -chars);
      if (chatId !== undefined) count(usageKeys.reader(day, chatId), -chars);
    },
    count,
    countSoon(key, by) {
      if (by === 0) return;
      if (pending.size === 0) setImmediate(writePending);
      pending.set(key, (pending.get(key) ?? 0) + by);
    },
    async flush() {
      writePending();
      await Promise.allSettled([...writing]);
    },
  };
}
