/**
 * Reading and changing a chat's settings. Every change is an atomic upsert, so two quick
 * button presses never lose each other's effect.
 */
import { canonicalZone, nextDelivery } from '../time/index.js';
import type { Subscriber } from '../store/types.js';
import { readerLanguage, threadOf, type BotContext } from './context.js';
import { t } from './i18n/index.js';
import { answerPress, replyHtml } from './reply.js';

type ChatType = Subscriber['chatType'];

function chatType(ctx: BotContext): ChatType {
  const type = ctx.chat?.type;
  return type === 'group' || type === 'supergroup' || type === 'channel' ? type : 'private';
}

/** Settings a chat starts with: the reader's language, the configured time and zone. */
export function defaultSubscriber(ctx: BotContext, active: boolean): Subscriber {
  const now = ctx.deps.now().toISOString();
  const thread = threadOf(ctx);
  return {
    chatId: ctx.chat!.id,
    chatType: chatType(ctx),
    language: readerLanguage(ctx),
    deliveryTime: ctx.deps.config.DEFAULT_DELIVERY_TIME,
    timeZone: ctx.deps.config.DEFAULT_TIMEZONE,
    topics: [],
    active,
    createdAt: now,
    updatedAt: now,
    ...(thread !== undefined ? { threadId: thread } : {}),
  };
}

/**
 * Changes the chat's settings, creating them first (inactive unless `activate`) when the chat
 * has none. Keeps the forum topic the change was made from.
 */
export async function updateSubscriber(
  ctx: BotContext,
  change: (s: Subscriber) => Subscriber,
): Promise<Subscriber> {
  const chatId = ctx.chat!.id;
  const thread = threadOf(ctx);
  let wasActive = false;
  const saved = await ctx.deps.store.subscribers.upsert(chatId, (current) => {
    wasActive = current?.active === true;
    const base = current ?? defaultSubscriber(ctx, false);
    const next = change({ ...base });
    return {
      ...next,
      ...(thread !== undefined ? { threadId: thread } : {}),
      updatedAt: ctx.deps.now().toISOString(),
    };
  });
  ctx.subscriber = saved;
  if (saved.active && !wasActive) {
    await ctx.deps.store.meta
      .set(subscribedKey(chatId), true)
      .catch((err: unknown) => ctx.log.warn({ err }, 'could not remember the subscription'));
  }
  return saved;
}

const subscribedKey = (chatId: number) => `bot:subscribed-once:${chatId}`;

/**
 * True when the chat had a subscription that was switched off (by /unsubscribe, a block or a
 * removal), as opposed to settings saved without ever subscribing (/lang alone).
 */
export async function wasSubscribed(ctx: BotContext, s: Subscriber): Promise<boolean> {
  if (s.lastDigestId !== undefined) return true;
  try {
    return (await ctx.deps.store.meta.get<boolean>(subscribedKey(s.chatId))) === true;
  } catch (err) {
    ctx.log.warn({ err }, 'could not read the subscription history');
    return false;
  }
}

/** Settings as shown to the reader (stored, or what a subscription would start with). */
export function effectiveSettings(ctx: BotContext): Subscriber {
  return ctx.subscriber ?? defaultSubscriber(ctx, false);
}

/** Telegram's stand-in sender for an anonymous group admin. */
const ANONYMOUS_ADMIN = 1087968824;

/** True when the sender may change this chat's settings: anyone in private, admins in groups. */
export async function canChangeSettings(ctx: BotContext): Promise<boolean> {
  const chat = ctx.chat;
  if (!chat || chat.type === 'private' || chat.type === 'channel') return true;
  const from = ctx.from;
  if (!from) return false;
  const senderChat = (ctx.msg as { sender_chat?: { id: number } } | undefined)?.sender_chat;
  if (from.id === ANONYMOUS_ADMIN && senderChat?.id === chat.id) return true;
  try {
    const member = await ctx.telegram.getChatMember(chat.id, from.id);
    return member.status === 'creator' || member.status === 'administrator';
  } catch (err) {
    ctx.log.warn({ err, chatId: chat.id }, 'could not check group admin rights');
    return false;
  }
}

/** Like {@link canChangeSettings}, telling the sender when they may not. */
export async function ensureCanChangeSettings(ctx: BotContext): Promise<boolean> {
  if (await canChangeSettings(ctx)) return true;
  const text = t(ctx.ui, 'group.admins.only');
  if (ctx.callbackQuery) await answerPress(ctx, text);
  else await replyHtml(ctx, text);
  return false;
}

const DIGITS: Record<string, string> = Object.fromEntries(
  [...'٠١٢٣٤٥٦٧٨٩']
    .map((d, i) => [d, String(i)])
    .concat([...'۰۱۲۳۴۵۶۷۸۹'].map((d, i) => [d, String(i)])),
);

/** "7:30", "07:30", "٠٧:٣٠" → "07:30"; undefined when not a 24-hour time. */
export function parseTime(raw: string): string | undefined {
  const ascii = raw
    .trim()
    .replace(/[٠-٩۰-۹]/g, (d) => DIGITS[d]!)
    .replace(/[.٫]/, ':');
  const m = /^(\d{1,2}):(\d{2})$/.exec(ascii);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

/** Canonical IANA zone name ("asia/riyadh" → "Asia/Riyadh"), or undefined. */
export const parseZone = canonicalZone;

export { nextDelivery };

/** "2026-03-29 07:30 (Europe/Paris)" style, for settings replies. */
export function formatNext(time: string, zone: string, now: Date): string {
  return nextDelivery(time, zone, now).toFormat('yyyy-LL-dd HH:mm');
}
