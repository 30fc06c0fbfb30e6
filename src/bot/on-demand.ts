/**
 * Shared by /digest and /topic: the per-reader limit, and translating stories for a reader.
 */
import { DateTime } from 'luxon';
import type { Story } from '../domain.js';
import { fallbackNotice } from '../translate/index.js';
import type { TranslationOutcome } from '../translate/port.js';
import type { BotContext } from './context.js';
import { t } from './i18n/index.js';
import { replyHtml } from './reply.js';
import { effectiveSettings } from './subscription.js';

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

/**
 * When the translation budgets come back (they count per UTC day), as the reader reads a
 * clock in their zone ("03:00" in Riyadh).
 */
export function budgetResetTime(ctx: BotContext): string {
  const zone = effectiveSettings(ctx).timeZone;
  const midnight = DateTime.fromJSDate(ctx.deps.now(), { zone: 'utc' })
    .startOf('day')
    .plus({ days: 1 });
  const local = midnight.setZone(zone);
  return (local.isValid ? local : midnight).toFormat('HH:mm');
}

/**
 * The notice (plain text, in the wanted language) when translation fell back to Arabic; with
 * the context, a spent budget says when it comes back in the reader's zone.
 */
export function noticeFor(
  outcome: TranslationOutcome,
  wanted: string,
  ctx?: BotContext,
): string | undefined {
  if (!outcome.fallback) return undefined;
  return fallbackNotice(outcome.fallback, wanted, ctx ? { resetAt: budgetResetTime(ctx) } : {});
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
    const notice = fallbackNotice(outcome.fallback ?? 'error', to, {
      resetAt: budgetResetTime(ctx),
    });
    return { stories, language: 'ar', notice };
  }
  let i = 0;
  const translated = stories.map((s) => {
    const title = outcome.texts[i++] ?? s.title;
    const points = s.points.map((p) => outcome.texts[i++] ?? p);
    return { ...s, title, points };
  });
  return { stories: translated, language: to };
}
