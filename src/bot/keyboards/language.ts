import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import { encodeCallback } from '../callback-data.js';
import { COMMON_LANGUAGES } from '../i18n/index.js';

/** Common digest languages, three per row; the current one is ticked. */
export function createLanguageKeyboard(current: string | undefined): InlineKeyboardMarkup {
  const buttons: InlineKeyboardButton[] = COMMON_LANGUAGES.map(([code, name]) => ({
    text: code === current ? `✓ ${name}` : name,
    callback_data: encodeCallback({ kind: 'lang', code }),
  }));
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += 3) rows.push(buttons.slice(i, i + 3));
  return { inline_keyboard: rows };
}
