import type { InlineKeyboardMarkup } from 'telegraf/types';
import { encodeCallback } from '../callback-data.js';
import { decodeEntities } from '../html.js';
import { t } from '../i18n/index.js';

/** The /start buttons: subscribe, language, delivery time. */
export function createStartKeyboard(ui: string, subscribed: boolean): InlineKeyboardMarkup {
  const row = [
    {
      text: decodeEntities(t(ui, 'btn.language')),
      callback_data: encodeCallback({ kind: 'lang-menu' }),
    },
    {
      text: decodeEntities(t(ui, 'btn.time')),
      callback_data: encodeCallback({ kind: 'time-menu' }),
    },
  ];
  const subscribe = {
    text: decodeEntities(t(ui, 'btn.subscribe')),
    callback_data: encodeCallback({ kind: 'subscribe' }),
  };
  return { inline_keyboard: subscribed ? [row] : [[subscribe], row] };
}
