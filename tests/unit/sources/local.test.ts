import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedFetchError, FeedParseError } from '../../../src/sources/errors.js';
import { readFolder, readJsonLines } from '../../../src/sources/local.js';

const now = new Date('2026-11-28T12:00:00Z');
const source = { id: 'local', name: 'Local' };
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'khulasa-local-'));
  const articles = join(dir, 'articles');
  mkdirSync(articles);
  writeFileSync(
    join(articles, 'a.txt'),
    '\n  افتتاح سوق شعبي جديد  \nسطر أول من الفقرة\nسطر ثان من الفقرة\n\nفقرة ثانية.\n',
  );
  writeFileSync(
    join(articles, 'b.md'),
    '# مهرجان **الشعر** السنوي\n\nيشارك [عشرون شاعراً](https://x.example) في المهرجان.\n',
  );
  writeFileSync(
    join(articles, 'c.html'),
    '<html><head><title>عنوان الصفحة</title></head><body><h1>عنوان الصفحة</h1><p>نص المقال هنا.</p></body></html>',
  );
  writeFileSync(join(articles, 'ignored.pdf'), 'x');
  writeFileSync(join(articles, '.hidden.txt'), 'x');
  writeFileSync(join(articles, 'empty.txt'), '   \n');
  utimesSync(
    join(articles, 'a.txt'),
    new Date('2026-11-28T08:00:00Z'),
    new Date('2026-11-28T08:00:00Z'),
  );

  writeFileSync(
    join(dir, 'items.jsonl'),
    [
      JSON.stringify({
        id: 'x1',
        title: 'عنوان',
        text: 'نص',
        url: 'https://a.example/1?utm_source=z',
        source: 'Al Example',
        publishedAt: '2026-11-28T10:00:00Z',
      }),
      '',
      'not json',
      JSON.stringify({ id: 7, text: 'نص بلا عنوان يكفي ليكون عنواناً' }),
      JSON.stringify({ id: 'x3' }),
      JSON.stringify({
        title: 'بلا معرف',
        text: 'نص',
        source: 'الموقع',
        url: 'https://www.site.example/n',
      }),
    ].join('\n'),
  );
  writeFileSync(join(dir, 'bad.jsonl'), 'nope\n{"id":1}\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readFolder', () => {
  it('reads .txt, .md and .html articles; the first line or <title> is the title', async () => {
    const { articles, skipped } = await readFolder(join(dir, 'articles'), source, now);
    expect(articles.map((a) => a.title)).toEqual([
      'افتتاح سوق شعبي جديد',
      'مهرجان الشعر السنوي',
      'عنوان الصفحة',
    ]);
    expect(articles[0]!.text).toBe('سطر أول من الفقرة سطر ثان من الفقرة\nفقرة ثانية.');
    expect(articles[0]!.publishedAt).toBe('2026-11-28T08:00:00.000Z');
    expect(articles[0]!.url).toMatch(/^file:\/\/.*a\.txt$/);
    expect(articles[1]!.text).toBe('يشارك عشرون شاعراً في المهرجان.');
    expect(articles[2]!.text).toBe('نص المقال هنا.');
    expect(articles.every((a) => a.sourceId === 'local' && a.language === 'ar')).toBe(true);
    expect(skipped).toEqual(['empty.txt: empty']);
  });

  it('throws a FeedFetchError for a missing folder', async () => {
    await expect(readFolder(join(dir, 'nope'), source, now)).rejects.toBeInstanceOf(FeedFetchError);
  });
});

describe('readJsonLines', () => {
  it('reads good lines, keeps their ids and outlets, reports the bad ones', async () => {
    const { articles, skipped } = await readJsonLines(join(dir, 'items.jsonl'), source, now);
    expect(articles).toHaveLength(3);
    expect(articles[0]).toMatchObject({
      id: 'x1',
      url: 'https://a.example/1',
      sourceId: 'al-example',
      sourceName: 'Al Example',
      publishedAt: '2026-11-28T10:00:00.000Z',
      fetchedAt: now.toISOString(),
    });
    expect(articles[1]).toMatchObject({
      id: '7',
      title: 'نص بلا عنوان يكفي ليكون عنواناً',
      sourceName: 'Local',
    });
    expect(articles[2]).toMatchObject({ sourceId: 'site-example', sourceName: 'الموقع' });
    expect(articles[2]!.id).toMatch(/^[0-9a-f]{24}$/);
    expect(skipped).toEqual(['line 3: not JSON', 'line 5: needs a title or a text']);
  });

  it('fails when no line is readable, and when the file is missing', async () => {
    await expect(readJsonLines(join(dir, 'bad.jsonl'), source, now)).rejects.toBeInstanceOf(
      FeedParseError,
    );
    await expect(readJsonLines(join(dir, 'missing.jsonl'), source, now)).rejects.toBeInstanceOf(
      FeedFetchError,
    );
  });
});
