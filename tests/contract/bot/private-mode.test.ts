/** Private mode (ALLOWED_CHAT_IDS, ALLOW_GROUPS=false) and /whoami. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isChatAllowed } from '../../../src/bot/features/private-mode.js';
import { parseConfig } from '../../../src/config/index.js';
import { ADMIN, startHarness, texts, type Harness } from './harness.js';

describe('isChatAllowed', () => {
  it.each([
    [{}, 5, 'private', true],
    [{}, -100, 'supergroup', true],
    [{ ALLOW_GROUPS: 'false' }, 5, 'private', true],
    [{ ALLOW_GROUPS: 'false' }, -100, 'supergroup', false],
    [{ ALLOW_GROUPS: 'false' }, -1001, 'channel', false],
    [{ ALLOWED_CHAT_IDS: '5,-100' }, 5, 'private', true],
    [{ ALLOWED_CHAT_IDS: '5,-100' }, 6, 'private', false],
    [{ ALLOWED_CHAT_IDS: '5,-100', ALLOW_GROUPS: 'false' }, -100, 'group', true],
    [{ ALLOWED_CHAT_IDS: '5', ADMIN_CHAT_IDS: '7' }, 7, 'private', true],
  ] as const)('%j: chat %i (%s) → %s', (env, chatId, type, allowed) => {
    expect(isChatAllowed(parseConfig(env), chatId, type)).toBe(allowed);
  });
});

describe('a private bot', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { ALLOWED_CHAT_IDS: '555', ALLOW_GROUPS: 'false' } });
  });
  afterAll(() => h.close());

  it('answers an unknown reader with one polite line holding their chat id, and does nothing else', async () => {
    const replies = texts(await h.say({ chatId: 4242, text: '/subscribe', languageCode: 'en' }));
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/private.*<code>4242<\/code>/);
    expect(await h.store.subscribers.get(4242)).toBeUndefined();
  });

  it('serves an allowed reader and the operator', async () => {
    await h.say({ chatId: 555, text: '/subscribe', languageCode: 'en' });
    expect((await h.store.subscribers.get(555))?.active).toBe(true);
    const replies = texts(await h.say({ chatId: ADMIN, text: '/digest', languageCode: 'en' }));
    expect(replies.join('\n')).not.toMatch(/private/);
  });

  it('refuses commands in groups, and stays quiet about their chatter', async () => {
    const command = texts(await h.say({ chatId: -100777, fromId: 555, text: '/digest' }));
    expect(command).toHaveLength(1);
    expect(command[0]).toContain('-100777');
    expect(texts(await h.say({ chatId: -100777, fromId: 555, text: 'مرحبا' }))).toEqual([]);
  });

  it('tells anyone their chat id with /whoami', async () => {
    const [reply] = texts(await h.say({ chatId: 4242, text: '/whoami', languageCode: 'en' }));
    expect(reply).toMatch(/Chat id: <code>4242<\/code>/);
    expect(reply).toContain('ADMIN_CHAT_IDS');
    const [group] = texts(await h.say({ chatId: -100777, fromId: 4242, text: '/whoami' }));
    expect(group).toContain('-100777');
    expect(group).toContain('4242');
  });
});
