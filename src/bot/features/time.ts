/** /time HH:MM [Area/City] and the time buttons: when the daily digest arrives. */
import { Composer } from 'telegraf';
import type { BotContext } from '../context.js';
import { t } from '../i18n/index.js';
import { createTimeKeyboard } from '../keyboards/time.js';
import { onCallback } from '../on-callback.js';
import { answerPress, replyHtml } from '../reply.js';
import {
  effectiveSettings,
  ensureCanChangeSettings,
  formatNext,
  parseTime,
  parseZone,
  updateSubscriber,
} from '../subscription.js';

export const timeFeature = new Composer<BotContext>();

async function showMenu(ctx: BotContext): Promise<void> {
  const s = effectiveSettings(ctx);
  await replyHtml(ctx, t(ctx.ui, 'time.usage', { time: s.deliveryTime, zone: s.timeZone }), {
    replyMarkup: createTimeKeyboard(s.deliveryTime),
  });
}

/** Setting a time is asking for the digest: it also subscribes. */
async function setTime(
  ctx: BotContext,
  time: string,
  zone: string | undefined,
  checked = false,
): Promise<void> {
  if (!checked && !(await ensureCanChangeSettings(ctx))) return;
  const s = await updateSubscriber(ctx, (x) => ({
    ...x,
    deliveryTime: time,
    ...(zone ? { timeZone: zone } : {}),
    active: true,
  }));
  const next = formatNext(s.deliveryTime, s.timeZone, ctx.deps.now());
  await replyHtml(ctx, t(ctx.ui, 'time.set', { time: s.deliveryTime, zone: s.timeZone, next }));
}

timeFeature.command('time', async (ctx) => {
  const [rawTime, rawZone, ...extra] = ctx.payload.trim().split(/\s+/).filter(Boolean);
  if (!rawTime) return showMenu(ctx);
  const time = parseTime(rawTime);
  if (!time || extra.length > 0) {
    await replyHtml(ctx, t(ctx.ui, 'time.bad'));
    return;
  }
  let zone: string | undefined;
  if (rawZone) {
    zone = parseZone(rawZone);
    if (!zone) {
      await replyHtml(ctx, t(ctx.ui, 'time.badzone', { zone: rawZone.slice(0, 60) }));
      return;
    }
  }
  await setTime(ctx, time, zone);
});

timeFeature.use(
  onCallback('time-menu', async (ctx) => {
    await answerPress(ctx);
    await showMenu(ctx);
  }),
);

timeFeature.use(
  onCallback('time', async (ctx, data) => {
    if (!(await ensureCanChangeSettings(ctx))) return;
    await answerPress(ctx);
    await setTime(ctx, data.time, undefined, true);
  }),
);
