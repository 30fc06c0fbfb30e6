/**
 * Trying the console chat never touches the store the real bot serves, and `doctor` warns when a
 * real store holds sample articles or test chat ids.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { testSubscriber as subscriber } from '../../../src/testkit/subscriber.js';
import { seedConsoleStore } from '../../../src/bot/index.js';
import { formatChecks, runChecks } from '../../../src/cli/doctor.js';
import { parseConfig } from '../../../src/config/index.js';
import { consoleStoreUrl, runService } from '../../../src/main.js';
import { createStore } from '../../../src/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'khulasa-console-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runConsole(env: Record<string, string>, lines: string[]): Promise<string> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let printed = '';
  stdout.on('data', (c: Buffer) => (printed += c.toString('utf8')));
  const done = runService(parseConfig(env), { stdin, stdout, env });
  stdin.end(lines.map((l) => `${l}\n`).join(''));
  expect(await done).toBe(0);
  return printed;
}

describe('console chat store', () => {
  it('keeps the samples and the local reader in DATA_DIR/console.sqlite, not the real store', async () => {
    const dataDir = join(dir, 'data');
    const out = await runConsole({ DATA_DIR: dataDir }, ['/subscribe', '/digest']);
    expect(out.length).toBeGreaterThan(0);
    expect(existsSync(join(dataDir, 'console.sqlite'))).toBe(true);
    expect(existsSync(join(dataDir, 'khulasa.sqlite'))).toBe(false);

    const consoleStore = await createStore(`sqlite://${join(dataDir, 'console.sqlite')}`);
    expect((await consoleStore.subscribers.count()).total).toBe(1);
    await consoleStore.close();

    const real = await createStore(parseConfig({ DATA_DIR: dataDir }).STORE_URL);
    expect((await real.subscribers.count()).total).toBe(0);
    expect(await real.articles.listSince(new Date(0))).toEqual([]);
    await real.close();
  }, 30_000);

  it('uses memory when STORE_URL=memory:// asks for it', () => {
    const config = parseConfig({ DATA_DIR: '/x', STORE_URL: 'memory://' });
    expect(consoleStoreUrl(config, { STORE_URL: 'memory://' })).toBe('memory://');
    expect(consoleStoreUrl(config, { STORE_URL: 'redis://h:6379/0' })).toBe(
      'sqlite:///x/console.sqlite',
    );
  });
});

describe('doctor on a store with console leftovers', () => {
  it('warns about sample articles and chat ids below 100', async () => {
    const url = `sqlite://${join(dir, 'polluted', 'khulasa.sqlite')}`;
    const store = await createStore(url);
    await seedConsoleStore({ store, now: new Date() });
    await store.subscribers.upsert(1, () => subscriber(1));
    await store.close();

    const checks = await runChecks({ STORE_URL: url, SOURCES_FILE: join(dir, 'none.json') });
    const warning = checks.find((c) => c.name === 'store contents');
    expect(warning).toMatchObject({ ok: true, warning: true });
    expect(warning?.detail).toMatch(/sample articles/);
    expect(warning?.detail).toMatch(/test chat ids \(1\)/);
    expect(formatChecks(checks)).toMatch(/^warn {2}store contents/m);
  }, 30_000);

  it('says nothing about a store with real chats only', async () => {
    const url = `sqlite://${join(dir, 'clean', 'khulasa.sqlite')}`;
    const store = await createStore(url);
    await store.subscribers.upsert(123456789, () => subscriber(123456789));
    await store.close();
    const checks = await runChecks({ STORE_URL: url, SOURCES_FILE: join(dir, 'none.json') });
    expect(checks.find((c) => c.name === 'store contents')).toBeUndefined();
  }, 30_000);
});
