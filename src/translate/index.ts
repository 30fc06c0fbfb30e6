/**
 * Translation: the `Translator` port, Google Cloud Translation (v2 with an API key, v3 with a
 * service account) and "none", behind one cache and one character budget.
 */
export type { Detection, TranslateRequest, TranslationOutcome, Translator } from './port.js';
export {
  createTranslator,
  createProvider,
  type ManagedTranslator,
  type TranslatorDeps,
} from './translator.js';
export { translateDigest, toArabicQuery, digestSegments, translatableChars } from './digest.js';
export { sampleDigest } from './sample-digest.js';
export { translationUsage, usageKeys, utcDay, type TranslationUsage } from './usage.js';
export { fallbackNotice } from './notice.js';
export {
  createTranslatorFromConfig,
  translateForCli,
  translateWith,
  type CliTranslation,
} from './cli.js';
export { TranslationError, classifyError, type TranslationErrorKind } from './errors.js';
export { protect, restore, countChars } from './protect.js';
export { planBatches } from './batch.js';
export { detectByScript } from './local-detect.js';
export type { Provider } from './provider.js';
export { createGoogleV2Provider, V2_LIMITS } from './google-v2.js';
export { createGoogleV3Provider, V3_LIMITS, v3ClientOptions } from './google-v3.js';
