/** /sources: where the news comes from. */
import { Composer } from 'telegraf';
import type { BotContext } from '../context.js';
import { splitHtmlLines } from '../format.js';
import { escapeHtml, link } from '../html.js';
import { t } from '../i18n/index.js';
import { replyHtml } from '../reply.js';
import { isAdmin } from './admin.js';

export const sourcesFeature = new Composer<BotContext>();

sourcesFeature.command('sources', async (ctx) => {
  const sources = await ctx.deps.sources.list();
  if (sources.length === 0) {
    await replyHtml(ctx, t(ctx.ui, 'sources.none'));
    return;
  }
  const admin = isAdmin(ctx);
  const lines = sources.map((s) => {
    const id = admin ? ` <code>${escapeHtml(s.id)}</code>` : '';
    return `• ${link(s.name, s.url)}${id}`;
  });
  for (const html of splitHtmlLines(
    [t(ctx.ui, 'sources.title', { n: sources.length }), ...lines].join('\n'),
  )) {
    await replyHtml(ctx, html);
  }
});
