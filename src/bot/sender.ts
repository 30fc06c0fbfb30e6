/**
 * The rate-limited sender: every outgoing digest message goes through here. It paces sends to
 * Telegram's limits (overall messages per second, one message per second per chat, twenty per
 * minute per group), honours 429 `retry_after`, retries 5xx answers and timeouts with backoff,
 * and turns "blocked", "chat not found" and group migration into results the caller acts on.
 * The parts of one digest reach one chat in order: they are sent one after another, and the
 * caller persists progress after each accepted part.
 */

import pRetry from 'p-retry';
import { backoffDelay } from '../concurrency.js';
import type { RenderedMessage } from '../domain.js';
import type { Sender, SenderStats } from '../schedule/ports.js';

/** The message options the sender passes to Telegram's sendMessage. */
export interface SendExtra {
  parse_mode: 'HTML';
  link_preview_options?: { is_disabled: boolean };
  reply_markup?: unknown;
  message_thread_id?: number;
}

/** The one method the sender needs; telegraf's `Telegram` instance fits. */
export interface TelegramLike {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  sendMessage(chatId: number, text: string, extra?: any): Promise<unknown>;
}

export interface SenderOptions {
  /**
   * Messages per second over all chats.
   * @default 30
   */
  ratePerSecond?: number;
  /**
   * Minimum gap between two messages to one private chat, in ms (Telegram: about 1 per second).
   * @default 1000
   */
  perChatIntervalMs?: number;
  /**
   * Messages per minute to one group, supergroup or channel (negative chat ids).
   * @default 20
   */
  groupPerMinute?: number;
  /**
   * Added to every per-chat gap so network jitter never lands two sends inside one window.
   * @default 50
   */
  marginMs?: number;
  /**
   * Retries of a 5xx answer, a timeout or a network error before the send is reported failed.
   * @default 3
   */
  maxRetries?: number;
  /**
   * How many 429 answers one message may get before it is reported failed.
   * @default 5
   */
  max429Retries?: number;
  /**
   * First backoff after a 5xx answer or timeout, doubled each retry.
   * @default 500
   */
  backoffMs?: number;
  /**
   * A send taking longer than this counts as a timeout (and is retried).
   * @default 30000
   */
  timeoutMs?: number;
  /** Called on every 429 answer (for metrics). */
  onRateLimited?(chatId: number, retryAfterSeconds: number): void;
  /** Called on every retried 5xx answer, timeout or network error. */
  onRetry?(chatId: number, error: string): void;
  /** Called on every failed send: the Bot API's error code, or "timeout" / "network" (for metrics). */
  onError?(chatId: number, code: string): void;
}

export type {
  PartsResult,
  PartsStatus,
  SendPartsOptions,
  Sender,
  SenderStats,
} from '../schedule/ports.js';

/** The sender was stopped while this send waited for its turn. */
export class SenderStoppedError extends Error {
  override readonly name = 'SenderStoppedError';
}

/** What a failed send means for the caller. */
export type SendErrorKind =
  | { kind: 'retry-after'; seconds: number }
  | { kind: 'blocked'; reason: string }
  | { kind: 'migrate'; to: number }
  | { kind: 'transient'; reason: string }
  | { kind: 'fatal'; reason: string };

const UNAVAILABLE =
  /chat not found|group chat was deactivated|user is deactivated|bot was kicked|bot was blocked|PEER_ID_INVALID|bot is not a member|have no rights to send/i;

/**
 * Classifies an error thrown by telegraf's `sendMessage` (a TelegramError with `code`,
 * `description` and `parameters`) or by the network below it.
 */
export function classifySendError(err: unknown): SendErrorKind {
  const e = err as {
    code?: unknown;
    description?: unknown;
    message?: unknown;
    parameters?: { retry_after?: number; migrate_to_chat_id?: number };
    response?: { error_code?: number; description?: string; parameters?: unknown };
  };
  const code =
    typeof e?.code === 'number'
      ? e.code
      : typeof e?.response?.error_code === 'number'
        ? e.response.error_code
        : undefined;
  const description = String(
    typeof e?.description === 'string'
      ? e.description
      : (e?.response?.description ?? e?.message ?? err),
  );
  const parameters = (e?.parameters ?? e?.response?.parameters) as
    { retry_after?: number; migrate_to_chat_id?: number } | undefined;
  if (code === undefined) return { kind: 'transient', reason: description };
  if (code === 429) {
    const seconds = Number(parameters?.retry_after);
    return { kind: 'retry-after', seconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 1 };
  }
  if (code === 400 && typeof parameters?.migrate_to_chat_id === 'number') {
    return { kind: 'migrate', to: parameters.migrate_to_chat_id };
  }
  if (code === 403) return { kind: 'blocked', reason: description };
  if (code === 400 && UNAVAILABLE.test(description))
    return { kind: 'blocked', reason: description };
  if (code >= 500) return { kind: 'transient', reason: `${code} ${description}` };
  return { kind: 'fatal', reason: `${code} ${description}` };
}

