/**
 * Several processes on one store: concurrent read-modify-write updates of one subscriber from
 * separate processes never lose each other (SQLite file, Redis, PostgreSQL).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSubscriber as subscriber } from '../../../src/testkit/subscriber.js';
import { createStore, type Store } from '../../../src/store/index.js';
import { testBackends, type TestBackend } from './backends.js';

const shared = testBackends()
  .filter((b) => b.name !== 'memory')
  .map((b) => b.make());

function child(url: string, chatId: number, tag: string, count: number): Promise<void> {
  const script = fileURLToPath(new URL('./fixtures/add-topics.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      ['--import', 'tsx', script, url, String(chatId), tag, String(count)],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let err = '';
    p.stderr.on('data', (b: Buffer) => (err += b.toString()));
    p.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`child failed (${code}): ${err}`)),
    );
  });
}

describe.each(shared.map((b) => [b.name, b] as const))(
  'store on %s, several processes',
  (_name, backend: TestBackend) => {
    let store: Store;
    beforeAll(async () => {
      store = await createStore(backend.url);
    });
    afterAll(async () => {
      await store?.close();
      await backend.cleanup();
    });

    it('keeps every update of one chat made by three processes at once', async () => {
      await store.subscribers.upsert(77, () =>
        subscriber(77, { deliveryTime: '08:00', timeZone: 'Asia/Amman' }),
      );
      await Promise.all([
        child(backend.url, 77, 'a', 10),
        child(backend.url, 77, 'b', 10),
        child(backend.url, 77, 'c', 10),
      ]);
      const topics = (await store.subscribers.get(77))!.topics;
      expect(topics).toHaveLength(30);
      expect(new Set(topics).size).toBe(30);
    }, 60_000);
  },
);
