/**
 * The context every handler gets: telegraf's, plus the dependencies, a child logger bound to
 * the update, the reader's stored settings and the language to speak.
 */
import type { Context, MiddlewareFn } from 'telegraf';
import type { Logger } from '../log.js';
import type { Subscriber } from '../store/types.js';
import type { BotDeps } from './deps.js';
import type { RateLimiter } from './rate-limit.js';
import { pickUiLanguage } from './i18n/index.js';

export interface BotContext extends Context {
  deps: BotDeps;
  log: Logger;
  /** Language of the bot's own words for this reader. */
  ui: string;
  /** The chat's stored settings, when it has any. */
  subscriber?: Subscriber;
  /** The per-reader limit on on-demand commands. */
  limiter: RateLimiter;
}

/** Language code from Telegram ("pt-br" → "pt"), if any. */
export function telegramLanguage(ctx: Context): string | undefined {
  const code = ctx.from?.language_code;
  return code ? code.toLowerCase().split(/[-_]/)[0] : undefined;
}

/** The language a reader gets stories in: their choice, else Telegram's, else the default. */
export function readerLanguage(ctx: BotContext): string {
  return ctx.subscriber?.language ?? telegramLanguage(ctx) ?? ctx.deps.config.DEFAULT_LANGUAGE;
}

/** The forum topic a reply belongs in (undefined outside forum topics). */
export function threadOf(ctx: Context): number | undefined {
  const msg = ctx.msg as { is_topic_message?: boolean; message_thread_id?: number } | undefined;
  return msg?.is_topic_message ? msg.message_thread_id : undefined;
}

/** A message without a chat, or with a text that is not a string: nothing sane to answer. */
function isMalformed(ctx: Context): boolean {
  const msg = (ctx.message ?? ctx.editedMessage) as
    { chat?: { id?: unknown }; text?: unknown } | undefined;
  if (msg === undefined) return false;
  if (typeof msg !== 'object' || msg === null) return true;
  if (typeof msg.chat?.id !== 'number') return true;
  return 'text' in msg && typeof msg.text !== 'string';
}

/** First middleware: attaches deps, the per-update logger, the subscriber and the UI language. */
export function prepareContext(deps: BotDeps, limiter: RateLimiter): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.deps = deps;
    ctx.limiter = limiter;
    ctx.log = deps.log.child({ update_id: ctx.update.update_id });
    if (isMalformed(ctx)) {
      ctx.log.warn({ type: ctx.updateType }, 'malformed update ignored');
      return;
    }
    const chatId = ctx.chat?.id;
    if (chatId !== undefined) {
      try {
        ctx.subscriber = await deps.store.subscribers.get(chatId);
      } catch (err) {
        ctx.log.warn({ err }, 'could not read the subscriber; going on without settings');
      }
    }
    ctx.log.debug(
      {
        type: ctx.updateType,
        chatId,
        from: ctx.from?.id,
        subscriber: ctx.subscriber !== undefined,
      },
      'update received',
    );
    ctx.ui = pickUiLanguage(
      ctx.subscriber?.language ?? telegramLanguage(ctx) ?? deps.config.DEFAULT_LANGUAGE,
    );
    return next();
  };
}
