/**
 * Talking with the bot through the real telegraf client: commands typed any way a phone types
 * them, captions, unknown commands, and a reader who floods the chat.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCallback, parseCallback } from '../../../src/bot/callback-data.js';
import { textUpdate, type FakeCall } from '../../../src/testkit/fake-bot-api.js';
import {
  fakeTranslator,
  sampleDigest,
  startHarness,
  story,
  texts,
  type Harness,
} from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const BOT = 'khulasa_test_bot';

/** Sixteen long stories: two topics that share no word, so each answer runs over several parts. */
function longDigest() {
  const long = (word: string, i: number) =>
    `${word} ${i}: ${'قال مسؤولون إن المحادثات استمرت ساعات طويلة وإن الوفود ستعود غدا. '.repeat(6)}`;
  const stories = Array.from({ length: 16 }, (_, i) => {
    const word = i < 8 ? 'غزة' : 'اليمن';
    return story(i + 1, {
      title: `أخبار ${word} رقم ${i + 1}`,
      points: [long(word, i), long(word, i + 100), long(word, i + 200)],
    });
  });
  return sampleDigest(stories);
}

/** Pushes all updates at once (one getUpdates batch) and waits until every one was handled. */
async function flood(harness: Harness, updates: Record<string, unknown>[]): Promise<FakeCall[]> {
  const before = harness.api.calls.length;
  let last = 0;
  for (const u of updates) last = harness.api.pushUpdate(u);
  await harness.api.waitForConfirm(last, 15_000);
  return harness.api.calls.slice(before).filter((c) => c.method !== 'getUpdates');
}

/** The parts each question gets when asked alone, from a chat of its own. */
/** Readers who chose the full layout, so that one answer takes several messages. */
async function preferFull(harness: Harness, chatIds: number[]): Promise<void> {
  for (const chatId of chatIds) {
    await harness.store.subscribers.upsert(chatId, () => ({
      chatId,
      chatType: 'private',
      language: 'en',
      deliveryTime: '07:00',
      timeZone: 'UTC',
      topics: [],
      active: false,
      createdAt: new Date(0).toISOString(),
      updatedAt: new Date(0).toISOString(),
      format: 'full',
    }));
  }
}

async function baseline(harness: Harness, questions: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  let chatId = 5000;
  await preferFull(
    harness,
    questions.map((_, i) => 5000 + i),
  );
  for (const q of questions) {
    out.set(q, texts(await harness.say({ chatId: chatId++, text: q, languageCode: 'en' })));
  }
  return out;
}

/**
 * Splits a chat's messages into whole answers: every answer must appear as the exact run of
 * parts it has when asked alone. Returns the questions answered, in order, and the notices.
 */
function splitAnswers(
  sent: string[],
  answers: Map<string, string[]>,
  isNotice: (text: string) => boolean,
): { answered: string[]; notices: number } {
  const answered: string[] = [];
  let notices = 0;
  let i = 0;
  outer: while (i < sent.length) {
    if (isNotice(sent[i]!)) {
      notices++;
      i++;
      continue;
    }
    for (const [q, parts] of answers) {
      if (parts.every((p, k) => sent[i + k] === p)) {
        answered.push(q);
        i += parts.length;
        continue outer;
      }
    }
    throw new Error(`message ${i} is not the start of a whole answer: ${sent[i]!.slice(0, 80)}`);
  }
  return { answered, notices };
}

const isNotice = (text: string) => text.startsWith('One moment please');

