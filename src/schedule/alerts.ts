/**
 * Operator alerts: a source failing for a day, a digest build failing, the translation budget at
 * 80% and at 100%. Each alert has a key that names its occurrence (the source and when its
 * failures began, the build that failed, the UTC day), and is sent to the admins once per key,
 * however often the check runs and however many instances share the store.
 */
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import { translationUsage } from '../translate/index.js';
import { META_LAST_BUILD_ERROR } from './build.js';

export { META_LAST_BUILD_ERROR };

/** How long a source must fail before admins hear of it. */
export const SOURCE_FAILING_ALERT_MS = 24 * 3_600_000;

export interface Alert {
  /** Names one occurrence; an alert is sent once per key. */
  key: string;
  /** Telegram HTML, every untrusted part escaped. */
  html: string;
}

export interface AlertDeps {
  store: Store;
  log: Logger;
  adminChatIds: number[];
  /** Sends one HTML message to one chat. */
  send(chatId: number, html: string): Promise<void>;
  dailyCharLimit: number;
}

const escape = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const oneLine = (text: string, max = 300): string => {
  const line = text.split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** The alerts that hold at `now` (sent or not). */
export async function collectAlerts(
  deps: Pick<AlertDeps, 'store' | 'dailyCharLimit'>,
  now: Date,
): Promise<Alert[]> {
  const alerts: Alert[] = [];
  for (const feed of await deps.store.feeds.all()) {
    if (feed.status !== 'failing' || !feed.failingSince) continue;
    const since = Date.parse(feed.failingSince);
    if (!(now.getTime() - since >= SOURCE_FAILING_ALERT_MS)) continue;
    const hours = Math.floor((now.getTime() - since) / 3_600_000);
    const error = escape(oneLine(feed.lastError ?? 'unknown error'));
    alerts.push({
      key: `source-failing:${feed.sourceId}:${feed.failingSince}`,
      html:
        `⚠️ <b>المصدر ${escape(feed.sourceId)} يفشل منذ ${hours} ساعة</b>\n` +
        `Source <code>${escape(feed.sourceId)}</code> has been failing for ${hours} h ` +
        `(${feed.failures} attempts): ${error}\n/sourcestatus`,
    });
  }

  const buildError = await deps.store.meta.get<{ at: string; message: string }>(
    META_LAST_BUILD_ERROR,
  );
  if (buildError?.at && now.getTime() - Date.parse(buildError.at) < 24 * 3_600_000) {
    alerts.push({
      key: `build-failed:${buildError.at}`,
      html:
        `⚠️ <b>فشل بناء الخلاصة</b>\nThe digest build failed at ${escape(buildError.at)}: ` +
        escape(oneLine(buildError.message ?? 'unknown error')),
    });
  }

  if (deps.dailyCharLimit > 0) {
    const usage = await translationUsage(deps.store, now, { dailyCharLimit: deps.dailyCharLimit });
    const share = usage.today / deps.dailyCharLimit;
    for (const level of [80, 100]) {
      if (share * 100 < level) continue;
      alerts.push({
        key: `translation-budget-${level}:${usage.day}`,
        html:
          `${level === 100 ? '⛔' : '⚠️'} <b>ميزانية الترجمة ${level}%</b>\n` +
          `Translation used ${usage.today.toLocaleString('en-US')} of ` +
          `${deps.dailyCharLimit.toLocaleString('en-US')} characters today (${usage.day} UTC).` +
          (level === 100
            ? ' Readers get the Arabic original until midnight UTC; raise TRANSLATE_DAILY_CHAR_LIMIT to change that.'
            : ''),
      });
    }
  }
  return alerts;
}

/**
 * Sends every alert that holds and was not sent before to each admin. An alert is marked sent
 * once at least one admin received it, so a chat that blocked the bot does not cause repeats.
 * Returns the keys sent.
 */
export async function sendAlerts(deps: AlertDeps, now: Date): Promise<string[]> {
  if (deps.adminChatIds.length === 0) return [];
  const sent: string[] = [];
  for (const alert of await collectAlerts(deps, now)) {
    const marker = `alert:sent:${alert.key}`;
    if (await deps.store.meta.get(marker)) continue;
    let delivered = 0;
    for (const chatId of deps.adminChatIds) {
      try {
        await deps.send(chatId, alert.html);
        delivered++;
      } catch (err) {
        deps.log.warn({ err, chatId, alert: alert.key }, 'could not send an alert to an admin');
      }
    }
    if (delivered > 0) {
      await deps.store.meta.set(marker, now.toISOString());
      sent.push(alert.key);
      deps.log.info({ alert: alert.key, admins: delivered }, 'alert sent');
    }
  }
  return sent;
}