class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** One failed try at a send, as the retry loop sees it. */
class SendAttemptError extends Error {
  override readonly name = 'SendAttemptError';
  constructor(readonly failure: SendErrorKind | { kind: 'interrupted' }) {
    super('reason' in failure ? failure.reason : failure.kind);
  }
}

/** The Bot API's error code of a failed call as text ("429", "403"), or "timeout" / "network". */
export function sendErrorCode(err: unknown): string {
  if (err instanceof TimeoutError) return 'timeout';
  const e = err as { code?: unknown; response?: { error_code?: unknown } } | undefined;
  const code = typeof e?.code === 'number' ? e.code : e?.response?.error_code;
  return typeof code === 'number' ? String(code) : 'network';
}

function positive(name: string, value: number | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new TypeError(`Expected \`${name}\` to be a number from ${min} and up, got ${value}`);
  }
  return value;
}

/**
 * Creates the sender over a Telegram client.
 * @example
 * const sender = createSender(bot.telegram, { ratePerSecond: config.SEND_RATE_PER_SECOND });
 * const r = await sender.sendParts(chatId, parts, { from: record.partsSent, onPartSent: save });
 */
export function createSender(telegram: TelegramLike, opts: SenderOptions = {}): Sender {
  const rate = positive('ratePerSecond', opts.ratePerSecond, 30, 0.001);
  const chatGap = positive('perChatIntervalMs', opts.perChatIntervalMs, 1000);
  const groupPerMinute = positive('groupPerMinute', opts.groupPerMinute, 20, 0.001);
  const margin = positive('marginMs', opts.marginMs, 50);
  const maxRetries = positive('maxRetries', opts.maxRetries, 3);
  const max429 = positive('max429Retries', opts.max429Retries, 5);
  const backoffMs = positive('backoffMs', opts.backoffMs, 500);
  const timeoutMs = positive('timeoutMs', opts.timeoutMs, 30_000, 1);

  const globalInterval = 1000 / rate;
  // After a stall (GC, a slow store write) the sender may catch up with a small burst, never
  // more than a tenth of a second's worth of messages.
  const catchUpMs = Math.max(globalInterval, 100);
  let nextGlobalAt = 0;
  // The send times of the last `rate` messages: however timers bunch up after a stall, no
  // one-second window ever holds more than `rate` sends.
  const ringSize = Math.max(1, Math.floor(rate));
  const ring = new Array<number>(ringSize).fill(-Infinity);
  let ringHead = 0;
  /** Per chat: the earliest time its next message may leave. */
  const chatNextAt = new Map<number, number>();
  /** Recent 429s from distinct chats: several at once mean the overall limit, not one chat's. */
  const recent429 = new Map<number, number>();
  const timers = new Set<{ timer: ReturnType<typeof setTimeout>; reject: (e: Error) => void }>();
  let stopped = false;
  let inFlight = 0;
  const stats: SenderStats = {
    sent: 0,
    rateLimited: 0,
    retries: 0,
    blocked: 0,
    failed: 0,
    migrated: 0,
  };

  function sleep(ms: number): Promise<void> {
    if (stopped) return Promise.reject(new SenderStoppedError('sender stopped'));
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const entry = {
        timer: setTimeout(() => {
          timers.delete(entry);
          resolve();
        }, ms),
        reject,
      };
      timers.add(entry);
    });
  }

  function sweep(now: number): void {
    if (chatNextAt.size < 50_000) return;
    for (const [chat, at] of chatNextAt) if (at < now) chatNextAt.delete(chat);
  }

  /** Waits for the chat's turn, then for a global slot; returns when the send may leave. */
  async function takeTurn(chatId: number): Promise<void> {
    for (;;) {
      const now = Date.now();
      const chatAt = chatNextAt.get(chatId) ?? 0;
      if (chatAt > now) {
        await sleep(chatAt - now);
        continue;
      }
      const slot = Math.max(nextGlobalAt, now - catchUpMs);
      nextGlobalAt = slot + globalInterval;
      if (slot > now) await sleep(slot - now);
      // The window cap: the oldest of the last `rate` sends must be a second old.
      for (;;) {
        const wait = ring[ringHead]! + 1000 + margin / 10 - Date.now();
        if (wait <= 0) break;
        await sleep(wait);
      }
      // A 429 may have paused this chat while it waited for the global slot.
      if ((chatNextAt.get(chatId) ?? 0) > Date.now()) continue;
      ring[ringHead] = Date.now();
      ringHead = (ringHead + 1) % ringSize;
      const gap = chatId < 0 ? Math.max(chatGap, 60_000 / groupPerMinute) : chatGap;
      chatNextAt.set(chatId, Date.now() + gap + margin);
      sweep(Date.now());
      return;
    }
  }

  async function callWithTimeout(chatId: number, part: RenderedMessage, threadId?: number) {
    const extra: SendExtra = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } };
    if (part.replyMarkup !== undefined) extra.reply_markup = part.replyMarkup;
    if (threadId !== undefined) extra.message_thread_id = threadId;
    let timer: ReturnType<typeof setTimeout> | undefined;
    inFlight++;
    try {
      return await Promise.race([
        telegram.sendMessage(chatId, part.html, extra),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new TimeoutError(`timed out after ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
    } finally {
      inFlight--;
      if (timer) clearTimeout(timer);
    }
  }

  function on429(chatId: number, seconds: number): void {
    stats.rateLimited++;
    opts.onRateLimited?.(chatId, seconds);
    const now = Date.now();
    const until = now + seconds * 1000 + margin;
    chatNextAt.set(chatId, Math.max(chatNextAt.get(chatId) ?? 0, until));
    for (const [chat, at] of recent429) if (at < now - 1000) recent429.delete(chat);
    recent429.set(chatId, now);
    if (recent429.size >= 3) nextGlobalAt = Math.max(nextGlobalAt, until);
  }

  type OneResult =
    | { ok: true }
    | { ok: false; kind: 'blocked' | 'failed' | 'interrupted'; error: string }
    | { ok: false; kind: 'migrated'; to: number; error: string };

  /** One try: waits for the chat's turn, then calls Telegram once. */
  async function attempt(chatId: number, part: RenderedMessage, threadId?: number): Promise<void> {
    try {
      await takeTurn(chatId);
    } catch (err) {
      if (err instanceof SenderStoppedError) throw new SendAttemptError({ kind: 'interrupted' });
      throw err;
    }
    try {
      await callWithTimeout(chatId, part, threadId);
    } catch (err) {
      opts.onError?.(chatId, sendErrorCode(err));
      const failure = classifySendError(err);
      if (failure.kind === 'retry-after') on429(chatId, failure.seconds);
      throw new SendAttemptError(failure);
    }
  }

  async function sendOne(
    chatId: number,
    part: RenderedMessage,
    threadId: number | undefined,
  ): Promise<OneResult> {
    let transientTries = 0;
    let rateLimitedTries = 0;
    try {
      await pRetry(() => attempt(chatId, part, threadId), {
        // Each kind of failure has a budget of its own, counted in onFailedAttempt.
        retries: Number.POSITIVE_INFINITY,
        // The waits are ours: a 429 waits in takeTurn until the chat's retry_after has passed,
        // other retries back off in onFailedAttempt; stop() ends both.
        minTimeout: 0,
        maxTimeout: 0,
        onFailedAttempt: async ({ error }) => {
          if (!(error instanceof SendAttemptError)) throw error;
          const { failure } = error;
          if (failure.kind === 'retry-after') {
            if (++rateLimitedTries <= max429) return;
            const reason = `429 too many requests ${rateLimitedTries} times`;
            throw new SendAttemptError({ kind: 'fatal', reason });
          }
          if (failure.kind !== 'transient' || ++transientTries > maxRetries) throw error;
          stats.retries++;
          opts.onRetry?.(chatId, failure.reason);
          await sleep(backoffDelay(backoffMs, transientTries - 1));
        },
      });
    } catch (err) {
      if (err instanceof SenderStoppedError) {
        return { ok: false, kind: 'interrupted', error: 'sender stopped' };
      }
      if (!(err instanceof SendAttemptError)) throw err;
      const { failure } = err;
      switch (failure.kind) {
        case 'interrupted':
          return { ok: false, kind: 'interrupted', error: 'sender stopped' };
        case 'blocked':
          return { ok: false, kind: 'blocked', error: failure.reason };
        case 'migrate':
          return { ok: false, kind: 'migrated', to: failure.to, error: 'migrated' };
        default:
          // 'fatal' and 'transient' (a 429 past its budget arrives as 'fatal').
          return { ok: false, kind: 'failed', error: err.message };
      }
    }
    stats.sent++;
    return { ok: true };
  }

  return {
    stats,
    get inFlight() {
      return inFlight;
    },
    async sendParts(chatId, parts, o = {}) {
      let partsSent = Math.max(0, o.from ?? 0);
      while (partsSent < parts.length) {
        if (stopped) return { status: 'interrupted', partsSent };
        const r = await sendOne(chatId, parts[partsSent]!, o.threadId);
        if (!r.ok) {
          if (r.kind === 'blocked') stats.blocked++;
          if (r.kind === 'failed') stats.failed++;
          if (r.kind === 'migrated') {
            stats.migrated++;
            return { status: 'migrated', partsSent, migrateTo: r.to };
          }
          return { status: r.kind, partsSent, error: r.error };
        }
        partsSent++;
        await o.onPartSent?.(partsSent);
      }
      return { status: 'sent', partsSent };
    },
    stop() {
      stopped = true;
      for (const t of timers) {
        clearTimeout(t.timer);
        t.reject(new SenderStoppedError('sender stopped'));
      }
      timers.clear();
    },
  };
}
