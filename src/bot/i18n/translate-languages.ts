/**
 * The languages Google Translate translates into, bundled so that `/lang CODE` can be checked
 * without asking the provider (which may be down, or not configured yet). Codes as the
 * Translation API takes them; a few have an older alias ("iw" for Hebrew, "jw" for Javanese).
 */
// prettier-ignore
export const TRANSLATE_LANGUAGES: readonly string[] = [
  'af', 'ak', 'am', 'ar', 'as', 'ay', 'az', 'be', 'bg', 'bho', 'bm', 'bn', 'bs', 'ca', 'ceb',
  'ckb', 'co', 'cs', 'cy', 'da', 'de', 'doi', 'dv', 'ee', 'el', 'en', 'eo', 'es', 'et', 'eu',
  'fa', 'fi', 'fil', 'fr', 'fy', 'ga', 'gd', 'gl', 'gn', 'gom', 'gu', 'ha', 'haw', 'he', 'hi',
  'hmn', 'hr', 'ht', 'hu', 'hy', 'id', 'ig', 'ilo', 'is', 'it', 'iw', 'ja', 'jv', 'jw', 'ka',
  'kk', 'km', 'kn', 'ko', 'kri', 'ku', 'ky', 'la', 'lb', 'lg', 'ln', 'lo', 'lt', 'lus', 'lv',
  'mai', 'mg', 'mi', 'mk', 'ml', 'mn', 'mni-Mtei', 'mr', 'ms', 'mt', 'my', 'ne', 'nl', 'no',
  'nso', 'ny', 'om', 'or', 'pa', 'pl', 'ps', 'pt', 'pt-BR', 'pt-PT', 'qu', 'ro', 'ru', 'rw',
  'sa', 'sd', 'si', 'sk', 'sl', 'sm', 'sn', 'so', 'sq', 'sr', 'st', 'su', 'sv', 'sw', 'ta', 'te',
  'tg', 'th', 'ti', 'tk', 'tl', 'tr', 'ts', 'tt', 'ug', 'uk', 'ur', 'uz', 'vi', 'xh', 'yi', 'yo',
  'zh', 'zh-CN', 'zh-TW', 'zu',
];

const KNOWN = new Set(TRANSLATE_LANGUAGES.map((c) => c.toLowerCase()));

/** True when stories can be translated into `code` ("pt-br", "ZH-tw" and "sw" included). */
export function isTranslateLanguage(code: string): boolean {
  return KNOWN.has(code.toLowerCase());
}
