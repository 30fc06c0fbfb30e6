/**
 * Durability of the embedded store: a subscriber saved by a process that is then killed with
 * SIGKILL (no shutdown, no close) is there when the store is opened again; and many concurrent
 * writes and transactions in one process all get through.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { StoreFullError, createSqliteDriver } from '../../../src/store/drivers/sqlite.js';
import { createStore } from '../../../src/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'khulasa-durable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sqlite store durability', () => {
  it('keeps a subscriber saved just before kill -9', async () => {
    const url = `sqlite://${join(dir, 'store.sqlite')}`;
    const script = fileURLToPath(new URL('./fixtures/save-and-hang.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, url, '4242'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        if (b.toString().includes('saved')) resolve();
      });
      child.once('exit', (code) =>
        reject(new Error(`child exited (${code}) before saving: ${stderr}`)),
      );
    });
    const exited = new Promise((r) => child.once('exit', (_code, signal) => r(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const store = await createStore(url);
    try {
      const s = await store.subscribers.get(4242);
      expect(s).toMatchObject({ chatId: 4242, deliveryTime: '06:45', topics: ['المغرب'] });
      expect(
        (await store.subscribers.dueAt(new Date('2026-01-10T05:45:00Z'))).map((x) => x.chatId),
      ).toContain(4242);
    } finally {
      await store.close();
    }
  });
});

describe('sqlite store under concurrency', () => {
  it('gets hundreds of concurrent writes and transactions of one process through', async () => {
    // Each write waiting for SQLite's lock used to hold one of libuv's four threads; a few of
    // them left none for the transaction they waited on, and everything stalled.
    const d = await createSqliteDriver(`sqlite://${join(dir, 'busy.sqlite')}`, silentLogger());
    try {
      const ops: Promise<unknown>[] = [];
      for (let i = 0; i < 300; i++) {
        ops.push(d.hbatch([[`h${i % 7}`, `f${i}`, 'v'.repeat(100)]], []));
        ops.push(d.set(`k${i}`, 'x'.repeat(100)));
        ops.push(d.hset(`g${i % 5}`, [[`f${i}`, 'v']]));
        ops.push(d.kv.set(`kv${i}`, { i }));
      }
      const results = await Promise.allSettled(ops);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(await d.hlen('h0')).toBe(43);
      expect(await d.get('k299')).toBe('x'.repeat(100));
      expect(await d.kv.get('kv123')).toEqual({ i: 123 });
    } finally {
      await d.close();
    }
  }, 30_000);
});

describe('sqlite store when full', () => {
  it('fails a plain value that does not fit, and keeps what is stored', async () => {
    const url = `sqlite://${join(dir, 'small.sqlite')}?max_page_count=16`;
    const d = await createSqliteDriver(url, silentLogger());
    try {
      await d.kv.set('meta:small', 'fits');
      await expect(d.kv.set('meta:big', 'x'.repeat(200_000))).rejects.toBeInstanceOf(
        StoreFullError,
      );
      await expect(
        d.kv.setMany([{ key: 'meta:many', value: 'y'.repeat(200_000) }]),
      ).rejects.toBeInstanceOf(StoreFullError);
      expect(await d.kv.get(['meta:small', 'meta:big', 'meta:many'])).toEqual([
        'fits',
        undefined,
        undefined,
      ]);
    } finally {
      await d.close();
    }
  });
});
