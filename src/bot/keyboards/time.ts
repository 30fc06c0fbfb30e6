import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import { encodeCallback } from '../callback-data.js';

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
export function createTimeKeyboard(current: string | undefined): InlineKeyboardMarkup {
  const buttons: InlineKeyboardButton[] = COMMON_TIMES.map((time) => ({
    text: time === current ? `✓ ${time}` : time,
    callback_data: encodeCallback({ kind: 'time', time }),
  }));
  return { inline_keyboard: [buttons.slice(0, 4), buttons.slice(4)] };
}
