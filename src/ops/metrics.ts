/**
 * The service's Prometheus metrics (prom-client), in a registry of their own so tests and
 * several services in one process never collide. `metrics` is the process-wide instance the
 * modules increment; tests create their own with `createMetrics()`.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  /** Unix time (seconds) of the last finished ingest pass. */
  readonly lastIngest: Gauge;
  /** Unix time (seconds) of the last digest build. */
  readonly lastBuild: Gauge;
  /** Digest deliveries by final status: sent, blocked, failed, skipped. */
  readonly deliveries: Counter<'status'>;
  /** Messages accepted by Telegram. */
  readonly messagesSent: Counter;
  /** Failed Bot API sends by error code ("429", "403", "400", "timeout", "network"). */
  readonly telegramErrors: Counter<'code'>;
  /** Retried 5xx answers, timeouts and network errors. */
  readonly telegramRetries: Counter;
  /** Characters sent to the translation provider, by target language. */
  readonly translationChars: Counter<'language'>;
  /** Sources whose last fetch failed. */
  readonly failingSources: Gauge;
  /** 1 while this instance holds the scheduler lock. */
  readonly leader: Gauge;
  /** New articles stored, by source id. */
  readonly ingestArticles: Counter<'source'>;
  /** Failed fetches, by source id. */
  readonly sourceFailures: Counter<'source'>;
  /** Duration of delivery passes. */
  readonly deliveryPassSeconds: Histogram;
}

/**
 * Creates a metrics set; `defaults` adds Node's process metrics (memory, event loop lag) under
 * their standard names (process_cpu_seconds_total, nodejs_heap_size_used_bytes …), so the
 * usual Node.js dashboards work unchanged.
 */
export function createMetrics(opts: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaults) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    lastIngest: new Gauge({
      name: 'khulasa_last_ingest_timestamp_seconds',
      help: 'Unix time of the last finished ingest pass',
      registers,
    }),
    lastBuild: new Gauge({
      name: 'khulasa_last_build_timestamp_seconds',
      help: 'Unix time of the last digest build',
      registers,
    }),
    deliveries: new Counter({
      name: 'khulasa_deliveries_total',
      help: 'Digest deliveries by final status',
      labelNames: ['status'],
      registers,
    }),
    messagesSent: new Counter({
      name: 'khulasa_telegram_messages_sent_total',
      help: 'Messages accepted by Telegram',
      registers,
    }),
    telegramErrors: new Counter({
      name: 'khulasa_telegram_errors_total',
      help: 'Failed Bot API sends by error code (429, 403, …, timeout, network)',
      labelNames: ['code'],
      registers,
    }),
    telegramRetries: new Counter({
      name: 'khulasa_telegram_retries_total',
      help: 'Sends retried after a 5xx answer, a timeout or a network error',
      registers,
    }),
    translationChars: new Counter({
      name: 'khulasa_translation_characters_total',
      help: 'Characters sent to the translation provider',
      labelNames: ['language'],
      registers,
    }),
    failingSources: new Gauge({
      name: 'khulasa_failing_sources',
      help: 'Sources whose last fetch failed',
      registers,
    }),
    leader: new Gauge({
      name: 'khulasa_scheduler_leader',
      help: '1 while this instance holds the scheduler lock',
      registers,
    }),
    ingestArticles: new Counter({
      name: 'khulasa_ingest_articles_total',
      help: 'New articles stored, by source',
      labelNames: ['source'],
      registers,
    }),
    sourceFailures: new Counter({
      name: 'khulasa_source_failures_total',
      help: 'Failed source fetches, by source',
      labelNames: ['source'],
      registers,
    }),
    deliveryPassSeconds: new Histogram({
      name: 'khulasa_delivery_pass_seconds',
      help: 'Duration of delivery passes',
      buckets: [0.01, 0.1, 0.5, 1, 5, 30, 120, 600, 3600],
      registers,
    }),
  };
}

/** The process-wide metrics every module increments. */
export const metrics: Metrics = createMetrics({ defaults: true });
