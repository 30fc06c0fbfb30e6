import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SourcesFileError,
  defaultSourceEntries,
  defaultSources,
  loadSourcesFile,
} from '../../../src/sources/sources-file.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'khulasa-sources-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('loadSourcesFile', () => {
  it('reads JSON, resolving local paths against the file', async () => {
    const path = write(
      'sources.json',
      JSON.stringify({
        sources: [
          {
            id: 'bbc-arabic',
            name: 'BBC Arabic',
            url: 'https://feeds.example/arabic.xml',
            kind: 'feed',
            language: 'ar',
            fullText: true,
            intervalMinutes: 30,
          },
          { id: 'archive', name: 'Archive', url: './archive', kind: 'folder' },
          { id: 'eval', name: 'Eval', url: 'data/eval.jsonl', kind: 'jsonl', verified: true },
        ],
      }),
    );
    expect(await loadSourcesFile(path)).toEqual([
      {
        id: 'bbc-arabic',
        name: 'BBC Arabic',
        url: 'https://feeds.example/arabic.xml',
        kind: 'feed',
        language: 'ar',
        fullText: true,
        intervalMinutes: 30,
      },
      { id: 'archive', name: 'Archive', url: join(dir, 'archive'), kind: 'folder' },
      { id: 'eval', name: 'Eval', url: join(dir, 'data/eval.jsonl'), kind: 'jsonl' },
    ]);
  });

  it('reads YAML', async () => {
    const path = write(
      'sources.yaml',
      'sources:\n  - id: one\n    name: One\n    url: https://one.example/rss\n    kind: feed\n',
    );
    expect(await loadSourcesFile(path)).toEqual([
      { id: 'one', name: 'One', url: 'https://one.example/rss', kind: 'feed' },
    ]);
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['the wrong shape', '[]', /expected \{"sources"/],
    [
      'an unknown key',
      JSON.stringify({
        sources: [{ id: 'a', name: 'A', url: 'https://a.example', kind: 'feed', colour: 'red' }],
      }),
      /sources\[0\]/,
    ],
    [
      'a bad kind',
      JSON.stringify({
        sources: [{ id: 'a', name: 'A', url: 'https://a.example', kind: 'podcast' }],
      }),
      /sources\[0\]\.kind/,
    ],
    [
      'a feed without an http URL',
      JSON.stringify({
        sources: [{ id: 'a', name: 'A', url: 'ftp://a.example/rss', kind: 'feed' }],
      }),
      /sources\[0\]\.url: feeds and pages need an http/,
    ],
    [
      'a folder given as a URL',
      JSON.stringify({
        sources: [{ id: 'a', name: 'A', url: 'https://a.example/', kind: 'folder' }],
      }),
      /local path/,
    ],
    [
      'a bad id',
      JSON.stringify({
        sources: [{ id: 'a b', name: 'A', url: 'https://a.example', kind: 'feed' }],
      }),
      /sources\[0\]\.id/,
    ],
    [
      'a duplicate id',
      JSON.stringify({
        sources: [
          { id: 'a', name: 'A', url: 'https://a.example', kind: 'feed' },
          { id: 'a', name: 'B', url: 'https://b.example', kind: 'feed' },
        ],
      }),
      /duplicate id "a"/,
    ],
  ])('names the problem with %s', async (_name, text, message) => {
    const path = write('bad.json', text);
    const err = await loadSourcesFile(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourcesFileError);
    expect((err as Error).message).toMatch(message);
    expect((err as SourcesFileError).path).toBe(path);
  });

  it('says when the file cannot be read', async () => {
    await expect(loadSourcesFile(join(dir, 'missing.json'))).rejects.toThrow(
      /cannot read sources file .*ENOENT/,
    );
  });
});

describe('defaultSources', () => {
  it('lists major Arabic outlets, all feeds over https, each marked unverified', () => {
    const sources = defaultSources();
    expect(sources.length).toBeGreaterThanOrEqual(10);
    const names = sources.map((s) => s.name).join(' ');
    for (const outlet of [
      'Al Jazeera',
      'BBC Arabic',
      'France 24',
      'Sky News Arabia',
      'Al Arabiya',
      'CNN Arabic',
      'RT Arabic',
      'DW Arabic',
      'Asharq Al-Awsat',
      'Independent Arabia',
      'Anadolu',
    ]) {
      expect(names).toContain(outlet);
    }
    expect(
      sources.every(
        (s) => s.kind === 'feed' && s.url.startsWith('https://') && s.language === 'ar',
      ),
    ).toBe(true);
    expect(defaultSourceEntries().every((e) => e.verified === false)).toBe(true);
    expect(new Set(sources.map((s) => s.id)).size).toBe(sources.length);
  });
});
