/** /start: welcome, the three setting buttons; brings back a subscription that was switched off. */
import { Composer } from 'telegraf';
import type { BotContext } from '../context.js';
import { t } from '../i18n/index.js';
import { createStartKeyboard } from '../keyboards/start.js';
import { replyHtml } from '../reply.js';
import { updateSubscriber, wasSubscribed } from '../subscription.js';
import { zoneLabel } from '../time-zone.js';

export const startFeature = new Composer<BotContext>();

startFeature.start(async (ctx) => {
  const current = ctx.subscriber;
  if (current && !current.active && (await wasSubscribed(ctx, current))) {
    const s = await updateSubscriber(ctx, (x) => ({ ...x, active: true }));
    await replyHtml(
      ctx,
      t(ctx.ui, 'welcome.back', { time: s.deliveryTime, zone: zoneLabel(s.timeZone) }),
      {
        replyMarkup: createStartKeyboard(ctx.ui, true),
      },
    );
    return;
  }
  await replyHtml(ctx, t(ctx.ui, 'welcome'), {
    replyMarkup: createStartKeyboard(ctx.ui, current?.active === true),
  });
});
