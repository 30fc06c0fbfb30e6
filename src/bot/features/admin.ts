/** Operator commands (ADMIN_CHAT_IDS): /stats, /addsource, /removesource, /sourcestatus. */
import { Composer } from 'telegraf';
import { sourceIdFor } from '../../sources/index.js';
import { SourceSchema, type Source } from '../../store/types.js';
import type { BotContext } from '../context.js';
import { splitHtmlLines } from '../format.js';
import { escapeHtml } from '../html.js';
import { t } from '../i18n/index.js';
import { replyHtml } from '../reply.js';

export const adminFeature = new Composer<BotContext>();

/** True when the sender (or the chat) is listed in ADMIN_CHAT_IDS. */
export function isAdmin(ctx: BotContext): boolean {
  const admins = ctx.deps.config.ADMIN_CHAT_IDS ?? [];
  return (
    (ctx.from !== undefined && admins.includes(ctx.from.id)) ||
    (ctx.chat !== undefined && admins.includes(ctx.chat.id))
  );
}

function adminOnly<C extends BotContext>(handler: (ctx: C) => Promise<void>) {
  return async (ctx: C): Promise<void> => {
    if (!isAdmin(ctx)) {
      ctx.log.info({ from: ctx.from?.id }, 'admin command refused');
      await replyHtml(ctx, t(ctx.ui, 'admin.only'));
      return;
    }
    await handler(ctx);
  };
}

adminFeature.command(
  'stats',
  adminOnly(async (ctx) => {
    const { store, translator, now } = ctx.deps;
    const [count, articles, latest, sources, feeds] = await Promise.all([
      store.subscribers.count(),
      store.articles.listSince(new Date(now().getTime() - 86_400_000)),
      store.digests.latest(),
      ctx.deps.sources.list(),
      store.feeds.all(),
    ]);
    const digest = latest
      ? `${latest.builtAt.slice(0, 16).replace('T', ' ')} UTC, ${latest.stories.length}`
      : '—';
    await replyHtml(
      ctx,
      t(ctx.ui, 'stats', {
        active: count.active,
        total: count.total,
        articles: articles.length,
        digest,
        sources: sources.length,
        failing: feeds.filter((f) => f.status === 'failing').length,
        provider: translator.provider,
      }),
    );
  }),
);

adminFeature.command(
  'addsource',
  adminOnly(async (ctx) => {
    const raw = ctx.payload.trim().split(/\s+/)[0] ?? '';
    if (!raw) {
      await replyHtml(ctx, t(ctx.ui, 'addsource.usage'));
      return;
    }
    if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) {
      await replyHtml(ctx, t(ctx.ui, 'addsource.bad', { url: raw, reason: 'not an http(s) URL' }));
      return;
    }
    const url = new URL(raw);
    try {
      await ctx.deps.sources.check(url.href);
    } catch (err) {
      await replyHtml(
        ctx,
        t(ctx.ui, 'addsource.bad', { url: url.href, reason: (err as Error).message }),
      );
      return;
    }
    const existing = await ctx.deps.sources.list();
    const same = existing.find((s) => s.url === url.href);
    if (same) {
      await replyHtml(ctx, t(ctx.ui, 'addsource.ok', { id: same.id, url: same.url }));
      return;
    }
    const source: Source = SourceSchema.parse({
      id: sourceIdFor(url, new Set(existing.map((s) => s.id))),
      name: url.hostname.replace(/^www\./, ''),
      url: url.href,
      kind: 'feed',
    });
    await ctx.deps.store.sources.add(source);
    ctx.log.info({ id: source.id, url: source.url, by: ctx.from?.id }, 'source added');
    await replyHtml(ctx, t(ctx.ui, 'addsource.ok', { id: source.id, url: source.url }));
  }),
);

adminFeature.command(
  'removesource',
  adminOnly(async (ctx) => {
    const id = ctx.payload.trim().split(/\s+/)[0] ?? '';
    if (!id) {
      await replyHtml(ctx, t(ctx.ui, 'removesource.usage'));
      return;
    }
    const removed = await ctx.deps.store.sources.remove(id);
    if (removed) ctx.log.info({ id, by: ctx.from?.id }, 'source removed');
    await replyHtml(
      ctx,
      t(ctx.ui, removed ? 'removesource.ok' : 'removesource.none', { id: id.slice(0, 60) }),
    );
  }),
);

adminFeature.command(
  'sourcestatus',
  adminOnly(async (ctx) => {
    const feeds = await ctx.deps.store.feeds.all();
    if (feeds.length === 0) {
      await replyHtml(ctx, t(ctx.ui, 'sourcestatus.none'));
      return;
    }
    const icon = { ok: '✅', failing: '⚠️', new: '🆕' } as const;
    const lines = feeds
      .sort((a, b) => b.failures - a.failures || a.sourceId.localeCompare(b.sourceId))
      .map((f) => {
        const parts = [`${icon[f.status]} <code>${escapeHtml(f.sourceId)}</code>`];
        if (f.items !== undefined) parts.push(`${f.items} items`);
        if (f.failures) parts.push(`${f.failures} failures`);
        if (f.lastOkAt) parts.push(`ok ${escapeHtml(f.lastOkAt.slice(0, 16).replace('T', ' '))}`);
        if (f.lastError) parts.push(`<i>${escapeHtml(f.lastError.slice(0, 120))}</i>`);
        return parts.join(' · ');
      });
    for (const html of splitHtmlLines([t(ctx.ui, 'sourcestatus.title'), ...lines].join('\n'))) {
      await replyHtml(ctx, html);
    }
  }),
);
