/**
 * Sending the segments the cache did not have: in batches within the provider's limits, a few
 * at a time, each with the retry policy; what comes back is cached. Says per segment what it
 * got, and how many characters count as sent (billed) or failed (to refund).
 */
import { mapSettled, planBatches } from './batch.js';
import type { CachedTranslation, TranslationCache } from './cache.js';
import { classifyError, type TranslationError } from './errors.js';
import { restore, type Protected } from './protect.js';
import type { Provider } from './provider.js';
import { withRetries, type RetryPolicy } from './retry.js';

/** A segment to translate: its text, its store key, its protected form and its size. */
export interface Miss {
  text: string;
  key: string;
  prepared: Protected;
  chars: number;
}

export interface SendOptions {
  from: string | undefined;
  to: string;
  /** Requests in flight at once. */
  concurrency: number;
  /** Per-request timeout. */
  timeoutMs: number;
  retry: RetryPolicy;
  cache: TranslationCache;
}

export interface SendResult {
  /** One per miss, in order: the translation, or the error its batch failed with. */
  values: (CachedTranslation | TranslationError)[];
  /** Characters the provider may bill: the batches that succeeded, and those that timed out. */
  sent: number;
  /** Characters of batches that failed otherwise (not billed). */
  failed: number;
}

export async function sendInBatches(
  provider: Provider,
  misses: Miss[],
  opts: SendOptions,
): Promise<SendResult> {
  const { from, to } = opts;
  const values: (CachedTranslation | TranslationError)[] = new Array(misses.length);
  const batches = planBatches(
    misses.map((m) => m.chars),
    provider.limits,
  );
  let sent = 0;
  let failed = 0;
  const settled = await mapSettled(batches, opts.concurrency, async (batch) => {
    const texts = batch.map((i) => misses[i]!.prepared.text);
    const result = await withRetries(opts.retry, `translating ${texts.length} segments`, () =>
      provider.translateBatch(texts, from, to, opts.timeoutMs),
    );
    const entries = batch.map((i, j) => {
      const m = misses[i]!;
      const value: CachedTranslation = {
        t: restore(result.texts[j] ?? '', m.prepared.tokens, to),
      };
      const detected = result.detected?.[j];
      if (detected) value.d = detected;
      values[i] = value;
      return { key: m.key, value };
    });
    await opts.cache.store(entries);
  });
  settled.forEach((s, b) => {
    const batch = batches[b]!;
    const chars = batch.reduce((n, i) => n + misses[i]!.chars, 0);
    if (s.status === 'fulfilled') {
      sent += chars;
      return;
    }
    const err = classifyError(s.reason, opts.retry.provider);
    // A timed-out request may still be billed: it stays counted against the budget.
    if (err.kind === 'timeout') sent += chars;
    else failed += chars;
    for (const i of batch) values[i] = err;
  });
  return { values, sent, failed };
}
