/**
 * Channels: an operator makes the bot an admin of a channel and posts /subscribe there; the
 * channel then gets the daily digest as one post with links. Telegram sends channel posts as
 * `channel_post` updates (never `message`), and only to bots that are admins of the channel, so
 * receiving one is the admin check. /unsubscribe posted there stops the digest.
 */
import { Composer } from 'telegraf';
import type { BotContext } from '../context.js';
import { t } from '../i18n/index.js';
import { replyHtml } from '../reply.js';
import { updateSubscriber } from '../subscription.js';

export const channelFeature = new Composer<BotContext>();

/** The command of a channel post ("/subscribe@my_bot" → "subscribe"), if it is one for us. */
export function channelCommand(text: string, botUsername: string | undefined): string | undefined {
  const m = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{3,64}))?(?:\s|$)/.exec(text);
  if (!m) return undefined;
  if (m[2] && botUsername && m[2].toLowerCase() !== botUsername.toLowerCase()) return undefined;
  return m[1]!.toLowerCase();
}

channelFeature.on('channel_post', async (ctx, next) => {
  const post = ctx.channelPost as { text?: unknown };
  const text = typeof post.text === 'string' ? post.text : '';
  const command = channelCommand(text, ctx.botInfo?.username);
  if (command === 'subscribe') {
    const s = await updateSubscriber(ctx, (x) => ({ ...x, chatType: 'channel', active: true }));
    ctx.log.info({ chatId: s.chatId }, 'channel subscribed');
    await replyHtml(ctx, t(ctx.ui, 'subscribed', { time: s.deliveryTime, zone: s.timeZone }));
    return;
  }
  if (command === 'unsubscribe') {
    if (ctx.subscriber?.active) {
      await updateSubscriber(ctx, (x) => ({ ...x, active: false }));
      ctx.log.info({ chatId: ctx.chat.id }, 'channel unsubscribed');
    }
    await replyHtml(ctx, t(ctx.ui, 'unsubscribed'));
    return;
  }
  // Other posts in the channel are its own news, not ours to answer.
  return next();
});
