/**
 * A language guess from the script alone, free and offline: used to let Arabic queries skip the
 * provider, and when the provider is missing or out of budget.
 */
import type { Detection } from './port.js';

const SCRIPTS: [RegExp, string][] = [
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Han}/u, 'zh'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Devanagari}/u, 'hi'],
  [/\p{Script=Thai}/u, 'th'],
];

/** The share (0..1) of letters in `text` that are Arabic script. */
export function arabicScriptRatio(text: string): number {
  const letters = text.match(/\p{L}/gu);
  if (!letters) return 0;
  return letters.filter((c) => /\p{Script=Arabic}/u.test(c)).length / letters.length;
}

/**
 * The language most of the letters' script points to; 'und' (confidence 0) for Latin script or
 * no letters, where the script alone cannot tell.
 */
export function detectByScript(text: string): Detection {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return { language: 'und', confidence: 0 };
  let best: Detection = { language: 'und', confidence: 0 };
  for (const [re, language] of SCRIPTS) {
    const share = letters.filter((c) => re.test(c)).length / letters.length;
    if (share > best.confidence) best = { language, confidence: share };
  }
  return best.confidence >= 0.5 ? best : { language: 'und', confidence: 0 };
}
