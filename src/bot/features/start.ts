/**
 * /start: a first run that asks. One message, edited in place at each press, takes a new
 * reader through language (marking those that need translation when the bot has none), time
 * zone (common Arab-world cities and offsets, or a city typed as text), delivery time, and then
 * offers to subscribe; every step says what it changed, and subscribing is only ever the
 * reader's own press. A chat whose subscription was switched off (a block, a removal) gets it
 * back; a subscribed chat gets its settings buttons.
 */
import { Composer } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import { normalize } from '../../arabic/index.js';
import type { Subscriber } from '../../store/types.js';
import { encodeCallback } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { decodeEntities } from '../html.js';
import { languageName, pickUiLanguage, t } from '../i18n/index.js';
import { createLanguageKeyboard } from '../keyboards/language.js';
import { createStartKeyboard } from '../keyboards/start.js';
import { createTimeKeyboard } from '../keyboards/time.js';
import { createZoneKeyboard } from '../keyboards/zone.js';
import { showMenu } from '../menu.js';
import { onCallback } from '../on-callback.js';
import { answerPress, replyHtml, withTelegramRetry } from '../reply.js';
import {
  effectiveSettings,
  ensureCanChangeSettings,
  updateSubscriber,
  wasSubscribed,
} from '../subscription.js';
import { resolveZone, zoneLabel } from '../time-zone.js';
import { MAX_TOPICS } from './follow.js';
import { canTranslate, languageSetText } from './lang.js';

export const startFeature = new Composer<BotContext>();

/** How long a first run waits for a city typed as text. */
const TYPED_ZONE_TTL_MS = 30 * 60_000;
const setupKey = (chatId: number) => `bot:setup:${chatId}`;

interface SetupState {
  /** The first-run message waiting for a typed zone, if any. */
  zoneMessageId?: number;
}

function introText(ctx: BotContext): string {
  return t(ctx.ui, canTranslate(ctx) ? 'setup.intro' : 'setup.intro.arabic');
}

function languageStep(ctx: BotContext): { html: string; markup: InlineKeyboardMarkup } {
  const current = effectiveSettings(ctx).language;
  const marked = !canTranslate(ctx);
  const html = [introText(ctx), t(ctx.ui, 'setup.step.lang')]
    .concat(marked ? [t(ctx.ui, 'lang.marked')] : [])
    .join('\n\n');
  const markup = createLanguageKeyboard(current, marked, (code) =>
    encodeCallback({ kind: 'setup-lang', code }),
  );
  return { html, markup };
}

function zoneStep(ctx: BotContext, done: string): { html: string; markup: InlineKeyboardMarkup } {
  const s = effectiveSettings(ctx);
  return {
    html: `${done}\n\n${t(ctx.ui, 'setup.step.zone', { zone: zoneLabel(s.timeZone) })}`,
    markup: createZoneKeyboard(ctx.ui, s.timeZone, (zone) =>
      encodeCallback({ kind: 'setup-zone', zone }),
    ),
  };
}

function timeStep(ctx: BotContext, done: string): { html: string; markup: InlineKeyboardMarkup } {
  const s = effectiveSettings(ctx);
  return {
    html: `${done}\n\n${t(ctx.ui, 'setup.step.time')}`,
    markup: createTimeKeyboard(s.deliveryTime, (time) =>
      encodeCallback({ kind: 'setup-time', time }),
    ),
  };
}

/**
 * Topics offered at the last step (English, French, Arabic), each a name the digest filter
 * knows in all three; a reader follows one by pressing it, in the language they read.
 */
export const SUGGESTED_TOPICS: readonly (readonly [string, string, string])[] = [
  ['Gaza', 'Gaza', 'غزة'],
  ['Sudan', 'Soudan', 'السودان'],
  ['Syria', 'Syrie', 'سوريا'],
  ['Yemen', 'Yémen', 'اليمن'],
  ['Lebanon', 'Liban', 'لبنان'],
  ['Iraq', 'Irak', 'العراق'],
  ['Libya', 'Libye', 'ليبيا'],
  ['Egypt', 'Égypte', 'مصر'],
  ['Iran', 'Iran', 'إيران'],
];

