/**
 * Fault scenarios for the chaos suite (tests/chaos) and `khulasa bench chaos`: each runs the real
 * delivery code (scheduler deps, sender, telegraf's client, a real store) against the fake Bot
 * API with one fault injected, then counts from the store and the fake who got the digest once,
 * who missed it and who got something twice. The tests run them short; the bench runs them long.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { Writable } from 'node:stream';
import { Telegram } from 'telegraf';
import { parseConfig } from '../config/index.js';
import type { Digest } from '../domain.js';
import { createLogger, type Logger } from '../log.js';
import { createHealthSignals, type HealthSignals } from '../ops/health.js';
import { createMetrics, type Metrics } from '../ops/metrics.js';
import { createScheduleDeps } from '../app/schedule-deps.js';
import type { ScheduleDeps } from '../schedule/deps.js';
import type { SenderOptions } from '../bot/sender.js';
import { createStore } from '../store/index.js';
import type { Source, Store, Subscriber } from '../store/types.js';
import type { Translator } from '../translate/port.js';
import { createTranslatorFromConfig } from '../translate/index.js';
import { benchDigest } from './digests.js';
import { startFakeBotApi, type FakeBotApi } from './fake-bot-api.js';
import { startFakeTranslateServer } from './fake-translate-server.js';
import { startOwnRedis } from './redis-server.js';
import { testSubscriber } from './subscriber.js';
import { startTcpProxy } from './tcp-proxy.js';
import { startOpsServer } from '../ops/server.js';
import { createScheduler } from '../schedule/scheduler.js';
import { listenLocal } from './listen.js';

/** Secrets the scenarios configure; none may ever appear in a log line, an error or /metrics. */
export const CHAOS_SECRETS = {
  botToken: '987654321:AAchaosTokenThatMustNeverBeLogged_x1',
  apiKey: 'AIzaChaosKeyThatMustNeverBeLogged0000001',
  storePassword: 'chaos-store-password-never-logged',
} as const;

/** Every secret as it could leak: whole, and the token's secret half alone. */
export function secretNeedles(): string[] {
  const half = CHAOS_SECRETS.botToken.split(':')[1]!;
  return [...Object.values(CHAOS_SECRETS), half];
}

export interface ServedTally {
  /** Got every part of the digest exactly once. */
  once: number;
  /** Got nothing, or only some parts, and are not recorded as blocked. */
  missed: number;
  /** Got at least one part more than once. */
  doubled: number;
  /** Recorded as blocked (inactive) and got nothing. */
  blocked: number;
}

export interface ChaosResult {
  scenario: string;
  fault: string;
  backend: string;
  durationMs: number;
  served?: ServedTally;
  articles?: { expected: number; stored: number; lost: number; duplicated: number };
  /** From the end of the fault to the last due reader served (or the service working again). */
  recoverMs?: number;
  notes: string[];
}

export interface ChaosOptions {
  /** A store URL for a fresh, empty store (each scenario writes its own digest and readers). */
  storeUrl: string;
  backend: string;
  /** Multiplies fault durations: 1 in the test suite, 10–60 in the bench. @default 1 */
  scale?: number;
  /** Receives every log line (scenario 9 scans them). @default a capture of its own */
  log?: Logger;
}

/** A logger whose JSON lines are kept in memory, at debug level so every line is seen. */
export function captureLogs(): { log: Logger; text(): string } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString('utf8'));
      cb();
    },
  });
  return {
    log: createLogger({ level: 'debug', destination: sink, pretty: false }),
    text: () => chunks.join(''),
  };
}

