/**
 * Private mode: with ALLOWED_CHAT_IDS set, only those chats (and the ADMIN_CHAT_IDS) may use the
 * bot; with ALLOW_GROUPS=false, groups and channels may not (unless listed). Everyone else gets
 * one polite line with their chat id, and nothing else happens.
 */
import type { MiddlewareFn } from 'telegraf';
import type { Config } from '../../config/index.js';
import type { BotContext } from '../context.js';
import { t } from '../i18n/index.js';
import { answerPress, replyHtml } from '../reply.js';

type Access = Pick<Config, 'ADMIN_CHAT_IDS' | 'ALLOWED_CHAT_IDS' | 'ALLOW_GROUPS'>;

/** True when a chat of this id and type may use the bot. */
export function isChatAllowed(config: Access, chatId: number, chatType: string): boolean {
  if (config.ADMIN_CHAT_IDS.includes(chatId)) return true;
  if (config.ALLOWED_CHAT_IDS?.includes(chatId)) return true;
  if (config.ALLOWED_CHAT_IDS !== undefined) return false;
  return config.ALLOW_GROUPS || chatType === 'private';
}

export const privateMode: MiddlewareFn<BotContext> = async (ctx, next) => {
  const chat = ctx.chat;
  if (!chat || isChatAllowed(ctx.deps.config, chat.id, chat.type)) return next();
  ctx.log.info({ chatId: chat.id, type: chat.type }, 'chat not allowed (private mode)');
  if (ctx.callbackQuery) {
    await answerPress(ctx, t(ctx.ui, 'private.refused', { id: chat.id }).replace(/<[^>]+>/g, ''));
    return;
  }
  // Answer what was said to the bot: anything in private, commands elsewhere (a group's chatter
  // or a channel's posts are not for us).
  const text = (ctx.message as { text?: unknown } | undefined)?.text;
  const isCommand = typeof text === 'string' && text.startsWith('/');
  if (ctx.message && (chat.type === 'private' || isCommand)) {
    await replyHtml(ctx, t(ctx.ui, 'private.refused', { id: chat.id }));
  }
};