describe('commands as people type them', () => {
  it('/Digest, /DIGEST@bot and /DiGeSt get the digest', async () => {
    h = await startHarness();
    const [digest] = texts(await h.say({ chatId: 1, text: '/digest', languageCode: 'en' }));
    expect(digest).toContain('Today’s digest');
    for (const text of ['/Digest', '/DIGEST', `/DIGEST@${BOT.toUpperCase()}`, '/DiGeSt@' + BOT]) {
      expect(texts(await h.say({ chatId: 2, text, languageCode: 'en' }))).toEqual([digest]);
    }
    // in a group, with the bot's name in any case
    const group = texts(
      await h.say({ chatId: -100, text: `/Digest@Khulasa_Test_Bot`, languageCode: 'en' }),
    );
    expect(group).toEqual([digest]);
  });

  it('keeps the payload as typed: /Topic غزة searches غزة', async () => {
    h = await startHarness();
    const [answer] = texts(await h.say({ chatId: 3, text: '/Topic غزة', languageCode: 'en' }));
    expect(answer).toContain('غزة');
    expect(answer).not.toContain('Nothing about');
  });

  it('unknown commands addressed to the bot get one line; others are left alone', async () => {
    h = await startHarness();
    const hint = texts(await h.say({ chatId: 4, text: '/foo', languageCode: 'en' }));
    expect(hint).toEqual(['I do not know /foo. /help lists the commands.']);
    expect(texts(await h.say({ chatId: -200, text: `/Foo@${BOT}`, languageCode: 'en' }))).toEqual([
      'I do not know /foo. /help lists the commands.',
    ]);
    // in a group, a bare /foo or one for another bot is not ours to answer
    expect(texts(await h.say({ chatId: -200, text: '/foo', languageCode: 'en' }))).toEqual([]);
    expect(
      texts(await h.say({ chatId: -200, text: '/digest@other_bot', languageCode: 'en' })),
    ).toEqual([]);
    // in Arabic too
    expect(texts(await h.say({ chatId: 6, text: '/bar', languageCode: 'ar' }))[0]).toContain(
      'لا أعرف الأمر /bar',
    );
  });

  it('reads a photo’s caption as text: a command, or a question in private', async () => {
    h = await startHarness();
    const photo = (chatId: number, caption: string) => {
      const u = textUpdate({ chatId, text: caption, languageCode: 'en' });
      const msg = u.message as Record<string, unknown>;
      delete msg.text;
      msg.caption = caption;
      if (msg.entities) {
        msg.caption_entities = msg.entities;
        delete msg.entities;
      }
      msg.photo = [{ file_id: 'p1', file_unique_id: 'u1', width: 90, height: 60 }];
      return h!.send(u);
    };
    expect(texts(await photo(7, '/digest'))[0]).toContain('Today’s digest');
    expect(texts(await photo(7, 'غزة'))[0]).toContain('غزة');
    // a caption in a group is talk between people, not a question to the bot
    expect(texts(await photo(-300, 'غزة'))).toEqual([]);
  });
});

