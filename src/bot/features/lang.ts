/** /lang [CODE] and the language buttons: the language stories are delivered in. */
import { Composer } from 'telegraf';
import { readerLanguage, type BotContext } from '../context.js';
import { COMMON_LANGUAGES, languageName, pickUiLanguage, t } from '../i18n/index.js';
import { createLanguageKeyboard } from '../keyboards/language.js';
import { onCallback } from '../on-callback.js';
import { isTranslateLanguage } from '../i18n/translate-languages.js';
import { showMenu } from '../menu.js';
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

/**
 * True when stories can be shown in `code`: a common language or one Google Translate has,
 * from the bundled list (the provider may be down or not configured; that is said separately).
 */
function isAccepted(code: string): boolean {
  return COMMON_LANGUAGES.some(([c]) => c === code) || isTranslateLanguage(code);
}

/** True when this bot can translate at all (a provider is configured). */
export function canTranslate(ctx: BotContext): boolean {
  return ctx.deps.translator.provider !== 'none';
}

/** "Language set", and for a language other than Arabic on a bot without translation, why
 * the digests will still come in Arabic. */
export function languageSetText(ctx: BotContext, code: string): string {
  const line = t(ctx.ui, 'lang.set', { name: languageName(code), code });
  return code === 'ar' || canTranslate(ctx) ? line : `${line}\n${t(ctx.ui, 'lang.untranslated')}`;
}

async function setLanguage(ctx: BotContext, raw: string, checked = false): Promise<void> {
  if (!checked && !(await ensureCanChangeSettings(ctx))) return;
  const code = normalizeCode(raw);
  if (!CODE.test(code) || !isAccepted(code)) {
    await replyHtml(ctx, t(ctx.ui, 'lang.unknown', { code: raw.trim().slice(0, 20) }));
    return;
  }
  await updateSubscriber(ctx, (s) => ({ ...s, language: code }));
  ctx.ui = pickUiLanguage(code);
  const text = languageSetText(ctx, code);
  if (ctx.callbackQuery) {
    await showMenu(ctx, text, createLanguageKeyboard(code, !canTranslate(ctx)));
  } else {
    await replyHtml(ctx, text);
  }
}

/** The language menu; without translation, the languages that need it are marked and it says so. */
export function languageMenuText(ctx: BotContext): string {
  const choose = t(ctx.ui, 'lang.choose');
  return canTranslate(ctx) ? choose : `${choose}\n${t(ctx.ui, 'lang.marked')}`;
}

async function showLanguageMenu(ctx: BotContext): Promise<void> {
  await showMenu(
    ctx,
    languageMenuText(ctx),
    createLanguageKeyboard(readerLanguage(ctx), !canTranslate(ctx)),
  );
}

langFeature.command('lang', async (ctx) => {
  const arg = ctx.payload.trim().split(/\s+/)[0] ?? '';
  if (!arg) return showLanguageMenu(ctx);
  return setLanguage(ctx, arg);
});

langFeature.use(
  onCallback('lang-menu', async (ctx) => {
    await answerPress(ctx);
    await showLanguageMenu(ctx);
  }),
);

langFeature.use(
  onCallback('lang', async (ctx, data) => {
    if (!(await ensureCanChangeSettings(ctx))) return;
    await answerPress(ctx);
    await setLanguage(ctx, data.code, true);
  }),
);
