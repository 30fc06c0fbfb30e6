/**
 * Scenario 1: a redis-server the test starts on a free port is stopped mid-broadcast and
 * started again. Runs wherever redis-server is installed (CI installs it); TEST_REDIS_URL is not
 * needed because the server is our own.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { captureLogs, redisOutage, secretNeedles } from '../../src/testkit/chaos.js';

function hasRedisServer(): boolean {
  try {
    execFileSync(process.env.REDIS_SERVER ?? 'redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.runIf(hasRedisServer() || process.env.TEST_REDIS_URL)('Redis stops mid-broadcast', () => {
  it('delivery pauses, /healthz says the store is unreachable, the pass finishes once Redis is back: nobody twice', async () => {
    const logs = captureLogs();
    const r = await redisOutage({ log: logs.log });
    expect(r.served).toEqual({ once: 12, missed: 0, doubled: 0, blocked: 0 });
    expect(r.notes[0]).toBe('healthz before: 200 ok');
    expect(r.notes[1]).toMatch(/^healthz during: 503 degraded: store unreachable/);
    expect(r.notes[2]).toBe('healthz after: 200 ok');
    expect(r.notes[4]).toMatch(/pass: sent 12, failed 0; second pass sent 0/);
    // Recovered without a restart, within a few seconds of Redis answering again.
    expect(r.recoverMs, `${r.recoverMs} ms; the store's log:\n${logs.text()}`).toBeLessThan(5000);
    for (const s of secretNeedles()) expect(logs.text()).not.toContain(s);
  });
});
