/** Wiring helpers for the entry points: a translator from the parsed configuration. */
import type { Config } from '../config/index.js';
import type { Digest } from '../domain.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import { translateDigest } from './digest.js';
import { fallbackNotice } from './notice.js';
import type { TranslationOutcome, Translator } from './port.js';
import { createTranslator, type ManagedTranslator, type TranslatorDeps } from './translator.js';

/**
 * A translator from the whole configuration: the provider, the two daily limits, and the v3
 * endpoint override (GOOGLE_TRANSLATE_V3_ENDPOINT, when the configuration has it).
 */
export function createTranslatorFromConfig(
  config: Config,
  deps: { store: Store; log: Logger; now?: () => Date } & Partial<TranslatorDeps>,
): ManagedTranslator {
  const extra = config as Config & { GOOGLE_TRANSLATE_V3_ENDPOINT?: string };
  const endpoint =
    deps.endpoint ??
    (config.translation.provider === 'google-v3' ? extra.GOOGLE_TRANSLATE_V3_ENDPOINT : undefined);
  return createTranslator(config.translation, {
    ...deps,
    now: deps.now ?? (() => new Date()),
    dailyCharLimit: deps.dailyCharLimit ?? config.TRANSLATE_DAILY_CHAR_LIMIT,
    userDailyCharLimit: deps.userDailyCharLimit ?? config.TRANSLATE_USER_DAILY_CHAR_LIMIT,
    endpoint,
  });
}

export interface CliTranslation {
  provider: string;
  target: string;
  chars: number;
  cached: number;
  fallback?: TranslationOutcome['fallback'];
}

/**
 * For `khulasa digest --lang CODE`: the digest in `lang`, and what `--json` adds as
 * `"translation":{"provider","target","chars","cached"}`. Never throws for a provider failure:
 * the Arabic digest comes back with `fallback` and a `notice` line to print.
 */
export async function translateForCli(
  digest: Digest,
  lang: string,
  deps: { config: Config; store: Store; log: Logger; now?: () => Date; endpoint?: string },
): Promise<{ digest: Digest; translation: CliTranslation; notice?: string }> {
  const translator = createTranslatorFromConfig(deps.config, {
    store: deps.store,
    log: deps.log,
    now: deps.now,
    endpoint: deps.endpoint,
  });
  try {
    return await translateWith(digest, lang, translator);
  } finally {
    await translator.close();
  }
}

/** {@link translateForCli} with a translator the caller opened (and closes). */
export async function translateWith(
  digest: Digest,
  lang: string,
  translator: Translator,
): Promise<{ digest: Digest; translation: CliTranslation; notice?: string }> {
  const { digest: out, outcome } = await translateDigest(digest, lang, translator);
  const translation: CliTranslation = {
    provider: outcome.provider,
    target: lang,
    chars: outcome.chars,
    cached: outcome.cached,
  };
  if (!outcome.fallback) return { digest: out, translation };
  translation.fallback = outcome.fallback;
  return { digest: out, translation, notice: fallbackNotice(outcome.fallback, lang) };
}
