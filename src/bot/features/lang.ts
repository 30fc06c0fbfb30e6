/** /lang [CODE] and the language buttons: the language stories are delivered in. */
import { Composer } from 'telegraf';
import { readerLanguage, type BotContext } from '../context.js';
import { COMMON_LANGUAGES, languageName, pickUiLanguage, t } from '../i18n/index.js';
import { createLanguageKeyboard } from '../keyboards/language.js';
import { onCallback } from '../on-callback.js';
import { answerPress, replyHtml } from '../reply.js';
import { ensureCanChangeSettings, updateSubscriber } from '../subscription.js';

export const langFeature = new Composer<BotContext>();

const CODE = /^[a-z]{2,3}(-[A-Z]{2}|-[A-Z][a-z]{3})?$/;

/** "PT_br" → "pt-BR", "zh-hant" → "zh-Hant" (BCP 47 casing, as translation providers expect). */
export function normalizeCode(raw: string): string {
  const [lang = '', sub] = raw.trim().replace('_', '-').split('-', 2);
  if (sub === undefined) return lang.toLowerCase();
  const region =
    sub.length === 2 ? sub.toUpperCase() : sub.charAt(0).toUpperCase() + sub.slice(1).toLowerCase();
  return `${lang.toLowerCase()}-${region}`;
}

/** True when stories can be shown in `code`: a common language or one the provider supports. */
async function isAccepted(ctx: BotContext, code: string): Promise<boolean> {
  if (COMMON_LANGUAGES.some(([c]) => c === code)) return true;
  try {
    const supported = await ctx.deps.translator.supportedLanguages();
    return supported.some((s) => s.toLowerCase() === code.toLowerCase());
  } catch (err) {
    ctx.log.warn({ err }, 'could not list supported languages');
    return false;
  }
}

async function setLanguage(ctx: BotContext, raw: string, checked = false): Promise<void> {
  if (!checked && !(await ensureCanChangeSettings(ctx))) return;
  const code = normalizeCode(raw);
  if (!CODE.test(code) || !(await isAccepted(ctx, code))) {
    await replyHtml(ctx, t(ctx.ui, 'lang.unknown', { code: raw.trim().slice(0, 20) }));
    return;
  }
  await updateSubscriber(ctx, (s) => ({ ...s, language: code }));
  ctx.ui = pickUiLanguage(code);
  await replyHtml(ctx, t(ctx.ui, 'lang.set', { name: languageName(code), code }));
}

async function showMenu(ctx: BotContext): Promise<void> {
  await replyHtml(ctx, t(ctx.ui, 'lang.choose'), {
    replyMarkup: createLanguageKeyboard(readerLanguage(ctx)),
  });
}

langFeature.command('lang', async (ctx) => {
  const arg = ctx.payload.trim().split(/\s+/)[0] ?? '';
  if (!arg) return showMenu(ctx);
  return setLanguage(ctx, arg);
});

langFeature.use(
  onCallback('lang-menu', async (ctx) => {
    await answerPress(ctx);
    await showMenu(ctx);
  }),
);

langFeature.use(
  onCallback('lang', async (ctx, data) => {
    if (!(await ensureCanChangeSettings(ctx))) return;
    await answerPress(ctx);
    await setLanguage(ctx, data.code, true);
  }),
);
