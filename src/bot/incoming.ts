/**
 * What a message means before any feature sees it: a command typed as `/Digest` (phones
 * capitalise the first letter) or `/DIGEST@bot` is `/digest`, and a photo's or a document's
 * caption is read as the message's text, so `/topic غزة` under a picture is a question too.
 */
import type { MiddlewareFn } from 'telegraf';
import type { MessageEntity } from 'telegraf/types';
import type { BotContext } from './context.js';

interface Incoming {
  text?: unknown;
  entities?: MessageEntity[];
  caption?: unknown;
  caption_entities?: MessageEntity[];
}

/** The leading command of a text, lower-cased ("/Digest@Bot x" → "/digest@Bot x"). */
export function lowerCommand(text: string, entities: readonly MessageEntity[] = []): string {
  const first = entities[0];
  if (first?.type !== 'bot_command' || first.offset !== 0) return text;
  const [name = '', ...at] = text.slice(0, first.length).split('@');
  return [name.toLowerCase(), ...at].join('@') + text.slice(first.length);
}

/** The bot command a text starts with, when there is one: name (lower-case) and addressee. */
export function commandOf(
  text: string,
  entities: readonly MessageEntity[] = [],
): { name: string; to?: string } | undefined {
  const first = entities[0];
  if (first?.type !== 'bot_command' || first.offset !== 0) return undefined;
  const [name = '', to] = text.slice(1, first.length).split('@');
  return { name: name.toLowerCase(), ...(to ? { to } : {}) };
}

export const normalizeIncoming: MiddlewareFn<BotContext> = (ctx, next) => {
  const msg = ctx.message as Incoming | undefined;
  if (!msg) return next();
  if (typeof msg.text !== 'string' && typeof msg.caption === 'string') {
    msg.text = msg.caption;
    if (msg.caption_entities) msg.entities = msg.caption_entities;
  }
  if (typeof msg.text === 'string') msg.text = lowerCommand(msg.text, msg.entities);
  return next();
};
