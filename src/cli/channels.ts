/**
 * `khulasa channels add|remove|list`: channels that get the daily digest, managed from the shell
 * (the same subscriptions /subscribe posted in a channel makes).
 */
import { parseConfig, type Config } from '../config/index.js';
import { silentLogger } from '../log.js';
import type { Store, Subscriber } from '../store/types.js';
import { UsageError, type CliIO, type Command } from './command.js';
import { isValidTimeZone } from '../time/index.js';

const HELP = `Usage: khulasa channels add @name|-100ID [--time HH:MM] [--tz ZONE] [--lang CODE]
       khulasa channels remove @name|-100ID
       khulasa channels list

Channels get the daily digest as one post with links. Make the bot an admin of the channel
(with the right to post) first. @name is looked up with the Bot API (needs TELEGRAM_BOT_TOKEN);
a numeric id (-100…) needs no network. Defaults: DEFAULT_DELIVERY_TIME, DEFAULT_TIMEZONE,
DEFAULT_LANGUAGE. Reads STORE_URL.`;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/;

/** A channel's numeric id: given as -100…, or looked up from @name with getChat. */
async function resolveChannel(ref: string, config: Config): Promise<number> {
  if (/^-100\d{5,}$/.test(ref)) return Number(ref);
  if (!/^@[A-Za-z][A-Za-z0-9_]{3,31}$/.test(ref)) {
    throw new UsageError(`expected @channelname or a -100… channel id, got '${ref}'`);
  }
  if (config.telegram.mode === 'console') {
    throw new UsageError(
      `looking up ${ref} needs TELEGRAM_BOT_TOKEN; or pass the channel's -100… id instead`,
    );
  }
  const { Telegram } = await import('telegraf');
  const { routeThroughProxy } = await import('../bot/bot.js');
  const telegram = new Telegram(config.telegram.token, { apiRoot: config.telegram.apiRoot });
  routeThroughProxy(telegram, config.telegram.apiRoot);
  const chat = await telegram.getChat(ref);
  if (chat.type !== 'channel') throw new UsageError(`${ref} is a ${chat.type}, not a channel`);
  return chat.id;
}

export async function addChannel(
  store: Store,
  chatId: number,
  settings: { time: string; zone: string; language: string; now: Date },
): Promise<Subscriber> {
  const at = settings.now.toISOString();
  return store.subscribers.upsert(chatId, (current) => ({
    ...(current ?? { topics: [], createdAt: at }),
    chatId,
    chatType: 'channel',
    language: settings.language,
    deliveryTime: settings.time,
    timeZone: settings.zone,
    topics: current?.topics ?? [],
    active: true,
    createdAt: current?.createdAt ?? at,
    updatedAt: at,
  }));
}

export async function listChannels(store: Store): Promise<Subscriber[]> {
  const out: Subscriber[] = [];
  for await (const s of store.subscribers.all()) if (s.chatType === 'channel') out.push(s);
  return out.sort((a, b) => a.chatId - b.chatId);
}

function option(args: { values: Record<string, unknown> }, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

export const command: Command = {
  name: 'channels',
  summary: 'add, remove or list the channels that get the digest',
  help: HELP,
  options: { time: { type: 'string' }, tz: { type: 'string' }, lang: { type: 'string' } },
  maxPositionals: 2,
  async run(args, io: CliIO) {
    const [action, ref] = args.positionals;
    if (action !== 'add' && action !== 'remove' && action !== 'list') {
      throw new UsageError(
        `expected add, remove or list, got '${action ?? ''}'; see 'khulasa channels --help'`,
      );
    }
    if (action === 'list' ? ref !== undefined : ref === undefined) {
      throw new UsageError(
        action === 'list' ? 'list takes no argument' : `${action} needs @name or a -100… id`,
      );
    }
    const time = option(args, 'time');
    const zone = option(args, 'tz');
    const language = option(args, 'lang');
    if (action !== 'add' && (time ?? zone ?? language) !== undefined) {
      throw new UsageError('--time, --tz and --lang are options of add');
    }
    if (time !== undefined && !HHMM.test(time)) {
      throw new UsageError(`--time must be a 24-hour HH:MM, got '${time}'`);
    }
    if (zone !== undefined && !isValidTimeZone(zone)) {
      throw new UsageError(`--tz must be an IANA time zone like Asia/Riyadh, got '${zone}'`);
    }
    if (language !== undefined && !LANGUAGE.test(language)) {
      throw new UsageError(`--lang must be a language code like en or ar, got '${language}'`);
    }
    const config = parseConfig(io.env);
    const chatId = ref === undefined ? undefined : await resolveChannel(ref, config);
    const { openRuntime } = await import('../app/runtime.js');
    const runtime = await openRuntime(config, { log: silentLogger(), translator: false });
    const { store } = runtime;
    try {
      if (action === 'list') {
        const channels = await listChannels(store);
        for (const c of channels) {
          io.stdout.write(
            `${c.chatId}\t${c.active ? 'active' : 'stopped'}\t${c.deliveryTime} ${c.timeZone}\t${c.language}\n`,
          );
        }
        if (channels.length === 0) io.stderr.write('no channels\n');
        return 0;
      }
      if (action === 'add') {
        const s = await addChannel(store, chatId!, {
          time: time ?? config.DEFAULT_DELIVERY_TIME,
          zone: zone ?? config.DEFAULT_TIMEZONE,
          language: language ?? config.DEFAULT_LANGUAGE,
          now: new Date(),
        });
        io.stdout.write(
          `added channel ${ref} (${s.chatId}): every day at ${s.deliveryTime} ${s.timeZone}, language ${s.language}\n`,
        );
        return 0;
      }
      const current = await store.subscribers.get(chatId!);
      if (!current || current.chatType !== 'channel') {
        io.stderr.write(`khulasa: ${ref} is not a subscribed channel\n`);
        return 1;
      }
      await store.subscribers.delete(chatId!);
      io.stdout.write(`removed channel ${ref} (${chatId})\n`);
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
