/**
 * /digest: the latest digest now, in the reader's language, format and time zone. Built on
 * demand when missing or stale; right after a start it waits for the first reading of the
 * sources rather than answering "not yet". A reader who follows topics gets those stories and a
 * button for all of them (or, on a day without them, the top headlines and a line saying so).
 */
import { Composer } from 'telegraf';
import { waitAtMost } from '../../concurrency.js';
import type { Digest } from '../../domain.js';
import { filterByTopics } from '../../digest/index.js';
import { readerLanguage, type BotContext } from '../context.js';
import type { RenderedMessage } from '../../domain.js';
import { renderDigest } from '../format.js';
import { t } from '../i18n/index.js';
import { noticeFor, withinLimit } from '../on-demand.js';
import { replyHtml, replyRendered, withTyping } from '../reply.js';

export const digestFeature = new Composer<BotContext>();

/** How long /digest waits for the start-up reading of the sources. */
export const FIRST_DIGEST_WAIT_MS = 45_000;

/**
 * The digest to show (the scheduler's builds themselves wait for its start-up pass rather than
 * build from the sources read so far); a digest without stories, built before anything was
 * read, waits for the start-up pass too.
 */
async function findDigest(ctx: BotContext): Promise<Digest | undefined> {
  const digest = await ctx.deps.getDigest();
  if (digest && digest.stories.length > 0) return digest;
  if (ctx.deps.whenReady) {
    await waitAtMost(ctx.deps.whenReady(), FIRST_DIGEST_WAIT_MS);
    return (await ctx.deps.getDigest()) ?? digest;
  }
  return digest;
}

/**
 * Renders a digest for the reader who asked: translated, in their format and zone, filtered by
 * their topics unless `all`.
 */
export async function renderForReader(
  ctx: BotContext,
  digest: Digest,
  opts: { all?: boolean } = {},
): Promise<RenderedMessage[]> {
  const language = readerLanguage(ctx);
  const { digest: shown, outcome } = await ctx.deps.translateDigest(digest, language);
  const notice = noticeFor(outcome, language, ctx);
  const sub = ctx.subscriber;
  const base = {
    ui: ctx.ui,
    format: sub?.format ?? 'brief',
    ...(sub ? { timeZone: sub.timeZone } : {}),
    ...(notice ? { notice } : {}),
  } as const;
  const topics = opts.all ? [] : [...new Set(sub?.topics ?? [])].sort();
  if (topics.length === 0 || shown.stories.length === 0) return renderDigest(shown, base);
  const filtered = filterByTopics(shown, topics, digest);
  if (filtered.stories.length === 0) {
    return renderDigest(shown, { ...base, topics: { followed: topics, missed: true } });
  }
  return renderDigest(filtered, { ...base, topics: { followed: topics } });
}

digestFeature.command('digest', async (ctx) => {
  if (!(await withinLimit(ctx))) return;
  const messages = await withTyping(ctx, async () => {
    const digest = await findDigest(ctx);
    if (!digest) return undefined;
    if (digest.stories.length === 0 && ctx.deps.hasReadSources) {
      if (!(await ctx.deps.hasReadSources())) return undefined;
    }
    return renderForReader(ctx, digest);
  });
  if (!messages) {
    const reading = ctx.deps.hasReadSources ? !(await ctx.deps.hasReadSources()) : false;
    await replyHtml(ctx, t(ctx.ui, reading ? 'digest.reading' : 'digest.none'));
    return;
  }
  await replyRendered(ctx, messages);
});
