/**
 * The translation port. Adapters: Google v2 (API key), Google v3 (service account), and "none".
 * Callers never see a provider error: when translation is impossible they get the original
 * texts back with `fallback` saying why, and show the reader a one-line notice.
 */

export interface TranslateRequest {
  /** Source language ("ar"), or undefined to let the provider detect it. */
  from?: string;
  to: string;
  /** The reader asking, for the per-reader daily limit of on-demand queries. */
  chatId?: number;
}

export interface TranslationOutcome {
  /** Translated texts, one per input, in order (the originals when `fallback` is set). */
  texts: string[];
  provider: string;
  /** Characters sent to the provider for this call (0 when all came from the cache). */
  chars: number;
  /** How many of the texts were served from the cache. */
  cached: number;
  /** Set when the originals were returned: no provider, budget spent, or provider failure. */
  fallback?: 'not-configured' | 'budget' | 'reader-budget' | 'error';
  /** Source language the provider detected for each text, when `from` was not given. */
  detected?: (string | undefined)[];
}

export interface Detection {
  language: string;
  confidence: number;
}

export interface Translator {
  readonly provider: 'google-v2' | 'google-v3' | 'none';
  translate(texts: string[], request: TranslateRequest): Promise<TranslationOutcome>;
  detect(text: string): Promise<Detection>;
  /** Language codes the provider can translate into. */
  supportedLanguages(): Promise<string[]>;
}
