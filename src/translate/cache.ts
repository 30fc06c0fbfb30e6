/**
 * The translation cache: an in-process LRU in front of the store's shared cache. Entries are
 * immutable for their key, so the thousandth reader of a digest costs no store round trip.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import type { Detection } from './port.js';

/** Most translations one process remembers; the least recently used go first. */
const MEMO_MAX = 50_000;

export interface CachedTranslation {
  /** The translation, placeholders restored. */
  t: string;
  /** Detected source language, when the source was not given. */
  d?: string;
}

export interface CacheDeps {
  store: Store;
  log: Logger;
  now: () => Date;
  /** The provider's name: translations by different providers do not mix. */
  provider: string;
  /** How long a translation stays cached. */
  ttlMs: number;
}

/** Where one segment's translation lives: in this process (`memo`) and in the store (`key`). */
export interface SegmentKeys {
  memo: string;
  key: string;
}

export interface TranslationCache {
  keys(from: string | undefined, to: string, text: string): SegmentKeys;
  /** This process's copy, if it has one. */
  remembered(memoKey: string): CachedTranslation | undefined;
  remember(memoKey: string, value: CachedTranslation): void;
  /**
   * The store's copies, in order (undefined for a miss); an unreachable store is all misses.
   * Hits are remembered in this process.
   */
  lookup(keys: SegmentKeys[]): Promise<(CachedTranslation | undefined)[]>;
  /** Stores translations in the shared cache; a failure is logged, not thrown. */
  store(entries: { key: string; value: CachedTranslation }[]): Promise<void>;
  /** A detection cached for `text`, if any; an unreadable cache is a miss. */
  detection(text: string): Promise<{ key: string; hit?: Detection }>;
  storeDetection(key: string, detection: Detection): Promise<void>;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function parseCached(raw: string | undefined): CachedTranslation | undefined {
  if (raw === undefined) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<CachedTranslation>;
    if (typeof v?.t !== 'string') return undefined;
    return typeof v.d === 'string' ? { t: v.t, d: v.d } : { t: v.t };
  } catch {
    return undefined;
  }
}

export function createTranslationCache(deps: CacheDeps): TranslationCache {
  const { store, log, now, provider, ttlMs } = deps;
  // A TTL under a millisecond means "do not keep": lru-cache would read 0 as "forever".
  const memo =
    ttlMs >= 1
      ? new LRUCache<string, CachedTranslation>({
          max: MEMO_MAX,
          ttl: Math.floor(ttlMs),
          // Entries age on the translator's clock, checked at every read.
          perf: { now: () => now().getTime() },
          ttlResolution: 0,
        })
      : undefined;

  const remember = (memoKey: string, value: CachedTranslation) => void memo?.set(memoKey, value);

  return {
    keys: (from, to, text) => ({
      memo: `${from ?? 'auto'}\u0000${to}\u0000${text}`,
      key: `${provider}:${from ?? 'auto'}:${to}:${sha256(text)}`,
    }),
    remembered: (memoKey) => memo?.get(memoKey),
    remember,
    async lookup(keys) {
      let raw: (string | undefined)[] = [];
      try {
        raw = await store.translations.getMany(keys.map((k) => k.key));
      } catch (err) {
        log.warn({ err }, 'translation cache unavailable; translating without it');
      }
      return keys.map((k, i) => {
        const hit = parseCached(raw[i]);
        if (hit) remember(k.memo, hit);
        return hit;
      });
    },
    async store(entries) {
      await store.translations
        .setMany(
          entries.map((e) => ({ key: e.key, value: JSON.stringify(e.value) })),
          ttlMs,
        )
        .catch((err: unknown) => {
          log.warn({ err }, 'could not cache translations');
        });
    },
    async detection(text) {
      const key = `${provider}:detect:${sha256(text)}`;
      try {
        const [raw] = await store.translations.getMany([key]);
        const hit = raw === undefined ? undefined : (JSON.parse(raw) as Detection);
        if (hit && typeof hit.language === 'string') return { key, hit };
      } catch {
        // An unreadable cache is a miss.
      }
      return { key };
    },
    async storeDetection(key, detection) {
      await store.translations
        .setMany([{ key, value: JSON.stringify(detection) }], ttlMs)
        .catch(() => {});
    },
  };
}
