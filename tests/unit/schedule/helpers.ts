/**
 * Small in-test fakes for the scheduler's ports: a memory store with the outbox and lock
 * semantics of the Store contract, a scripted Telegram, a tiny digest and renderer.
 */
import { silentLogger } from '../../../src/log.js';
import type { Article, Digest } from '../../../src/domain.js';
import type { DeliveryRecord, Store, Subscriber } from '../../../src/store/types.js';
import type { Translator } from '../../../src/translate/port.js';
import { createSender, type SenderOptions, type TelegramLike } from '../../../src/bot/sender.js';
import type { ScheduleDeps } from '../../../src/schedule/deps.js';
import { dueInstantOn, isDueAt } from '../../../src/time/index.js';
import { createMetrics } from '../../../src/ops/metrics.js';

export function fakeStore(clock: () => Date = () => new Date()): Store & {
  subs: Map<number, Subscriber>;
  records: Map<string, DeliveryRecord>;
  metaMap: Map<string, unknown>;
  digestList: Digest[];
  lockMap: Map<string, { owner: string; until: number }>;
} {
  const subs = new Map<number, Subscriber>();
  const records = new Map<string, DeliveryRecord>();
  const metaMap = new Map<string, unknown>();
  const digestList: Digest[] = [];
  const lockMap = new Map<string, { owner: string; until: number }>();
  const articles = new Map<string, Article>();
  const key = (d: string, c: number) => `${d}:${c}`;
  const clone = <T>(v: T): T => structuredClone(v);
  return {
    backend: 'memory',
    subs,
    records,
    metaMap,
    digestList,
    lockMap,
    subscribers: {
      async get(id) {
        const s = subs.get(id);
        return s && clone(s);
      },
      async upsert(id, update) {
        const next = update(subs.get(id) && clone(subs.get(id)!));
        subs.set(id, clone(next));
        return next;
      },
      async upsertMany(updates) {
        let added = 0;
        for (const { chatId, update } of updates) {
          if (!subs.has(chatId)) added++;
          subs.set(chatId, clone(update(subs.get(chatId) && clone(subs.get(chatId)!))));
        }
        return { added };
      },
      async delete(id) {
        return subs.delete(id);
      },
      async dueAt(minute) {
        return [...subs.values()].filter((s) => s.active && isDueAt(s, minute)).map(clone);
      },
      async dueBetween(from, to) {
        return [...subs.values()]
          .filter((s) => {
            if (!s.active) return false;
            // today's or yesterday's slot in (from, to]
            for (const at of [to, new Date(to.getTime() - 86_400_000)]) {
              const due = dueInstantOn(s, at).getTime();
              if (due > from.getTime() && due <= to.getTime()) return true;
            }
            return false;
          })
          .map(clone);
      },
      async *all() {
        for (const s of [...subs.values()]) yield clone(s);
      },
      async count() {
        const all = [...subs.values()];
        return { total: all.length, active: all.filter((s) => s.active).length };
      },
      async patch(id, patch) {
        const s = subs.get(id);
        if (!s) return undefined;
        const changes = typeof patch === 'function' ? patch(clone(s)) : patch;
        if (!changes) return undefined;
        const to = (typeof patch === 'function' ? undefined : patch.chatId) ?? id;
        const next = { ...s, ...changes, chatId: to };
        subs.delete(id);
        subs.set(to, clone(next));
        return next;
      },
    },
    articles: {
      async putMany(list) {
        let added = 0;
        for (const a of list) {
          if (!articles.has(a.id)) added++;
          articles.set(a.id, a);
        }
        return { added };
      },
      async get(id) {
        return articles.get(id);
      },
      async has(id) {
        return articles.has(id);
      },
      async listSince(since) {
        return [...articles.values()].filter((a) => Date.parse(a.publishedAt) >= since.getTime());
      },
    },
    digests: {
      async put(d) {
        digestList.push(clone(d));
      },
      async get(id) {
        return digestList.find((d) => d.id === id);
      },
      async latest() {
        return digestList.at(-1);
      },
      async previous(id) {
        const i = digestList.findIndex((d) => d.id === id);
        return i > 0 ? digestList[i - 1] : undefined;
      },
    },
    deliveries: {
      async get(d, c) {
        const r = records.get(key(d, c));
        return r && clone(r);
      },
      async claim(d, c, owner, leaseMs, now) {
        const r = records.get(key(d, c));
        if (r?.status === 'sent') return undefined;
        if (
          r?.leaseOwner &&
          r.leaseOwner !== owner &&
          r.leaseUntil &&
          Date.parse(r.leaseUntil) > now.getTime()
        ) {
          return undefined;
        }
        const next: DeliveryRecord = {
          digestId: d,
          chatId: c,
          status: 'sending',
          partsSent: r?.partsSent ?? 0,
          attempts: (r?.attempts ?? 0) + 1,
          updatedAt: now.toISOString(),
          leaseOwner: owner,
          leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
          error: r?.error,
        };
        records.set(key(d, c), next);
        return clone(next);
      },
      async update(r) {
        records.set(key(r.digestId, r.chatId), clone(r));
      },
      async *listForDigest(d) {
        for (const r of [...records.values()]) if (r.digestId === d) yield clone(r);
      },
    },
    translations: {
      async getMany(keys) {
        return keys.map(() => undefined);
      },
      async setMany() {},
    },
    counters: {
      async incr() {
        return 0;
      },
      async get() {
        return 0;
      },
    },
    feeds: {
      async get() {
        return undefined;
      },
      async put() {},
      async all() {
        return [];
      },
    },
    sources: {
      async list() {
        return [];
      },
      async add() {},
      async remove() {
        return false;
      },
    },
    locks: {
      async acquire(name, owner, ttl) {
        const l = lockMap.get(name);
        const now = clock().getTime();
        if (l && l.until > now && l.owner !== owner) return false;
        if (l && l.until > now && l.owner === owner) return false;
        lockMap.set(name, { owner, until: now + ttl });
        return true;
      },
      async renew(name, owner, ttl) {
        const l = lockMap.get(name);
        const now = clock().getTime();
        if (!l || l.owner !== owner || l.until <= now) return false;
        l.until = now + ttl;
        return true;
      },
      async release(name, owner) {
        if (lockMap.get(name)?.owner === owner) lockMap.delete(name);
      },
    },
    meta: {
      async get<T>(k: string) {
        return metaMap.get(k) as T | undefined;
      },
      async set(k, v) {
        metaMap.set(k, v);
      },
    },
    async close() {},
  };
}

