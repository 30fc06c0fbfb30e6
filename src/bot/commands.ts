/** The command menu Telegram shows, in English (default) and Arabic; admins see theirs too. */
import type { Telegram } from 'telegraf';
import type { BotCommand } from 'telegraf/types';
import type { Logger } from '../log.js';
import { t, type MessageKey } from './i18n/index.js';

const READER_COMMANDS = [
  'digest',
  'topic',
  'subscribe',
  'unsubscribe',
  'lang',
  'time',
  'follow',
  'unfollow',
  'settings',
  'format',
  'sources',
  'help',
  'start',
  'whoami',
] as const;
const ADMIN_COMMANDS = ['stats', 'addsource', 'removesource', 'sourcestatus'] as const;

export function commandList(lang: string, admin = false): BotCommand[] {
  const names = admin ? [...READER_COMMANDS, ...ADMIN_COMMANDS] : READER_COMMANDS;
  return names.map((command) => ({
    command,
    description: t(lang, `cmd.${command}` as MessageKey),
  }));
}

/**
 * Registers the menus with setMyCommands. Failures are logged, never fatal: the bot works
 * without a menu.
 */
export async function registerCommands(
  telegram: Telegram,
  opts: { adminChatIds?: number[]; log: Logger },
): Promise<void> {
  const calls: [string, () => Promise<unknown>][] = [
    ['default', () => telegram.setMyCommands(commandList('en'))],
    ['en', () => telegram.setMyCommands(commandList('en'), { language_code: 'en' })],
    ['ar', () => telegram.setMyCommands(commandList('ar'), { language_code: 'ar' })],
    ['fr', () => telegram.setMyCommands(commandList('fr'), { language_code: 'fr' })],
  ];
  for (const chatId of opts.adminChatIds ?? []) {
    calls.push([
      `admin ${chatId}`,
      () =>
        telegram.setMyCommands(commandList('en', true), {
          scope: { type: 'chat', chat_id: chatId },
        }),
    ]);
  }
  for (const [label, call] of calls) {
    try {
      await call();
    } catch (err) {
      opts.log.warn({ err, menu: label }, 'could not register the command menu');
    }
  }
}
