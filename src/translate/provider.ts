/**
 * What an adapter does: one request to one provider, no cache, no budget, no retries (the
 * translator adds those). Each adapter states its request limits.
 */
import type { BatchLimits } from './batch.js';
import type { Detection } from './port.js';

export interface ProviderBatchResult {
  /** Translations, one per input, in order. */
  texts: string[];
  /** Detected source language per input, when the source was not given. */
  detected?: (string | undefined)[];
}

export interface Provider {
  readonly name: 'google-v2' | 'google-v3';
  readonly limits: BatchLimits;
  /** One request; the texts are plain text, already within `limits`. */
  translateBatch(
    texts: string[],
    from: string | undefined,
    to: string,
    timeoutMs: number,
  ): Promise<ProviderBatchResult>;
  detect(text: string, timeoutMs: number): Promise<Detection>;
  supportedLanguages(timeoutMs: number): Promise<string[]>;
  close(): Promise<void>;
}

/** Rejects with a timeout error when `promise` takes longer than `ms`. */
export function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  onTimeout: () => Error,
): Promise<T> {
  if (!Number.isFinite(ms) || ms <= 0) return promise;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
