import { afterEach, describe, expect, it } from 'vitest';
import {
  assessHealth,
  createHealthSignals,
  createMetrics,
  redactUrlPasswords,
  startOpsServer,
  type HealthInput,
  type OpsServer,
} from '../../../src/ops/index.js';
import { buildDigestNow, ingestNow } from '../../../src/schedule/build.js';
import { createScheduler } from '../../../src/schedule/scheduler.js';
import { makeDeps } from '../schedule/helpers.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const base: HealthInput = { now: NOW, startedAt: new Date(ago(10)), lastBuild: ago(30) };

describe('assessHealth', () => {
  it('is ok with a fresh build, some sources failing and no remote failures', () => {
    expect(
      assessHealth({
        ...base,
        lastIngestSources: { total: 5, failed: 4 },
        telegram: { ok: true, at: ago(1) },
        translation: { ok: true, at: ago(1) },
      }),
    ).toEqual({ status: 'ok', reasons: [] });
  });

  it.each<[string, Partial<HealthInput>, RegExp]>([
    [
      'every source failed',
      { lastIngestSources: { total: 3, failed: 3 } },
      /every source failed.*3 of 3/,
    ],
    ['a stale build', { lastBuild: ago(121) }, /last digest build is 2\.0 h old/],
    [
      'no build long after start',
      { lastBuild: undefined, startedAt: new Date(ago(180)) },
      /no digest built/,
    ],
    [
      'translation failing',
      { translation: { ok: false, at: ago(5), detail: 'HTTP 500' } },
      /translation failing: HTTP 500/,
    ],
    [
      'Bot API unreachable',
      { telegram: { ok: false, at: ago(5), detail: 'ECONNREFUSED' } },
      /Bot API unreachable: ECONNREFUSED/,
    ],
  ])('is degraded on %s', (_name, over, reason) => {
    const h = assessHealth({ ...base, ...over });
    expect(h.status).toBe('degraded');
    expect(h.reasons).toHaveLength(1);
    expect(h.reasons[0]).toMatch(reason);
  });

  it('no build yet just after start, an empty source list and old remote failures are not problems', () => {
    expect(
      assessHealth({
        ...base,
        lastBuild: undefined,
        lastIngestSources: { total: 0, failed: 0 },
        telegram: { ok: false, at: ago(61), detail: 'timeout' },
      }).status,
    ).toBe('ok');
  });

  it('lists every reason at once', () => {
    const h = assessHealth({
      ...base,
      lastBuild: ago(600),
      lastIngestSources: { total: 2, failed: 2 },
      telegram: { ok: false, at: ago(1), detail: 'x' },
      translation: { ok: false, at: ago(1), detail: 'y' },
    });
    expect(h.reasons).toHaveLength(4);
  });
});

describe('health signals', () => {
  it('remember the latest outcome and keep secrets out of the detail', () => {
    const s = createHealthSignals(() => NOW);
    s.failed(
      'telegram',
      'request to http://127.0.0.1:9/bot123456:AAbbCCddEEffGGhhIIjjKKllMMnn/sendMessage failed\nstack',
    );
    const t = s.get('telegram')!;
    expect(t.ok).toBe(false);
    expect(t.detail).not.toContain('AAbbCCdd');
    expect(t.detail).not.toContain('stack');
    s.succeeded('telegram');
    expect(s.get('telegram')).toEqual({ ok: true, at: NOW.toISOString() });
    expect(s.get('translation')).toBeUndefined();
  });

  it('redactUrlPasswords hides the password of a store URL', () => {
    expect(redactUrlPasswords('connect to postgresql://app:hunter2@db:5432/k failed')).toBe(
      'connect to postgresql://app:***@db:5432/k failed',
    );
    expect(redactUrlPasswords('redis://:s3cret@127.0.0.1:6379')).toBe(
      'redis://:***@127.0.0.1:6379',
    );
  });
});

describe('scheduler health', () => {
  it('says degraded when every source failed and the Bot API failed, ok again after both recover', async () => {
    let now = NOW;
    const signals = createHealthSignals(() => now);
    let failAll = true;
    const deps = await makeDeps({
      now: () => now,
      signals,
      ingest: async () => ({
        articles: 0,
        sources: [
          { id: 'a', status: failAll ? 'failed' : 'ok' },
          { id: 'b', status: failAll ? 'failed' : 'ok' },
        ],
      }),
    });
    const scheduler = createScheduler(deps);
    await ingestNow(deps, () => now);
    await buildDigestNow(deps, now);
    signals.failed('telegram', 'connect ECONNREFUSED 127.0.0.1:1');
    let h = await scheduler.health();
    expect(h).toMatchObject({ ok: true, status: 'degraded' });
    expect(h.reasons).toEqual([
      'every source failed in the last ingest pass (2 of 2)',
      'Bot API unreachable: connect ECONNREFUSED 127.0.0.1:1',
    ]);
    failAll = false;
    now = new Date(NOW.getTime() + 60_000);
    await ingestNow(deps, () => now);
    signals.succeeded('telegram');
    h = await scheduler.health();
    expect(h).toMatchObject({ ok: true, status: 'ok', reasons: [] });
    now = new Date(NOW.getTime() + 3 * 3600_000);
    h = await scheduler.health();
    expect(h.status).toBe('degraded');
    expect(h.reasons![0]).toMatch(/last digest build is 3\.0 h old/);
  });
});

describe('/healthz', () => {
  let server: OpsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers 200 with status and reasons when degraded (a feed outage must not restart the process)', async () => {
    server = await startOpsServer({
      port: 0,
      host: '127.0.0.1',
      metrics: createMetrics(),
      health: () => ({
        ok: true,
        status: 'degraded',
        reasons: ['every source failed'],
        leader: true,
      }),
    });
    const h = await fetch(`${server.url}/healthz`);
    expect(h.status).toBe(200);
    expect(await h.json()).toEqual({
      ok: true,
      status: 'degraded',
      reasons: ['every source failed'],
      leader: true,
    });
  });

  it('answers 503 with the reason when the store does not answer in time', async () => {
    server = await startOpsServer({
      port: 0,
      host: '127.0.0.1',
      metrics: createMetrics(),
      healthTimeoutMs: 100,
      health: () => new Promise(() => undefined),
    });
    const started = Date.now();
    const h = await fetch(`${server.url}/healthz`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(h.status).toBe(503);
    const body = (await h.json()) as { ok: boolean; status: string; reasons: string[] };
    expect(body.ok).toBe(false);
    expect(body.status).toBe('degraded');
    expect(body.reasons[0]).toMatch(/^store unreachable: no answer in 100 ms/);
  });

  it('answers 503 without the store password when the store read fails', async () => {
    server = await startOpsServer({
      port: 0,
      host: '127.0.0.1',
      metrics: createMetrics(),
      health: () => Promise.reject(new Error('cannot reach postgresql://app:hunter2@db/k\nstack')),
    });
    const h = await fetch(`${server.url}/healthz`);
    expect(h.status).toBe(503);
    const text = await h.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text).reasons[0]).toBe(
      'store unreachable: cannot reach postgresql://app:***@db/k',
    );
  });
});
