/**
 * Channels: /subscribe posted in a channel (a channel_post update, only sent to admin bots)
 * subscribes the channel, /unsubscribe stops it, other posts are left alone; delivery renders
 * a channel's digest with links and no buttons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDigest } from '../../../src/bot/index.js';
import { channelCommand } from '../../../src/bot/features/channel.js';
import { runDeliveryPass } from '../../../src/schedule/delivery.js';
import { digestAt, fakeTelegram, makeDeps, subscriber } from '../../unit/schedule/helpers.js';
import { sampleDigest, startHarness, texts, type Harness } from './harness.js';

const CHANNEL = -1001234567890;
let postId = 1;

function channelPost(text: string): Record<string, unknown> {
  const command = /^\/\S+/.exec(text);
  return {
    channel_post: {
      message_id: postId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: CHANNEL, type: 'channel', title: 'أخبار القناة', username: 'akhbar_test' },
      sender_chat: { id: CHANNEL, type: 'channel', title: 'أخبار القناة' },
      text,
      ...(command
        ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] }
        : {}),
    },
  };
}

describe('channel posts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('subscribes the channel on /subscribe and answers in the channel', async () => {
    const calls = await h.send(channelPost('/subscribe'));
    const sent = calls.filter((c) => c.method === 'sendMessage');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.payload.chat_id).toBe(CHANNEL);
    const s = await h.store.subscribers.get(CHANNEL);
    expect(s).toMatchObject({ chatType: 'channel', active: true, timeZone: 'Africa/Cairo' });
  });

  it('leaves the channel’s own posts and commands for other bots alone', async () => {
    expect(texts(await h.send(channelPost('خبر عاجل من القناة')))).toEqual([]);
    expect(texts(await h.send(channelPost('/subscribe@some_other_bot')))).toEqual([]);
  });

  it('stops on /unsubscribe', async () => {
    const calls = await h.send(channelPost('/unsubscribe@khulasa_test_bot'));
    expect(texts(calls)).toHaveLength(1);
    expect((await h.store.subscribers.get(CHANNEL))?.active).toBe(false);
  });
});

describe('channelCommand', () => {
  it.each([
    ['/subscribe', 'subscribe'],
    ['/Subscribe@Khulasa_Test_Bot now', 'subscribe'],
    ['/unsubscribe', 'unsubscribe'],
    ['/subscribe@other_bot', undefined],
    ['subscribe', undefined],
    ['/subscribers', 'subscribers'],
  ])('%s → %s', (text, expected) => {
    expect(channelCommand(text, 'khulasa_test_bot')).toBe(expected);
  });
});

describe('channel digests', () => {
  it('renders links without buttons for a channel, buttons for a reader', () => {
    const digest = { ...sampleDigest(), language: 'en' };
    const reader = renderDigest(digest, { ui: 'en' });
    const channel = renderDigest(digest, { ui: 'en', channel: true });
    expect(reader.some((m) => m.replyMarkup !== undefined)).toBe(true);
    expect(channel.every((m) => m.replyMarkup === undefined)).toBe(true);
    expect(channel.map((m) => m.html).join('')).toMatch(/<a href="/);
  });

  it('tells the renderer which subscribers are channels', async () => {
    const telegram = fakeTelegram();
    const deps = await makeDeps({
      telegram,
      render: (d, opts) => [{ html: opts.channel ? 'channel form' : 'chat form' }],
    });
    await deps.store.digests.put(digestAt(new Date('2026-03-01T06:00:00Z')));
    await deps.store.subscribers.upsert(5, () => subscriber(5));
    await deps.store.subscribers.upsert(CHANNEL, () =>
      subscriber(CHANNEL, { chatType: 'channel' }),
    );
    const report = await runDeliveryPass(deps, { now: deps.now(), all: true });
    expect(report.sent).toBe(2);
    const byChat = Object.fromEntries(telegram.calls.map((c) => [c.chatId, c.text]));
    expect(byChat).toEqual({ 5: 'chat form', [CHANNEL]: 'channel form' });
  });
});
