/** /help, and a hint for commands the bot does not know (private chats only). */
import { Composer } from 'telegraf';
import type { BotContext } from '../context.js';
import { t } from '../i18n/index.js';
import { replyHtml } from '../reply.js';
import { isAdmin } from './admin.js';

export const helpFeature = new Composer<BotContext>();

export function helpText(ctx: BotContext): string {
  return t(ctx.ui, 'help') + (isAdmin(ctx) ? t(ctx.ui, 'help.admin') : '');
}

helpFeature.help((ctx) => replyHtml(ctx, helpText(ctx)));

/** Last in the chain: an unknown /command in a private chat gets the help text. */
export const unknownCommandFeature = new Composer<BotContext>();
unknownCommandFeature.on('text', async (ctx, next) => {
  if (ctx.chat.type === 'private' && ctx.message.text.startsWith('/')) {
    await replyHtml(ctx, helpText(ctx));
    return;
  }
  return next();
});
