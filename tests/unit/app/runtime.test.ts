import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configuredSources, openRuntime, withAddedSources } from '../../../src/app/index.js';
import { parseConfig } from '../../../src/config/index.js';
import { silentLogger } from '../../../src/log.js';
import { SourcesFileError } from '../../../src/sources/index.js';
import { createStore } from '../../../src/store/index.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function sourcesFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'khulasa-runtime-'));
  dirs.push(dir);
  const file = join(dir, 'sources.json');
  await writeFile(file, text);
  return file;
}

const ONE_SOURCE = JSON.stringify({
  sources: [{ id: 'local', name: 'محلي', url: 'https://news.example/feed.xml', kind: 'feed' }],
});

describe('openRuntime', () => {
  it('opens the store, the translator and the configured sources, and closes them once', async () => {
    const file = await sourcesFile(ONE_SOURCE);
    const config = parseConfig({ STORE_URL: 'memory://', SOURCES_FILE: file });
    const runtime = await openRuntime(config, { log: silentLogger(), sources: true });
    expect(runtime.store.backend).toBe('memory');
    expect(runtime.translator.provider).toBe('none');
    expect(runtime.sources.map((s) => s.id)).toEqual(['local']);
    await runtime.store.meta.set('k', 1);
    expect(await runtime.store.meta.get<number>('k')).toBe(1);
    await runtime.close();
    await runtime.close();
  });

  it('leaves out the translator and the sources when not asked for', async () => {
    const config = parseConfig({ STORE_URL: 'memory://' });
    const runtime = await openRuntime(config, { log: silentLogger(), translator: false });
    expect('translator' in runtime).toBe(false);
    expect(runtime.sources).toEqual([]);
    await runtime.close();
  });

  it('throws the sources file error', async () => {
    const file = await sourcesFile('{"sources": "not a list"}');
    const config = parseConfig({ STORE_URL: 'memory://', SOURCES_FILE: file });
    await expect(
      openRuntime(config, { log: silentLogger(), sources: true }),
    ).rejects.toBeInstanceOf(SourcesFileError);
  });
});

describe('configured sources', () => {
  it('are SOURCES_FILE when set, else the bundled list', async () => {
    const file = await sourcesFile(ONE_SOURCE);
    expect((await configuredSources({ SOURCES_FILE: file })).map((s) => s.id)).toEqual(['local']);
    const bundled = await configuredSources({ SOURCES_FILE: undefined });
    expect(bundled.length).toBeGreaterThan(1);
    expect(bundled.map((s) => s.id)).not.toContain('local');
  });

  it('gain the sources added to the store, under new ids only', async () => {
    const store = await createStore('memory://', { log: silentLogger() });
    const base = await configuredSources({ SOURCES_FILE: await sourcesFile(ONE_SOURCE) });
    await store.sources.add({ ...base[0]!, url: 'https://other.example/feed.xml' });
    await store.sources.add({ ...base[0]!, id: 'added', url: 'https://added.example/rss' });
    const all = await withAddedSources(base, store);
    expect(all.map((s) => [s.id, s.url])).toEqual([
      ['local', 'https://news.example/feed.xml'],
      ['added', 'https://added.example/rss'],
    ]);
    await store.close();
  });
});
