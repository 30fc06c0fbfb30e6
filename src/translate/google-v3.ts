/**
 * Google Cloud Translation v3 (Advanced) through @google-cloud/translate's
 * `v3.TranslationServiceClient`: gRPC with service-account credentials in production, or REST
 * (`fallback`) when an endpoint is given (a proxy, or the fake server in tests).
 */
import { v3 } from '@google-cloud/translate';
import { TranslationError, classifyError } from './errors.js';
import { withTimeout, type Provider } from './provider.js';

export interface GoogleV3Options {
  projectId: string;
  location: string;
  keyFilename?: string;
  apiKey?: string;
  /** http(s)://host[:port]: talk REST to this address instead of the gRPC default. */
  endpoint?: string;
}

/** v3 accepts at most 1,024 segments a request and recommends under 30,000 characters. */
export const V3_LIMITS = { maxSegments: 1024, maxChars: 30000 } as const;

type ClientOptions = ConstructorParameters<typeof v3.TranslationServiceClient>[0] & {
  fallback?: boolean;
  protocol?: string;
  apiEndpoint?: string;
  port?: number;
  apiKey?: string;
};

/** The client's options; exported so a test can check that `projectId` is always there. */
export function v3ClientOptions(opts: GoogleV3Options): ClientOptions {
  // projectId always: without it the auth library asks the cloud metadata server for one.
  const options: ClientOptions = { projectId: opts.projectId };
  if (opts.keyFilename) options.keyFilename = opts.keyFilename;
  if (opts.apiKey) options.apiKey = opts.apiKey;
  if (opts.endpoint) {
    const url = new URL(opts.endpoint);
    const secure = url.protocol === 'https:';
    options.fallback = true;
    options.protocol = secure ? 'https' : 'http';
    options.apiEndpoint = url.hostname;
    options.port = Number(url.port || (secure ? 443 : 80));
  }
  return options;
}

export function createGoogleV3Provider(opts: GoogleV3Options): Provider {
  const name = 'google-v3' as const;
  const parent = `projects/${opts.projectId}/locations/${opts.location}`;
  let client: v3.TranslationServiceClient | undefined;
  // Created on first use: building the client loads its protos, which no "none" run should pay for.
  const getClient = () => (client ??= new v3.TranslationServiceClient(v3ClientOptions(opts)));

  const call = async <T>(
    ms: number,
    fn: (c: v3.TranslationServiceClient) => Promise<T>,
  ): Promise<T> => {
    try {
      // The REST transport ignores the call timeout, so ours races it.
      return await withTimeout(
        fn(getClient()),
        ms,
        () => new TranslationError('timeout', `no answer within ${ms} ms`, name),
      );
    } catch (err) {
      throw classifyError(err, name);
    }
  };
  // maxRetries 0: translateText is not retried by the library anyway; this keeps it so.
  const callOptions = (ms: number) => ({ timeout: ms, maxRetries: 0 });

  return {
    name,
    limits: V3_LIMITS,
    async translateBatch(texts, from, to, ms) {
      const [response] = await call(ms, (c) =>
        c.translateText(
          {
            parent,
            contents: texts,
            // text/plain always: the default is text/html.
            mimeType: 'text/plain',
            sourceLanguageCode: from,
            targetLanguageCode: to,
          },
          callOptions(ms),
        ),
      );
      const translations = response?.translations;
      if (!Array.isArray(translations) || translations.length !== texts.length) {
        throw new TranslationError('malformed', `expected ${texts.length} translations`, name);
      }
      return {
        texts: translations.map((t) => t.translatedText ?? ''),
        detected: from ? undefined : translations.map((t) => t.detectedLanguageCode || undefined),
      };
    },
    async detect(text, ms) {
      const [response] = await call(ms, (c) =>
        c.detectLanguage({ parent, content: text, mimeType: 'text/plain' }, callOptions(ms)),
      );
      const best = response?.languages?.[0];
      if (!best?.languageCode)
        throw new TranslationError('malformed', 'detection without a language', name);
      return { language: best.languageCode, confidence: best.confidence ?? 0 };
    },
    async supportedLanguages(ms) {
      const [response] = await call(ms, (c) =>
        c.getSupportedLanguages({ parent }, callOptions(ms)),
      );
      return (response?.languages ?? [])
        .filter((l) => l.supportTarget !== false && l.languageCode)
        .map((l) => l.languageCode!);
    },
    async close() {
      if (client) await client.close();
    },
  };
}
