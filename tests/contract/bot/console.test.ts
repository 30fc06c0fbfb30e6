import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../../src/bot/console.js';
import type { BotDeps } from '../../../src/bot/deps.js';
import { parseConfig } from '../../../src/config/index.js';
import { silentLogger } from '../../../src/log.js';
import { createStore } from '../../../src/store/index.js';
import { toArabicQuery, translateDigest } from '../../../src/translate/index.js';
import { fakeTranslator, NOW, sampleDigest } from './harness.js';

async function consoleDeps(): Promise<BotDeps> {
  const store = await createStore('memory://');
  await store.digests.put(sampleDigest());
  const config = parseConfig({});
  expect(config.telegram.mode).toBe('console');
  const translator = fakeTranslator();
  return {
    config,
    log: silentLogger(),
    store,
    translator,
    now: () => NOW,
    getDigest: () => store.digests.latest(),
    async searchTopic(query) {
      const d = await store.digests.latest();
      return { stories: (d?.stories ?? []).filter((s) => s.title.includes(query)) };
    },
    translateDigest: (digest, to) => translateDigest(digest, to, translator),
    toArabicQuery: (query, chatId) => toArabicQuery(query, translator, chatId),
    sources: { list: async () => [], check: async () => undefined },
  };
}

async function chat(lines: string[], languageCode = 'ar'): Promise<string> {
  const deps = await consoleDeps();
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (c: Buffer) => (printed += c.toString('utf8')));
  const done = runConsoleChat(deps, { input, output, languageCode });
  input.end(lines.map((l) => `${l}\n`).join(''));
  await done;
  await deps.store.close();
  return printed;
}

describe('console chat', () => {
  it('runs /digest and /topic from piped input, as plain text, and ends with the input', async () => {
    const out = await chat([
      '/start',
      '#1',
      '#1',
      '#2',
      '#10',
      '/digest',
      '#1',
      '/topic غزة',
      'غزة',
    ]);
    expect(out).toContain('TELEGRAM_BOT_TOKEN');
    expect(out).toContain('[#10 🔔 اشترك]');
    expect(out).toContain('تم الاشتراك');
    // one screen: headline and one key sentence, a numbered button per story
    expect(out).toContain('1. مفاوضات غزة تتواصل في القاهرة 1');
    expect(out).toContain('[#1 1]');
    // the button opens the story's points and sources
    expect(out).toContain('• قال مسؤولون إن الجولة 1 من المحادثات بدأت.');
    expect(out).toContain('الجزيرة <https://www.aljazeera.net/news/1>');
    expect(out).toContain('عن «غزة»');
    expect(out).not.toMatch(/<\/?(b|i|a)\b/);
    expect(out).not.toContain('&amp;');
    expect(out).not.toContain('\u200f');
  });

  it('buttons are pressed by number: language, a story, then its Arabic original', async () => {
    const out = await chat(['/lang', '#2', '/digest', '#1', '#1'], 'en');
    expect(out).toContain('Language set: English (en)');
    expect(out).toContain('1. [en] مفاوضات غزة تتواصل في القاهرة 1');
    expect(out).toContain('• [en] قال مسؤولون إن الجولة 1 من المحادثات بدأت.');
    expect(out).toContain('[#1 Arabic original 1]');
    const after = out.slice(out.lastIndexOf('[#1 Arabic original 1]'));
    expect(after).toContain('1. مفاوضات غزة تتواصل في القاهرة 1');
    expect(after).not.toContain('[en]');
  });

  it('takes a number alone as a press of that button, as readers type it', async () => {
    const out = await chat(['/digest', '1']);
    expect(out).toContain('• قال مسؤولون إن الجولة 1 من المحادثات بدأت.');
    expect(out).not.toContain('لا شيء عن «1»');
  });

  it('does not rate-limit the local reader', async () => {
    const out = await chat(Array.from({ length: 10 }, () => '/digest'));
    expect(out.split('خلاصة اليوم')).toHaveLength(11);
    expect(out).not.toContain('لحظة من فضلك');
  });

  it('echoes each piped line before its reply, so replies can be matched to questions', async () => {
    const out = await chat(['/digest', '/topic غزة']);
    const digestAt = out.indexOf('> /digest\n');
    const topicAt = out.indexOf('> /topic غزة\n');
    expect(digestAt).toBeGreaterThan(-1);
    expect(topicAt).toBeGreaterThan(digestAt);
    expect(out.slice(digestAt, topicAt)).toContain('خلاصة اليوم');
    expect(out.slice(topicAt)).toContain('عن «غزة»');
  });

  it('resolves at once on empty input', async () => {
    const out = await chat([]);
    expect(out).toContain('/digest');
  });
});
