/**
 * Time zones as people say them: a city in Arabic or English ("Riyadh", "الرياض", "Casablanca"),
 * an offset as a person means it ("UTC+3", "GMT+3", "+3", "+03:00", "UTC-5", "غرينتش+3"), or an
 * IANA name ("Asia/Riyadh"). A whole-hour offset becomes an Etc zone, whose name has the sign
 * the other way round (UTC+3 is "Etc/GMT-3"); it is shown to readers as "UTC+3" again.
 * Pure: no I/O, no clock.
 */
import { canonicalZone } from '../time/index.js';
import { CITIES } from './cities.js';

const ARABIC_DIGITS = /[٠-٩۰-۹]/g;
const toAsciiDigit = (d: string): string => {
  const code = d.charCodeAt(0);
  return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
};

/** Spelling-insensitive key: case, accents, Arabic letter variants, spaces and dashes aside. */
export function placeKey(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/ـ/g, '')
    .replace(/[\s\-_'’.,،]+/g, '');
}

const BY_NAME: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const add = (name: string, zone: string) => {
    const key = placeKey(name);
    if (key && !map.has(key)) map.set(key, zone);
  };
  for (const [english, arabic, zone, aliases = []] of CITIES) {
    for (const name of [english, arabic, ...aliases]) add(name, zone);
  }
  // "رياض" for "الرياض": the article is often left out when typing
  for (const [, arabic, zone] of CITIES) {
    if (arabic.startsWith('ال')) add(arabic.slice(2), zone);
  }
  return map;
})();

/** The zone of a city or country name from the bundled list, or undefined. */
export function cityZone(raw: string): string | undefined {
  return BY_NAME.get(placeKey(raw));
}

/** Offsets that are not whole hours, each with a zone that keeps it all year. */
const PART_HOUR_ZONES: Record<string, string> = {
  '-570': 'Pacific/Marquesas',
  '-210': 'America/St_Johns',
  '210': 'Asia/Tehran',
  '270': 'Asia/Kabul',
  '330': 'Asia/Kolkata',
  '345': 'Asia/Kathmandu',
  '390': 'Asia/Yangon',
  '525': 'Australia/Eucla',
  '570': 'Australia/Darwin',
  '765': 'Pacific/Chatham',
};

const OFFSET =
  /^(?:utc|gmt|z|ت\s*ع\s*م|غرينتش|غرينيتش|جرينتش|توقيت\s*غرينتش)?\s*([+\-−–])\s*(\d{1,2})(?:[:.٫h]?(\d{2}))?$/iu;
const BARE_UTC = /^(?:utc|gmt|z|غرينتش|جرينتش|ت\s*ع\s*م)$/iu;

/**
 * "UTC+3", "GMT+3", "+3", "+03:00", "UTC-5", "UTC+5:30" → a zone with that offset; "UTC" →
 * "Etc/UTC"; undefined when it is not an offset or no zone has it.
 * @example offsetZone('UTC+3') // 'Etc/GMT-3'
 */
export function offsetZone(raw: string): string | undefined {
  const text = raw.trim().replace(ARABIC_DIGITS, toAsciiDigit);
  if (BARE_UTC.test(text)) return 'Etc/UTC';
  const m = OFFSET.exec(text);
  if (!m) return undefined;
  const sign = m[1] === '+' ? 1 : -1;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (minutes > 59) return undefined;
  const total = sign * (hours * 60 + minutes);
  if (minutes === 0) {
    if (hours === 0) return 'Etc/UTC';
    if (total < -12 * 60 || total > 14 * 60) return undefined;
    // Etc zones count the other way: UTC+3 is Etc/GMT-3
    return `Etc/GMT${sign > 0 ? '-' : '+'}${hours}`;
  }
  return PART_HOUR_ZONES[String(total)];
}

