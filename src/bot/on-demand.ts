/**
 * Shared by /digest and /topic: the per-reader limit, and translating stories for a reader.
 */
import type { Story } from '../domain.js';
import { fallbackNotice } from '../translate/index.js';
import type { TranslationOutcome } from '../translate/port.js';
import type { BotContext } from './context.js';
import { t } from './i18n/index.js';
import { replyHtml } from './reply.js';

/** False (after a polite reply, once per window) when the reader asked too often. */
export async function withinLimit(ctx: BotContext): Promise<boolean> {
  const key = ctx.from?.id ?? ctx.chat?.id;
  if (key === undefined) return true;
  const now = ctx.deps.now().getTime();
  const waitMs = ctx.limiter.take(key, now);
  if (waitMs === 0) return true;
  const notify = ctx.limiter.shouldNotify(key, now);
  ctx.log.info({ reader: key, waitMs, notify }, 'on-demand request rate-limited');
  // one notice per window; the rest of a flood is dropped quietly
  if (!notify) return false;
  await replyHtml(
    ctx,
    t(ctx.ui, 'rate.limited', { seconds: Math.max(1, Math.ceil(waitMs / 1000)) }),
  );
  return false;
}

/** The notice (plain text, in the wanted language) when translation fell back to Arabic. */
export function noticeFor(outcome: TranslationOutcome, wanted: string): string | undefined {
  return outcome.fallback ? fallbackNotice(outcome.fallback, wanted) : undefined;
}

/**
 * Translates the titles and points of on-demand stories (counted against the reader's daily
 * budget through `chatId`). Returns the stories in the language they ended up in.
 */
export async function translateStories(
  ctx: BotContext,
  stories: Story[],
  to: string,
): Promise<{ stories: Story[]; language: string; notice?: string }> {
  if (to === 'ar' || stories.length === 0) return { stories, language: 'ar' };
  const texts = stories.flatMap((s) => [s.title, ...s.points]);
  const chatId = ctx.chat?.id;
  const outcome = await ctx.deps.translator.translate(texts, {
    from: 'ar',
    to,
    ...(chatId !== undefined ? { chatId } : {}),
  });
  if (outcome.fallback || outcome.texts.length !== texts.length) {
    return { stories, language: 'ar', notice: fallbackNotice(outcome.fallback ?? 'error', to) };
  }
  let i = 0;
  const translated = stories.map((s) => {
    const title = outcome.texts[i++] ?? s.title;
    const points = s.points.map((p) => outcome.texts[i++] ?? p);
    return { ...s, title, points };
  });
  return { stories: translated, language: to };
}
