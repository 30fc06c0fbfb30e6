/**
 * The translator everyone uses: a provider adapter wrapped with the cache, the character budget,
 * retries with backoff, per-request timeouts and bounded concurrency. It never throws at its
 * callers: when translation is impossible they get the originals and `fallback` says why.
 */
import { createHash } from 'node:crypto';
import type { TranslationConfig } from '../config/index.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import { mapSettled, planBatches } from './batch.js';
import { TranslationError, classifyError } from './errors.js';
import { createGoogleV2Provider } from './google-v2.js';
import { createGoogleV3Provider } from './google-v3.js';
import { detectByScript } from './local-detect.js';
import type { Detection, TranslateRequest, TranslationOutcome, Translator } from './port.js';
import { countChars, needsTranslation, protect, restore, type Protected } from './protect.js';
import type { Provider } from './provider.js';
import { LIMITS_META_KEY, USAGE_TTL_MS, usageKeys, utcDay } from './usage.js';

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
const MAX_RETRY_DELAY_MS = 8000;
const MEMO_MAX = 50_000;

interface CacheValue {
  /** The translation, placeholders restored. */
  t: string;
  /** Detected source language, when the source was not given. */
  d?: string;
}

interface Miss {
  text: string;
  key: string;
  prepared: Protected;
  chars: number;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function normalizeLanguage(code: string | undefined): string | undefined {
  const c = code?.trim();
  if (!c || c.toLowerCase() === 'auto') return undefined;
  // zh-TW keeps its region; plain codes are lower case.
  const [lang, region] = c.split(/[-_]/);
  return region ? `${lang!.toLowerCase()}-${region.toUpperCase()}` : lang!.toLowerCase();
}

function parseCached(raw: string | undefined): CacheValue | undefined {
  if (raw === undefined) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<CacheValue>;
    if (typeof v?.t !== 'string') return undefined;
    return typeof v.d === 'string' ? { t: v.t, d: v.d } : { t: v.t };
  } catch {
    return undefined;
  }
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
  const { store, now } = deps;
  const log = deps.log.child({ module: 'translate', provider: name });
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const retries = deps.retries ?? 3;
  const baseDelay = deps.retryBaseDelayMs ?? 500;
  const concurrency = Math.max(1, deps.concurrency ?? 4);
  const cacheTtlMs = deps.cacheTtlMs ?? 7 * DAY_MS;
  const sleep = deps.sleep ?? defaultSleep;
  /** Segments being translated right now: a second caller waits instead of paying again. */
  const inflight = new Map<string, Promise<CacheValue>>();
  let languages: { list: string[]; at: number } | undefined;
  /**
   * Translations already seen by this process, so the thousandth reader of a digest costs no
   * store round trip. Entries are immutable for their key; the oldest go first past the cap.
   */
  const memo = new Map<string, { value: CacheValue; until: number }>();
  const memoKey = (from: string | undefined, to: string, text: string) =>
    `${from ?? 'auto'}\u0000${to}\u0000${text}`;
  const memoGet = (key: string): CacheValue | undefined => {
    const e = memo.get(key);
    if (!e) return undefined;
    if (e.until <= now().getTime()) {
      memo.delete(key);
      return undefined;
    }
    return e.value;
  };
  const memoSet = (key: string, value: CacheValue) => {
    if (memo.size >= MEMO_MAX) memo.delete(memo.keys().next().value!);
    memo.set(key, { value, until: now().getTime() + cacheTtlMs });
  };
  /** Counter additions waiting to be written together (many readers at once cost one write). */
  const pending = new Map<string, number>();
  let limitsRecorded = false;

  const cacheKey = (from: string | undefined, to: string, text: string) =>
    `${name}:${from ?? 'auto'}:${to}:${sha256(text)}`;

  /** Best-effort counter bump; usage figures must never break a translation. */
  const writing = new Set<Promise<unknown>>();
  const bump = (key: string, by: number) => {
    if (by === 0) return;
    const write = store.counters.incr(key, by, USAGE_TTL_MS).catch((err: unknown) => {
      log.warn({ err, key }, 'could not update a translation counter');
    });
    writing.add(write);
    void write.finally(() => writing.delete(write));
  };

  const writePending = () => {
    const entries = [...pending];
    pending.clear();
    for (const [k, n] of entries) bump(k, n);
  };
  const bumpSoon = (key: string, by: number) => {
    if (by === 0) return;
    if (pending.size === 0) setImmediate(writePending);
    pending.set(key, (pending.get(key) ?? 0) + by);
  };
  /** Writes every pending counter update and waits for them. */
  const flush = async () => {
    writePending();
    await Promise.allSettled([...writing]);
  };

