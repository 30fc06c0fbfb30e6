/**
 * Google Cloud Translation v2 (Basic) with an API key, through @google-cloud/translate's
 * `v2.Translate`. The library reads GOOGLE_CLOUD_TRANSLATE_ENDPOINT in its constructor (a
 * self-hosted proxy, or the fake server in tests); `endpoint` overrides it explicitly.
 */
import { v2 } from '@google-cloud/translate';
import { TranslationError, classifyError } from './errors.js';
import { withTimeout, type Provider } from './provider.js';

export interface GoogleV2Options {
  apiKey: string;
  /** Base URL ending in /language/translate/v2 (http allowed, unlike the library's `apiEndpoint`). */
  endpoint?: string;
}

/** v2 accepts at most 128 segments a request and recommends about 5,000 characters. */
export const V2_LIMITS = { maxSegments: 128, maxChars: 5000 } as const;

export function createGoogleV2Provider(opts: GoogleV2Options): Provider {
  const name = 'google-v2' as const;
  // autoRetry off: the library would otherwise retry 429/5xx/403-rate for ~15 s on its own.
  const client = new v2.Translate({ key: opts.apiKey, autoRetry: false });
  if (opts.endpoint) {
    (client as unknown as { baseUrl: string }).baseUrl = opts.endpoint.replace(/\/+$/, '');
  }
  const call = async <T>(ms: number, fn: () => Promise<T>): Promise<T> => {
    // The library has no per-call timeout (its HTTP layer ignores one), so ours races the call;
    // an abandoned request just finishes in the background.
    try {
      return await withTimeout(
        fn(),
        ms,
        () => new TranslationError('timeout', `no answer within ${ms} ms`, name),
      );
    } catch (err) {
      throw classifyError(err, name);
    }
  };

  return {
    name,
    limits: V2_LIMITS,
    async translateBatch(texts, from, to, ms) {
      const [translations, response] = await call(ms, () =>
        // format 'text' always: left out, the library switches to HTML when the first segment
        // looks like markup, and the service then answers with HTML entities.
        client.translate(texts, { from, to, format: 'text' }),
      );
      const raw = (response as { data?: { translations?: unknown } } | undefined)?.data
        ?.translations;
      const out = Array.isArray(translations) ? translations : [translations];
      if (
        !Array.isArray(raw) ||
        out.length !== texts.length ||
        out.some((t) => typeof t !== 'string')
      ) {
        throw new TranslationError('malformed', `expected ${texts.length} translations`, name);
      }
      const detected = from
        ? undefined
        : (raw as { detectedSourceLanguage?: string }[]).map((t) => t?.detectedSourceLanguage);
      return { texts: out, detected };
    },
    async detect(text, ms) {
      const [result] = await call(ms, () => client.detect(text));
      const r = (Array.isArray(result) ? result[0] : result) as
        { language?: unknown; confidence?: unknown } | undefined;
      if (!r || typeof r.language !== 'string') {
        throw new TranslationError('malformed', 'detection without a language', name);
      }
      return {
        language: r.language,
        confidence: typeof r.confidence === 'number' ? r.confidence : 0,
      };
    },
    async supportedLanguages(ms) {
      const [languages] = await call(ms, () => client.getLanguages());
      if (!Array.isArray(languages))
        throw new TranslationError('malformed', 'no language list', name);
      return languages.map((l) => l.code);
    },
    async close() {},
  };
}