function suggestionName(ui: string, index: number): string {
  const names = SUGGESTED_TOPICS[index]!;
  return ui === 'ar' ? names[2] : ui === 'fr' ? names[1] : names[0];
}

/** The followed topics that are suggestion `index` in any of its languages. */
function followedAs(topics: readonly string[], index: number): string[] {
  const names = new Set(SUGGESTED_TOPICS[index]!.map((n) => normalize(n)));
  return topics.filter((x) => names.has(normalize(x)));
}

function lastStep(ctx: BotContext, s: Subscriber, done: string) {
  const html = `${done}\n\n${t(ctx.ui, 'setup.step.done', {
    time: s.deliveryTime,
    zone: zoneLabel(s.timeZone),
    language: languageName(s.language),
  })}`;
  const topics = SUGGESTED_TOPICS.map((_, index) => {
    const name = suggestionName(ctx.ui, index);
    return {
      text: followedAs(s.topics, index).length > 0 ? `✓ ${name}` : name,
      callback_data: encodeCallback({ kind: 'setup-topic', index }),
    };
  });
  const rows = [];
  for (let i = 0; i < topics.length; i += 3) rows.push(topics.slice(i, i + 3));
  const markup: InlineKeyboardMarkup = {
    inline_keyboard: [
      ...rows,
      [
        {
          text: decodeEntities(t(ctx.ui, 'btn.subscribe')),
          callback_data: encodeCallback({ kind: 'subscribe' }),
        },
        {
          text: decodeEntities(t(ctx.ui, 'btn.later')),
          callback_data: encodeCallback({ kind: 'setup-later' }),
        },
      ],
    ],
  };
  return { html, markup };
}

async function rememberZoneStep(ctx: BotContext, messageId: number | undefined): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  const state: SetupState = messageId !== undefined ? { zoneMessageId: messageId } : {};
  await ctx.deps.store.meta
    .set(setupKey(chatId), state, TYPED_ZONE_TTL_MS)
    .catch((err: unknown) => ctx.log.warn({ err }, 'could not remember the first-run step'));
}

startFeature.start(async (ctx) => {
  const current = ctx.subscriber;
  if (current && !current.active && (await wasSubscribed(ctx, current))) {
    const s = await updateSubscriber(ctx, (x) => ({ ...x, active: true }));
    await replyHtml(
      ctx,
      t(ctx.ui, 'welcome.back', { time: s.deliveryTime, zone: zoneLabel(s.timeZone) }),
      { replyMarkup: createStartKeyboard(ctx.ui, true) },
    );
    return;
  }
  if (current?.active) {
    await replyHtml(ctx, introText(ctx), { replyMarkup: createStartKeyboard(ctx.ui, true) });
    return;
  }
  const step = languageStep(ctx);
  await replyHtml(ctx, step.html, { replyMarkup: step.markup });
});

startFeature.use(
  onCallback('setup-lang', async (ctx, data) => {
    if (!(await ensureCanChangeSettings(ctx))) return;
    await answerPress(ctx);
    await updateSubscriber(ctx, (s) => ({ ...s, language: data.code }));
    ctx.ui = pickUiLanguage(data.code);
    const step = zoneStep(ctx, languageSetText(ctx, data.code));
    await showMenu(ctx, step.html, step.markup);
    if (ctx.chat?.type === 'private') {
      await rememberZoneStep(ctx, ctx.callbackQuery?.message?.message_id);
    }
  }),
);

startFeature.use(
  onCallback('setup-zone', async (ctx, data) => {
    if (!(await ensureCanChangeSettings(ctx))) return;
    await answerPress(ctx);
    const s = await updateSubscriber(ctx, (x) => ({ ...x, timeZone: data.zone }));
    await rememberZoneStep(ctx, undefined);
    const step = timeStep(ctx, t(ctx.ui, 'setup.zone.set', { zone: zoneLabel(s.timeZone) }));
    await showMenu(ctx, step.html, step.markup);
  }),
);

