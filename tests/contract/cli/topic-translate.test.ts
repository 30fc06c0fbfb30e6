/** `khulasa topic` turns a question in another language into Arabic through the translator. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';
import {
  startFakeTranslateServer,
  type FakeTranslateServer,
} from '../../../src/testkit/fake-translate-server.js';

const KEY = 'test-api-key-123';
const NOW = '2026-03-10T12:00:00Z';
let translate: FakeTranslateServer;
let dir: string;
let file: string;
const saved = process.env.GOOGLE_CLOUD_TRANSLATE_ENDPOINT;

beforeAll(async () => {
  translate = await startFakeTranslateServer({ key: KEY });
  process.env.GOOGLE_CLOUD_TRANSLATE_ENDPOINT = translate.v2Url;
  dir = mkdtempSync(join(tmpdir(), 'khulasa-topic-translate-'));
  file = join(dir, 'articles.jsonl');
  writeFileSync(
    file,
    JSON.stringify({
      id: 'l1',
      title: 'لبنان يطلق خطة لإصلاح شبكة الكهرباء',
      text: 'أطلقت الحكومة في لبنان خطة لإصلاح شبكة الكهرباء.\nوقال الوزير إن الخطة تمتد ثلاث سنوات.',
      url: 'https://alpha.example/l1',
      source: 'alpha',
      publishedAt: '2026-03-10T09:00:00Z',
    }) + '\n',
  );
});

afterAll(async () => {
  await translate.close();
  rmSync(dir, { recursive: true, force: true });
  if (saved === undefined) delete process.env.GOOGLE_CLOUD_TRANSLATE_ENDPOINT;
  else process.env.GOOGLE_CLOUD_TRANSLATE_ENDPOINT = saved;
});

async function topic(query: string, env: Record<string, string>): Promise<Record<string, unknown>> {
  const { code, out } = await runCli(['topic', query, '--from', file, '--now', NOW, '--json'], env);
  expect(code).toBe(0);
  return JSON.parse(out) as Record<string, unknown>;
}

describe('khulasa topic with a translator', () => {
  it('sends a Latin-script question to the provider; an answer without Arabic gives way to the glossary', async () => {
    translate.reset();
    const json = await topic('Lebanon', {
      TRANSLATE_PROVIDER: 'google-v2',
      GOOGLE_TRANSLATE_API_KEY: KEY,
    });
    const sent = translate.requests.filter((r) => r.method === 'translate');
    expect(sent.map((r) => r.texts)).toEqual([['Lebanon']]);
    // The fake provider's "translation" is "[ar] Lebanon", no Arabic in it: searching that
    // would find nothing, so the glossary's name is searched, and finds the story.
    expect(json).toMatchObject({ searched: 'لبنان', nothing: false });
  });

  it('never calls the provider for an Arabic question', async () => {
    translate.reset();
    const json = await topic('لبنان', {
      TRANSLATE_PROVIDER: 'google-v2',
      GOOGLE_TRANSLATE_API_KEY: KEY,
    });
    expect(translate.requests).toEqual([]);
    expect(json).toMatchObject({ searched: 'لبنان', nothing: false });
  });

  it('falls back to the glossary when the provider fails', async () => {
    translate.reset();
    translate.behave('forbidden');
    try {
      const json = await topic('Lebanon', {
        TRANSLATE_PROVIDER: 'google-v2',
        GOOGLE_TRANSLATE_API_KEY: KEY,
      });
      expect(json).toMatchObject({ searched: 'لبنان', nothing: false });
    } finally {
      translate.behave('ok');
    }
  });
});
