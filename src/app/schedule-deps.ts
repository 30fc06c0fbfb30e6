/**
 * Fills the scheduler's ports with the real modules: the digest builder, the translator, bot's
 * renderer and the rate-limited sender over Telegram. main.ts and `khulasa deliver` call this;
 * tests build ScheduleDeps by hand with fakes.
 */
import type { Config } from '../config/index.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import type { Translator } from '../translate/port.js';
import { buildDigest } from '../digest/index.js';
import { fallbackNotice, translateDigest } from '../translate/index.js';
import { renderDigest } from '../bot/index.js';
import { createSender, type SenderOptions, type TelegramLike } from '../bot/sender.js';
import { metrics as processMetrics, type Metrics } from '../ops/metrics.js';
import { healthSignals, type HealthSignals } from '../ops/health.js';
import type { ScheduleDeps } from '../schedule/deps.js';
import { recordHistory } from '../schedule/history.js';
import type { Sender } from '../schedule/ports.js';

export interface CreateScheduleDepsInput {
  config: Config;
  log: Logger;
  store: Store;
  translator: Translator;
  /** telegraf's `bot.telegram` (or `new Telegram(token, { apiRoot })`). */
  telegram: TelegramLike;
  now?: () => Date;
  /** @default the process-wide metrics of src/ops */
  metrics?: Metrics;
  /** @default the process-wide health signals of src/ops */
  signals?: HealthSignals;
  /** Overrides for the sender (rate defaults to SEND_RATE_PER_SECOND). */
  sender?: Sender | SenderOptions;
  /** The one-line notice shown when a digest could not be translated (default: translate's fallbackNotice). */
  notice?: ScheduleDeps['notice'];
  /** Lease/lock owner name (default host:role). */
  instanceId?: string;
  /** Replaces the ingest pass (default: runIngest over SOURCES_FILE or the bundled sources, plus admin-added ones). */
  ingest?: ScheduleDeps['ingest'];
}

function isSender(s: Sender | SenderOptions | undefined): s is Sender {
  return typeof (s as Sender | undefined)?.sendParts === 'function';
}

export function createScheduleDeps(input: CreateScheduleDepsInput): ScheduleDeps {
  const { config, log, store } = input;
  const now = input.now ?? (() => new Date());
  const metrics = input.metrics ?? processMetrics;
  const signals = input.signals ?? healthSignals;
  const sender = isSender(input.sender)
    ? input.sender
    : createSender(input.telegram, {
        ratePerSecond: config.SEND_RATE_PER_SECOND,
        onError: (_chatId, code) => metrics.telegramErrors.inc({ code }),
        onRetry: (_chatId, error) => {
          metrics.telegramRetries.inc();
          signals.failed('telegram', error);
        },
        ...input.sender,
      });
  const ingest: ScheduleDeps['ingest'] =
    input.ingest ??
    (async () => {
      // Loaded on first use: one-off commands (deliver) never pay for the fetching stack.
      const [{ runIngest }, { configuredSources, withAddedSources }] = await Promise.all([
        import('../sources/index.js'),
        import('../sources/configured.js'),
      ]);
      return runIngest({
        store,
        log,
        now,
        sources: await withAddedSources(await configuredSources(config), store),
        allowPrivate: config.ALLOW_PRIVATE_SOURCES,
        ttlMs: config.ARTICLE_TTL_DAYS * 86_400_000,
        onStored: (articles) => recordHistory(store, articles, config.CLUSTER_BACKGROUND_DAYS),
      });
    });
  return {
    config,
    log,
    store,
    translator: input.translator,
    sender,
    now,
    ingest,
    build: (articles, opts) => buildDigest(articles, opts),
    translate: (digest, language, translator) => translateDigest(digest, language, translator),
    render: (digest, opts) => renderDigest(digest, opts),
    notice: input.notice ?? ((language, reason) => fallbackNotice(reason, language)),
    metrics,
    signals,
    instanceId: input.instanceId,
  };
}
