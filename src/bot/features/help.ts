/** /help, and a one-line hint for commands the bot does not know. */
import { Composer } from 'telegraf';
import type { BotContext } from '../context.js';
import { t } from '../i18n/index.js';
import { commandOf } from '../incoming.js';
import { replyHtml } from '../reply.js';
import { isAdmin } from './admin.js';

export const helpFeature = new Composer<BotContext>();

export function helpText(ctx: BotContext): string {
  return t(ctx.ui, 'help') + (isAdmin(ctx) ? t(ctx.ui, 'help.admin') : '');
}

helpFeature.help((ctx) => replyHtml(ctx, helpText(ctx)));

/**
 * Last in the chain: a command no feature took, addressed to this bot (any command in a private
 * chat, `/foo@thisbot` in a group), gets a one-line hint. `/foo` alone in a group may be for
 * another bot, so it is left alone.
 */
export const unknownCommandFeature = new Composer<BotContext>();
unknownCommandFeature.on('text', async (ctx, next) => {
  const command = commandOf(ctx.message.text, ctx.message.entities);
  if (!command) return next();
  const forUs =
    command.to !== undefined
      ? command.to.toLowerCase() === (ctx.me ?? '').toLowerCase()
      : ctx.chat.type === 'private';
  if (!forUs) return next();
  await replyHtml(ctx, t(ctx.ui, 'command.unknown', { command: `/${command.name.slice(0, 32)}` }));
});
