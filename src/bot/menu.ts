/**
 * Menus that change in place: a button press edits the message the button is on, so a reader
 * going through settings sees one message change rather than a new one per press. A command
 * (no button) posts the menu as a new message.
 */
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { BotContext } from './context.js';
import { isTelegramError, replyHtml, withTelegramRetry } from './reply.js';

/** The message the pressed button is on, when the press came from one the bot can edit. */
function pressedMessage(ctx: BotContext): { chatId: number; messageId: number } | undefined {
  const message = ctx.callbackQuery?.message;
  const chatId = ctx.chat?.id;
  if (!message || chatId === undefined) return undefined;
  return { chatId, messageId: message.message_id };
}

/**
 * Shows `html` (with `markup`, or no keyboard) by editing the pressed menu, or as a new message
 * for a command or when the menu cannot be edited any more (too old, deleted).
 */
export async function showMenu(
  ctx: BotContext,
  html: string,
  markup?: InlineKeyboardMarkup,
): Promise<void> {
  const target = pressedMessage(ctx);
  if (target) {
    try {
      await withTelegramRetry(ctx, target.chatId, (chatId) =>
        ctx.telegram.editMessageText(chatId, target.messageId, undefined, html, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          reply_markup: markup ?? { inline_keyboard: [] },
        }),
      );
      return;
    } catch (err) {
      // pressing the same button twice changes nothing: that is not a failure
      if (isTelegramError(err) && /not modified/i.test(err.description)) return;
      if (!isTelegramError(err) || err.code !== 400) throw err;
      ctx.log.debug({ err }, 'menu could not be edited; sending it anew');
    }
  }
  await replyHtml(ctx, html, markup ? { replyMarkup: markup } : {});
}
