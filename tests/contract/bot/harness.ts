/**
 * Test harness: the real telegraf bot, long polling against the fake Bot API on 127.0.0.1, over
 * the in-memory store and a predictable translator.
 */
import { createBot, type Bot } from '../../../src/bot/bot.js';
import type { BotDeps } from '../../../src/bot/deps.js';
import { launchBot, type StopBot } from '../../../src/bot/launch.js';
import { parseConfig, type Config } from '../../../src/config/index.js';
import type { Article, Digest, Story } from '../../../src/domain.js';
import { createLogger, silentLogger } from '../../../src/log.js';
import { createStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';
import { toArabicQuery, translateDigest } from '../../../src/translate/index.js';
import type { TranslationOutcome, Translator } from '../../../src/translate/port.js';
import {
  startFakeBotApi,
  textUpdate,
  callbackUpdate,
  type FakeBotApi,
  type FakeCall,
  type TextUpdateOptions,
} from '../../../src/testkit/fake-bot-api.js';

export const TOKEN = '123456789:AAExampleTokenForTests_abcdefghijk';
export const ADMIN = 999;
export const NOW = new Date('2026-11-28T10:00:00Z');

const TO_ARABIC: Record<string, string> = { gaza: 'غزة', elections: 'الانتخابات' };

/** Translates to "[xx] text"; English queries to Arabic by a small dictionary. */
export function fakeTranslator(
  opts: { fail?: boolean } = {},
): Translator & { requests: string[][] } {
  const requests: string[][] = [];
  return {
    provider: 'google-v2',
    requests,
    async translate(texts, req): Promise<TranslationOutcome> {
      requests.push(texts);
      if (opts.fail) {
        return { texts, provider: 'google-v2', chars: 0, cached: 0, fallback: 'error' };
      }
      const out = texts.map((t) =>
        req.to === 'ar' ? (TO_ARABIC[t.trim().toLowerCase()] ?? t) : `[${req.to}] ${t}`,
      );
      return {
        texts: out,
        provider: 'google-v2',
        chars: texts.join('').length,
        cached: 0,
        detected: texts.map(() => 'en'),
      } as TranslationOutcome;
    },
    async detect() {
      return { language: 'en', confidence: 1 };
    },
    async supportedLanguages() {
      return ['ar', 'en', 'fr', 'de', 'sw', 'tr'];
    },
  };
}

export function story(i: number, over: Partial<Story> = {}): Story {
  return {
    id: `story-${i}`,
    title: `مفاوضات غزة تتواصل في القاهرة ${i}`,
    points: [`قال مسؤولون إن الجولة ${i} من المحادثات بدأت.`, 'ومن المتوقع صدور بيان مشترك.'],
    sources: [
      { name: 'الجزيرة', url: `https://www.aljazeera.net/news/${i}` },
      { name: 'بي بي سي', url: `https://www.bbc.com/arabic/${i}` },
    ],
    articles: [],
    score: 10 - i,
    ...over,
  };
}

export function sampleDigest(stories: Story[] = [story(1), story(2), story(3)]): Digest {
  return {
    id: 'digest-2026-11-28',
    window: { from: '2026-11-27T10:00:00.000Z', to: NOW.toISOString() },
    builtAt: NOW.toISOString(),
    language: 'ar',
    stories,
  };
}

export interface Harness {
  api: FakeBotApi;
  store: Store;
  deps: BotDeps;
  bot: Bot;
  config: Config;
  translator: ReturnType<typeof fakeTranslator>;
  /** Sends an update through getUpdates and waits until the bot finished handling it. */
  send(update: Record<string, unknown>): Promise<FakeCall[]>;
  say(o: TextUpdateOptions): Promise<FakeCall[]>;
  press(o: Parameters<typeof callbackUpdate>[0]): Promise<FakeCall[]>;
  close(): Promise<void>;
}

export async function startHarness(
  opts: {
    limits?: BotDeps['limits'];
    translator?: ReturnType<typeof fakeTranslator>;
    env?: Record<string, string>;
    digest?: Digest | null;
    checkSource?: (url: string) => Promise<void>;
    basePath?: string;
    /** A store other than memory (the chaos suite runs on SQLite and Redis). */
    storeUrl?: string;
    /** Articles a question no story matches is named in, in passing. */
    mentions?: Article[];
  } = {},
): Promise<Harness> {
  const api = await startFakeBotApi({
    token: TOKEN,
    ...(opts.basePath ? { basePath: opts.basePath } : {}),
  });
  const store = await createStore(opts.storeUrl ?? 'memory://');
  const config = parseConfig({
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: api.apiRoot,
    ADMIN_CHAT_IDS: String(ADMIN),
    DEFAULT_TIMEZONE: 'Africa/Cairo',
    ...opts.env,
  });
  const translator = opts.translator ?? fakeTranslator();
  if (opts.digest !== null) await store.digests.put(opts.digest ?? sampleDigest());
  // BOT_TEST_LOG=debug shows what the bot logs while a test runs
  const level = process.env.BOT_TEST_LOG;
  const log = level ? createLogger({ level, pretty: false }) : silentLogger();
  const deps: BotDeps = {
    config,
    log,
    store,
    translator,
    now: () => NOW,
    getDigest: () => store.digests.latest(),
    async searchTopic(query) {
      const digest = await store.digests.latest();
      const words = query.split(/\s+/).filter(Boolean);
      const stories = (digest?.stories ?? []).filter((s) =>
        words.some((w) => s.title.includes(w) || s.points.some((p) => p.includes(w))),
      );
      return stories.length === 0 && opts.mentions
        ? { stories, mentions: opts.mentions }
        : { stories };
    },
    translateDigest: (digest, to) => translateDigest(digest, to, translator),
    toArabicQuery: (query, chatId) => toArabicQuery(query, translator, chatId),
    sources: {
      list: async () => [
        {
          id: 'aljazeera',
          name: 'الجزيرة',
          url: 'https://www.aljazeera.net/feed',
          kind: 'feed' as const,
        },
        ...(await store.sources.list()),
      ],
      check: opts.checkSource ?? (async () => undefined),
    },
    ...(opts.limits ? { limits: opts.limits } : {}),
  };
  const bot = createBot(deps);
  const stop: StopBot = await launchBot(bot, config.telegram, log, { adminChatIds: [ADMIN] });
  // polling is running once the first getUpdates arrives
  await api.waitFor((c) => c.method === 'getUpdates');

  async function send(update: Record<string, unknown>): Promise<FakeCall[]> {
    const before = api.calls.length;
    const id = api.pushUpdate(update);
    await api.waitForConfirm(id, 8000);
    return api.calls.slice(before).filter((c) => c.method !== 'getUpdates');
  }

  return {
    api,
    store,
    deps,
    bot,
    config,
    translator,
    send,
    say: (o) => send(textUpdate(o)),
    press: (o) => send(callbackUpdate(o)),
    async close() {
      await stop();
      await api.close();
      await store.close();
    },
  };
}

/** The texts of sendMessage calls among `calls`. */
/** An inline button as the fake Bot API received it. */
export type Button = { text: string; callback_data: string };

/** The inline buttons of a sent message, flattened in order. */
export function buttonsOf(call: { payload: Record<string, unknown> } | undefined): Button[] {
  const markup = call?.payload.reply_markup as { inline_keyboard: Button[][] } | undefined;
  return markup?.inline_keyboard.flat() ?? [];
}

export function texts(calls: FakeCall[]): string[] {
  return calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text));
}
