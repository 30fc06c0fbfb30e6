/**
 * /follow TOPIC and /unfollow [TOPIC]: a chat's topic filters. With filters, the daily digest
 * keeps only the stories about them (see `filterByTopics`); without, it has every story.
 * "Iran" and "إيران" are one topic: topics are compared in Arabic, through the translator or,
 * without one, the offline glossary. /unfollow alone asks before clearing every topic.
 */
import { Composer } from 'telegraf';
import { normalize } from '../../arabic/index.js';
import type { BotContext } from '../context.js';
import { t } from '../i18n/index.js';
import { glossaryToArabic } from '../../digest/index.js';
import { encodeCallback } from '../callback-data.js';
import { decodeEntities } from '../html.js';
import { showMenu } from '../menu.js';
import { onCallback } from '../on-callback.js';
import { answerPress, replyHtml } from '../reply.js';
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

const LATIN = /\p{Script=Latin}/u;

/**
 * The spellings a topic is known by, normalized: as typed, its glossary Arabic, and (for a
 * topic not in Arabic script) what the translator makes of it. Two topics sharing one are one.
 */
async function topicKeys(ctx: BotContext, topic: string): Promise<Set<string>> {
  const keys = new Set([normalize(topic)]);
  // the glossary drops words it does not know: trust it only for a one-word topic ("Iran")
  const glossary = /^[\p{L}\p{N}'-]+$/u.test(topic) ? glossaryToArabic(topic) : undefined;
  if (glossary) keys.add(normalize(glossary));
  if (LATIN.test(topic)) {
    try {
      const arabic = await ctx.deps.toArabicQuery(topic, ctx.chat?.id);
      if (arabic.query) keys.add(normalize(arabic.query));
    } catch (err) {
      ctx.log.debug({ err }, 'could not turn a topic into Arabic; comparing it as typed');
    }
  }
  return keys;
}

/** The followed topics that are `topic` under another spelling or in another language. */
async function sameTopicsAs(
  ctx: BotContext,
  topic: string,
  topics: readonly string[],
): Promise<string[]> {
  const wanted = await topicKeys(ctx, topic);
  const known = await Promise.all(topics.map((x) => topicKeys(ctx, x)));
  return topics.filter((_, i) => [...known[i]!].some((k) => wanted.has(k)));
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
  const [known] = await sameTopicsAs(ctx, topic, effectiveSettings(ctx).topics);
  let outcome = 'added' as 'added' | 'known' | 'full';
  const saved = await updateSubscriber(ctx, (s) => {
    if (s.topics.some((x) => sameTopic(x, topic) || x === known)) {
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
    // "Iran" when "إيران" is followed: name the topic as it is kept
    topic: outcome === 'known' && known !== undefined && !sameTopic(known, topic) ? known : topic,
    topics: listOf(saved.topics),
  });
  await replyHtml(ctx, saved.active ? text : `${text}\n${t(ctx.ui, 'follow.inactive')}`);
});

function confirmClearKeyboard(ui: string) {
  return {
    inline_keyboard: [
      [
        {
          text: decodeEntities(t(ui, 'btn.unfollow.all')),
          callback_data: encodeCallback({ kind: 'unfollow-all' }),
        },
        {
          text: decodeEntities(t(ui, 'btn.unfollow.keep')),
          callback_data: encodeCallback({ kind: 'unfollow-keep' }),
        },
      ],
    ],
  };
}

followFeature.command('unfollow', async (ctx) => {
  const topic = cleanTopic(ctx.payload);
  if (!(await ensureCanChangeSettings(ctx))) return;
  if (!topic) {
    const { topics } = effectiveSettings(ctx);
    if (topics.length === 0) {
      await replyHtml(ctx, t(ctx.ui, 'follow.cleared'));
      return;
    }
    // clearing every topic is not undone by one command: ask first
    await replyHtml(
      ctx,
      t(ctx.ui, topics.length === 1 ? 'unfollow.confirm.one' : 'unfollow.confirm', {
        n: topics.length,
        topics: listOf(topics),
      }),
      { replyMarkup: confirmClearKeyboard(ctx.ui) },
    );
    return;
  }
  // Nothing to remove: say so without writing (no settings are created for a stranger).
  const matching = await sameTopicsAs(ctx, topic, effectiveSettings(ctx).topics);
  let removed = matching.length > 0;
  const saved = removed
    ? await updateSubscriber(ctx, (s) => {
        const topics = s.topics.filter((x) => !sameTopic(x, topic) && !matching.includes(x));
        removed = topics.length < s.topics.length;
        return removed ? { ...s, topics } : s;
      })
    : effectiveSettings(ctx);
  if (!removed) {
    await replyHtml(ctx, t(ctx.ui, 'follow.notfound', { topic: topic.slice(0, MAX_TOPIC_CHARS) }));
    return;
  }
  const shown = matching.every((x) => sameTopic(x, topic)) ? topic : matching.join(' · ');
  await replyHtml(
    ctx,
    saved.topics.length
      ? t(ctx.ui, 'follow.removed', { topic: shown, topics: listOf(saved.topics) })
      : t(ctx.ui, 'follow.cleared'),
  );
});

followFeature.use(
  onCallback('unfollow-all', async (ctx) => {
    if (!(await ensureCanChangeSettings(ctx))) return;
    await answerPress(ctx);
    if (effectiveSettings(ctx).topics.length > 0) {
      await updateSubscriber(ctx, (s) => ({ ...s, topics: [] }));
    }
    await showMenu(ctx, t(ctx.ui, 'follow.cleared'));
  }),
);

followFeature.use(
  onCallback('unfollow-keep', async (ctx) => {
    await answerPress(ctx);
    const { topics } = effectiveSettings(ctx);
    await showMenu(
      ctx,
      topics.length
        ? t(ctx.ui, 'follow.list', { topics: listOf(topics) })
        : t(ctx.ui, 'follow.none'),
    );
  }),
);
