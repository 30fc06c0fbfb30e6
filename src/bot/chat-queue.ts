/**
 * One conversation at a time per chat. telegraf handles a batch of updates concurrently, so two
 * questions sent together would have their answers' parts interleaved; here a chat's updates run
 * one after another, in the order they came, while different chats still run side by side.
 * A question repeated while the same one is still waiting or being answered is dropped: the
 * reader gets one answer, not one per tap of "send".
 */
import type { MiddlewareFn } from 'telegraf';
import type { BotContext } from './context.js';
import { answerPress } from './reply.js';

/** What makes two updates "the same question": the text or the button, case and spaces aside. */
export function requestKey(ctx: BotContext): string | undefined {
  const msg = ctx.message as { text?: unknown } | undefined;
  if (msg && typeof msg.text === 'string') {
    return `m:${msg.text.replace(/\s+/g, ' ').trim().toLowerCase()}`;
  }
  const query = ctx.callbackQuery as { data?: unknown } | undefined;
  if (query && typeof query.data === 'string') return `b:${query.data}`;
  return undefined;
}

export interface ChatQueue {
  middleware: MiddlewareFn<BotContext>;
  /** Chats with work waiting or running (for tests and stats). */
  busy(): number;
}

export function createChatQueue(): ChatQueue {
  const tails = new Map<number, Promise<void>>();
  const pending = new Map<number, Map<string, number>>();

  function hold(chatId: number, key: string): boolean {
    let keys = pending.get(chatId);
    if (!keys) pending.set(chatId, (keys = new Map()));
    const n = keys.get(key) ?? 0;
    keys.set(key, n + 1);
    return n > 0;
  }

  function release(chatId: number, key: string): void {
    const keys = pending.get(chatId);
    const n = keys?.get(key) ?? 0;
    if (!keys) return;
    if (n <= 1) keys.delete(key);
    else keys.set(key, n - 1);
    if (keys.size === 0) pending.delete(chatId);
  }

  const middleware: MiddlewareFn<BotContext> = async (ctx, next) => {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return next();
    const key = requestKey(ctx);
    if (key !== undefined && hold(chatId, key)) {
      release(chatId, key);
      ctx.log.info({ chatId }, 'repeat of a question still being answered; coalesced');
      await answerPress(ctx);
      return;
    }
    const previous = tails.get(chatId) ?? Promise.resolve();
    const run = previous.then(() => next());
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(chatId, tail);
    try {
      await run;
    } finally {
      if (key !== undefined) release(chatId, key);
      if (tails.get(chatId) === tail) tails.delete(chatId);
    }
  };

  return { middleware, busy: () => tails.size };
}
