/**
 * An admin sends an .opml file to the bot: every feed in it is added to the store beside the
 * /addsource ones (duplicates skipped), and the bot answers with what it added and skipped.
 * Files from anyone else are ignored, and never downloaded.
 */
import { Composer } from 'telegraf';
import { parseOpml, planImport } from '../../sources/opml.js';
import type { BotContext } from '../context.js';
import { escapeHtml } from '../html.js';
import { t } from '../i18n/index.js';
import { replyHtml } from '../reply.js';
import { isAdmin } from './admin.js';

export const opmlUploadFeature = new Composer<BotContext>();

/** Larger than any real subscription list; keeps a stray upload from filling memory. */
const MAX_OPML_BYTES = 2_000_000;
const SHOWN_LINES = 30;

function looksLikeOpml(doc: { file_name?: string; mime_type?: string }): boolean {
  return /\.opml$/i.test(doc.file_name ?? '') || /opml/i.test(doc.mime_type ?? '');
}

opmlUploadFeature.on('document', async (ctx, next) => {
  const doc = ctx.message.document;
  if (!looksLikeOpml(doc)) return next();
  if (!isAdmin(ctx)) {
    ctx.log.info({ from: ctx.from?.id }, 'OPML upload from a non-admin ignored');
    return next();
  }
  if ((doc.file_size ?? 0) > MAX_OPML_BYTES) {
    await replyHtml(ctx, t(ctx.ui, 'opml.large', { file: doc.file_name ?? 'OPML' }));
    return;
  }
  let feeds;
  try {
    const link = await ctx.telegram.getFileLink(doc.file_id);
    const res = await fetch(link, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`download failed: HTTP ${res.status}`);
    feeds = parseOpml(await res.text());
  } catch (err) {
    ctx.log.warn({ err }, 'OPML upload could not be read');
    await replyHtml(
      ctx,
      t(ctx.ui, 'opml.bad', {
        file: doc.file_name ?? 'OPML',
        reason: (err as Error).message.slice(0, 200),
      }),
    );
    return;
  }
  const plan = planImport(feeds, await ctx.deps.sources.list());
  const lines: string[] = [];
  let added = 0;
  for (const line of plan) {
    if (line.status === 'added') {
      await ctx.deps.store.sources.add(line.source);
      added++;
      lines.push(`➕ <code>${escapeHtml(line.source.id)}</code> ${escapeHtml(line.url)}`);
    } else {
      lines.push(`↩️ ${escapeHtml(line.url)} (${escapeHtml(line.reason)})`);
    }
  }
  ctx.log.info({ added, skipped: plan.length - added, by: ctx.from?.id }, 'OPML imported');
  const more = lines.length > SHOWN_LINES ? [`… +${lines.length - SHOWN_LINES}`] : [];
  await replyHtml(
    ctx,
    [
      t(ctx.ui, 'opml.result', { added, skipped: plan.length - added }),
      ...lines.slice(0, SHOWN_LINES),
      ...more,
    ].join('\n'),
  );
});
