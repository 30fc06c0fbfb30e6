/**
 * Scenario 9: no bot token, API key or store password in logs, errors, stored records,
 * /healthz, /metrics or doctor output, with every remote failing in the ways that put URLs and
 * credentials into error messages.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { formatChecks, runChecks } from '../../src/cli/doctor.js';
import { startOpsServer, type OpsServer } from '../../src/ops/index.js';
import { createScheduler } from '../../src/schedule/scheduler.js';
import {
  CHAOS_SECRETS,
  captureLogs,
  chaosSubscriber,
  deliveryRig,
  secretNeedles,
  type DeliveryRig,
} from '../../src/testkit/chaos.js';
import { chaosBackends } from './backends.js';

/** A port nothing listens on. */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

function expectNoSecrets(where: string, text: string) {
  for (const s of secretNeedles()) expect(text, `${where} leaks a secret`).not.toContain(s);
}

describe('secrets never leak', () => {
  it('doctor with every remote unreachable and passwords in the store URL', async () => {
    const port = await deadPort();
    for (const store of [
      `postgresql://khulasa:${CHAOS_SECRETS.storePassword}@127.0.0.1:${port}/khulasa`,
      `redis://default:${CHAOS_SECRETS.storePassword}@127.0.0.1:${port}`,
    ]) {
      const checks = await runChecks({
        TELEGRAM_BOT_TOKEN: CHAOS_SECRETS.botToken,
        TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
        STORE_URL: store,
        GOOGLE_TRANSLATE_API_KEY: CHAOS_SECRETS.apiKey,
        GOOGLE_CLOUD_TRANSLATE_ENDPOINT: `http://127.0.0.1:${port}/language/translate/v2`,
      });
      const text = formatChecks(checks);
      expect(checks.some((c) => !c.ok)).toBe(true);
      expectNoSecrets('doctor', text);
      expectNoSecrets('doctor (JSON)', JSON.stringify(checks));
    }
  });

  describe.each(chaosBackends)('with the Bot API unreachable, on $name', ({ make }) => {
    let rig: DeliveryRig | undefined;
    let ops: OpsServer | undefined;
    let cleanup: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await ops?.close();
      await rig?.close();
      await cleanup?.();
    });

    it('logs, stored delivery errors, /healthz and /metrics', async () => {
      const backend = make();
      cleanup = backend.cleanup;
      const logs = captureLogs();
      rig = await deliveryRig({
        storeUrl: backend.url,
        log: logs.log,
        subscribers: [chaosSubscriber(1), chaosSubscriber(2)],
        sender: { maxRetries: 1, timeoutMs: 300 },
      });
      // The Bot API goes away: telegraf's errors then carry the request URL, token included.
      await rig.api.close();
      const { runDeliveryPass } = await import('../../src/schedule/delivery.js');
      const report = await runDeliveryPass(rig.deps, { now: new Date(), all: true });
      expect(report.failed).toBe(2);
      const scheduler = createScheduler(rig.deps);
      ops = await startOpsServer({
        port: 0,
        host: '127.0.0.1',
        metrics: rig.metrics,
        health: () => scheduler.health(),
      });
      const health = await (await fetch(`${ops.url}/healthz`)).text();
      expect(JSON.parse(health)).toMatchObject({ status: 'degraded' });
      expect(health).toMatch(/Bot API unreachable/);
      expectNoSecrets('/healthz', health);
      expectNoSecrets('/metrics', await (await fetch(`${ops.url}/metrics`)).text());
      const records = [];
      for await (const r of rig.store.deliveries.listForDigest(rig.digest.id)) records.push(r);
      expect(records).toHaveLength(2);
      expect(records.every((r) => r.status === 'failed' && r.error)).toBe(true);
      expectNoSecrets('delivery records', JSON.stringify(records));
      expectNoSecrets('logs', logs.text());
    });
  });
});
