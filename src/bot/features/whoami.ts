/**
 * /whoami: the chat's id (and the sender's), so an operator can fill ADMIN_CHAT_IDS and
 * ALLOWED_CHAT_IDS. Answered before the private-mode check: a refused reader needs it most.
 */
import { Composer } from 'telegraf';
import type { BotContext } from '../context.js';
import { t } from '../i18n/index.js';
import { replyHtml } from '../reply.js';

export const whoamiFeature = new Composer<BotContext>();

whoamiFeature.command('whoami', async (ctx) => {
  const from = ctx.from?.id;
  const user =
    from !== undefined && from !== ctx.chat.id ? t(ctx.ui, 'whoami.user', { id: from }) : '';
  await replyHtml(ctx, t(ctx.ui, 'whoami', { id: ctx.chat.id }).replace('{user}', user));
});