export function chaosSubscriber(chatId: number, over: Partial<Subscriber> = {}): Subscriber {
  const at = new Date().toISOString();
  // the full layout: a digest then spans several messages, so a fault can land between them
  return testSubscriber(chatId, { createdAt: at, updatedAt: at, format: 'full', ...over });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface DeliveryRig {
  api: FakeBotApi;
  store: Store;
  deps: ScheduleDeps;
  digest: Digest;
  metrics: Metrics;
  signals: HealthSignals;
  /** Another instance on the same store (its own sender and client), for lease races. */
  peer(): ScheduleDeps;
  close(): Promise<void>;
}

export interface RigOptions {
  storeUrl: string;
  log: Logger;
  subscribers: Subscriber[];
  sender?: SenderOptions;
  translator?: Translator;
  /** Adds settings to the parsed configuration (translation keys…). */
  env?: Record<string, string>;
  /** A digest long enough for several messages per reader. @default true */
  long?: boolean;
  /** How long a delivery waits for a translation before it sends Arabic with the notice. */
  translateDeadlineMs?: number;
}

/** The delivery side of the service over a real store and the fake Bot API. */
export async function deliveryRig(o: RigOptions): Promise<DeliveryRig> {
  const api = await startFakeBotApi({ token: CHAOS_SECRETS.botToken });
  const store = await createStore(o.storeUrl, { log: o.log });
  const now = new Date();
  const digest = benchDigest(
    now,
    `chaos-${now.getTime()}-${randomBytes(3).toString('hex')}`,
    o.long ?? true,
  );
  await store.digests.put(digest);
  for (const s of o.subscribers) await store.subscribers.upsert(s.chatId, () => s);
  const config = parseConfig({ SEND_RATE_PER_SECOND: '200', TRANSLATE_PROVIDER: 'none', ...o.env });
  const translator = o.translator ?? createTranslatorFromConfig(config, { store, log: o.log });
  const metrics = createMetrics();
  const signals = createHealthSignals();
  const make = (instanceId: string) =>
    createScheduleDeps({
      config,
      log: o.log.child({ instance: instanceId }),
      store,
      translator,
      telegram: new Telegram(CHAOS_SECRETS.botToken, {
        apiRoot: `${api.apiRoot}/`,
        webhookReply: false,
      }),
      metrics,
      signals,
      instanceId,
      sender: {
        backoffMs: 20,
        perChatIntervalMs: 0,
        marginMs: 0,
        groupPerMinute: 60_000,
        timeoutMs: 400,
        ...o.sender,
      },
    });
  const deps = { ...make('chaos-a'), translateDeadlineMs: o.translateDeadlineMs };
  const peers: ScheduleDeps[] = [];
  return {
    api,
    store,
    deps,
    digest,
    metrics,
    signals,
    peer() {
      const p = make(`chaos-${peers.length + 2}`);
      peers.push(p);
      return p;
    },
    async close() {
      deps.sender.stop();
      for (const p of peers) p.sender.stop();
      await api.close();
      if (!o.translator) await (translator as { close?: () => Promise<void> }).close?.();
      await store.close();
    },
  };
}

/**
 * Counts, from the fake Bot API and the store, how each reader fared. A reader migrated to a
 * supergroup is counted over both chat ids.
 */
export async function tallyServed(
  rig: Pick<DeliveryRig, 'api' | 'store' | 'deps' | 'digest'>,
  readers: Subscriber[],
  migrations: ReadonlyMap<number, number> = new Map(),
): Promise<ServedTally> {
  const tally: ServedTally = { once: 0, missed: 0, doubled: 0, blocked: 0 };
  for (const reader of readers) {
    const ids = [reader.chatId, migrations.get(reader.chatId)].filter(
      (x): x is number => x !== undefined,
    );
    const texts = ids.flatMap((id) => rig.api.sent(id).map((m) => m.text));
    const counts = new Map<string, number>();
    for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
    const finalId = ids[ids.length - 1]!;
    const sub = await rig.store.subscribers.get(finalId);
    const rec = await rig.store.deliveries.get(rig.digest.id, finalId);
    // What the reader should have: the rendered digest (Arabic readers), or as many messages as
    // the store says went out (a translation or its notice changes the text, not the count).
    const parts = rig.deps.render(rig.digest, {
      ui: 'ar',
      timeZone: reader.timeZone,
      format: reader.format ?? 'brief',
    });
    const complete =
      reader.language === rig.digest.language
        ? parts.every((p) => counts.get(p.html) === 1) && texts.length === parts.length
        : rec?.status === 'sent' && rec.partsSent > 0 && texts.length === rec.partsSent;
    if ([...counts.values()].some((n) => n > 1)) tally.doubled++;
    else if (complete && sub?.lastDigestId === rig.digest.id) tally.once++;
    else if (texts.length === 0 && sub && !sub.active) tally.blocked++;
    else tally.missed++;
  }
  return tally;
}

/** Polls until `check` is true or `timeoutMs` passes; returns whether it became true. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 25,
): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= end) return false;
    await sleep(everyMs);
  }
}

// ---------------------------------------------------------------------------------------------
// Scenario 4: the Bot API misbehaves.

/** The Bot API accepts a send and answers nothing for `hangMs` (then a gateway timeout). */
export async function botApiHangs(opts: ChaosOptions): Promise<ChaosResult> {
  const scale = opts.scale ?? 1;
  const log = opts.log ?? captureLogs().log;
  const hangMs = 1500 * scale;
  const readers = [1, 2, 3].map((id) => chaosSubscriber(id));
  const rig = await deliveryRig({ storeUrl: opts.storeUrl, log, subscribers: readers });
  const started = Date.now();
  try {
    let hung = 0;
    rig.api.respondWith('sendMessage', async (c) => {
      if (c.chatId !== 1 || hung++ > 0) return undefined;
      await sleep(hangMs);
      return { status: 504, body: 'Gateway Timeout' };
    });
    const report = await runPass(rig.deps);
    const servedAt = Date.now();
    const served = await tallyServed(rig, readers);
    return {
      scenario: '4 bot-api-hang',
      fault: `Bot API silent ${hangMs / 1000} s on one send (client timeout 0.4 s)`,
      backend: opts.backend,
      durationMs: Date.now() - started,
      served,
      recoverMs: Math.max(0, servedAt - started),
      notes: [`pass: sent ${report.sent}, failed ${report.failed}`],
    };
  } finally {
    await rig.close();
  }
}

async function runPass(deps: ScheduleDeps, leaseMs?: number) {
  const { runDeliveryPass } = await import('../schedule/delivery.js');
  return runDeliveryPass(deps, { now: new Date(), all: true, leaseMs });
}

async function resume(deps: ScheduleDeps, leaseMs?: number) {
  const { resumeDeliveries } = await import('../schedule/delivery.js');
  return resumeDeliveries(deps, { now: new Date(), leaseMs });
}

/**
 * Every send answers 502 for `outageMs`; the pass gives up on them, and the periodic resume
 * serves them once the Bot API is back, without a restart.
 */
export async function botApi502(opts: ChaosOptions): Promise<ChaosResult> {
  const scale = opts.scale ?? 1;
  const log = opts.log ?? captureLogs().log;
  const outageMs = 1000 * scale;
  const readers = [1, 2, 3, 4].map((id) => chaosSubscriber(id));
  const rig = await deliveryRig({ storeUrl: opts.storeUrl, log, subscribers: readers });
  const started = Date.now();
  const outageEnd = started + outageMs;
  try {
    rig.api.respondWith('sendMessage', () =>
      Date.now() < outageEnd ? { status: 502, body: 'Bad Gateway' } : undefined,
    );
    const first = await runPass(rig.deps);
    const degraded = rig.signals.get('telegram')?.ok === false;
    let passes = 1;
    // The service's resume timer (every RESUME_EVERY_MINUTES, three attempts per send), scaled
    // down like the outage: unfinished sends go out once the API is back.
    let recoveredAt = 0;
    for (let i = 0; i < 4 && !recoveredAt; i++) {
      await sleep(outageMs * 0.6);
      await resume(rig.deps);
      passes++;
      const t = await tallyServed(rig, readers);
      if (t.once + t.doubled === readers.length) recoveredAt = Date.now();
    }
    const served = await tallyServed(rig, readers);
    return {
      scenario: '4 bot-api-502',
      fault: `every send answered 502 for ${outageMs / 1000} s`,
      backend: opts.backend,
      durationMs: Date.now() - started,
      served,
      recoverMs: recoveredAt ? Math.max(0, recoveredAt - outageEnd) : undefined,
      notes: [
        `first pass: sent ${first.sent}, failed ${first.failed}; ${passes} passes in all`,
        `health said Bot API unreachable during the outage: ${degraded}`,
        `health after recovery: ${rig.signals.get('telegram')?.ok ? 'ok' : 'failing'}`,
      ],
    };
  } finally {
    await rig.close();
  }
}

/**
 * One reader's chat answers 429 with a `retry_after` longer than the send lease, while a second
 * instance resumes unfinished sends: the wait must not hand the send to the other instance.
 */
export async function botApi429(opts: ChaosOptions): Promise<ChaosResult> {
  const scale = opts.scale ?? 1;
  const log = opts.log ?? captureLogs().log;
  const retryAfter = 2 * scale;
  const leaseMs = 1000;
  const readers = [1, 2, 3].map((id) => chaosSubscriber(id));
  const rig = await deliveryRig({ storeUrl: opts.storeUrl, log, subscribers: readers });
  const started = Date.now();
  try {
    let limited = 0;
    rig.api.respondWith('sendMessage', (c) =>
      c.chatId === 2 && limited++ === 0
        ? {
            error_code: 429,
            description: `Too Many Requests: retry after ${retryAfter}`,
            parameters: { retry_after: retryAfter },
          }
        : undefined,
    );
    const peer = rig.peer();
    const pass = runPass(rig.deps, leaseMs);
    // The other instance's resume timer fires while the first waits out retry_after.
    let peerSent = 0;
    const deadline = Date.now() + retryAfter * 1000 + 500;
    while (Date.now() < deadline) {
      await sleep(300);
      peerSent += (await resume(peer, leaseMs)).sent;
    }
    const report = await pass;
    const served = await tallyServed(rig, readers);
    return {
      scenario: '4 bot-api-429',
      fault: `429 retry_after ${retryAfter} s (lease ${leaseMs / 1000} s, a second instance resuming)`,
      backend: opts.backend,
      durationMs: Date.now() - started,
      served,
      recoverMs: Date.now() - started - retryAfter * 1000,
      notes: [`pass: sent ${report.sent}, failed ${report.failed}; peer sent ${peerSent}`],
    };
  } finally {
    await rig.close();
  }
}

/** A group becomes a supergroup after the first part of its digest went out. */
export async function chatMigrates(opts: ChaosOptions): Promise<ChaosResult> {
  const log = opts.log ?? captureLogs().log;
  const group = -40;
  const supergroup = -1_000_000_000_040;
  const readers = [chaosSubscriber(group), chaosSubscriber(7)];
  const rig = await deliveryRig({ storeUrl: opts.storeUrl, log, subscribers: readers });
  const started = Date.now();
  try {
    rig.api.respondWith('sendMessage', (c) =>
      c.chatId === group && rig.api.sent(group).length >= 1
        ? {
            error_code: 400,
            description: 'Bad Request: group chat was upgraded to a supergroup chat',
            parameters: { migrate_to_chat_id: supergroup },
          }
        : undefined,
    );
    const report = await runPass(rig.deps);
    const again = await runPass(rig.deps);
    const served = await tallyServed(rig, readers, new Map([[group, supergroup]]));
    const moved = await rig.store.subscribers.get(supergroup);
    return {
      scenario: '4 chat-migrates',
      fault: 'group upgraded to a supergroup after part 1 of the digest',
      backend: opts.backend,
      durationMs: Date.now() - started,
      served,
      notes: [
        `pass: sent ${report.sent}; second pass sent ${again.sent}`,
        `subscriber moved: ${moved?.active === true}; old id kept: ${(await rig.store.subscribers.get(group)) !== undefined}`,
        `parts: group ${rig.api.sent(group).length}, supergroup ${rig.api.sent(supergroup).length}`,
      ],
    };
  } finally {
    await rig.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Scenario 5: the translation endpoint hangs.

/**
 * The translation endpoint answers only after `hangMs` (client timeout 0.3 s). Readers who want
 * English get the Arabic digest with the notice within the delivery's translation deadline,
 * Arabic readers are not held at all, and the provider is not billed twice for one text.
 */
export async function translationHangs(opts: ChaosOptions): Promise<ChaosResult> {
  const scale = opts.scale ?? 1;
  const log = opts.log ?? captureLogs().log;
  const hangMs = 2000 * scale;
  const deadlineMs = 800;
  const fake = await startFakeTranslateServer({ key: CHAOS_SECRETS.apiKey });
  const readers = [
    chaosSubscriber(11, { language: 'en' }),
    chaosSubscriber(12, { language: 'en' }),
    chaosSubscriber(13),
  ];
  const late = chaosSubscriber(14, { language: 'en' });
  const store = await createStore(opts.storeUrl, { log });
  const config = parseConfig({ GOOGLE_TRANSLATE_API_KEY: CHAOS_SECRETS.apiKey });
  // The provider's own timeout is longer than the delivery's deadline, as in production
  // (10 s against 30 s there): the deadline is what keeps readers from waiting.
  const translator = createTranslatorFromConfig(config, {
    store,
    log,
    endpoint: fake.v2Url,
    timeoutMs: hangMs + 2000,
    retryBaseDelayMs: 20,
  });
  const rig = await deliveryRig({
    storeUrl: opts.storeUrl,
    log,
    subscribers: readers,
    translator,
    long: false,
    translateDeadlineMs: deadlineMs,
  });
  const started = Date.now();
  try {
    fake.behave('slow', { delayMs: hangMs });
    const report = await runPass(rig.deps);
    const passMs = Date.now() - started;
    const notice = rig.deps.notice?.('en', 'error') ?? '';
    const withNotice =
      notice.length > 0 &&
      [11, 12].every((id) => rig.api.sent(id).some((m) => m.text.includes(notice.slice(0, 20))));
    const health = rig.signals.get('translation')?.ok === false ? 'failing' : 'ok';
    // The hung request finishes after the readers were served; it is billed once and cached.
    await waitUntil(() => fake.chars > 0, hangMs + 2000);
    await (translator as { flush?: () => Promise<void> }).flush?.();
    const billedFirst = fake.chars;
    fake.behave('ok');
    // A reader who subscribes later gets the cached translation: nothing billed again.
    await rig.store.subscribers.upsert(late.chatId, () => late);
    const second = await runPass(rig.deps);
    const translated = rig.api.sent(late.chatId).some((m) => m.text.includes('[en]'));
    const served = await tallyServed(rig, [...readers, late]);
    return {
      scenario: '5 translation-hang',
      fault: `translation answers after ${hangMs / 1000} s (delivery deadline ${deadlineMs / 1000} s)`,
      backend: opts.backend,
      durationMs: passMs,
      served,
      recoverMs: passMs,
      notes: [
        `first pass: sent ${report.sent} in ${passMs} ms`,
        `Arabic with the notice: ${withNotice}`,
        `health during the hang: translation ${health}`,
        `characters billed ${billedFirst} then ${fake.chars} (requests ${fake.requests.length})`,
        `later reader: sent ${second.sent}, translated from the cache: ${translated}`,
      ],
    };
  } finally {
    await rig.close();
    await translator.close();
    await store.close();
    await fake.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Scenario 6: hostile feeds beside good ones.

/** An RSS feed of `n` Arabic items of our own (ids stable across passes). */
export function chaosFeed(name: string, n: number, base = 'https://news.example'): string {
  const topics = ['الزراعة', 'التعليم', 'الصحة', 'النقل', 'المياه', 'الطاقة', 'السياحة', 'الثقافة'];
  const items = Array.from({ length: n }, (_, i) => {
    const topic = topics[i % topics.length]!;
    return `<item><title>${name}: خبر عن ${topic} رقم ${i + 1}</title><link>${base}/${encodeURIComponent(name)}/${i + 1}</link><guid>${base}/${encodeURIComponent(name)}/${i + 1}</guid><pubDate>${new Date(Date.now() - (i + 1) * 3600_000).toUTCString()}</pubDate><description>أعلنت وزارة ${topic} في ${name} خطة جديدة للعام المقبل تشمل ${i + 3} مشاريع في المحافظات، وقال المتحدث باسم الوزارة إن التنفيذ يبدأ الشهر المقبل.</description></item>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${name}</title><link>${base}/</link>\n${items}\n</channel></rss>`;
}

type Route = (req: IncomingMessage, res: ServerResponse) => void;

async function serveRoutes(
  routes: Record<string, Route>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const route = routes[(req.url ?? '/').split('?')[0]!];
    if (route) route(req, res);
    else res.writeHead(404).end('not found');
  });
  return listenLocal(server);
}

/**
 * Two good feeds read in the same pass as a feed that drips a byte at a time, one that sends
 * `hugeMb` MB, a gzip bomb, a redirect loop and one that never answers; then a second pass
 * stores nothing twice.
 */
export async function hostileFeeds(opts: ChaosOptions): Promise<ChaosResult> {
  const scale = opts.scale ?? 1;
  const log = opts.log ?? captureLogs().log;
  const totalTimeoutMs = 1500 * scale;
  const hugeMb = 200;
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
  const timers = new Set<NodeJS.Timeout>();
  const feeds = await serveRoutes({
    '/good-1.xml': (_q, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(chaosFeed('الأولى', 6)),
    '/good-2.xml': (_q, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(chaosFeed('الثانية', 5)),
    '/drip.xml': (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<rss>');
      const t = setInterval(() => res.write(' '), 100);
      timers.add(t);
      res.on('close', () => clearInterval(t));
    },
    '/huge.xml': (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < hugeMb * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    },
    '/bomb.xml': (_q, res) =>
      res
        .writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' })
        .end(bomb),
    '/loop-a.xml': (_q, res) => res.writeHead(302, { location: '/loop-b.xml' }).end(),
    '/loop-b.xml': (_q, res) => res.writeHead(302, { location: '/loop-a.xml' }).end(),
    '/hang.xml': () => undefined,
  });
  const store = await createStore(opts.storeUrl, { log });
  const source = (id: string, path: string): Source => ({
    id,
    name: id,
    url: `${feeds.url}${path}`,
    kind: 'feed',
  });
  const sources = [
    source('good-1', '/good-1.xml'),
    source('drip', '/drip.xml'),
    source('huge', '/huge.xml'),
    source('bomb', '/bomb.xml'),
    source('loop', '/loop-a.xml'),
    source('hang', '/hang.xml'),
    source('good-2', '/good-2.xml'),
  ];
  const { runIngest } = await import('../sources/ingest.js');
  const deps = {
    store,
    log,
    now: () => new Date(),
    sources,
    allowPrivate: true,
    ttlMs: 3 * 86_400_000,
  };
  const http = { totalTimeoutMs, connectTimeoutMs: 1000 };
  const rssBefore = process.memoryUsage().rss;
  const started = Date.now();
  try {
    const first = await runIngest(deps, { force: true, http });
    const passMs = Date.now() - started;
    const rssGrowthMb = Math.round((process.memoryUsage().rss - rssBefore) / 1048576);
    const second = await runIngest(deps, { force: true, http });
    const stored = await store.articles.listSince(new Date(0));
    const ids = stored.map((a) => a.id);
    const expected = 11;
    const status = (r: typeof first, id: string) => r.sources.find((s) => s.id === id);
    return {
      scenario: '6 hostile-feeds',
      fault: `drip, ${hugeMb} MB body, gzip bomb, redirect loop, silence (deadline ${totalTimeoutMs / 1000} s)`,
      backend: opts.backend,
      durationMs: passMs,
      articles: {
        expected,
        stored: stored.length,
        lost: Math.max(0, expected - new Set(ids).size),
        duplicated: ids.length - new Set(ids).size,
      },
      recoverMs: passMs,
      notes: [
        ...sources.map(
          (s) =>
            `${s.id}: ${status(first, s.id)?.status ?? 'missing'}${status(first, s.id)?.error ? ` (${status(first, s.id)!.error})` : ''}`,
        ),
        `second pass new articles: ${second.articles}`,
        `memory growth during the pass: ${rssGrowthMb} MB`,
      ],
    };
  } finally {
    for (const t of timers) clearInterval(t);
    await store.close();
    await feeds.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Scenario 1: Redis goes away mid-broadcast.

interface OutageOptions {
  scenario: string;
  what: string;
  backend: string;
  storeUrl: string;
  log: Logger;
  outageMs: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * A broadcast to 12 readers whose store goes away once a few digests went out and comes back
 * `outageMs` later. Delivery pauses, /healthz answers 503 "store unreachable" meanwhile, and
 * the same pass finishes once the store is back: each reader once, nobody twice.
 */
async function storeOutage(o: OutageOptions): Promise<ChaosResult> {
  const { log, outageMs } = o;
  const readers = Array.from({ length: 12 }, (_, i) => chaosSubscriber(100 + i));
  const rig = await deliveryRig({
    storeUrl: o.storeUrl,
    log,
    subscribers: readers,
    long: false,
    sender: { ratePerSecond: 8 },
  });
  const scheduler = createScheduler(rig.deps);
  const ops = await startOpsServer({
    port: 0,
    host: '127.0.0.1',
    metrics: rig.metrics,
    health: () => scheduler.health(),
    healthTimeoutMs: 300,
  });
  const health = async () => {
    const res = await fetch(`${ops.url}/healthz`);
    const body = (await res.json()) as { status: string; reasons: string[] };
    return `${res.status} ${body.status}${body.reasons.length ? `: ${body.reasons[0]}` : ''}`;
  };
  const started = Date.now();
  try {
    const healthBefore = await health();
    const pass = runPass(rig.deps);
    await waitUntil(() => rig.api.sent().length >= 3, 10_000, 10);
    await o.stop();
    const stoppedAt = Date.now();
    const sentAtStop = rig.api.sent().length;
    await sleep(Math.min(400, outageMs / 2));
    const healthDuring = await health();
    await sleep(outageMs - (Date.now() - stoppedAt));
    const sentDuringOutage = rig.api.sent().length - sentAtStop;
    await o.start();
    const restartedAt = Date.now();
    const report = await pass;
    const recoveredAt = Date.now();
    const again = await runPass(rig.deps);
    const healthAfter = await health();
    const served = await tallyServed(rig, readers);
    return {
      scenario: o.scenario,
      fault: `${o.what} ${outageMs / 1000} s mid-broadcast`,
      backend: o.backend,
      durationMs: Date.now() - started,
      served,
      recoverMs: recoveredAt - restartedAt,
      notes: [
        `healthz before: ${healthBefore}`,
        `healthz during: ${healthDuring}`,
        `healthz after: ${healthAfter}`,
        `messages sent while the store was down: ${sentDuringOutage}`,
        `pass: sent ${report.sent}, failed ${report.failed}; second pass sent ${again.sent}`,
      ],
    };
  } finally {
    await ops.close();
    await rig.close().catch(() => undefined);
  }
}

/** Scenario 1: a redis-server of our own is stopped mid-broadcast and started again. */
export async function redisOutage(
  opts: Omit<ChaosOptions, 'storeUrl' | 'backend'>,
): Promise<ChaosResult> {
  const redis = await startOwnRedis();
  try {
    return await storeOutage({
      scenario: '1 redis-outage',
      what: 'redis-server stopped',
      backend: 'redis',
      storeUrl: `${redis.url}/?prefix=chaos:`,
      log: opts.log ?? captureLogs().log,
      outageMs: 1500 * (opts.scale ?? 1),
      stop: () => redis.stop(),
      start: () => redis.start(),
    });
  } finally {
    await redis.close();
  }
}

/**
 * Scenario 2, during a run: PostgreSQL (reached through a proxy of ours, so the shared server
 * is never touched) becomes unreachable mid-broadcast and comes back.
 */
export async function postgresOutage(
  opts: Omit<ChaosOptions, 'storeUrl' | 'backend'> & { postgresUrl: string },
): Promise<ChaosResult> {
  const target = new URL(opts.postgresUrl);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const schema = `khulasa_chaos_${randomBytes(5).toString('hex')}`;
  const url = new URL(opts.postgresUrl);
  url.host = `127.0.0.1:${proxy.port}`;
  url.searchParams.set('schema', schema);
  try {
    return await storeOutage({
      scenario: '2 postgres-outage',
      what: 'PostgreSQL unreachable',
      backend: 'postgres',
      storeUrl: url.toString(),
      log: opts.log ?? captureLogs().log,
      outageMs: 1500 * (opts.scale ?? 1),
      stop: () => proxy.cut(),
      start: () => proxy.restore(),
    });
  } finally {
    await proxy.close();
    const { dropPostgresSchema } = await import('../store/drivers/postgres.js');
    await dropPostgresSchema(opts.postgresUrl, schema).catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Scenario 7: the disk fills up (SQLite capped at a few hundred KiB).

/**
 * An ingest pass into an SQLite store capped with `max_page_count` runs out of room halfway:
 * the failure says the store is full, what was stored stays readable and the file passes
 * SQLite's integrity check; once there is room again (the cap lifted) the next pass stores
 * the rest, nothing twice.
 */
export async function diskFull(
  opts: Omit<ChaosOptions, 'storeUrl' | 'backend'>,
): Promise<ChaosResult> {
  const log = opts.log ?? captureLogs().log;
  const dir = mkdtempSync(join(tmpdir(), 'khulasa-full-'));
  const file = join(dir, 'store.sqlite');
  const feedsCount = 10;
  const items = 40;
  const long = (i: number) =>
    `${' وأضاف المتحدث أن الخطة تشمل تفاصيل كثيرة عن التمويل والتنفيذ والمتابعة.'.repeat(12)} ${i}`;
  const feeds = await serveRoutes(
    Object.fromEntries(
      Array.from({ length: feedsCount }, (_, f) => [
        `/feed-${f}.xml`,
        (_q: IncomingMessage, res: ServerResponse) =>
          res
            .writeHead(200, { 'content-type': 'application/rss+xml' })
            .end(
              chaosFeed(`منفذ ${f}`, items, `https://f${f}.example`).replace(
                /<\/description>/g,
                `${long(f)}</description>`,
              ),
            ),
      ]),
    ),
  );
  const sources: Source[] = Array.from({ length: feedsCount }, (_, f) => ({
    id: `feed-${f}`,
    name: `منفذ ${f}`,
    url: `${feeds.url}/feed-${f}.xml`,
    kind: 'feed',
  }));
  const { runIngest } = await import('../sources/ingest.js');
  const pass = (store: Store) =>
    runIngest(
      { store, log, now: () => new Date(), sources, allowPrivate: true, ttlMs: 3 * 86_400_000 },
      { force: true, concurrency: 2 },
    );
  const started = Date.now();
  try {
    let store = await createStore(`sqlite://${file}?max_page_count=120`, { log });
    let error = '';
    let first: Awaited<ReturnType<typeof pass>> | undefined;
    try {
      first = await pass(store);
    } catch (err) {
      error = (err as Error).message;
    }
    const failed = first?.sources.filter((s) => s.status === 'failed') ?? [];
    error ||= failed[0]?.error ?? '';
    const storedWhileFull = (await store.articles.listSince(new Date(0))).length;
    // The store still answers reads and small writes that fit.
    await store.close();
    const integrity = await sqliteIntegrity(file);
    const fullAt = Date.now();
    // Room again: the cap is lifted, the next pass stores the rest.
    store = await createStore(`sqlite://${file}`, { log });
    const second = await pass(store);
    const recoveredAt = Date.now();
    const all = await store.articles.listSince(new Date(0));
    await store.close();
    const ids = all.map((a) => a.id);
    const expected = feedsCount * items;
    return {
      scenario: '7 disk-full',
      fault: 'SQLite file capped at 120 pages (480 KiB) during an ingest pass',
      backend: 'sqlite',
      durationMs: fullAt - started,
      articles: {
        expected,
        stored: all.length,
        lost: expected - new Set(ids).size,
        duplicated: ids.length - new Set(ids).size,
      },
      recoverMs: recoveredAt - fullAt,
      notes: [
        `first pass: ${failed.length} of ${feedsCount} sources failed; ${storedWhileFull} articles stored`,
        `error: ${error}`,
        `integrity check after the failure: ${integrity}`,
        `second pass: ${second.articles} new articles, ${second.sources.filter((s) => s.status === 'failed').length} sources failed`,
      ],
    };
  } finally {
    await feeds.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `PRAGMA integrity_check` of an SQLite file ("ok" when sound). */
async function sqliteIntegrity(file: string): Promise<string> {
  const { default: sqlite3 } = await import('sqlite3');
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      db.all('PRAGMA integrity_check', (e, rows: { integrity_check: string }[]) => {
        db.close();
        if (e) reject(e);
        else resolve(rows.map((r) => r.integrity_check).join('; '));
      });
    });
  });
}
