/**
 * /follow TOPIC and /unfollow [TOPIC]: a chat's topic filters. With filters, the daily digest
 * keeps only the stories about them (see `filterByTopics`); without, it has every story.
 */
import { Composer } from 'telegraf';
import { normalize } from '../../arabic/index.js';
import type { BotContext } from '../context.js';
import { t } from '../i18n/index.js';
import { replyHtml } from '../reply.js';
import { effectiveSettings, ensureCanChangeSettings, updateSubscriber } from '../subscription.js';

export const followFeature = new Composer<BotContext>();

/** Filters a chat may have, and how long one may be. */
export const MAX_TOPICS = 10;
export const MAX_TOPIC_CHARS = 60;

/** The topic as it will be kept: spaces collapsed, ends trimmed. */
function cleanTopic(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/** Two spellings of one topic (case, diacritics and Arabic letter variants aside). */
function sameTopic(a: string, b: string): boolean {
  return normalize(a) === normalize(b);
}

const listOf = (topics: readonly string[]): string => topics.join(' · ');

async function showTopics(ctx: BotContext): Promise<void> {
  const { topics } = effectiveSettings(ctx);
  await replyHtml(
    ctx,
    topics.length ? t(ctx.ui, 'follow.list', { topics: listOf(topics) }) : t(ctx.ui, 'follow.none'),
  );
}

followFeature.command('follow', async (ctx) => {
  const topic = cleanTopic(ctx.payload);
  if (!topic) return showTopics(ctx);
  if (topic.length < 2 || topic.length > MAX_TOPIC_CHARS) {
    await replyHtml(ctx, t(ctx.ui, 'follow.bad', { max: MAX_TOPIC_CHARS }));
    return;
  }
  if (!(await ensureCanChangeSettings(ctx))) return;
  let outcome = 'added' as 'added' | 'known' | 'full';
  const saved = await updateSubscriber(ctx, (s) => {
    if (s.topics.some((x) => sameTopic(x, topic))) {
      outcome = 'known';
      return s;
    }
    if (s.topics.length >= MAX_TOPICS) {
      outcome = 'full';
      return s;
    }
    return { ...s, topics: [...s.topics, topic] };
  });
  if (outcome === 'full') {
    await replyHtml(ctx, t(ctx.ui, 'follow.full', { max: MAX_TOPICS }));
    return;
  }
  const text = t(ctx.ui, outcome === 'added' ? 'follow.added' : 'follow.known', {
    topic,
    topics: listOf(saved.topics),
  });
  await replyHtml(ctx, saved.active ? text : `${text}\n${t(ctx.ui, 'follow.inactive')}`);
});

followFeature.command('unfollow', async (ctx) => {
  const topic = cleanTopic(ctx.payload);
  if (!(await ensureCanChangeSettings(ctx))) return;
  if (!topic) {
    if (effectiveSettings(ctx).topics.length > 0) {
      await updateSubscriber(ctx, (s) => ({ ...s, topics: [] }));
    }
    await replyHtml(ctx, t(ctx.ui, 'follow.cleared'));
    return;
  }
  // Nothing to remove: say so without writing (no settings are created for a stranger).
  let removed = effectiveSettings(ctx).topics.some((x) => sameTopic(x, topic));
  const saved = removed
    ? await updateSubscriber(ctx, (s) => {
        const topics = s.topics.filter((x) => !sameTopic(x, topic));
        removed = topics.length < s.topics.length;
        return removed ? { ...s, topics } : s;
      })
    : effectiveSettings(ctx);
  if (!removed) {
    await replyHtml(ctx, t(ctx.ui, 'follow.notfound', { topic: topic.slice(0, MAX_TOPIC_CHARS) }));
    return;
  }
  await replyHtml(
    ctx,
    saved.topics.length
      ? t(ctx.ui, 'follow.removed', { topic, topics: listOf(saved.topics) })
      : t(ctx.ui, 'follow.cleared'),
  );
});
