/**
 * /format [brief|full]: how the digest looks. Brief (the default) is one screen with a button
 * per story; full puts every key point and source inline, as readers who prefer to read
 * everything at once ask for. The buttons edit their own message, so the menu never piles up.
 */
import { Composer } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { DigestFormat } from '../format.js';
import { encodeCallback } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { t } from '../i18n/index.js';
import { onCallback } from '../on-callback.js';
import { answerPress, replyHtml } from '../reply.js';
import { ensureCanChangeSettings, updateSubscriber } from '../subscription.js';
import { decodeEntities } from '../html.js';

export const formatFeature = new Composer<BotContext>();

const FORMATS: readonly DigestFormat[] = ['brief', 'full'];

function formatName(ui: string, format: DigestFormat): string {
  return t(ui, format === 'brief' ? 'format.brief' : 'format.full');
}

/** Two buttons, the current one ticked. */
export function createFormatKeyboard(ui: string, current: DigestFormat): InlineKeyboardMarkup {
  return {
    inline_keyboard: [
      FORMATS.map((f) => ({
        text: `${f === current ? '✓ ' : ''}${decodeEntities(formatName(ui, f))}`,
        callback_data: encodeCallback({ kind: 'format', format: f }),
      })),
    ],
  };
}

async function setFormat(ctx: BotContext, format: DigestFormat): Promise<string> {
  await updateSubscriber(ctx, (s) => ({ ...s, format }));
  return t(ctx.ui, 'format.set', { format: decodeEntities(formatName(ctx.ui, format)) });
}

formatFeature.command('format', async (ctx) => {
  const arg = ctx.payload.trim().toLowerCase();
  const current = ctx.subscriber?.format ?? 'brief';
  const wanted = FORMATS.find((f) => f === arg);
  if (!wanted) {
    await replyHtml(
      ctx,
      t(ctx.ui, 'format.usage', { format: decodeEntities(formatName(ctx.ui, current)) }),
      { replyMarkup: createFormatKeyboard(ctx.ui, current) },
    );
    return;
  }
  if (!(await ensureCanChangeSettings(ctx))) return;
  await replyHtml(ctx, await setFormat(ctx, wanted));
});

formatFeature.use(
  onCallback('format', async (ctx, data) => {
    if (!(await ensureCanChangeSettings(ctx))) return;
    const text = await setFormat(ctx, data.format);
    await answerPress(ctx);
    try {
      await ctx.editMessageText(text, {
        parse_mode: 'HTML',
        reply_markup: createFormatKeyboard(ctx.ui, data.format),
      });
    } catch (err) {
      // the menu may be too old to edit (or unchanged): say it in a new message instead
      ctx.log.debug({ err }, 'could not edit the format menu');
      await replyHtml(ctx, text);
    }
  }),
);
