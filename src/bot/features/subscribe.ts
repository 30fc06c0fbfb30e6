/**
 * /subscribe, /unsubscribe and the subscribe button; also keeps subscriptions right when the
 * bot is removed from a chat or a group becomes a supergroup.
 */
import { Composer } from 'telegraf';
import type { BotContext } from '../context.js';
import { t } from '../i18n/index.js';
import { createStartKeyboard } from '../keyboards/start.js';
import { showMenu } from '../menu.js';
import { onCallback } from '../on-callback.js';
import { answerPress, replyHtml } from '../reply.js';
import { ensureCanChangeSettings, updateSubscriber } from '../subscription.js';
import { zoneLabel } from '../time-zone.js';

export const subscribeFeature = new Composer<BotContext>();

/**
 * Subscribes the chat. From a button, the message the button is on becomes the confirmation
 * (with the settings buttons, never a stale "Subscribe").
 */
async function subscribe(ctx: BotContext, checked = false): Promise<void> {
  if (!checked && !(await ensureCanChangeSettings(ctx))) return;
  const done = async (html: string) => {
    if (ctx.callbackQuery) await showMenu(ctx, html, createStartKeyboard(ctx.ui, true));
    else await replyHtml(ctx, html);
  };
  if (ctx.subscriber?.active) {
    const s = ctx.subscriber;
    await done(
      t(ctx.ui, 'already.subscribed', { time: s.deliveryTime, zone: zoneLabel(s.timeZone) }),
    );
    return;
  }
  const s = await updateSubscriber(ctx, (x) => ({ ...x, active: true }));
  await done(t(ctx.ui, 'subscribed', { time: s.deliveryTime, zone: zoneLabel(s.timeZone) }));
}

subscribeFeature.command('subscribe', (ctx) => subscribe(ctx));

subscribeFeature.use(
  onCallback('subscribe', async (ctx) => {
    if (!(await ensureCanChangeSettings(ctx))) return;
    await answerPress(ctx);
    await subscribe(ctx, true);
  }),
);

subscribeFeature.command('unsubscribe', async (ctx) => {
  if (!(await ensureCanChangeSettings(ctx))) return;
  if (!ctx.subscriber?.active) {
    await replyHtml(ctx, t(ctx.ui, 'not.subscribed'));
    return;
  }
  await updateSubscriber(ctx, (x) => ({ ...x, active: false }));
  await replyHtml(ctx, t(ctx.ui, 'unsubscribed'));
});

// Removed from a group or blocked in private: stop delivering there.
subscribeFeature.on('my_chat_member', async (ctx) => {
  const status = ctx.myChatMember.new_chat_member.status;
  if ((status === 'kicked' || status === 'left') && ctx.subscriber?.active) {
    await updateSubscriber(ctx, (x) => ({ ...x, active: false }));
    ctx.log.info({ chatId: ctx.chat.id, status }, 'bot removed from chat; subscription off');
  }
});

// A group upgraded to a supergroup gets a new id: the subscription follows it.
subscribeFeature.on('message', async (ctx, next) => {
  const msg = ctx.message as { migrate_to_chat_id?: number };
  if (msg.migrate_to_chat_id !== undefined) {
    await ctx.deps.store.subscribers.patch(ctx.chat.id, { chatId: msg.migrate_to_chat_id });
    ctx.log.info({ from: ctx.chat.id, to: msg.migrate_to_chat_id }, 'group migrated');
    return;
  }
  return next();
});
