/**
 * The send port: what delivery needs from the rate-limited sender over Telegram. src/bot's
 * `createSender` implements it; src/app hands that sender to the scheduler, and tests pass
 * fakes.
 */
import type { RenderedMessage } from '../domain.js';

export type PartsStatus = 'sent' | 'blocked' | 'failed' | 'migrated' | 'interrupted';

export interface PartsResult {
  status: PartsStatus;
  /** Parts accepted by Telegram so far (counting those sent before `from`). */
  partsSent: number;
  /** For 'migrated': the supergroup's new chat id. */
  migrateTo?: number;
  /** For 'blocked' and 'failed': Telegram's description or the network error. */
  error?: string;
}

export interface SendPartsOptions {
  /** Index of the first part to send (parts before it were sent by an earlier attempt). */
  from?: number;
  /** Forum topic to post in. */
  threadId?: number;
  /** Awaited after each accepted part, before the next one is sent (persist progress here). */
  onPartSent?(partsSent: number): Promise<void> | void;
}

export interface SenderStats {
  sent: number;
  rateLimited: number;
  retries: number;
  blocked: number;
  failed: number;
  migrated: number;
}

export interface Sender {
  /** Sends the parts of one message sequence to one chat, in order, from `opts.from`. */
  sendParts(
    chatId: number,
    parts: RenderedMessage[],
    opts?: SendPartsOptions,
  ): Promise<PartsResult>;
  /** Counters since creation. */
  readonly stats: SenderStats;
  /** Sends currently waiting on Telegram's answer. */
  readonly inFlight: number;
  /** Stops: pending waits end at once and their sends report 'interrupted'; in-flight calls finish. */
  stop(): void;
}
