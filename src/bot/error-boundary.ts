/**
 * The last line of defence: any error a handler throws is logged with its update (on the
 * update's child logger) and the reader gets one short apology. Nothing is rethrown, so one bad
 * update never stops polling or fails a webhook.
 */
import type { Update } from 'telegraf/types';
import type { Logger } from '../log.js';
import type { BotContext } from './context.js';
import { t, pickUiLanguage } from './i18n/index.js';
import { isTelegramError, ReaderGoneError } from './reply.js';

/** The update with text trimmed, so a 10,000-character message does not flood the log. */
function loggable(update: Update): unknown {
  return JSON.parse(
    JSON.stringify(update, (_k, v: unknown) =>
      typeof v === 'string' && v.length > 500 ? `${v.slice(0, 500)}… (${v.length} chars)` : v,
    ),
  );
}

export function createErrorBoundary(log: Logger) {
  return async (err: unknown, ctx: BotContext): Promise<void> => {
    const updateLog = ctx.log ?? log.child({ update_id: ctx.update?.update_id });
    if (err instanceof ReaderGoneError) {
      updateLog.info({ chatId: err.chatId }, 'reader unreachable; update dropped');
      return;
    }
    updateLog.error({ err, update: loggable(ctx.update) }, 'update failed');
    // A reader who gets 403/429 from Telegram cannot be answered now either.
    if (isTelegramError(err) && (err.code === 403 || err.code === 429)) return;
    try {
      const ui = ctx.ui ?? pickUiLanguage(ctx.from?.language_code);
      if (ctx.callbackQuery) {
        await ctx.answerCbQuery(t(ui, 'error')).catch(() => undefined);
      } else if (ctx.chat) {
        const msg = ctx.msg as
          { is_topic_message?: boolean; message_thread_id?: number } | undefined;
        await ctx.telegram.sendMessage(ctx.chat.id, t(ui, 'error'), {
          parse_mode: 'HTML',
          ...(msg?.is_topic_message ? { message_thread_id: msg.message_thread_id } : {}),
        });
      }
    } catch (replyErr) {
      updateLog.warn({ err: replyErr }, 'could not tell the reader about the failure');
    }
  };
}
