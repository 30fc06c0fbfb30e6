/**
 * Buttons under digests and topic answers: a story's number opens its key points and sources
 * (in the reader's language, with its Arabic original one press away), "Arabic original" shows
 * the stored Arabic story, and "all stories" shows a digest the reader's topics had filtered.
 */
import { Composer } from 'telegraf';
import type { Digest, Story } from '../../domain.js';
import { refMatches } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { readerLanguage } from '../context.js';
import { renderStory } from '../format.js';
import { t } from '../i18n/index.js';
import { onCallback } from '../on-callback.js';
import { translateStories } from '../on-demand.js';
import { renderForReader } from './digest.js';
import { topicAnswerKey } from './topic.js';
import { answerPress, replyHtml, replyRendered, withTyping } from '../reply.js';

export const originalFeature = new Composer<BotContext>();

/** How many digests back a hashed reference is looked for. */
const LOOKBACK = 14;

async function findDigest(ctx: BotContext, ref: string): Promise<Digest | undefined> {
  const { digests } = ctx.deps.store;
  if (!ref.startsWith('#')) return digests.get(ref);
  let d = await digests.latest();
  for (let i = 0; d && i < LOOKBACK; i++) {
    if (refMatches(ref, d.id)) return d;
    d = await digests.previous(d.id);
  }
  return undefined;
}

/** The Arabic stories a button refers to: a stored digest's, or a topic answer's. */
async function findStories(
  ctx: BotContext,
  ref: string,
): Promise<{ stories: Story[]; language: string } | undefined> {
  if (ref.startsWith('?')) {
    const kept = await ctx.deps.store.meta.get<{ stories: Story[] }>(topicAnswerKey(ref));
    return kept && Array.isArray(kept.stories)
      ? { stories: kept.stories, language: 'ar' }
      : undefined;
  }
  const digest = await findDigest(ctx, ref);
  return digest ? { stories: digest.stories, language: digest.language || 'ar' } : undefined;
}

/** The story a press points at, or undefined after telling the reader it is gone. */
async function pressedStory(
  ctx: BotContext,
  data: { ref: string; index: number },
): Promise<{ story: Story; language: string } | undefined> {
  await answerPress(ctx);
  const found = await findStories(ctx, data.ref);
  const story = found?.stories[data.index];
  if (!found || !story) {
    await replyHtml(ctx, t(ctx.ui, 'original.gone'));
    return undefined;
  }
  return { story, language: found.language };
}

originalFeature.use(
  onCallback('original', async (ctx, data) => {
    const found = await pressedStory(ctx, data);
    if (!found) return;
    const { story } = found;
    await replyRendered(
      ctx,
      renderStory(story, data.index, { ui: ctx.ui, language: found.language }),
    );
  }),
);

originalFeature.use(
  onCallback('story', async (ctx, data) => {
    const found = await pressedStory(ctx, data);
    if (!found) return;
    const { story } = found;
    const messages = await withTyping(ctx, async () => {
      const wanted = readerLanguage(ctx);
      if (data.ref.startsWith('?')) {
        // a topic answer keeps its Arabic stories: translate this one (cached per text)
        const shown = await translateStories(ctx, [story], wanted);
        return renderStory(shown.stories[0] ?? story, data.index, {
          ui: ctx.ui,
          language: shown.language,
          ...(shown.notice ? { notice: shown.notice } : {}),
          ...(shown.language !== 'ar' ? { originalRef: data.ref } : {}),
        });
      }
      const digest = await findDigest(ctx, data.ref);
      if (!digest) return renderStory(story, data.index, { ui: ctx.ui, language: found.language });
      // the whole digest's translation is cached per (digest, language): this costs nothing more
      const { digest: shown } = await ctx.deps.translateDigest(digest, wanted);
      const translated = shown.stories[data.index] ?? story;
      return renderStory(translated, data.index, {
        ui: ctx.ui,
        language: shown.language,
        ...(shown.language !== digest.language ? { originalRef: data.ref } : {}),
      });
    });
    await replyRendered(ctx, messages);
  }),
);

originalFeature.use(
  onCallback('all', async (ctx, data) => {
    await answerPress(ctx);
    const digest = await findDigest(ctx, data.ref);
    if (!digest) {
      await replyHtml(ctx, t(ctx.ui, 'original.gone'));
      return;
    }
    const messages = await withTyping(ctx, () => renderForReader(ctx, digest, { all: true }));
    await replyRendered(ctx, messages);
  }),
);
