/**
 * Small in-test fakes for the scheduler's ports (a scripted Telegram, a tiny digest and
 * renderer) over the real memory store, and probes that read that store through its repositories.
 */
import { silentLogger } from '../../../src/log.js';
import type { Digest } from '../../../src/domain.js';
import type { DeliveryRecord, Store, Subscriber } from '../../../src/store/types.js';
import type { Translator } from '../../../src/translate/port.js';
import { createSender, type SenderOptions, type TelegramLike } from '../../../src/bot/sender.js';
import type { ScheduleDeps } from '../../../src/schedule/deps.js';
import { createMetrics } from '../../../src/ops/metrics.js';
import { memoryStore } from '../../support/failing-store.js';

/** Saves subscribers through the repository, as the bot would. */
export async function subscribe(store: Store, ...subs: Subscriber[]): Promise<void> {
  for (const s of subs) await store.subscribers.upsert(s.chatId, () => s);
}

/** Every outbox record of one digest. */
export async function outbox(store: Store, digestId: string): Promise<DeliveryRecord[]> {
  const out: DeliveryRecord[] = [];
  for await (const r of store.deliveries.listForDigest(digestId)) out.push(r);
  return out.sort((a, b) => a.chatId - b.chatId);
}

/** True when nobody holds the lock: another owner could take it now. */
export async function lockIsFree(store: Store, name: string): Promise<boolean> {
  const probe = `probe-${Math.random().toString(36).slice(2)}`;
  const free = await store.locks.acquire(name, probe, 1000);
  if (free) await store.locks.release(name, probe);
  return free;
}

export { testSubscriber as subscriber } from '../../../src/testkit/subscriber.js';

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

export async function makeDeps(
  over: Partial<ScheduleDeps> & { telegram?: TelegramLike; senderOptions?: SenderOptions } = {},
): Promise<ScheduleDeps & { translated: string[] }> {
  const now = over.now ?? (() => new Date('2026-03-01T07:00:10Z'));
  const store = over.store ?? (await memoryStore());
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
