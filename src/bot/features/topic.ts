/**
 * /topic QUERY, and any plain text in a private chat: stories of the last days about it. A query
 * in another language is turned into Arabic first; the answer comes in the reader's language.
 */
import { Composer } from 'telegraf';
import type { Article, Story } from '../../domain.js';
import { topicAnswerRef } from '../callback-data.js';
import { readerLanguage, type BotContext } from '../context.js';
import { lineMark, renderTopicAnswer } from '../format.js';
import { escapeHtml, link } from '../html.js';
import { t } from '../i18n/index.js';
import { translateStories, withinLimit } from '../on-demand.js';
import { replyHtml, replyRendered, withTyping } from '../reply.js';

export const topicFeature = new Composer<BotContext>();

/** Longest query searched; the rest of a pasted article is ignored. */
export const MAX_QUERY = 300;

/** How long the Arabic stories behind a translated answer stay for its buttons. */
export const TOPIC_ANSWER_TTL_MS = 2 * 86_400_000;

/** A story's number alone, in Western, Arabic-Indic or Persian digits: "3", "٣", "۳". */
const STORY_NUMBER = /^[0-9\u0660-\u0669\u06F0-\u06F9]{1,2}$/u;

/** Headlines suggested when nothing matches a question. */
export const NOTHING_HEADLINES = 3;

/** An article as a story of one, to list its headline beside the digest's. */
const asHeadline = (a: Article): Story => ({
  id: a.id,
  title: a.title,
  points: [],
  sources: [{ name: a.sourceName, url: a.url }],
  articles: [{ id: a.id, source: a.sourceName, title: a.title, url: a.url }],
  score: 0,
});

/**
 * The "nothing recent matches" reply: said plainly, with the articles that name the subject in
 * passing when there are any, and the latest digest's top headlines (all in the reader's
 * language when they can be translated, in one request, else in Arabic with the notice that
 * says why) so the reader has somewhere to go. Each line starts with the mark of its own
 * language's direction, as a digest's do: a numbered headline starts with a digit, and one that
 * starts with a Latin name ("CNN: …") would otherwise run left to right in an Arabic chat.
 */
async function nothingReply(
  ctx: BotContext,
  query: string,
  untranslated: boolean,
  mentions: readonly Article[],
): Promise<string> {
  const ui = lineMark(ctx.ui);
  const lines = [ui + t(ctx.ui, 'topic.none', { query: query.slice(0, 200) })];
  if (untranslated) lines.push(ui + t(ctx.ui, 'topic.untranslated'));
  let top: Story[] = [];
  try {
    top = ((await ctx.deps.getDigest())?.stories ?? []).slice(0, NOTHING_HEADLINES);
  } catch (err) {
    ctx.log.warn({ err }, 'no digest to suggest headlines from');
  }
  const headlines = [...mentions.map(asHeadline), ...top].map((s) => ({ ...s, points: [] }));
  if (headlines.length === 0) return lines.join('\n');
  const shown: Awaited<ReturnType<typeof translateStories>> = await translateStories(
    ctx,
    headlines,
    readerLanguage(ctx),
  ).catch(() => ({ stories: headlines, language: 'ar' }));
  const mark = lineMark(shown.language);
  const list = (stories: Story[]): string[] =>
    stories.map((s, i) => {
      const url = s.sources[0]?.url ?? s.articles[0]?.url ?? '';
      return `${mark}${i + 1}. ${url ? link(s.title, url) : escapeHtml(s.title)}`;
    });
  if (shown.notice) lines.push(`${ui}<i>${escapeHtml(shown.notice)}</i>`);
  const named = shown.stories.slice(0, mentions.length);
  if (named.length > 0) lines.push('', ui + t(ctx.ui, 'topic.none.mentioned'), ...list(named));
  const rest = shown.stories.slice(mentions.length);
  if (rest.length > 0) lines.push('', ui + t(ctx.ui, 'topic.none.top'), ...list(rest));
  return lines.join('\n');
}

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
  // "2" after a digest means its second story, not news about the number 2.
  if (STORY_NUMBER.test(query)) {
    await replyHtml(ctx, t(ctx.ui, 'topic.number'));
    return;
  }
  const cut = Array.from(query).length > MAX_QUERY;
  const shown = cut ? Array.from(query).slice(0, MAX_QUERY).join('') : query;
  let untranslated = false;
  let mentions: readonly Article[] = [];
  const messages = await withTyping(ctx, async () => {
    const arabic = await ctx.deps.toArabicQuery(shown, ctx.chat?.id);
    untranslated = arabic.language !== 'ar' && arabic.query === shown;
    const { stories, mentions: passing = [] } = await ctx.deps.searchTopic(arabic.query);
    if (stories.length === 0) {
      mentions = passing;
      return undefined;
    }
    const result = await translateStories(ctx, stories, readerLanguage(ctx));
    // The Arabic stories are kept for the buttons that open each story (and its original).
    const originalRef = await keepOriginal(ctx, stories);
    return renderTopicAnswer(shown, result.stories, {
      ui: ctx.ui,
      language: result.language,
      ...(ctx.subscriber ? { timeZone: ctx.subscriber.timeZone } : {}),
      format: ctx.subscriber?.format ?? 'brief',
      ...(result.notice ? { notice: result.notice } : {}),
      ...(originalRef ? { originalRef } : {}),
      now: ctx.deps.now(),
    });
  });
  if (cut) await replyHtml(ctx, t(ctx.ui, 'topic.too.long', { n: MAX_QUERY }));
  if (!messages && ctx.deps.hasReadSources && !(await ctx.deps.hasReadSources())) {
    await replyHtml(ctx, t(ctx.ui, 'topic.reading'));
    return;
  }
  if (!messages) {
    await replyHtml(ctx, await nothingReply(ctx, shown, untranslated, mentions));
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
