/** Metric names: error codes as a label, ingest counters per source, Node's defaults unprefixed. */
import { describe, expect, it } from 'vitest';
import { createSender } from '../../../src/bot/sender.js';
import { createMetrics } from '../../../src/ops/metrics.js';
import { ingestNow } from '../../../src/schedule/build.js';
import { fakeTelegram, makeDeps, tgError } from '../schedule/helpers.js';

describe('metrics', () => {
  it('keeps Node’s default metrics under their standard names', async () => {
    const text = await createMetrics({ defaults: true }).registry.metrics();
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);
    expect(text).not.toMatch(/khulasa_process_|khulasa_nodejs_/);
  });

  it('counts failed sends by the Bot API’s code, timeouts and network errors', async () => {
    const metrics = createMetrics();
    const telegram = fakeTelegram();
    const errors = [
      tgError(403, 'Forbidden: bot was blocked by the user'),
      tgError(400, 'Bad Request: chat not found'),
      new Error('socket hang up'),
    ];
    telegram.behave = (chatId) => {
      const err = errors[chatId - 1];
      if (err) throw err;
    };
    const sender = createSender(telegram, {
      ratePerSecond: 1000,
      perChatIntervalMs: 0,
      backoffMs: 1,
      maxRetries: 0,
      onError: (_chatId, code) => metrics.telegramErrors.inc({ code }),
    });
    for (const chatId of [1, 2, 3]) await sender.sendParts(chatId, [{ html: 'x' }]);
    const text = await metrics.registry.getSingleMetricAsString('khulasa_telegram_errors_total');
    expect(text).toContain('khulasa_telegram_errors_total{code="403"} 1');
    expect(text).toContain('khulasa_telegram_errors_total{code="400"} 1');
    expect(text).toContain('khulasa_telegram_errors_total{code="network"} 1');
  });

  it('counts new articles and failures per source after an ingest pass', async () => {
    const metrics = createMetrics();
    const deps = await makeDeps({
      metrics,
      ingest: async () => ({
        articles: 7,
        sources: [
          { id: 'almadar', status: 'ok', new: 5 },
          { id: 'alwaha', status: 'ok', new: 2 },
          { id: 'alofuq', status: 'failed', error: 'HTTP 503' },
        ],
      }),
    });
    await ingestNow(deps, deps.now);
    await ingestNow(deps, deps.now);
    const articles = await metrics.registry.getSingleMetricAsString(
      'khulasa_ingest_articles_total',
    );
    expect(articles).toContain('khulasa_ingest_articles_total{source="almadar"} 10');
    expect(articles).toContain('khulasa_ingest_articles_total{source="alwaha"} 4');
    const failures = await metrics.registry.getSingleMetricAsString(
      'khulasa_source_failures_total',
    );
    expect(failures).toContain('khulasa_source_failures_total{source="alofuq"} 2');
    expect(failures).not.toContain('almadar');
  });
});
