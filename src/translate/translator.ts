/**
 * The translator everyone uses: a provider adapter wrapped with the cache (`cache.ts`), the
 * character budget (`budget.ts`), retries with backoff (`retry.ts`), the in-flight dedupe
 * (`inflight.ts`), and batched requests with per-request timeouts and bounded concurrency
 * (`send.ts`). It never throws at its
 * callers: when translation is impossible they get the originals and `fallback` says why.
 */
import type { TranslationConfig } from '../config/index.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import { createBudget, type Refusal } from './budget.js';
import { createTranslationCache, type CachedTranslation } from './cache.js';
import { TranslationError, classifyError } from './errors.js';
import { createGoogleV2Provider } from './google-v2.js';
import { createGoogleV3Provider } from './google-v3.js';
import { createInFlight, type Claim } from './inflight.js';
import { detectByScript } from './local-detect.js';
import type { Detection, TranslateRequest, TranslationOutcome, Translator } from './port.js';
import { countChars, needsTranslation, protect, restore } from './protect.js';
import type { Provider } from './provider.js';
import { sendInBatches, type Miss } from './send.js';
import { withRetries, type RetryPolicy } from './retry.js';
import { usageKeys, utcDay } from './usage.js';

export interface TranslatorDeps {
  store: Store;
  log: Logger;
  now: () => Date;
  /** Characters per UTC day, all readers together (TRANSLATE_DAILY_CHAR_LIMIT). */
  dailyCharLimit: number;
  /** Characters per UTC day for one reader's on-demand requests (TRANSLATE_USER_DAILY_CHAR_LIMIT). */
  userDailyCharLimit: number;
  /**
   * Where the provider is, instead of Google's default. google-v2: the base URL ending in
   * /language/translate/v2 (without it the library's own GOOGLE_CLOUD_TRANSLATE_ENDPOINT applies);
   * google-v3: http(s)://host:port, spoken to over REST.
   * @example 'http://127.0.0.1:8085'
   */
  endpoint?: string;
  /** Per-request timeout. @default 10000 */
  timeoutMs?: number;
  /** Retries after the first attempt, on 429, 5xx, 403 rate limit, timeouts, resets. @default 3 */
  retries?: number;
  /** First backoff delay; doubled each retry, with jitter. @default 500 */
  retryBaseDelayMs?: number;
  /** Requests in flight at once for one call. @default 4 */
  concurrency?: number;
  /** How long a translation stays cached. @default 7 days */
  cacheTtlMs?: number;
  /** An adapter to use instead of the one `cfg` names (tests). */
  provider?: Provider;
  /** Waits between retries (tests make it instant). */
  sleep?: (ms: number) => Promise<void>;
}

