import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../../src/bot/console.js';
import { seedConsoleStore } from '../../../src/bot/console-seed.js';
import { createBotDeps } from '../../../src/bot/deps.js';
import { parseConfig } from '../../../src/config/index.js';
import { createLogger, silentLogger } from '../../../src/log.js';
import { createStore } from '../../../src/store/index.js';
import { createTranslator } from '../../../src/translate/index.js';
import { NOW } from './harness.js';

function capturingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { log: createLogger({ level: 'debug', destination, pretty: false }), lines };
}

describe('createBotDeps over the real store, search index and samples', () => {
  it('serves the latest digest and topic answers, rebuilding the index only when articles change', async () => {
    const store = await createStore('memory://');
    const seeded = await seedConsoleStore({ store, now: NOW });
    expect(seeded.articles).toBeGreaterThan(5);
    expect(seeded.stories).toBeGreaterThan(0);
    const config = parseConfig({});
    const { log, lines } = capturingLogger();
    const translator = createTranslator(config.translation, {
      store,
      log: silentLogger(),
      now: () => NOW,
      dailyCharLimit: 1000,
      userDailyCharLimit: 100,
    });
    const deps = createBotDeps({ config, log, store, translator, now: () => NOW });
    const digest = (await deps.getDigest())!;
    expect(digest.stories.length).toBe(seeded.stories);

    const word = digest.stories[0]!.title.split(/\s+/).find((w) => w.length >= 4)!;
    const first = await deps.searchTopic(word);
    expect(first.stories.length).toBeGreaterThan(0);
    await deps.searchTopic(word);
    const rebuilds = () => lines.filter((l) => l.includes('topic search index rebuilt')).length;
    expect(rebuilds()).toBe(1);

    const article = (await store.articles.listSince(new Date(0)))[0]!;
    await store.articles.putMany(
      [{ ...article, id: `${article.id}-copy`, url: `${article.url}?copy` }],
      86_400_000,
    );
    await deps.searchTopic(word);
    expect(rebuilds()).toBe(2);

    // without a translation provider, well-known names come from the offline glossary…
    expect(await deps.toArabicQuery('Gaza')).toMatchObject({ query: 'غزة' });
    // …other names are spelled in Arabic letters, and anything else is searched as typed
    expect(await deps.toArabicQuery('Zanzibar')).toMatchObject({ query: 'زانزيبار' });
    expect(await deps.toArabicQuery('what happened')).toMatchObject({ query: 'what happened' });
    // admin hook refuses private addresses
    await expect(deps.sources.check('http://127.0.0.1/feed')).rejects.toThrow();
    expect(await deps.sources.list()).toEqual([]);

    // and the console chat shows them, with no network and no account
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const done = runConsoleChat(deps, { input, output });
    input.end(`/digest\n/topic ${word}\n/topic Zanzibar\n/topic what happened\n`);
    await done;
    expect(out).toContain(
      `1. ${digest.stories[0]!.title.replace(/\s+/g, ' ').trim().slice(0, 40)}`,
    );
    expect(out).toContain(`عن «${word}»`);
    expect(out).toContain('لا شيء عن «Zanzibar»');
    expect(out).toContain('لا شيء عن «what happened»');
    expect(out).toContain('الترجمة غير متاحة، فبحثت بكلماتك كما كتبتها');
    await store.close();
  });
});
