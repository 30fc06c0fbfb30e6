import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import { encodeCallback } from '../callback-data.js';
import { COMMON_LANGUAGES } from '../i18n/index.js';

/** The mark on languages that need translation when the bot has none. */
export const NEEDS_TRANSLATION_MARK = '*';

/**
 * Common digest languages, three per row; the current one is ticked. With `markUntranslated`
 * (no translation configured), every language but Arabic carries {@link NEEDS_TRANSLATION_MARK}.
 */
export function createLanguageKeyboard(
  current: string | undefined,
  markUntranslated = false,
  encode: (code: string) => string = (code) => encodeCallback({ kind: 'lang', code }),
): InlineKeyboardMarkup {
  const buttons: InlineKeyboardButton[] = COMMON_LANGUAGES.map(([code, name]) => {
    const label = markUntranslated && code !== 'ar' ? `${name}${NEEDS_TRANSLATION_MARK}` : name;
    return { text: code === current ? `✓ ${label}` : label, callback_data: encode(code) };
  });
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += 3) rows.push(buttons.slice(i, i + 3));
  return { inline_keyboard: rows };
}