/** A translator that holds a client; `close()` releases it. */
export interface ManagedTranslator extends Translator {
  /**
   * For health checks: the provider's languages, or the {@link TranslationError} it answered
   * with (bad key, API disabled, unreachable). The only method that throws.
   */
  probe(): Promise<string[]>;
  /** Writes the usage counters still pending (they are written together, a moment later). */
  flush(): Promise<void>;
  /** Flushes and releases the client. */
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function normalizeLanguage(code: string | undefined): string | undefined {
  const c = code?.trim();
  if (!c || c.toLowerCase() === 'auto') return undefined;
  // zh-TW keeps its region; plain codes are lower case.
  const [lang, region] = c.split(/[-_]/);
  return region ? `${lang!.toLowerCase()}-${region.toUpperCase()}` : lang!.toLowerCase();
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The adapter a configuration names, or undefined for "none". */
export function createProvider(cfg: TranslationConfig, endpoint?: string): Provider | undefined {
  switch (cfg.provider) {
    case 'google-v2':
      return createGoogleV2Provider({ apiKey: cfg.apiKey, endpoint });
    case 'google-v3':
      return createGoogleV3Provider({
        projectId: cfg.projectId,
        location: cfg.location,
        keyFilename: cfg.keyFilename,
        apiKey: cfg.apiKey,
        endpoint,
      });
    default:
      return undefined;
  }
}

/**
 * Builds the translator: the provider `cfg` names (or "none"), with the cache, the budget and
 * retries around it.
 */
export function createTranslator(cfg: TranslationConfig, deps: TranslatorDeps): ManagedTranslator {
  const provider = deps.provider ?? createProvider(cfg, deps.endpoint);
  const name: Translator['provider'] = provider?.name ?? 'none';
  const { now } = deps;
  const log = deps.log.child({ module: 'translate', provider: name });
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const concurrency = Math.max(1, deps.concurrency ?? 4);
  const retry: RetryPolicy = {
    provider: name,
    retries: deps.retries ?? 3,
    baseDelayMs: deps.retryBaseDelayMs ?? 500,
    sleep: deps.sleep ?? defaultSleep,
    log,
  };
  const cache = createTranslationCache({
    store: deps.store,
    log,
    now,
    provider: name,
    ttlMs: deps.cacheTtlMs ?? 7 * DAY_MS,
  });
  const budget = createBudget({
    store: deps.store,
    log,
    now,
    dailyCharLimit: deps.dailyCharLimit,
    userDailyCharLimit: deps.userDailyCharLimit,
  });
  const inflight = createInFlight<CachedTranslation>();
  let languages: { list: string[]; at: number } | undefined;

  async function translate(
    texts: string[],
    request: TranslateRequest,
  ): Promise<TranslationOutcome> {
    const to = normalizeLanguage(request.to) ?? request.to;
    const from = normalizeLanguage(request.from);
    const originals = [...texts];
    if (texts.length === 0 || (from !== undefined && from === to)) {
      return { texts: originals, provider: name, chars: 0, cached: 0 };
    }
    const day = utcDay(now());
    const fallback = (why: Refusal, chars: number, cached: number) => {
      if (why !== 'not-configured') budget.count(usageKeys.fallbacks(day), 1);
      return { texts: originals, provider: name, chars, cached, fallback: why };
    };
    if (!provider) {
      return texts.some((t) => needsTranslation(protect(t).text))
        ? fallback('not-configured', 0, 0)
        : { texts: originals, provider: name, chars: 0, cached: 0 };
    }

    const results = new Map<string, CachedTranslation>();
    const fromCache = new Set<string>();
    const lookups: (Miss & { memo: string; claim: Claim<CachedTranslation> })[] = [];
    const waits: { text: string; promise: Promise<CachedTranslation> }[] = [];
    for (const text of new Set(texts)) {
      const keys = cache.keys(from, to, text);
      const remembered = cache.remembered(keys.memo);
      if (remembered) {
        results.set(text, remembered);
        fromCache.add(text);
        continue;
      }
      // Another caller is already looking this segment up or translating it: wait for it.
      const pendingValue = inflight.get(keys.memo);
      if (pendingValue) {
        waits.push({ text, promise: pendingValue });
        continue;
      }
      const prepared = protect(text);
      if (!needsTranslation(prepared.text)) {
        // Nothing a translator could change: only the figures are localised.
        results.set(text, { t: restore(prepared.text, prepared.tokens, to) });
        continue;
      }
      // Claimed before the first await, so concurrent callers find it.
      lookups.push({
        text,
        key: keys.key,
        memo: keys.memo,
        prepared,
        chars: countChars(prepared.text),
        claim: inflight.claim(keys.memo),
      });
    }

    let refusal: TranslationOutcome['fallback'];
    let sent = 0;
    if (lookups.length > 0) {
      try {
        const hits = await cache.lookup(lookups);
        const misses: typeof lookups = [];
        lookups.forEach((l, i) => {
          const hit = hits[i];
          if (!hit) return void misses.push(l);
          results.set(l.text, hit);
          fromCache.add(l.text);
          l.claim.resolve(hit);
        });
        if (misses.length > 0) {
          const chars = misses.reduce((n, m) => n + m.chars, 0);
          const reservation = await budget.reserve(chars, request.chatId);
          if (reservation.refusal) {
            refusal = reservation.refusal;
            const err = Object.assign(
              new TranslationError('rejected', `refused: ${refusal}`, name),
              {
                fallback: refusal,
              },
            );
            for (const m of misses) m.claim.reject(err);
          } else {
            const out = await sendInBatches(provider, misses, {
              from,
              to,
              concurrency,
              timeoutMs,
              retry,
              cache,
            });
            sent = out.sent;
            budget.refund(reservation.day, out.failed, request.chatId);
            out.values.forEach((v, i) => {
              const m = misses[i]!;
              if (v instanceof TranslationError) {
                m.claim.reject(v);
                refusal ??= 'error';
              } else {
                m.claim.resolve(v);
                results.set(m.text, v);
                cache.remember(m.memo, v);
              }
            });
            if (out.failed > 0) {
              const err = out.values.find((v) => v instanceof TranslationError) as TranslationError;
              log.warn(
                { kind: err.kind, status: err.status },
                `translation failed: ${err.message}`,
              );
            }
          }
        }
      } catch (err) {
        refusal ??= 'error';
        log.error({ err }, 'translation failed unexpectedly');
      } finally {
        for (const l of lookups) {
          if (!l.claim.done)
            l.claim.reject(new TranslationError('rejected', 'not translated', name));
          inflight.release(l.memo);
        }
      }
    }
    if (waits.length > 0) {
      const settled = await Promise.allSettled(waits.map((w) => w.promise));
      settled.forEach((s, i) => {
        const text = waits[i]!.text;
        if (s.status === 'fulfilled') {
          results.set(text, s.value);
          fromCache.add(text);
        } else {
          // The caller that owned the request says why (budget, error); we answer the same.
          refusal ??=
            (s.reason as { fallback?: TranslationOutcome['fallback'] }).fallback ?? 'error';
        }
      });
    }

    const cached = texts.filter((t) => fromCache.has(t)).length;
    budget.countSoon(usageKeys.cached(day), cached);
    if (refusal) return fallback(refusal, sent, cached);
    const outcome: TranslationOutcome = {
      texts: texts.map((t) => results.get(t)!.t),
      provider: name,
      chars: sent,
      cached,
    };
    if (from === undefined) outcome.detected = texts.map((t) => results.get(t)!.d);
    return outcome;
  }

  async function detect(text: string): Promise<Detection> {
    const local = detectByScript(text);
    if (!provider || !needsTranslation(protect(text).text)) return local;
    const { key, hit } = await cache.detection(text);
    if (hit) return hit;
    const chars = countChars(text);
    const reservation = await budget.reserve(chars, undefined);
    if (reservation.refusal) return local;
    try {
      const detection = await withRetries(retry, 'detecting a language', () =>
        provider.detect(text, timeoutMs),
      );
      await cache.storeDetection(key, detection);
      return detection;
    } catch (err) {
      budget.refund(reservation.day, chars, undefined);
      log.warn(
        { err: classifyError(err, name) },
        'language detection failed; guessing from the script',
      );
      return local;
    }
  }

  /** The provider's list, asked at most once a day; throws what the provider said. */
  async function listLanguages(): Promise<string[]> {
    if (!provider) return ['ar'];
    if (languages && now().getTime() - languages.at < DAY_MS) return languages.list;
    const list = await withRetries(retry, 'listing languages', () =>
      provider.supportedLanguages(timeoutMs),
    );
    languages = { list, at: now().getTime() };
    return list;
  }

  async function supportedLanguages(): Promise<string[]> {
    try {
      return await listLanguages();
    } catch (err) {
      log.warn({ err: classifyError(err, name) }, 'could not list languages');
      return [];
    }
  }

  return {
    provider: name,
    translate: (texts, request) =>
      translate(texts, request).catch((err: unknown) => {
        log.error({ err }, 'translation failed unexpectedly');
        return {
          texts: [...texts],
          provider: name,
          chars: 0,
          cached: 0,
          fallback: 'error' as const,
        };
      }),
    detect: (text) => detect(text).catch(() => detectByScript(text)),
    supportedLanguages,
    probe: async () => {
      try {
        return await listLanguages();
      } catch (err) {
        throw classifyError(err, name);
      }
    },
    flush: () => budget.flush(),
    close: async () => {
      await budget.flush();
      await provider?.close().catch(() => {});
    },
  };
}