export function subscriber(chatId: number, over: Partial<Subscriber> = {}): Subscriber {
  return {
    chatId,
    chatType: chatId < 0 ? 'group' : 'private',
    language: 'ar',
    deliveryTime: '07:00',
    timeZone: 'UTC',
    topics: [],
    active: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

export function digestAt(builtAt: Date, id = `d-${builtAt.toISOString()}`, stories = 2): Digest {
  return {
    id,
    window: {
      from: new Date(builtAt.getTime() - 86_400_000).toISOString(),
      to: builtAt.toISOString(),
    },
    builtAt: builtAt.toISOString(),
    language: 'ar',
    stories: Array.from({ length: stories }, (_, i) => ({
      id: `s${i}`,
      title: `خبر ${i}`,
      points: [`نقطة ${i}`],
      sources: [],
      articles: [],
      score: 1,
    })),
  };
}

/** Records every sendMessage; `behave` decides per call (throw to fail). */
export interface FakeTelegram extends TelegramLike {
  calls: { chatId: number; text: string; at: number; extra?: unknown }[];
  behave?: (chatId: number, text: string, n: number) => void | Promise<void>;
}

export function fakeTelegram(): FakeTelegram {
  const t: FakeTelegram = {
    calls: [],
    async sendMessage(chatId, text, extra) {
      const n = t.calls.length;
      await t.behave?.(chatId, text, n);
      t.calls.push({ chatId, text, at: Date.now(), extra });
      return { message_id: n + 1 };
    },
  };
  return t;
}

/** A telegraf-like error. */
export function tgError(code: number, description: string, parameters?: Record<string, number>) {
  return Object.assign(new Error(`${code}: ${description}`), {
    code,
    description,
    parameters,
    response: { error_code: code, description, parameters },
  });
}

export const identityTranslator: Translator = {
  provider: 'none',
  async translate(texts) {
    return { texts, provider: 'none', chars: 0, cached: 0 };
  },
  async detect() {
    return { language: 'ar', confidence: 1 };
  },
  async supportedLanguages() {
    return ['ar', 'en'];
  },
};

export function makeDeps(
  over: Partial<ScheduleDeps> & { telegram?: TelegramLike; senderOptions?: SenderOptions } = {},
): ScheduleDeps & { translated: string[] } {
  const now = over.now ?? (() => new Date('2026-03-01T07:00:10Z'));
  const store = over.store ?? fakeStore(now);
  const translated: string[] = [];
  const telegram = over.telegram ?? fakeTelegram();
  const deps: ScheduleDeps & { translated: string[] } = {
    config: {
      INGEST_INTERVAL_MINUTES: 15,
      DIGEST_WINDOW_HOURS: 24,
      DIGEST_MAX_STORIES: 8,
      SEND_RATE_PER_SECOND: 1000,
    },
    log: silentLogger(),
    store,
    translator: identityTranslator,
    sender:
      over.sender ??
      createSender(telegram, {
        ratePerSecond: 1000,
        perChatIntervalMs: 0,
        marginMs: 0,
        backoffMs: 1,
        ...over.senderOptions,
      }),
    now,
    async ingest() {
      return { sources: [], articles: 0 };
    },
    build: (_articles, opts) => digestAt(opts.now),
    async translate(digest, language) {
      translated.push(`${digest.id}:${language}`);
      return {
        digest: {
          ...digest,
          language,
          stories: digest.stories.map((s) => ({ ...s, title: `[${language}] ${s.title}` })),
        },
        outcome: { texts: [], provider: 'fake', chars: 10, cached: 0 },
      };
    },
    render: (digest, opts) => [
      { html: `<b>${opts.ui}</b> ${digest.id} part 1` },
      { html: `<b>${opts.ui}</b> ${digest.id} part 2` },
    ],
    metrics: createMetrics(),
    instanceId: 'test-1',
    translated,
    ...over,
  };
  return deps;
}
