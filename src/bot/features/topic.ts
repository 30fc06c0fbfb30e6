/**
 * /topic QUERY, and any plain text in a private chat: stories of the last days about it. A query
 * in another language is turned into Arabic first; the answer comes in the reader's language.
 */
import { Composer } from 'telegraf';
import type { Story } from '../../domain.js';
import { topicAnswerRef } from '../callback-data.js';
import { readerLanguage, type BotContext } from '../context.js';
import { renderTopicAnswer } from '../format.js';
import { t } from '../i18n/index.js';
import { translateStories, withinLimit } from '../on-demand.js';
import { replyHtml, replyRendered, withTyping } from '../reply.js';

export const topicFeature = new Composer<BotContext>();

/** Longest query searched; the rest of a pasted article is ignored. */
export const MAX_QUERY = 300;

/** How long the Arabic stories behind a translated answer stay for its buttons. */
export const TOPIC_ANSWER_TTL_MS = 2 * 86_400_000;

/** Store key of a topic answer's Arabic stories (see {@link topicAnswerRef}). */
export const topicAnswerKey = (ref: string): string => `bot:topic-answer:${ref}`;

/**
 * Keeps the Arabic stories of a translated answer for its "Arabic original" buttons; the
 * buttons' reference, or undefined (no buttons) when the store cannot keep them.
 */
async function keepOriginal(ctx: BotContext, stories: Story[]): Promise<string | undefined> {
  const ref = topicAnswerRef(stories);
  try {
    await ctx.deps.store.meta.set(topicAnswerKey(ref), { stories }, TOPIC_ANSWER_TTL_MS);
    return ref;
  } catch (err) {
    ctx.log.warn({ err }, 'could not keep the Arabic stories of a topic answer');
    return undefined;
  }
}

async function answer(ctx: BotContext, rawQuery: string): Promise<void> {
  // Bidi overrides and isolates would make the echoed query read backwards in the reply.
  const query = rawQuery
    .replace(/[\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!query) {
    await replyHtml(ctx, t(ctx.ui, 'topic.usage'));
    return;
  }
  if (!(await withinLimit(ctx))) return;
  const cut = Array.from(query).length > MAX_QUERY;
  const shown = cut ? Array.from(query).slice(0, MAX_QUERY).join('') : query;
  let untranslated = false;
  const messages = await withTyping(ctx, async () => {
    const arabic = await ctx.deps.toArabicQuery(shown, ctx.chat?.id);
    untranslated = arabic.language !== 'ar' && arabic.query === shown;
    const { stories } = await ctx.deps.searchTopic(arabic.query);
    if (stories.length === 0) return undefined;
    const result = await translateStories(ctx, stories, readerLanguage(ctx));
    const originalRef = result.language === 'ar' ? undefined : await keepOriginal(ctx, stories);
    return renderTopicAnswer(shown, result.stories, {
      ui: ctx.ui,
      language: result.language,
      ...(result.notice ? { notice: result.notice } : {}),
      ...(originalRef ? { originalRef } : {}),
    });
  });
  if (cut) await replyHtml(ctx, t(ctx.ui, 'topic.too.long', { n: MAX_QUERY }));
  if (!messages) {
    const none = t(ctx.ui, 'topic.none', { query: shown.slice(0, 200) });
    await replyHtml(ctx, untranslated ? `${none}\n${t(ctx.ui, 'topic.untranslated')}` : none);
    return;
  }
  await replyRendered(ctx, messages);
}

topicFeature.command('topic', (ctx) => answer(ctx, ctx.payload));

// Plain text in a private chat is a question; in groups the bot only answers commands.
topicFeature.on('text', async (ctx, next) => {
  if (ctx.chat.type !== 'private') return next();
  const text = ctx.message.text;
  if (text.startsWith('/')) return next();
  await answer(ctx, text);
});
