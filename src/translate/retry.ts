/**
 * The retry policy for provider calls: exponential backoff with jitter on the failures
 * {@link TranslationError.retryable} names. A timeout is not among them (the provider may have
 * billed the text after we stopped waiting).
 */
import pRetry from 'p-retry';
import { backoffDelay as sharedBackoffDelay } from '../concurrency.js';
import type { Logger } from '../log.js';
import { classifyError } from './errors.js';

/** The longest wait between two attempts. */
const MAX_RETRY_DELAY_MS = 8000;

export interface RetryPolicy {
  /** Provider name, for the errors. */
  provider: string;
  /** Retries after the first attempt. @default 3 */
  retries: number;
  /** First backoff delay; doubled each retry, with ±25% jitter, at most 8 s. @default 500 */
  baseDelayMs: number;
  /** Waits between attempts (tests make it instant). */
  sleep: (ms: number) => Promise<void>;
  log: Logger;
}

/** The wait before retry number `attempt` (0 for the first retry). */
export function backoffDelay(baseDelayMs: number, attempt: number): number {
  return sharedBackoffDelay(baseDelayMs, attempt, MAX_RETRY_DELAY_MS);
}

/**
 * Runs `fn`, trying again on retryable failures. Rejects with the last failure as a
 * {@link TranslationError}.
 */
export function withRetries<T>(
  policy: RetryPolicy,
  what: string,
  fn: () => Promise<T>,
): Promise<T> {
  return pRetry(
    async () => {
      try {
        return await fn();
      } catch (err) {
        throw classifyError(err, policy.provider);
      }
    },
    {
      retries: Math.max(0, policy.retries),
      // The wait is ours (in onFailedAttempt), so that it keeps its jitter and can be injected.
      minTimeout: 0,
      maxTimeout: 0,
      shouldRetry: ({ error }) => classifyError(error, policy.provider).retryable,
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        const e = classifyError(error, policy.provider);
        if (!e.retryable || retriesLeft <= 0) return;
        const delay = backoffDelay(policy.baseDelayMs, attemptNumber - 1);
        policy.log.warn(
          { kind: e.kind, status: e.status, attempt: attemptNumber, delayMs: Math.round(delay) },
          `${what} failed (${e.message}); retrying`,
        );
        await policy.sleep(delay);
      },
    },
  );
}
