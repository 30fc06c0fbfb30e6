import type { MiddlewareFn } from 'telegraf';
import { parseCallback, type CallbackData } from './callback-data.js';
import type { BotContext } from './context.js';

/** Runs `handler` for button presses of one kind; other updates pass through. */
export function onCallback<K extends CallbackData['kind']>(
  kind: K,
  handler: (ctx: BotContext, data: Extract<CallbackData, { kind: K }>) => Promise<unknown>,
): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const query = ctx.callbackQuery;
    const raw = query && 'data' in query ? query.data : undefined;
    const data = parseCallback(raw);
    if (data?.kind !== kind) return next();
    await handler(ctx, data as Extract<CallbackData, { kind: K }>);
  };
}
