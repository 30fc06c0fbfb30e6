/** The fake server itself: it enforces the API's limits and the key, and counts characters. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startFakeTranslateServer,
  type FakeTranslateServer,
} from '../../../src/testkit/fake-translate-server.js';

let server: FakeTranslateServer;
beforeAll(async () => {
  server = await startFakeTranslateServer({ key: 'secret-key-123' });
});
afterAll(() => server.close());

const post = (path: string, body: unknown, key = 'secret-key-123') =>
  fetch(`${server.url}${path}?key=${key}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('fake Translation server', () => {
  it('refuses more than 128 v2 segments and records the violation', async () => {
    const q = Array.from({ length: 129 }, () => 'x');
    const res = await post('/language/translate/v2', { q, target: 'en', format: 'text' });
    expect(res.status).toBe(400);
    expect(server.violations).toHaveLength(1);
    expect(server.chars).toBe(0);
    expect(server.received).toBe(129);
  });

  it('refuses a wrong key', async () => {
    const res = await post('/language/translate/v2', { q: ['x'], target: 'en' }, 'wrong');
    expect(res.status).toBe(403);
  });

  it('answers HTML-mode requests with entities, like the real service', async () => {
    const res = await post('/language/translate/v2', {
      q: ["a & 'b'"],
      target: 'fr',
      format: 'html',
    });
    const body = (await res.json()) as { data: { translations: { translatedText: string }[] } };
    expect(body.data.translations[0]!.translatedText).toBe('[fr] a &amp; &#39;b&#39;');
  });

  it('counts characters as code points', async () => {
    server.reset();
    await post('/language/translate/v2', { q: ['مرحبا', 'ab'], target: 'en', format: 'text' });
    expect(server.chars).toBe(7);
  });
});
