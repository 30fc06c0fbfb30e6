/** /digest: the latest digest now, in the reader's language. */
import { Composer } from 'telegraf';
import { readerLanguage, type BotContext } from '../context.js';
import { renderDigest } from '../format.js';
import { t } from '../i18n/index.js';
import { noticeFor, withinLimit } from '../on-demand.js';
import { replyHtml, replyRendered, withTyping } from '../reply.js';

export const digestFeature = new Composer<BotContext>();

digestFeature.command('digest', async (ctx) => {
  if (!(await withinLimit(ctx))) return;
  const messages = await withTyping(ctx, async () => {
    const digest = await ctx.deps.getDigest();
    if (!digest) return undefined;
    const language = readerLanguage(ctx);
    const { digest: shown, outcome } = await ctx.deps.translateDigest(digest, language);
    const notice = noticeFor(outcome, language);
    return renderDigest(shown, { ui: ctx.ui, ...(notice ? { notice } : {}) });
  });
  if (!messages) {
    await replyHtml(ctx, t(ctx.ui, 'digest.none'));
    return;
  }
  await replyRendered(ctx, messages);
});