/** Canonical IANA name ("asia/riyadh" → "Asia/Riyadh"), or undefined. */
export function ianaZone(raw: string): string | undefined {
  const zone = raw.trim();
  if (!zone.includes('/') && !/^utc$/i.test(zone)) return undefined;
  return canonicalZone(zone);
}

/**
 * Any way a reader names a zone → an IANA zone name, or undefined.
 * @example resolveZone('الرياض') // 'Asia/Riyadh'
 */
export function resolveZone(raw: string): string | undefined {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!text || text.length > 60) return undefined;
  return offsetZone(text) ?? ianaZone(text) ?? cityZone(text);
}

/**
 * How a zone is shown: offsets as a person writes them ("Etc/GMT-3" → "UTC+3"), names as they are.
 * @example zoneLabel('Etc/GMT-3') // 'UTC+3'
 */
export function zoneLabel(zone: string): string {
  if (/^(Etc\/)?(UTC|GMT|Universal|Zulu|UCT)([+-]0)?$/.test(zone)) return 'UTC';
  const m = /^Etc\/GMT([+-])(\d{1,2})$/.exec(zone);
  if (!m) return zone;
  return `UTC${m[1] === '-' ? '+' : '-'}${m[2]}`;
}

const TIME = /^(\d{1,2})(?:[:.٫](\d{2}))?\s*(am|pm|ص|م|صباحا|صباحاً|مساء|مساءً)?$/iu;

/** "7:30", "07:30", "٠٧:٣٠", "7.30", "7pm", "7:30 م" → "HH:MM"; undefined otherwise. */
export function parseClock(raw: string): string | undefined {
  const text = raw.trim().replace(ARABIC_DIGITS, toAsciiDigit);
  const m = TIME.exec(text);
  if (!m) return undefined;
  let h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  const half = m[3]?.toLowerCase();
  // a bare number is a time only with am/pm ("7pm"); "7" alone is too easy to mistype
  if (m[2] === undefined && half === undefined) return undefined;
  if (half !== undefined) {
    if (h < 1 || h > 12) return undefined;
    const pm = half === 'pm' || half.startsWith('م');
    h = (h % 12) + (pm ? 12 : 0);
  }
  if (h > 23 || min > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

export type TimeRequest =
  | { kind: 'show' }
  | { kind: 'set'; time?: string; zone?: string }
  | { kind: 'bad-time'; raw: string }
  | { kind: 'bad-zone'; raw: string };

/**
 * What "/time …" asks for: nothing (show the menu), a time, a zone, or both, in either order
 * ("07:30 Riyadh", "Riyadh 07:30", "07:30 الدار البيضاء", "UTC+3", "Asia/Riyadh").
 */
export function parseTimeRequest(payload: string): TimeRequest {
  const text = payload.replace(/\s+/g, ' ').trim();
  if (!text) return { kind: 'show' };
  const words = text.split(' ');
  // a time may be written "7:30 pm": try two words first, then one, at each end
  const attempts: [time: string, rest: string][] = [];
  for (const n of [2, 1]) {
    if (words.length >= n) {
      attempts.push([words.slice(0, n).join(' '), words.slice(n).join(' ')]);
      attempts.push([words.slice(-n).join(' '), words.slice(0, -n).join(' ')]);
    }
  }
  for (const [head, rest] of attempts) {
    const time = parseClock(head);
    if (!time) continue;
    if (!rest) return { kind: 'set', time };
    const zone = resolveZone(rest);
    return zone ? { kind: 'set', time, zone } : { kind: 'bad-zone', raw: rest };
  }
  const zone = resolveZone(text);
  if (zone) return { kind: 'set', zone };
  // digits and a colon look like a time that went wrong ("25:00"); anything else, a place
  return /[0-9٠-٩]/.test(text) && /^[\d٠-٩:.٫\s]+$/.test(words[0]!)
    ? { kind: 'bad-time', raw: words[0]! }
    : { kind: 'bad-zone', raw: text };
}
