/**
 * UI strings: `t(lang, key, params)` picks the reader's language when the bot speaks it, and
 * English otherwise. Parameter values are HTML-escaped here, so a query or a URL typed by a
 * reader can never become markup; the templates themselves are trusted HTML.
 */
import { escapeHtml } from '../html.js';
import { ar } from './ar.js';
import { en, type MessageKey } from './en.js';
import { fr } from './fr.js';

export type { MessageKey };

const CATALOGS: Record<string, Record<MessageKey, string>> = { ar, en, fr };

/** Languages the bot's own words exist in. */
export const UI_LANGUAGES: readonly string[] = Object.keys(CATALOGS);

/**
 * The UI language for a language code (the reader's choice, else Telegram's `language_code`):
 * the code itself when the bot speaks it, English otherwise.
 */
export function pickUiLanguage(code: string | undefined): string {
  const base = (code ?? '').toLowerCase().split(/[-_]/)[0]!;
  return base in CATALOGS ? base : 'en';
}

/** One UI string with {param} placeholders filled (values escaped). */
export function t(
  lang: string,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const catalog = CATALOGS[pickUiLanguage(lang)] ?? en;
  const template = catalog[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? escapeHtml(String(params[name])) : whole,
  );
}

/** Common digest languages shown on the /lang keyboard (code → name in that language). */
export const COMMON_LANGUAGES: ReadonlyArray<readonly [string, string]> = [
  ['ar', 'العربية'],
  ['en', 'English'],
  ['fr', 'Français'],
  ['es', 'Español'],
  ['de', 'Deutsch'],
  ['tr', 'Türkçe'],
  ['fa', 'فارسی'],
  ['ur', 'اردو'],
  ['ru', 'Русский'],
  ['zh', '中文'],
  ['id', 'Bahasa Indonesia'],
  ['ms', 'Bahasa Melayu'],
  ['hi', 'हिन्दी'],
  ['bn', 'বাংলা'],
  ['it', 'Italiano'],
  ['pt', 'Português'],
];

/** Display name of a language code (its own name when known, else the code). */
export function languageName(code: string): string {
  const known = COMMON_LANGUAGES.find(([c]) => c === code);
  if (known) return known[1];
  try {
    return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * "5 outlets" in the UI language, with Arabic's number agreement (مصدر واحد، مصدران، 3 مصادر،
 * 11 مصدرًا).
 */
export function outletsLabel(lang: string, n: number): string {
  switch (pickUiLanguage(lang)) {
    case 'ar': {
      if (n === 1) return 'مصدر واحد';
      if (n === 2) return 'مصدران';
      const mod = n % 100;
      return mod >= 3 && mod <= 10 ? `${n} مصادر` : `${n} مصدرًا`;
    }
    case 'fr':
      return n === 1 ? '1 média' : `${n} médias`;
    default:
      return n === 1 ? '1 outlet' : `${n} outlets`;
  }
}
