/**
 * Two service processes on one host and one store: exactly one leads; after the leader is killed
 * (SIGKILL, no clean-up) the other takes over within the lock TTL, and no chat gets the digest
 * twice. Runs on SQLite always and on Redis when TEST_REDIS_URL is set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { testSubscriber as subscriber } from '../../../src/testkit/subscriber.js';
import { createStore, type Store } from '../../../src/store/index.js';
import { startFakeBotApi, type FakeBotApi } from '../../../src/testkit/fake-bot-api.js';
import { NOW, sampleDigest } from '../bot/harness.js';
import { testBackends } from '../store/backends.js';

const TOKEN = '123456789:AAExampleTokenFromBotFather_abcdefgh';
const TTL_MS = 2_000;
const READERS = 24;
const script = fileURLToPath(new URL('./fixtures/instance.ts', import.meta.url));

interface Instance {
  proc: ChildProcess;
  leader: boolean;
  /** When it last reported becoming leader. */
  ledAt?: number;
}

function startInstance(url: string, apiRoot: string): Instance {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', script, url, apiRoot, TOKEN, NOW.toISOString(), String(TTL_MS)],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { PATH: process.env.PATH ?? '' } },
  );
  const instance: Instance = { proc, leader: false };
  let buffer = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line === 'leader true') {
        instance.leader = true;
        instance.ledAt = Date.now();
      } else if (line === 'leader false') instance.leader = false;
    }
  });
  return instance;
}

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const backends = testBackends().filter((b) => b.name === 'sqlite' || b.name === 'redis');

describe.each(backends.map((b) => [b.name, b] as const))(
  'two instances on one host, %s store',
  (_name, factory) => {
    const backend = factory.make();
    const procs: ChildProcess[] = [];
    let api: FakeBotApi | undefined;
    let store: Store | undefined;
    afterAll(async () => {
      for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
      await api?.close();
      await store?.close();
      await backend.cleanup();
    });

    it('elects one leader, fails over within the lock TTL and sends nothing twice', async () => {
      store = await createStore(backend.url);
      const digest = sampleDigest();
      await store.digests.put(digest);
      for (let i = 0; i < READERS; i++) {
        const chatId = 1000 + i;
        await store.subscribers.upsert(chatId, () => subscriber(chatId, { deliveryTime: '10:00' }));
      }
      api = await startFakeBotApi({ token: TOKEN, latencyMs: 50 });

      const a = startInstance(backend.url, api.apiRoot);
      const b = startInstance(backend.url, api.apiRoot);
      procs.push(a.proc, b.proc);
      await until('a leader', () => a.leader || b.leader, 20_000);
      // Several heartbeats later, still exactly one.
      await new Promise((r) => setTimeout(r, TTL_MS));
      expect([a.leader, b.leader].filter(Boolean)).toHaveLength(1);

      const [leader, other] = a.leader ? [a, b] : [b, a];
      await api.waitForCalls('sendMessage', 3, 20_000);
      const exited = new Promise((resolve) => leader.proc.once('exit', resolve));
      leader.proc.kill('SIGKILL');
      const killedAt = Date.now();
      await exited;
      // Readers the dead leader never claimed: the survivor must send them. (Those it claimed
      // stay leased to it; under load it may have claimed every reader left.)
      const claimed = new Set<number>();
      for await (const r of store.deliveries.listForDigest(digest.id)) claimed.add(r.chatId);
      const unclaimed = Array.from({ length: READERS }, (_, i) => 1000 + i).filter(
        (c) => !claimed.has(c),
      );

      await until('the other instance to lead', () => other.leader, TTL_MS * 3);
      expect(other.ledAt! - killedAt).toBeLessThanOrEqual(TTL_MS + TTL_MS / 5 + 1_000);

      // The survivor delivers the rest; sends the dead leader had claimed stay leased to it.
      // (A message Telegram accepted just before the kill can be both sent and unfinished.)
      const covered = async () => {
        const chats = new Set(api!.sent().map((m) => Number(m.chatId)));
        for await (const r of store!.deliveries.listForDigest(digest.id)) {
          if (r.status !== 'sent') chats.add(r.chatId);
        }
        return chats.size;
      };
      // Wait for the survivor's sends themselves: a reader it has claimed counts as covered
      // before its message goes out (4 a second here, slower on a busy machine).
      const sentTo = () => new Set(api!.sent().map((m) => Number(m.chatId)));
      const deadline = Date.now() + 30_000;
      while (
        ((await covered()) < READERS || unclaimed.some((c) => !sentTo().has(c))) &&
        Date.now() < deadline
      ) {
        await new Promise((r) => setTimeout(r, 200));
      }
      // Time for a duplicate to show up, if the survivor were to send one.
      await new Promise((r) => setTimeout(r, 1_500));

      const perChat = new Map<number | string, number>();
      for (const m of api.sent()) perChat.set(m.chatId, (perChat.get(m.chatId) ?? 0) + 1);
      expect([...perChat.values()].filter((n) => n > 1)).toEqual([]);
      for (const chatId of unclaimed) expect(perChat.get(chatId)).toBe(1);
      // Every reader got it, or is held by the killed leader's unexpired lease.
      expect(await covered()).toBe(READERS);
    }, 90_000);
  },
);
