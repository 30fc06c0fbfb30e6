/**
 * Logging with pino: JSON lines by default, readable when stderr is a terminal. Secrets are
 * redacted by key wherever they appear, and bot tokens are scrubbed from error messages.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

const REDACT_PATHS = [
  'token',
  'botToken',
  'apiKey',
  'key',
  'secret',
  'password',
  'authorization',
  '*.token',
  '*.botToken',
  '*.apiKey',
  '*.secret',
  '*.password',
  '*.authorization',
  'config.TELEGRAM_BOT_TOKEN',
  'config.WEBHOOK_SECRET',
  'config.GOOGLE_TRANSLATE_API_KEY',
  'headers["x-goog-api-key"]',
  'headers["x-telegram-bot-api-secret-token"]',
];

/**
 * Bot tokens look like `123456:ABC…`; they can leak into URLs inside error messages, where they
 * follow "bot" with no word boundary (`/bot123456:ABC…/sendMessage`).
 */
const TOKEN_IN_TEXT = /(?<!\d)\d{3,}:[A-Za-z0-9_-]{20,}/g;
const KEY_IN_URL = /([?&]key=)[^&\s"]+/g;

/** Removes anything that looks like a bot token or an API key from a piece of text. */
export function scrubSecrets(text: string): string {
  return text.replace(TOKEN_IN_TEXT, '<bot-token>').replace(KEY_IN_URL, '$1<api-key>');
}

export interface LogOptions {
  level?: string;
  /** Force pretty output (default: when stderr is a TTY). */
  pretty?: boolean;
  /** Where lines go; defaults to stderr so stdout stays free for command output. */
  destination?: NodeJS.WritableStream;
  /** Colours in pretty output (default: unless NO_COLOR is set, see {@link wantsColor}). */
  color?: boolean;
}

/** False when the environment asks for no colours: NO_COLOR set to anything (no-color.org). */
export function wantsColor(env: Record<string, string | undefined>): boolean {
  return !env.NO_COLOR;
}

/** Creates the process logger. Everything goes to stderr unless a destination is given. */
export function createLogger(opts: LogOptions = {}): Logger {
  const pretty = opts.pretty ?? (opts.destination === undefined && process.stderr.isTTY === true);
  const options: pino.LoggerOptions = {
    level: opts.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      err: (err: unknown) => {
        const s = pino.stdSerializers.err(err as Error);
        if (s && typeof s.message === 'string') s.message = scrubSecrets(s.message);
        if (s && typeof s.stack === 'string') s.stack = scrubSecrets(s.stack);
        return s;
      },
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  if (pretty) {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { destination: 2, colorize: opts.color ?? wantsColor(process.env) },
      },
    });
  }
  return pino(options, (opts.destination ?? pino.destination(2)) as pino.DestinationStream);
}

/** A logger that drops everything, for tests and quiet commands. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
