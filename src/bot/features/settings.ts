/** /settings: what this chat gets, and when. */
import { Composer } from 'telegraf';
import { readerLanguage, type BotContext } from '../context.js';
import { decodeEntities } from '../html.js';
import { languageName, t } from '../i18n/index.js';
import { createStartKeyboard } from '../keyboards/start.js';
import { replyHtml } from '../reply.js';
import { effectiveSettings, formatNext } from '../subscription.js';
import { zoneLabel } from '../time-zone.js';

export const settingsFeature = new Composer<BotContext>();

settingsFeature.command('settings', async (ctx) => {
  const s = effectiveSettings(ctx);
  const active = ctx.subscriber?.active === true;
  const language = readerLanguage(ctx);
  await replyHtml(
    ctx,
    t(ctx.ui, 'settings', {
      active: t(ctx.ui, active ? 'yes' : 'no'),
      language: `${languageName(language)} (${language})`,
      time: s.deliveryTime,
      zone: zoneLabel(s.timeZone),
      topics: s.topics.length ? s.topics.join(' · ') : t(ctx.ui, 'settings.alltopics'),
      next: active ? formatNext(s.deliveryTime, s.timeZone, ctx.deps.now()) : '—',
    }) +
      `\n${t(ctx.ui, 'settings.format', {
        format: decodeEntities(t(ctx.ui, s.format === 'full' ? 'format.full' : 'format.brief')),
      })}`,
    { replyMarkup: createStartKeyboard(ctx.ui, active) },
  );
});
