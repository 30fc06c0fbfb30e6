import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics, startOpsServer, type OpsServer } from '../../../src/ops/index.js';

let server: OpsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('startOpsServer', () => {
  it('answers /healthz with JSON and /metrics with Prometheus text', async () => {
    const metrics = createMetrics();
    metrics.lastIngest.set(1_790_000_000);
    metrics.deliveries.inc({ status: 'sent' }, 5);
    metrics.deliveries.inc({ status: 'blocked' });
    metrics.telegramErrors.inc({ code: '429' }, 2);
    metrics.translationChars.inc({ language: 'en' }, 1234);
    metrics.failingSources.set(3);
    server = await startOpsServer({
      port: 0,
      host: '127.0.0.1',
      metrics,
      health: () => ({
        ok: true,
        lastIngest: '2026-03-01T07:00:00.000Z',
        lastBuild: undefined,
        leader: true,
      }),
    });
    const h = await fetch(`${server.url}/healthz`);
    expect(h.status).toBe(200);
    expect(h.headers.get('content-type')).toMatch(/json/);
    expect(await h.json()).toEqual({
      ok: true,
      status: 'ok',
      reasons: [],
      lastIngest: '2026-03-01T07:00:00.000Z',
      leader: true,
    });
    const m = await fetch(`${server.url}/metrics`);
    expect(m.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await m.text();
    expect(text).toContain('khulasa_last_ingest_timestamp_seconds 1790000000');
    expect(text).toContain('khulasa_deliveries_total{status="sent"} 5');
    expect(text).toContain('khulasa_deliveries_total{status="blocked"} 1');
    expect(text).toContain('khulasa_telegram_errors_total{code="429"} 2');
    expect(text).toContain('khulasa_translation_characters_total{language="en"} 1234');
    expect(text).toContain('khulasa_failing_sources 3');
    expect(text).toContain('# TYPE khulasa_last_build_timestamp_seconds gauge');
    expect((await fetch(`${server.url}/other`)).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('answers 503 when the health check fails', async () => {
    server = await startOpsServer({
      port: 0,
      host: '127.0.0.1',
      metrics: createMetrics(),
      health: () => Promise.reject(new Error('store unreachable\nstack')),
    });
    const h = await fetch(`${server.url}/healthz`);
    expect(h.status).toBe(503);
    expect(await h.json()).toEqual({
      ok: false,
      status: 'degraded',
      reasons: ['store unreachable: store unreachable'],
      error: 'store unreachable',
    });
  });
});
