import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import { encodeCallback } from '../callback-data.js';
import { decodeEntities } from '../html.js';
import { t } from '../i18n/index.js';

export const COMMON_TIMES = [
  '06:00',
  '07:00',
  '08:00',
  '09:00',
  '12:00',
  '18:00',
  '20:00',
  '22:00',
];

/** Common delivery times, four per row; the current one is ticked. */
export function createTimeKeyboard(
  current: string | undefined,
  encode: (time: string) => string = (time) => encodeCallback({ kind: 'time', time }),
): InlineKeyboardMarkup {
  const buttons: InlineKeyboardButton[] = COMMON_TIMES.map((time) => ({
    text: time === current ? `✓ ${time}` : time,
    callback_data: encode(time),
  }));
  return { inline_keyboard: [buttons.slice(0, 4), buttons.slice(4)] };
}

/**
 * The /time menu: the times, then a button to the time zones, and (for a chat without a
 * subscription, when asked) one to subscribe, which is always the reader's own choice.
 */
export function createTimeMenuKeyboard(
  ui: string,
  current: string | undefined,
  offerSubscribe = false,
): InlineKeyboardMarkup {
  const rows = [...createTimeKeyboard(current).inline_keyboard];
  rows.push([
    {
      text: decodeEntities(t(ui, 'btn.zone')),
      callback_data: encodeCallback({ kind: 'zone-menu' }),
    },
  ]);
  if (offerSubscribe) {
    rows.push([
      {
        text: decodeEntities(t(ui, 'btn.subscribe')),
        callback_data: encodeCallback({ kind: 'subscribe' }),
      },
    ]);
  }
  return { inline_keyboard: rows };
}
