/**
 * Scenario 2: PostgreSQL unreachable at start (one clear line, no password) and, when
 * TEST_POSTGRES_URL is set, for a while during a broadcast (through a proxy of the test's own,
 * so the shared server is never touched): delivery waits and retries, nothing lost or doubled.
 */
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import {
  CHAOS_SECRETS,
  captureLogs,
  postgresOutage,
  secretNeedles,
} from '../../src/testkit/chaos.js';

describe('PostgreSQL unreachable', () => {
  it('at start: one clear error naming the host, without the password', async () => {
    const err = await createStore(
      `postgresql://khulasa:${CHAOS_SECRETS.storePassword}@127.0.0.1:1/khulasa`,
    ).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(
      /^cannot reach PostgreSQL at 127\.0\.0\.1:1: .*ECONNREFUSED/,
    );
    expect((err as Error).message).not.toContain(CHAOS_SECRETS.storePassword);
  });

  // Like the store contract suite: the PostgreSQL case exists only where a server is given.
  const pg = process.env.TEST_POSTGRES_URL;
  if (pg)
    it('during a broadcast: delivery waits, retries and serves everyone once', async () => {
      const logs = captureLogs();
      const r = await postgresOutage({ postgresUrl: pg!, log: logs.log });
      expect(r.served).toEqual({ once: 12, missed: 0, doubled: 0, blocked: 0 });
      expect(r.notes[1]).toMatch(/^healthz during: 503 degraded: store unreachable/);
      expect(r.notes[2]).toBe('healthz after: 200 ok');
      expect(r.notes[4]).toBe('pass: sent 12, failed 0; second pass sent 0');
      for (const s of secretNeedles()) expect(logs.text()).not.toContain(s);
    });
});
