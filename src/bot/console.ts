/**
 * The local chat: with no bot token, the same bot runs in the terminal. Each input line is a
 * message from one local reader, fed to the real handlers as a Telegram update; the Bot API is
 * replaced by a function that prints what the bot sends as plain text (no network at all).
 * Buttons are printed as [#1 …] and pressed by typing #1 (or 1).
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { InlineKeyboardMarkup, UserFromGetMe } from 'telegraf/types';
import { createBot, type CallApi } from './bot.js';
import type { BotDeps } from './deps.js';
import { htmlToPlainText } from './format.js';
import { pickUiLanguage, t } from './i18n/index.js';

export interface ConsoleIO {
  input: Readable;
  output: Writable;
  /** Telegram-style language code of the local reader (default: DEFAULT_LANGUAGE). */
  languageCode?: string;
  /** Print the welcome banner first (default true). */
  banner?: boolean;
}

const CONSOLE_BOT: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: 'Khulasa',
  username: 'khulasa_local_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};

const READER_ID = 1;

/**
 * Runs the chat until the input ends (or the reader types /quit). Works with piped input:
 * every line is handled, in order, before the next is read.
 */
export async function runConsoleChat(deps: BotDeps, io: ConsoleIO): Promise<void> {
  const write = (text: string) => {
    io.output.write(text);
  };
  let buttons: { text: string; data: string }[] = [];
  let messageId = 0;

  const printButtons = (markup: unknown) => {
    const rows = (markup as InlineKeyboardMarkup | undefined)?.inline_keyboard;
    if (!rows?.length) return;
    buttons = [];
    const lines = rows.map((row) =>
      row
        .map((b) => {
          const data = 'callback_data' in b ? b.callback_data : undefined;
          if (data === undefined) return `[${b.text}]`;
          buttons.push({ text: b.text, data });
          return `[#${buttons.length} ${b.text}]`;
        })
        .join(' '),
    );
    write(`${lines.join('\n')}\n`);
  };

  const callApi: CallApi = async (method, payload) => {
    switch (method) {
      case 'getMe':
        return CONSOLE_BOT;
      case 'sendMessage':
      case 'editMessageText': {
        write(`${htmlToPlainText(String(payload.text ?? '')).trimEnd()}\n`);
        printButtons(payload.reply_markup);
        write('\n');
        return {
          message_id: ++messageId,
          date: Math.floor(deps.now().getTime() / 1000),
          chat: { id: READER_ID, type: 'private', first_name: 'You' },
          text: payload.text,
        };
      }
      case 'answerCallbackQuery':
        if (payload.text) write(`(${String(payload.text)})\n`);
        return true;
      default:
        return true;
    }
  };

  // The local reader is the operator: no on-demand limit (piped scripts may ask many times).
  const unlimited = { ...deps, limits: { requests: Number.MAX_SAFE_INTEGER, windowMs: 60_000 } };
  const bot = createBot(unlimited, { botInfo: CONSOLE_BOT, callApi });
  const languageCode = io.languageCode ?? deps.config.DEFAULT_LANGUAGE;
  if (io.banner !== false) {
    write(`${htmlToPlainText(t(pickUiLanguage(languageCode), 'console.banner'))}\n\n`);
  }

  const from = { id: READER_ID, is_bot: false, first_name: 'You', language_code: languageCode };
  const chat = { id: READER_ID, type: 'private' as const, first_name: 'You' };
  let updateId = 0;
  const interactive = (io.input as { isTTY?: boolean }).isTTY === true;
  const prompt = () => {
    if (interactive) write('> ');
  };

  const lines = createInterface({ input: io.input, crlfDelay: Infinity, terminal: false });
  prompt();
  for await (const raw of lines) {
    const text = raw.trim();
    if (text === '/quit' || text === '/exit') break;
    if (!text) {
      prompt();
      continue;
    }
    // piped input is not shown by the terminal: echo it so each reply follows its question
    if (!interactive) write(`> ${text}\n`);
    const date = Math.floor(deps.now().getTime() / 1000);
    // "#2", or just "2": the second button under the last message.
    const press = /^#?(\d{1,3})$/.exec(text);
    const button = press ? buttons[Number(press[1]) - 1] : undefined;
    if (button) {
      await bot.handleUpdate({
        update_id: ++updateId,
        callback_query: {
          id: String(updateId),
          from,
          chat_instance: 'console',
          data: button.data,
          message: { message_id: messageId, date, chat, text: '' },
        },
      } as never);
    } else {
      const command = /^\/\S+/.exec(text);
      await bot.handleUpdate({
        update_id: ++updateId,
        message: {
          message_id: ++messageId,
          date,
          chat,
          from,
          text,
          ...(command
            ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] }
            : {}),
        },
      } as never);
    }
    prompt();
  }
  lines.close();
}