startFeature.use(
  onCallback('setup-time', async (ctx, data) => {
    if (!(await ensureCanChangeSettings(ctx))) return;
    await answerPress(ctx);
    const s = await updateSubscriber(ctx, (x) => ({ ...x, deliveryTime: data.time }));
    const done = t(ctx.ui, 'setup.time.set', { time: s.deliveryTime });
    const step = s.active
      ? { html: `${done}\n\n${t(ctx.ui, 'setup.already')}`, markup: undefined }
      : lastStep(ctx, s, done);
    await showMenu(ctx, step.html, step.markup);
  }),
);

startFeature.use(
  onCallback('setup-topic', async (ctx, data) => {
    if (data.index >= SUGGESTED_TOPICS.length) return answerPress(ctx);
    if (!(await ensureCanChangeSettings(ctx))) return;
    await answerPress(ctx);
    const name = suggestionName(ctx.ui, data.index);
    let change = 'added' as 'added' | 'removed' | 'full';
    const s = await updateSubscriber(ctx, (x) => {
      const known = followedAs(x.topics, data.index);
      if (known.length > 0) {
        change = 'removed';
        return { ...x, topics: x.topics.filter((topic) => !known.includes(topic)) };
      }
      if (x.topics.length >= MAX_TOPICS) {
        change = 'full';
        return x;
      }
      return { ...x, topics: [...x.topics, name] };
    });
    const list = s.topics.join(' · ');
    const done =
      change === 'full'
        ? t(ctx.ui, 'follow.full', { max: MAX_TOPICS })
        : change === 'removed'
          ? t(ctx.ui, 'setup.topic.removed', { topic: name, topics: list || '—' })
          : t(ctx.ui, 'setup.topic.added', { topic: name, topics: list });
    const step = s.active
      ? { html: `${done}\n\n${t(ctx.ui, 'setup.already')}`, markup: undefined }
      : lastStep(ctx, s, done);
    await showMenu(ctx, step.html, step.markup);
  }),
);

startFeature.use(
  onCallback('setup-later', async (ctx) => {
    await answerPress(ctx);
    await showMenu(ctx, t(ctx.ui, 'setup.later'));
  }),
);

// A city typed while the first run asks for the time zone: set it and go on in that message.
// Only the reply that follows the question counts: a command, or words that name no zone, end
// the wait, so "Afghanistan" asked after /digest is a topic question, not a time zone.
startFeature.on('text', async (ctx, next) => {
  if (ctx.chat.type !== 'private') return next();
  let state: SetupState | undefined;
  try {
    state = await ctx.deps.store.meta.get<SetupState>(setupKey(ctx.chat.id));
  } catch (err) {
    ctx.log.warn({ err }, 'could not read the first-run step');
  }
  const messageId = state?.zoneMessageId;
  if (messageId === undefined) return next();
  const zone = ctx.message.text.startsWith('/') ? undefined : resolveZone(ctx.message.text);
  if (zone === undefined) {
    await rememberZoneStep(ctx, undefined);
    return next();
  }
  const s = await updateSubscriber(ctx, (x) => ({ ...x, timeZone: zone }));
  await rememberZoneStep(ctx, undefined);
  const step = timeStep(ctx, t(ctx.ui, 'setup.zone.set', { zone: zoneLabel(s.timeZone) }));
  try {
    await withTelegramRetry(ctx, ctx.chat.id, (chatId) =>
      ctx.telegram.editMessageText(chatId, messageId, undefined, step.html, {
        parse_mode: 'HTML',
        reply_markup: step.markup,
      }),
    );
  } catch (err) {
    ctx.log.debug({ err }, 'first-run message could not be edited; sending the step anew');
    await replyHtml(ctx, step.html, { replyMarkup: step.markup });
  }
});
