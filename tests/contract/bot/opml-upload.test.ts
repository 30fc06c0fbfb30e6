/** An admin sends an .opml file: its feeds are added to the store; others' files are ignored. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startHarness, texts, type Harness } from './harness.js';

const OPML = `<?xml version="1.0"?><opml version="2.0"><body>
<outline text="مجلد"><outline text="المدار" xmlUrl="https://almadar.example/feed"/></outline>
<outline text="الجزيرة" xmlUrl="https://www.aljazeera.net/feed"/>
</body></opml>`;

let messageId = 1;
function documentUpdate(chatId: number, fileId: string, fileName: string) {
  return {
    message: {
      message_id: messageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'Op' },
      from: { id: chatId, is_bot: false, first_name: 'Op', language_code: 'en' },
      document: {
        file_id: fileId,
        file_unique_id: `u${fileId}`,
        file_name: fileName,
        file_size: 300,
      },
    },
  };
}

describe('OPML upload', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.api.addFile('opml-1', OPML);
  });
  afterAll(() => h.close());

  it('ignores a file from a reader who is not an admin, without downloading it', async () => {
    const calls = await h.send(documentUpdate(4242, 'opml-1', 'feeds.opml'));
    expect(calls.some((c) => c.method === 'getFile')).toBe(false);
    expect(await h.store.sources.list()).toEqual([]);
  });

  it('adds the new feeds of an admin’s file and reports the skipped ones', async () => {
    const calls = await h.send(documentUpdate(ADMIN, 'opml-1', 'feeds.opml'));
    expect(calls.some((c) => c.method === 'getFile')).toBe(true);
    const [reply] = texts(calls);
    expect(reply).toMatch(/1 added, 1 skipped/);
    expect(reply).toContain('https://www.aljazeera.net/feed (already a source)');
    expect(await h.store.sources.list()).toEqual([
      { id: 'almadar-example', name: 'المدار', url: 'https://almadar.example/feed', kind: 'feed' },
    ]);
  });

  it('says so when the file is not OPML', async () => {
    h.api.addFile('bad-1', '<rss><channel/></rss>');
    const [reply] = texts(await h.send(documentUpdate(ADMIN, 'bad-1', 'x.opml')));
    expect(reply).toMatch(/not an OPML file/);
  });
});
