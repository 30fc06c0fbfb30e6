/**
 * The "Arabic original" button under a translated digest or topic answer: the stored Arabic
 * story.
 */
import { Composer } from 'telegraf';
import type { Digest, Story } from '../../domain.js';
import { refMatches } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { renderStory } from '../format.js';
import { t } from '../i18n/index.js';
import { onCallback } from '../on-callback.js';
import { topicAnswerKey } from './topic.js';
import { answerPress, replyHtml, replyRendered } from '../reply.js';

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

originalFeature.use(
  onCallback('original', async (ctx, data) => {
    await answerPress(ctx);
    const found = await findStories(ctx, data.ref);
    const story = found?.stories[data.index];
    if (!found || !story) {
      await replyHtml(ctx, t(ctx.ui, 'original.gone'));
      return;
    }
    await replyRendered(
      ctx,
      renderStory(story, data.index, { ui: ctx.ui, language: found.language }),
    );
  }),
);
