/**
 * Durability of the embedded store: a subscriber saved by a process that is then killed with
 * SIGKILL (no shutdown, no close) is there when the store is opened again.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
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
