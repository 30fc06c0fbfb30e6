/** Translating what readers see: a whole digest in one call, and topic queries into Arabic. */
import type { Digest } from '../domain.js';
import { arabicScriptRatio, detectByScript } from './local-detect.js';
import type { TranslationOutcome, Translator } from './port.js';
import { countChars, needsTranslation, protect } from './protect.js';
import { offlineToArabic } from '../digest/index.js';

/** The texts of a digest that get translated, in order: each story's title, then its points. */
export function digestSegments(digest: Digest): string[] {
  return digest.stories.flatMap((s) => [s.title, ...s.points]);
}

/**
 * The characters one translation of the digest sends: its distinct segments, with URLs and
 * numbers as placeholders, leaving out those with nothing to translate. What the provider bills.
 */
export function translatableChars(digest: Digest): number {
  let n = 0;
  for (const text of new Set(digestSegments(digest))) {
    const p = protect(text);
    if (needsTranslation(p.text)) n += countChars(p.text);
  }
  return n;
}

function baseLanguage(code: string): string {
  return code.trim().toLowerCase().split(/[-_]/)[0]!;
}

/**
 * The digest in language `to`: titles and points of every story in one batched call; ids,
 * scores, sources and links are kept. Into Arabic, or into the digest's own language, it comes
 * back unchanged with 0 characters. When translation is impossible the original comes back with
 * `outcome.fallback` set, so the caller can add a one-line notice.
 */
export async function translateDigest(
  digest: Digest,
  to: string,
  translator: Translator,
): Promise<{ digest: Digest; outcome: TranslationOutcome }> {
  const source = digest.language || 'ar';
  const same = { texts: [], provider: translator.provider, chars: 0, cached: 0 };
  if (baseLanguage(to) === 'ar' || baseLanguage(to) === baseLanguage(source)) {
    return { digest, outcome: same };
  }
  const segments = digestSegments(digest);
  let outcome: TranslationOutcome;
  try {
    outcome = await translator.translate(segments, { from: source, to });
  } catch {
    // The translator promises not to throw; a stand-in might.
    outcome = {
      texts: segments,
      provider: translator.provider,
      chars: 0,
      cached: 0,
      fallback: 'error',
    };
  }
  if (outcome.fallback || outcome.texts.length !== segments.length) {
    return { digest, outcome: { ...outcome, fallback: outcome.fallback ?? 'error' } };
  }
  let i = 0;
  const stories = digest.stories.map((story) => {
    const title = outcome.texts[i++]!;
    const points = story.points.map(() => outcome.texts[i++]!);
    return { ...story, title, points };
  });
  return { digest: { ...digest, language: to, stories }, outcome };
}

/**
 * A topic query made searchable: Arabic passes as it is; another language is translated into
 * Arabic (the provider detects the language in the same request). When it cannot be
 * translated, or the translation comes back with no Arabic in it (a name the provider leaves
 * as it is), the offline glossary and spelling stand in; failing those, the query comes back
 * as it is, with the script's best guess of its language.
 *
 * @example
 * await toArabicQuery('Afghanistan', translator, chatId) // { query: 'أفغانستان', language: 'en' }
 */
export async function toArabicQuery(
  query: string,
  translator: Translator,
  chatId?: number,
): Promise<{ query: string; language: string }> {
  const q = query.trim();
  if (!q || !/\p{L}/u.test(q) || arabicScriptRatio(q) >= 0.5) return { query: q, language: 'ar' };
  let outcome: TranslationOutcome | undefined;
  try {
    outcome = await translator.translate([q], { to: 'ar', chatId });
  } catch {
    outcome = undefined;
  }
  if (!outcome || outcome.fallback || outcome.texts.length !== 1) {
    // No translation to be had: the offline glossary still knows the names asked about most,
    // and other names are spelled in Arabic letters.
    return { query: offlineToArabic(q) ?? q, language: detectByScript(q).language };
  }
  const language = outcome.detected?.[0] ?? detectByScript(q).language;
  const translated = outcome.texts[0]!.trim() || q;
  // An answer with no Arabic in it would search Arabic news for Latin letters and find nothing.
  if (arabicScriptRatio(translated) < 0.5)
    return { query: offlineToArabic(q) ?? translated, language };
  return { query: translated, language };
}