  const recordLimits = () => {
    if (limitsRecorded) return;
    limitsRecorded = true;
    store.meta
      .set(LIMITS_META_KEY, {
        dailyCharLimit: deps.dailyCharLimit,
        userDailyCharLimit: deps.userDailyCharLimit,
      })
      .catch(() => {
        limitsRecorded = false;
      });
  };

  /**
   * Reserves `chars` against today's limits before sending. Counters are shared by every
   * instance, so the reservation is an atomic add, taken back when it overshoots.
   */
  async function reserve(
    chars: number,
    chatId: number | undefined,
  ): Promise<{ day: string; refusal?: TranslationOutcome['fallback'] }> {
    const day = utcDay(now());
    recordLimits();
    const dayKey = usageKeys.chars(day);
    try {
      if (chars > deps.dailyCharLimit) return { day, refusal: 'budget' };
      const total = await store.counters.incr(dayKey, chars, USAGE_TTL_MS);
      if (total > deps.dailyCharLimit) {
        await store.counters.incr(dayKey, -chars, USAGE_TTL_MS);
        return { day, refusal: 'budget' };
      }
      if (chatId !== undefined) {
        const readerKey = usageKeys.reader(day, chatId);
        const mine = await store.counters.incr(readerKey, chars, USAGE_TTL_MS);
        if (mine > deps.userDailyCharLimit) {
          await store.counters.incr(readerKey, -chars, USAGE_TTL_MS);
          await store.counters.incr(dayKey, -chars, USAGE_TTL_MS);
          return { day, refusal: 'reader-budget' };
        }
      }
      return { day };
    } catch (err) {
      // Without the counters the spend cannot be bounded: do not send.
      log.error({ err }, 'translation budget unavailable; sending nothing');
      return { day, refusal: 'error' };
    }
  }

  /** Gives back characters reserved for requests that failed (failed requests are not billed). */
  function refund(day: string, chars: number, chatId: number | undefined) {
    if (chars === 0) return;
    bump(usageKeys.chars(day), -chars);
    if (chatId !== undefined) bump(usageKeys.reader(day, chatId), -chars);
  }

