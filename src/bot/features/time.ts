/**
 * /time [HH:MM] [ZONE] and the time and zone buttons: when the daily digest arrives. A zone may
 * be a city in Arabic or English, an offset ("UTC+3") or an IANA name. Setting them never
 * subscribes: the reply says what changed and, for a chat without a subscription, how to get one.
 */
import { Composer } from 'telegraf';
import type { Subscriber } from '../../store/types.js';
import type { BotContext } from '../context.js';
import { t } from '../i18n/index.js';
import { createTimeMenuKeyboard } from '../keyboards/time.js';
import { createZoneKeyboard } from '../keyboards/zone.js';
import { showMenu } from '../menu.js';
import { onCallback } from '../on-callback.js';
import { answerPress, replyHtml } from '../reply.js';
import {
  effectiveSettings,
  ensureCanChangeSettings,
  formatNext,
  updateSubscriber,
} from '../subscription.js';
import { parseTimeRequest, zoneLabel } from '../time-zone.js';

export const timeFeature = new Composer<BotContext>();

function timeMenuText(ctx: BotContext, s: Subscriber): string {
  return t(ctx.ui, 'time.usage', { time: s.deliveryTime, zone: zoneLabel(s.timeZone) });
}

async function showTimeMenu(ctx: BotContext): Promise<void> {
  const s = effectiveSettings(ctx);
  await showMenu(ctx, timeMenuText(ctx, s), createTimeMenuKeyboard(ctx.ui, s.deliveryTime));
}

async function showZoneMenu(ctx: BotContext): Promise<void> {
  const s = effectiveSettings(ctx);
  await showMenu(
    ctx,
    t(ctx.ui, 'zone.usage', { zone: zoneLabel(s.timeZone) }),
    createZoneKeyboard(ctx.ui, s.timeZone),
  );
}

/** What changed, in one line, and a hint when the chat gets no digest yet. */
function changedText(ctx: BotContext, s: Subscriber, timeChanged: boolean): string {
  const next = formatNext(s.deliveryTime, s.timeZone, ctx.deps.now());
  const params = { time: s.deliveryTime, zone: zoneLabel(s.timeZone), next };
  const line = t(ctx.ui, timeChanged ? 'time.set' : 'zone.set', params);
  return s.active ? line : `${line}\n${t(ctx.ui, 'time.not.subscribed')}`;
}

async function apply(ctx: BotContext, change: { time?: string; zone?: string }) {
  return updateSubscriber(ctx, (x) => ({
    ...x,
    ...(change.time ? { deliveryTime: change.time } : {}),
    ...(change.zone ? { timeZone: change.zone } : {}),
  }));
}

timeFeature.command('time', async (ctx) => {
  const request = parseTimeRequest(ctx.payload);
  switch (request.kind) {
    case 'show':
      return showTimeMenu(ctx);
    case 'bad-time':
      await replyHtml(ctx, t(ctx.ui, 'time.bad'));
      return;
    case 'bad-zone':
      await replyHtml(ctx, t(ctx.ui, 'time.badzone', { zone: request.raw.slice(0, 60) }));
      return;
    case 'set': {
      if (!(await ensureCanChangeSettings(ctx))) return;
      const s = await apply(ctx, request);
      await replyHtml(ctx, changedText(ctx, s, request.time !== undefined));
    }
  }
});

timeFeature.use(
  onCallback('time-menu', async (ctx) => {
    await answerPress(ctx);
    await showTimeMenu(ctx);
  }),
);

timeFeature.use(
  onCallback('zone-menu', async (ctx) => {
    await answerPress(ctx);
    await showZoneMenu(ctx);
  }),
);

timeFeature.use(
  onCallback('time', async (ctx, data) => {
    if (!(await ensureCanChangeSettings(ctx))) return;
    await answerPress(ctx);
    const s = await apply(ctx, { time: data.time });
    await showMenu(
      ctx,
      changedText(ctx, s, true),
      createTimeMenuKeyboard(ctx.ui, s.deliveryTime, !s.active),
    );
  }),
);

timeFeature.use(
  onCallback('zone', async (ctx, data) => {
    if (!(await ensureCanChangeSettings(ctx))) return;
    await answerPress(ctx);
    const s = await apply(ctx, { zone: data.zone });
    await showMenu(ctx, changedText(ctx, s, false), createZoneKeyboard(ctx.ui, s.timeZone));
  }),
);
