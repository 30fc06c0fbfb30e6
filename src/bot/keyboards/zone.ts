import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import { encodeCallback } from '../callback-data.js';
import { CITIES } from '../cities.js';
import { zoneLabel } from '../time-zone.js';

/** Arab-world capitals a reader is most likely in (English names from the city list). */
export const COMMON_CITIES = [
  'Riyadh',
  'Cairo',
  'Dubai',
  'Baghdad',
  'Amman',
  'Beirut',
  'Damascus',
  'Doha',
  'Kuwait City',
  'Muscat',
  'Sanaa',
  'Gaza',
  'Khartoum',
  'Tripoli',
  'Tunis',
  'Algiers',
  'Casablanca',
  'Nouakchott',
] as const;

/** Offsets for readers elsewhere (or who think in offsets). */
export const COMMON_OFFSETS = ['Etc/UTC', 'Etc/GMT-1', 'Etc/GMT-2', 'Etc/GMT-3', 'Etc/GMT-4'];

type EncodeZone = (zone: string) => string;
const zoneButton: EncodeZone = (zone) => encodeCallback({ kind: 'zone', zone });

function cityButton(
  english: string,
  ui: string,
  current: string | undefined,
  encode: EncodeZone,
): InlineKeyboardButton {
  const city = CITIES.find(([e]) => e === english)!;
  const [, arabic, zone] = city;
  const name = ui === 'ar' ? arabic : english;
  // a city is ticked when it is the reader's zone and the first city listed for it
  const first = COMMON_CITIES.find((e) => CITIES.find(([x]) => x === e)![2] === zone);
  return {
    text: zone === current && first === english ? `✓ ${name}` : name,
    callback_data: encode(zone),
  };
}

/** Common Arab-world cities, three per row, then a row of UTC offsets; the current one ticked. */
export function createZoneKeyboard(
  ui: string,
  current?: string,
  encode: EncodeZone = zoneButton,
): InlineKeyboardMarkup {
  const cities = COMMON_CITIES.map((e) => cityButton(e, ui, current, encode));
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < cities.length; i += 3) rows.push(cities.slice(i, i + 3));
  rows.push(
    COMMON_OFFSETS.map((zone) => ({
      text:
        current !== undefined && zoneLabel(zone) === zoneLabel(current)
          ? `✓ ${zoneLabel(zone)}`
          : zoneLabel(zone),
      callback_data: encode(zone),
    })),
  );
  return { inline_keyboard: rows };
}