  /** One provider call with our retry policy: backoff with jitter on retryable failures. */
  async function withRetries<T>(what: string, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        const e = classifyError(err, name);
        if (!e.retryable || attempt >= retries) throw e;
        const delay =
          Math.min(MAX_RETRY_DELAY_MS, baseDelay * 2 ** attempt) * (0.75 + Math.random() / 2);
        log.warn(
          { kind: e.kind, status: e.status, attempt: attempt + 1, delayMs: Math.round(delay) },
          `${what} failed (${e.message}); retrying`,
        );
        await sleep(delay);
      }
    }
  }

  /** Sends the misses in batches; resolves one result per miss (a value or the error). */
  async function send(
    p: Provider,
    misses: Miss[],
    from: string | undefined,
    to: string,
  ): Promise<{ values: (CacheValue | TranslationError)[]; sent: number; failed: number }> {
    const values: (CacheValue | TranslationError)[] = new Array(misses.length);
    const batches = planBatches(
      misses.map((m) => m.chars),
      p.limits,
    );
    let sent = 0;
    let failed = 0;
    const settled = await mapSettled(batches, concurrency, async (batch) => {
      const texts = batch.map((i) => misses[i]!.prepared.text);
      const result = await withRetries(`translating ${texts.length} segments`, () =>
        p.translateBatch(texts, from, to, timeoutMs),
      );
      const entries = batch.map((i, j) => {
        const m = misses[i]!;
        const value: CacheValue = { t: restore(result.texts[j] ?? '', m.prepared.tokens, to) };
        const detected = result.detected?.[j];
        if (detected) value.d = detected;
        values[i] = value;
        return { key: m.key, value: JSON.stringify(value) };
      });
      await store.translations.setMany(entries, cacheTtlMs).catch((err: unknown) => {
        log.warn({ err }, 'could not cache translations');
      });
    });
    settled.forEach((s, b) => {
      const batch = batches[b]!;
      const chars = batch.reduce((n, i) => n + misses[i]!.chars, 0);
      if (s.status === 'fulfilled') {
        sent += chars;
        return;
      }
      const err = classifyError(s.reason, name);
      // A timed-out request may still be billed: it stays counted against the budget.
      if (err.kind === 'timeout') sent += chars;
      else failed += chars;
      for (const i of batch) values[i] = err;
    });
    return { values, sent, failed };
  }

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
    const fallback = (
      why: NonNullable<TranslationOutcome['fallback']>,
      chars: number,
      cached: number,
    ) => {
      if (why !== 'not-configured') bump(usageKeys.fallbacks(day), 1);
      return { texts: originals, provider: name, chars, cached, fallback: why };
    };
    if (!provider) {
      return texts.some((t) => needsTranslation(protect(t).text))
        ? fallback('not-configured', 0, 0)
        : { texts: originals, provider: name, chars: 0, cached: 0 };
    }

    const results = new Map<string, CacheValue>();
    const fromCache = new Set<string>();
    type Deferred = { resolve(v: CacheValue): void; reject(e: unknown): void; done: boolean };
    const lookups: (Miss & { memo: string; deferred: Deferred })[] = [];
    const waits: { text: string; promise: Promise<CacheValue> }[] = [];
    for (const text of new Set(texts)) {
      const mk = memoKey(from, to, text);
      const remembered = memoGet(mk);
      if (remembered) {
        results.set(text, remembered);
        fromCache.add(text);
        continue;
      }
      // Another caller is already looking this segment up or translating it: wait for it.
      const pendingValue = inflight.get(mk);
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
      // Announced before the first await, so concurrent callers find it.
      let deferred!: Deferred;
      const promise = new Promise<CacheValue>((resolve, reject) => {
        deferred = {
          resolve: (v) => ((deferred.done = true), resolve(v)),
          reject: (e) => ((deferred.done = true), reject(e)),
          done: false,
        };
      });
      promise.catch(() => {});
      inflight.set(mk, promise);
      lookups.push({
        text,
        key: cacheKey(from, to, text),
        memo: mk,
        prepared,
        chars: countChars(prepared.text),
        deferred,
      });
    }

    let refusal: TranslationOutcome['fallback'];
    let sent = 0;
    if (lookups.length > 0) {
      try {
        let hits: (string | undefined)[] = [];
        try {
          hits = await store.translations.getMany(lookups.map((l) => l.key));
        } catch (err) {
          log.warn({ err }, 'translation cache unavailable; translating without it');
        }
        const misses: typeof lookups = [];
        lookups.forEach((l, i) => {
          const hit = parseCached(hits[i]);
          if (!hit) return void misses.push(l);
          results.set(l.text, hit);
          fromCache.add(l.text);
          memoSet(l.memo, hit);
          l.deferred.resolve(hit);
        });
        if (misses.length > 0) {
          const chars = misses.reduce((n, m) => n + m.chars, 0);
          const reservation = await reserve(chars, request.chatId);
          if (reservation.refusal) {
            refusal = reservation.refusal;
            const err = Object.assign(
              new TranslationError('rejected', `refused: ${refusal}`, name),
              {
                fallback: refusal,
              },
            );
            for (const m of misses) m.deferred.reject(err);
          } else {
            const out = await send(provider, misses, from, to);
            sent = out.sent;
            refund(reservation.day, out.failed, request.chatId);
            out.values.forEach((v, i) => {
              const m = misses[i]!;
              if (v instanceof TranslationError) {
                m.deferred.reject(v);
                refusal ??= 'error';
              } else {
                m.deferred.resolve(v);
                results.set(m.text, v);
                memoSet(m.memo, v);
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
          if (!l.deferred.done)
            l.deferred.reject(new TranslationError('rejected', 'not translated', name));
          inflight.delete(l.memo);
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
    bumpSoon(usageKeys.cached(day), cached);
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
    const key = `${name}:detect:${sha256(text)}`;
    try {
      const [raw] = await store.translations.getMany([key]);
      const hit = raw === undefined ? undefined : (JSON.parse(raw) as Detection);
      if (hit && typeof hit.language === 'string') return hit;
    } catch {
      // An unreadable cache is a miss.
    }
    const chars = countChars(text);
    const reservation = await reserve(chars, undefined);
    if (reservation.refusal) return local;
    try {
      const detection = await withRetries('detecting a language', () =>
        provider.detect(text, timeoutMs),
      );
      await store.translations
        .setMany([{ key, value: JSON.stringify(detection) }], cacheTtlMs)
        .catch(() => {});
      return detection;
    } catch (err) {
      refund(reservation.day, chars, undefined);
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
    const list = await withRetries('listing languages', () =>
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
    flush,
    close: async () => {
      await flush();
      await provider?.close().catch(() => {});
    },
  };
}