describe('a reader who floods the chat', () => {
  it('20 identical questions at once: one answer, its parts together, at most 2 notices', async () => {
    h = await startHarness({ digest: longDigest() });
    const answers = await baseline(h, ['/digest']);
    expect(answers.get('/digest')!.length).toBeGreaterThan(1);
    const chatId = 77;
    await preferFull(h, [chatId]);
    const calls = await flood(
      h,
      Array.from({ length: 20 }, () => textUpdate({ chatId, text: '/digest', languageCode: 'en' })),
    );
    const sent = texts(calls.filter((c) => c.payload.chat_id === chatId));
    const { answered, notices } = splitAnswers(sent, answers, isNotice);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(answered.length).toBeLessThanOrEqual(5);
    expect(notices).toBeLessThanOrEqual(2);
  });

  it('20 identical questions spread over 2 s: at most a burst of answers and 2 notices', async () => {
    h = await startHarness({ digest: longDigest() });
    const answers = await baseline(h, ['/digest']);
    const chatId = 79;
    await preferFull(h, [chatId]);
    const before = h.api.calls.length;
    let last = 0;
    for (let i = 0; i < 20; i++) {
      last = h.api.pushUpdate(textUpdate({ chatId, text: '/digest', languageCode: 'en' }));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await h.api.waitForConfirm(last, 15_000);
    const sent = texts(h.api.calls.slice(before).filter((c) => c.payload.chat_id === chatId));
    const { answered, notices } = splitAnswers(sent, answers, isNotice);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(answered.length).toBeLessThanOrEqual(5);
    expect(notices).toBeLessThanOrEqual(2);
  });

  it('different questions at once: answered in order, never interleaved, one notice', async () => {
    h = await startHarness({ digest: longDigest() });
    const questions = [
      '/digest',
      '/topic غزة',
      '/topic اليمن',
      '/topic غزة اليوم',
      '/topic اليمن اليوم',
      '/topic غزة أمس',
      '/topic اليمن أمس',
      '/topic أخبار غزة',
      '/topic أخبار اليمن',
      '/digest now',
    ];
    const answers = await baseline(h, questions);
    expect(answers.get('/topic غزة')!.length).toBeGreaterThan(1);
    const chatId = 78;
    await preferFull(h, [chatId]);
    const calls = await flood(
      h,
      questions.map((text) => textUpdate({ chatId, text, languageCode: 'en' })),
    );
    const sent = texts(calls.filter((c) => c.payload.chat_id === chatId));
    const { answered, notices } = splitAnswers(sent, answers, isNotice);
    // five at once (the burst), in the order asked; one notice saying when to ask again
    expect(answered).toEqual(questions.slice(0, 5));
    expect(notices).toBe(1);
    expect(sent.find(isNotice)).toMatch(/ask again in \d+ s/);
  });

  it('a reader is not limited by another reader’s flood', async () => {
    h = await startHarness({ limits: { requests: 2, windowMs: 60_000 } });
    await h.say({ chatId: 10, text: '/digest', languageCode: 'en' });
    await h.say({ chatId: 10, text: '/topic غزة', languageCode: 'en' });
    const refused = texts(await h.say({ chatId: 10, text: '/digest', languageCode: 'en' }));
    expect(refused).toEqual(['One moment please: you can ask again in 30 s.']);
    // the next refusal in the same window is quiet
    expect(texts(await h.say({ chatId: 10, text: '/topic غزة', languageCode: 'en' }))).toEqual([]);
    expect(texts(await h.say({ chatId: 11, text: '/digest', languageCode: 'en' }))[0]).toContain(
      'Today’s digest',
    );
  });
});

type Button = { text: string; callback_data: string };
function buttonsOf(call: FakeCall | undefined): Button[] {
  const markup = call?.payload.reply_markup as { inline_keyboard: Button[][] } | undefined;
  return markup?.inline_keyboard.flat() ?? [];
}
const sentOrEdited = (calls: FakeCall[]) =>
  calls.filter((c) => c.method === 'sendMessage' || c.method === 'editMessageText');

describe('time zones as people say them', () => {
  it.each([
    ['/time 07:30 Riyadh', 'Asia/Riyadh', 'Asia/Riyadh'],
    ['/time 07:30 الرياض', 'Asia/Riyadh', 'Asia/Riyadh'],
    ['/time 07:30 UTC+3', 'Etc/GMT-3', 'UTC+3'],
    ['/time 07:30 GMT+3', 'Etc/GMT-3', 'UTC+3'],
    ['/Time 7:30 +3', 'Etc/GMT-3', 'UTC+3'],
  ])('%s sets the zone and /settings shows it', async (text, zone, shown) => {
    h = await startHarness();
    const [reply] = texts(await h.say({ chatId: 21, text, languageCode: 'en' }));
    expect(reply).toContain(`07:30 (${shown})`);
    // three hours ahead of UTC: the next 07:30 there is 04:30 UTC, shown in the reader's zone
    expect(reply).toContain('2026-11-29 07:30');
    expect(await h.store.subscribers.get(21)).toMatchObject({
      deliveryTime: '07:30',
      timeZone: zone,
    });
    const [settings] = texts(await h.say({ chatId: 21, text: '/settings', languageCode: 'en' }));
    expect(settings).toContain(`07:30 (${shown})`);
  });

  it('/time with a zone only keeps the time and says what changed', async () => {
    h = await startHarness();
    for (const text of ['/time Asia/Riyadh', '/time Casablanca', '/time الدار البيضاء']) {
      const [reply] = texts(await h.say({ chatId: 22, text, languageCode: 'en' }));
      expect(reply).toMatch(/^🕰 Time zone set: (Asia\/Riyadh|Africa\/Casablanca)\./);
      expect(reply).toContain('at 07:00 there');
    }
    expect(await h.store.subscribers.get(22)).toMatchObject({
      deliveryTime: '07:00',
      timeZone: 'Africa/Casablanca',
    });
    const [bad] = texts(await h.say({ chatId: 22, text: '/time Atlantis', languageCode: 'en' }));
    expect(bad).toContain('“Atlantis” is not a time zone I know');
  });

  it('setting a time never subscribes; buttons edit the menu in place', async () => {
    h = await startHarness();
    const chatId = 23;
    let calls = await h.say({ chatId, text: '/time', languageCode: 'en' });
    const menu = calls.find((c) => c.method === 'sendMessage')!;
    const eight = buttonsOf(menu).find((b) => b.text === '08:00')!;
    calls = await h.press({
      chatId,
      data: eight.callback_data,
      languageCode: 'en',
      messageId: 501,
    });
    expect(calls.some((c) => c.method === 'sendMessage')).toBe(false);
    const edit = calls.find((c) => c.method === 'editMessageText')!;
    expect(edit.payload.message_id).toBe(501);
    expect(edit.payload.text).toContain('08:00');
    expect(edit.payload.text).toContain('not subscribed yet');
    expect(buttonsOf(edit).map((b) => b.text)).toContain('✓ 08:00');
    expect(await h.store.subscribers.get(chatId)).toMatchObject({
      deliveryTime: '08:00',
      active: false,
    });

    // the zone menu: Arab-world cities and offsets; a press sets the zone, in place
    const zoneMenu = buttonsOf(edit).find((b) => b.text.includes('Time zone'))!;
    calls = await h.press({
      chatId,
      data: zoneMenu.callback_data,
      languageCode: 'en',
      messageId: 501,
    });
    const zones = buttonsOf(calls.find((c) => c.method === 'editMessageText'));
    expect(zones.map((b) => b.text)).toEqual(
      expect.arrayContaining(['Riyadh', '✓ Cairo', 'UTC+3']),
    );
    const riyadh = zones.find((b) => b.text === 'Riyadh')!;
    calls = await h.press({
      chatId,
      data: riyadh.callback_data,
      languageCode: 'en',
      messageId: 501,
    });
    expect(sentOrEdited(calls).map((c) => c.method)).toEqual(['editMessageText']);
    expect(String(sentOrEdited(calls)[0]!.payload.text)).toContain('Time zone set: Asia/Riyadh');
    expect((await h.store.subscribers.get(chatId))!.timeZone).toBe('Asia/Riyadh');

    // pressing the same button again changes nothing and breaks nothing
    h.api.failNext('editMessageText', {
      error_code: 400,
      description: 'Bad Request: message is not modified',
    });
    calls = await h.press({
      chatId,
      data: riyadh.callback_data,
      languageCode: 'en',
      messageId: 501,
    });
    expect(calls.some((c) => c.method === 'sendMessage')).toBe(false);
  });

  it('speaks Arabic city names to an Arabic reader', async () => {
    h = await startHarness();
    const calls = await h.say({ chatId: 24, text: '/time', languageCode: 'ar' });
    const zoneMenu = buttonsOf(calls.find((c) => c.method === 'sendMessage')).at(-1)!;
    const zones = buttonsOf(
      (await h.press({ chatId: 24, data: zoneMenu.callback_data, languageCode: 'ar' })).find(
        (c) => c.method === 'editMessageText',
      ),
    );
    expect(zones.map((b) => b.text)).toEqual(
      expect.arrayContaining(['الرياض', '✓ القاهرة', 'الدار البيضاء', 'UTC+3']),
    );
  });
});

/** A translator that always falls back, for the reason given; supportedLanguages fails. */
function fallingBack(
  reason: 'not-configured' | 'budget' | 'reader-budget' | 'error',
): ReturnType<typeof fakeTranslator> {
  const base = fakeTranslator();
  return {
    ...base,
    provider: reason === 'not-configured' ? 'none' : 'google-v2',
    async translate(texts) {
      base.requests.push(texts);
      return { texts, provider: base.provider, chars: 0, cached: 0, fallback: reason };
    },
    async supportedLanguages() {
      throw new Error('provider down');
    },
  };
}

const kindsOf = (call: FakeCall | undefined) =>
  new Set(buttonsOf(call).map((b) => parseCallback(b.callback_data)?.kind));

describe('the first run asks, in one message', () => {
  it('language → zone → time → subscribe, each press editing the same message', async () => {
    h = await startHarness();
    const chatId = 31;
    const at = { chatId, languageCode: 'en', messageId: 700 };
    let calls = await h.say({ chatId, text: '/start', languageCode: 'en' });
    const first = calls.find((c) => c.method === 'sendMessage')!;
    expect(first.payload.text).toContain('in your language');
    expect(first.payload.text).toContain('1/4');
    expect(kindsOf(first)).toEqual(new Set(['setup-lang']));
    expect(buttonsOf(first).some((b) => b.text.includes('*'))).toBe(false);

    const english = buttonsOf(first).find((b) => b.text.endsWith('English'))!;
    calls = await h.press({ ...at, data: english.callback_data });
    let edit = calls.find((c) => c.method === 'editMessageText')!;
    expect(edit.payload.message_id).toBe(700);
    expect(edit.payload.text).toContain('Language set: English (en)');
    expect(edit.payload.text).toContain('2/4');
    expect(kindsOf(edit)).toEqual(new Set(['setup-zone']));

    const riyadh = buttonsOf(edit).find((b) => b.text === 'Riyadh')!;
    calls = await h.press({ ...at, data: riyadh.callback_data });
    edit = calls.find((c) => c.method === 'editMessageText')!;
    expect(edit.payload.text).toContain('Time zone set: Asia/Riyadh');
    expect(edit.payload.text).toContain('3/4');

    const eight = buttonsOf(edit).find((b) => b.text === '08:00')!;
    calls = await h.press({ ...at, data: eight.callback_data });
    edit = calls.find((c) => c.method === 'editMessageText')!;
    expect(edit.payload.text).toContain('Delivery time set: 08:00');
    expect(edit.payload.text).toContain('every day at 08:00 (Asia/Riyadh), in English');
    expect(edit.payload.text).toContain('/follow');
    // nothing was subscribed on the way
    expect(await h.store.subscribers.get(chatId)).toMatchObject({
      language: 'en',
      timeZone: 'Asia/Riyadh',
      deliveryTime: '08:00',
      active: false,
    });

    // optional topics, toggled in the same message
    const sudan = buttonsOf(edit).find((b) => b.text === 'Sudan')!;
    calls = await h.press({ ...at, data: sudan.callback_data });
    edit = calls.find((c) => c.method === 'editMessageText')!;
    expect(edit.payload.text).toContain('Following “Sudan”');
    expect(buttonsOf(edit).map((b) => b.text)).toContain('✓ Sudan');
    const gaza = buttonsOf(edit).find((b) => b.text === 'Gaza')!;
    await h.press({ ...at, data: gaza.callback_data });
    calls = await h.press({ ...at, data: sudan.callback_data });
    edit = calls.find((c) => c.method === 'editMessageText')!;
    expect(edit.payload.text).toContain('Stopped following “Sudan”. Your topics: Gaza');
    expect((await h.store.subscribers.get(chatId))!.topics).toEqual(['Gaza']);

    const subscribe = buttonsOf(edit).find(
      (b) => parseCallback(b.callback_data)?.kind === 'subscribe',
    )!;
    calls = await h.press({ ...at, data: subscribe.callback_data });
    edit = calls.find((c) => c.method === 'editMessageText')!;
    expect(edit.payload.text).toContain('Subscribed');
    expect(edit.payload.text).toContain('08:00 (Asia/Riyadh)');
    // no stale Subscribe button
    expect(kindsOf(edit).has('subscribe')).toBe(false);
    expect((await h.store.subscribers.get(chatId))!.active).toBe(true);
    // not one new message for all those presses
    expect(h.api.sent(chatId)).toHaveLength(1);
  });

  it('"Not now" leaves the chat unsubscribed and says how to subscribe later', async () => {
    h = await startHarness();
    const chatId = 32;
    const at = { chatId, languageCode: 'en', messageId: 710 };
    const first = (await h.say({ chatId, text: '/start', languageCode: 'en' })).find(
      (c) => c.method === 'sendMessage',
    );
    await h.press({ ...at, data: buttonsOf(first)[0]!.callback_data });
    await h.press({ ...at, data: encodeCallback({ kind: 'setup-zone', zone: 'Africa/Cairo' }) });
    await h.press({ ...at, data: encodeCallback({ kind: 'setup-time', time: '07:00' }) });
    const calls = await h.press({ ...at, data: encodeCallback({ kind: 'setup-later' }) });
    const edit = calls.find((c) => c.method === 'editMessageText')!;
    expect(edit.payload.text).toContain('/subscribe');
    expect(buttonsOf(edit)).toEqual([]);
    expect((await h.store.subscribers.get(chatId))!.active).toBe(false);
  });

  it('takes a typed city at the time-zone step, in the same message', async () => {
    h = await startHarness();
    const chatId = 33;
    await h.say({ chatId, text: '/start', languageCode: 'ar' });
    await h.press({
      chatId,
      languageCode: 'ar',
      messageId: 720,
      data: encodeCallback({ kind: 'setup-lang', code: 'ar' }),
    });
    const calls = await h.say({ chatId, text: 'الدار البيضاء', languageCode: 'ar' });
    expect(texts(calls)).toEqual([]);
    const edit = calls.find((c) => c.method === 'editMessageText')!;
    expect(edit.payload.message_id).toBe(720);
    expect(edit.payload.text).toContain('Africa/Casablanca');
    expect(edit.payload.text).toContain('3/4');
    expect((await h.store.subscribers.get(chatId))!.timeZone).toBe('Africa/Casablanca');
    // afterwards, text is a question again
    expect(texts(await h.say({ chatId, text: 'غزة', languageCode: 'ar' }))[0]).toContain('غزة');
  });

  it('a command between the question and the reply ends the wait for a city', async () => {
    h = await startHarness();
    const chatId = 34;
    await h.say({ chatId, text: '/start', languageCode: 'en' });
    await h.press({
      chatId,
      languageCode: 'en',
      messageId: 721,
      data: encodeCallback({ kind: 'setup-lang', code: 'en' }),
    });
    await h.say({ chatId, text: '/digest', languageCode: 'en' });
    // a place name is now a topic question, not a time zone
    const calls = await h.say({ chatId, text: 'Kabul', languageCode: 'en' });
    expect(calls.some((c) => c.method === 'editMessageText')).toBe(false);
    expect(texts(calls)[0]).toContain('Kabul');
    expect((await h.store.subscribers.get(chatId))!.timeZone).not.toBe('Asia/Kabul');
  });
});

describe('languages, with and without translation', () => {
  it('without translation: marked languages, no promise, and a warning on /lang en', async () => {
    h = await startHarness({ translator: fallingBack('not-configured') });
    const first = (await h.say({ chatId: 41, text: '/start', languageCode: 'en' })).find(
      (c) => c.method === 'sendMessage',
    )!;
    expect(first.payload.text).not.toContain('in your language');
    expect(first.payload.text).toContain('in Arabic');
    expect(first.payload.text).toContain('* needs translation');
    const labels = buttonsOf(first).map((b) => b.text);
    expect(labels).toContain('✓ English*');
    expect(labels).toContain('Français*');
    expect(labels).toContain('العربية');

    const [set] = texts(await h.say({ chatId: 41, text: '/lang en', languageCode: 'en' }));
    expect(set).toContain('Language set: English (en)');
    expect(set).toContain('digests stay in Arabic until the operator enables it');
    const [arabic] = texts(await h.say({ chatId: 41, text: '/lang ar', languageCode: 'en' }));
    expect(arabic).not.toContain('⚠️');
    expect((await h.store.subscribers.get(41))!.language).toBe('ar');
  });

  it('/lang CODE is checked against the bundled list, not the failing provider', async () => {
    h = await startHarness({ translator: fallingBack('error') });
    expect(texts(await h.say({ chatId: 42, text: '/lang sw', languageCode: 'en' }))[0]).toBe(
      '🌐 Language set: Kiswahili (sw).',
    );
    expect(
      texts(await h.say({ chatId: 42, text: '/lang zh-tw', languageCode: 'en' }))[0],
    ).toContain('(zh-TW)');
    expect(texts(await h.say({ chatId: 42, text: '/lang xx', languageCode: 'en' }))[0]).toContain(
      '“xx”',
    );
  });

  it('provider down: the Arabic original and "failing, retrying later"', async () => {
    h = await startHarness({ translator: fallingBack('error') });
    await h.say({ chatId: 43, text: '/lang en', languageCode: 'en' });
    const [answer] = texts(await h.say({ chatId: 43, text: '/topic غزة', languageCode: 'en' }));
    expect(answer).toContain('Translation is failing, retrying later');
    expect(answer).toContain('مفاوضات غزة تتواصل في القاهرة 1');
  });

  it.each([
    ['Africa/Cairo', '02:00'],
    ['Asia/Riyadh', '03:00'],
    ['UTC+5', '05:00'],
  ])('budget spent, reader in %s: "back at %s" in the reader’s zone', async (zone, back) => {
    h = await startHarness({ translator: fallingBack('reader-budget') });
    await h.say({ chatId: 44, text: '/lang en', languageCode: 'en' });
    await h.say({ chatId: 44, text: `/time ${zone}`, languageCode: 'en' });
    const [answer] = texts(await h.say({ chatId: 44, text: '/topic غزة', languageCode: 'en' }));
    expect(answer).toContain(`Daily translation limit reached, back at ${back}.`);
    expect(answer).toContain('مفاوضات غزة');
  });
});

describe('follows across languages', () => {
  it('"Iran" and "إيران" are one follow, either way round; /unfollow Iran removes إيران', async () => {
    h = await startHarness();
    const say = async (chatId: number, text: string) =>
      texts(await h!.say({ chatId, text, languageCode: 'en' }))[0]!;
    expect(await say(51, '/follow Iran')).toContain('Following “Iran”');
    expect(await say(51, '/follow إيران')).toContain('already follow “Iran”');
    expect(await say(51, '/follow iran')).toContain('already follow “iran”');
    expect((await h.store.subscribers.get(51))!.topics).toEqual(['Iran']);

    expect(await say(52, '/follow إيران')).toContain('Following “إيران”');
    expect(await say(52, '/follow Iran')).toContain('already follow “إيران”');
    // through the translator too ("elections" → الانتخابات)
    expect(await say(52, '/follow الانتخابات')).toContain('Following');
    expect(await say(52, '/follow Elections')).toContain('already follow “الانتخابات”');
    // a longer topic that only starts with a known name is a topic of its own
    expect(await say(52, '/follow Iran economy')).toContain('Following “Iran economy”');
    expect((await h.store.subscribers.get(52))!.topics).toEqual([
      'إيران',
      'الانتخابات',
      'Iran economy',
    ]);
    expect(await say(52, '/unfollow Iran')).toContain('Stopped following “إيران”');
    expect((await h.store.subscribers.get(52))!.topics).toEqual(['الانتخابات', 'Iran economy']);
    expect(await say(52, '/unfollow Iran economy')).toContain('Stopped following');
    expect(await say(52, '/unfollow')).toBe(
      'Stop following “الانتخابات”? Your daily digest would have every story again.',
    );
  });

  it('/unfollow alone asks with buttons before clearing every topic', async () => {
    h = await startHarness();
    const chatId = 53;
    for (const text of ['/follow غزة', '/follow اليمن', '/follow Sudan']) {
      await h.say({ chatId, text, languageCode: 'en' });
    }
    let calls = await h.say({ chatId, text: '/unfollow', languageCode: 'en' });
    const ask = calls.find((c) => c.method === 'sendMessage')!;
    expect(ask.payload.text).toContain('Stop following all 3 topics (غزة · اليمن · Sudan)?');
    expect([...kindsOf(ask)]).toEqual(['unfollow-all', 'unfollow-keep']);
    // nothing cleared by asking
    expect((await h.store.subscribers.get(chatId))!.topics).toHaveLength(3);

    const [yes, keep] = buttonsOf(ask);
    calls = await h.press({
      chatId,
      data: keep!.callback_data,
      languageCode: 'en',
      messageId: 800,
    });
    let edit = calls.find((c) => c.method === 'editMessageText')!;
    expect(edit.payload.message_id).toBe(800);
    expect(edit.payload.text).toContain('غزة · اليمن · Sudan');
    expect((await h.store.subscribers.get(chatId))!.topics).toHaveLength(3);

    calls = await h.press({ chatId, data: yes!.callback_data, languageCode: 'en', messageId: 800 });
    edit = calls.find((c) => c.method === 'editMessageText')!;
    expect(edit.payload.text).toContain('every story');
    expect(buttonsOf(edit)).toEqual([]);
    expect((await h.store.subscribers.get(chatId))!.topics).toEqual([]);
  });
});
