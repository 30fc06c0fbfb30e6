/**
 * Replying to a reader: HTML, no link previews, in the forum topic the question came from.
 * A 429 is waited out once (when the wait is short); a 403 means the reader blocked the bot or
 * removed it, so the subscription is switched off and the handler stops quietly.
 */
import { TelegramError } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { BotContext } from './context.js';
import { threadOf } from './context.js';
import type { RenderedMessage } from '../domain.js';

/** The reader cannot be reached any more (403); nothing else should be sent to this update. */
export class ReaderGoneError extends Error {
  override readonly name = 'ReaderGoneError';
  constructor(
    readonly chatId: number,
    readonly description: string,
  ) {
    super(`chat ${chatId} cannot be reached: ${description}`);
  }
}

/** Longest flood wait we sit through while a reader waits for an answer. */
const MAX_REPLY_WAIT_S = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function isTelegramError(err: unknown): err is TelegramError {
  return err instanceof TelegramError;
}

/** Switches the chat's subscription off after a 403. */
export async function deactivate(ctx: BotContext, chatId: number, reason: string): Promise<void> {
  try {
    const switchedOff = await ctx.deps.store.subscribers.patch(chatId, (s) =>
      s.active ? { active: false, updatedAt: ctx.deps.now().toISOString() } : undefined,
    );
    if (switchedOff) {
      ctx.log.info({ chatId, reason }, 'reader unreachable; subscription switched off');
    }
  } catch (err) {
    ctx.log.warn({ err, chatId }, 'could not switch off an unreachable subscription');
  }
}

/**
 * Calls Telegram for a chat: waits out one short 429, follows a group that became a supergroup
 * (400 with migrate_to_chat_id: the subscription moves and the call is repeated there), and
 * turns a 403 into {@link ReaderGoneError}.
 */
export async function withTelegramRetry<T>(
  ctx: BotContext,
  chatId: number,
  call: (chatId: number) => Promise<T>,
): Promise<T> {
  let target = chatId;
  let waited = false;
  let moved = false;
  for (;;) {
    try {
      return await call(target);
    } catch (err) {
      if (!isTelegramError(err)) throw err;
      if (err.code === 403) {
        await deactivate(ctx, target, err.description);
        throw new ReaderGoneError(target, err.description);
      }
      const wait = err.parameters?.retry_after;
      if (err.code === 429 && !waited && wait !== undefined && wait <= MAX_REPLY_WAIT_S) {
        waited = true;
        ctx.log.warn(
          { chatId: target, retry_after: wait },
          'flood wait while replying; retrying once',
        );
        await sleep(wait * 1000);
        continue;
      }
      const to = err.parameters?.migrate_to_chat_id;
      if (err.code === 400 && to !== undefined && !moved) {
        moved = true;
        ctx.log.info({ from: target, to }, 'group became a supergroup; following it');
        await ctx.deps.store.subscribers
          .patch(target, { chatId: to })
          .catch((e: unknown) => ctx.log.warn({ err: e }, 'could not move the subscription'));
        target = to;
        continue;
      }
      throw err;
    }
  }
}

export interface ReplyExtra {
  replyMarkup?: InlineKeyboardMarkup;
}

/** Sends one HTML message to the chat of the update (in its forum topic). */
export async function replyHtml(ctx: BotContext, html: string, extra: ReplyExtra = {}) {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return undefined;
  const thread = threadOf(ctx);
  return withTelegramRetry(ctx, chatId, (target) =>
    ctx.telegram.sendMessage(target, html, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(thread !== undefined ? { message_thread_id: thread } : {}),
      ...(extra.replyMarkup ? { reply_markup: extra.replyMarkup } : {}),
    }),
  );
}

/** Sends rendered messages in order. */
export async function replyRendered(ctx: BotContext, messages: RenderedMessage[]): Promise<void> {
  for (const m of messages) {
    await replyHtml(ctx, m.html, m.replyMarkup ? { replyMarkup: m.replyMarkup } : {});
  }
}

/** Shows "typing…" while `work` runs (renewed every 4 s, as Telegram clears it after 5 s). */
export async function withTyping<T>(ctx: BotContext, work: () => Promise<T>): Promise<T> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return work();
  const thread = threadOf(ctx);
  const send = () =>
    ctx.telegram
      .sendChatAction(chatId, 'typing', thread !== undefined ? { message_thread_id: thread } : {})
      .catch((err: unknown) => ctx.log.debug({ err }, 'typing indicator failed'));
  await send();
  const timer = setInterval(() => void send(), 4000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** Answers a button press (stops the spinner); failures only logged. */
export async function answerPress(ctx: BotContext, text?: string): Promise<void> {
  if (!ctx.callbackQuery) return;
  try {
    await ctx.answerCbQuery(text);
  } catch (err) {
    ctx.log.debug({ err }, 'answerCallbackQuery failed');
  }
}
