/**
 * All settings, in one zod schema. `parseConfig(env)` is the only reader of the environment and is
 * called once, from the entry points; nothing reads settings at import time.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isValidTimeZone } from '../time/index.js';

/** A setting that cannot be used; the message names the variable and shows a valid example. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    readonly problem: string,
    readonly example: string,
  ) {
    super(`${variable}: ${problem} (for example ${variable}=${example})`);
  }
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const STORE_SCHEMES = ['sqlite:', 'redis:', 'rediss:', 'postgres:', 'postgresql:', 'memory:'];
const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/;

const int = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const bool = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' }))
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const httpUrl = z
  .string()
  .trim()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), {
    message: 'must be an http:// or https:// URL',
  });

/**
 * Each setting: its schema (over the raw string), its default (a raw string, parsed like a
 * user's value) and a valid example used in error messages.
 */
const settings = {
  TELEGRAM_BOT_TOKEN: {
    schema: z
      .string()
      .trim()
      .regex(/^\d{3,}:[A-Za-z0-9_-]{20,}$/, 'does not look like a bot token from @BotFather'),
    example: '123456789:AAExampleTokenFromBotFather_abcdefgh',
  },
  TELEGRAM_API_ROOT: {
    schema: httpUrl,
    default: 'https://api.telegram.org',
    example: 'http://127.0.0.1:8081',
  },
  WEBHOOK_URL: {
    schema: z
      .string()
      .trim()
      .refine((v) => URL.canParse(v) && new URL(v).protocol === 'https:', {
        message: 'must be a public https:// URL that Telegram can reach',
      }),
    example: 'https://bot.example.com/telegram',
  },
  WEBHOOK_SECRET: {
    schema: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16 to 256 characters of A-Z, a-z, 0-9, _ and -'),
    example: 'f3b1c2d4e5a6b7c8d9e0',
  },
  PORT: { schema: int(1, 65535), default: '8080', example: '8080' },
  STORE_URL: {
    schema: z
      .string()
      .trim()
      .refine((v) => URL.canParse(v), { message: 'is not a URL' })
      .refine((v) => !URL.canParse(v) || STORE_SCHEMES.includes(new URL(v).protocol), {
        message: 'has an unsupported scheme; use sqlite://, redis://, postgresql:// or memory://',
      }),
    // No default here: it is the file khulasa.sqlite inside DATA_DIR (see parseConfig).
    example: 'redis://127.0.0.1:6379/0',
  },
  SOURCES_FILE: { schema: z.string().trim().min(1), example: './sources.json' },
  ALLOW_PRIVATE_SOURCES: { schema: bool, default: 'false', example: 'true' },
  TRANSLATE_PROVIDER: {
    schema: z.enum(['auto', 'none', 'google-v2', 'google-v3'], {
      error: 'must be auto, none, google-v2 or google-v3',
    }),
    default: 'auto',
    example: 'google-v2',
  },
  GOOGLE_TRANSLATE_API_KEY: {
    schema: z.string().trim().min(10, 'is too short to be an API key'),
    example: 'AIzaSyExampleKey',
  },
  GOOGLE_CLOUD_PROJECT: {
    schema: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9-]{4,61}[a-z0-9]$/, 'is not a Google Cloud project id'),
    example: 'my-news-project',
  },
  GOOGLE_APPLICATION_CREDENTIALS: { schema: z.string().trim().min(1), example: './key.json' },
  GOOGLE_CLOUD_LOCATION: {
    schema: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]+$/, 'is not a location'),
    default: 'global',
    example: 'global',
  },
  GOOGLE_TRANSLATE_V3_ENDPOINT: {
    schema: httpUrl,
    example: 'http://127.0.0.1:8443',
  },
  TRANSLATE_DAILY_CHAR_LIMIT: { schema: int(0, 1e12), default: '500000', example: '500000' },
  TRANSLATE_USER_DAILY_CHAR_LIMIT: { schema: int(0, 1e9), default: '20000', example: '20000' },
  DEFAULT_LANGUAGE: {
    schema: z.string().trim().regex(LANGUAGE_CODE, 'is not a language code'),
    default: 'ar',
    example: 'en',
  },
  DEFAULT_DELIVERY_TIME: {
    schema: z.string().trim().regex(HHMM, 'must be a 24-hour time HH:MM'),
    default: '07:00',
    example: '07:30',
  },
  DEFAULT_TIMEZONE: {
    schema: z.string().trim().refine(isValidTimeZone, { message: 'is not an IANA time zone' }),
    default: 'UTC',
    example: 'Asia/Riyadh',
  },
  INGEST_INTERVAL_MINUTES: { schema: int(1, 1440), default: '15', example: '15' },
  DIGEST_WINDOW_HOURS: { schema: int(1, 168), default: '24', example: '24' },
  DIGEST_MAX_STORIES: { schema: int(1, 30), default: '8', example: '8' },
  ARTICLE_TTL_DAYS: { schema: int(1, 90), default: '7', example: '7' },
  CLUSTER_BACKGROUND_DAYS: { schema: int(0, 60), default: '7', example: '7' },
  SEND_RATE_PER_SECOND: { schema: int(1, 1000), default: '30', example: '30' },
  ADMIN_CHAT_IDS: {
    schema: z
      .string()
      .trim()
      .regex(/^(-?\d+)(\s*,\s*-?\d+)*$/, 'must be chat ids separated by commas')
      .transform((v) => v.split(',').map((s) => Number(s.trim()))),
    default: '',
    example: '12345678,-1001234567890',
  },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    }),
    default: 'info',
    example: 'debug',
  },
  METRICS_PORT: { schema: int(1, 65535), example: '9464' },
  DATA_DIR: { schema: z.string().trim().min(1), default: './data', example: '/app/data' },
  INSTANCE_ID: {
    schema: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be 1 to 100 characters of A-Z, a-z, 0-9, . _ : -'),
    example: 'bot-1',
  },
  ALLOWED_CHAT_IDS: {
    schema: z
      .string()
      .trim()
      .regex(/^(-?\d+)(\s*,\s*-?\d+)*$/, 'must be chat ids separated by commas')
      .transform((v) => v.split(',').map((s) => Number(s.trim()))),
    example: '12345678,-1001234567890',
  },
  ALLOW_GROUPS: { schema: bool, default: 'true', example: 'false' },
} satisfies Record<string, { schema: z.ZodType; default?: string; example: string }>;

type Settings = typeof settings;
type Parsed = {
  [K in keyof Settings]: Settings[K] extends { default: string }
    ? z.output<Settings[K]['schema']>
    : z.output<Settings[K]['schema']> | undefined;
};

/** The names of every setting, in the order of the README's table. */
export const SETTING_NAMES = Object.keys(settings) as (keyof Settings)[];

/** How the bot talks to Telegram, derived from the token and the webhook settings. */
export type TelegramMode =
  | { mode: 'console' }
  | { mode: 'polling'; token: string; apiRoot: string }
  | {
      mode: 'webhook';
      token: string;
      apiRoot: string;
      url: string;
      secret: string;
      port: number;
    };

export type TranslationConfig =
  | { provider: 'none' }
  | { provider: 'google-v2'; apiKey: string }
  | {
      provider: 'google-v3';
      projectId: string;
      location: string;
      keyFilename?: string;
      apiKey?: string;
    };

export type Config = Omit<Parsed, 'STORE_URL'> & {
  /** STORE_URL, or the embedded SQLite file `khulasa.sqlite` inside DATA_DIR. */
  STORE_URL: string;
  telegram: TelegramMode;
  translation: TranslationConfig;
  /** The settings file that was read, if any. */
  configFile?: string;
};

export type Env = Record<string, string | undefined>;

function readConfigFile(path: string): Env {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(
      'CONFIG_FILE',
      `cannot read ${path} (${(err as Error).message})`,
      './khulasa.yaml',
    );
  }
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(path) ? parseYaml(raw) : JSON.parse(raw);
  } catch (err) {
    throw new ConfigError(
      'CONFIG_FILE',
      `${path} is not valid JSON or YAML (${(err as Error).message.split('\n')[0]})`,
      './khulasa.yaml',
    );
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(
      'CONFIG_FILE',
      `${path} must hold an object of SETTING: value`,
      './khulasa.yaml',
    );
  }
  const env: Env = {};
  for (const [key, value] of Object.entries(data)) {
    if (!(key in settings)) {
      throw new ConfigError(
        'CONFIG_FILE',
        `${path} has an unknown setting ${key}`,
        './khulasa.yaml',
      );
    }
    env[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return env;
}

/**
 * Parses and checks every setting. Environment variables win over the optional config file
 * (`CONFIG_FILE`, JSON or YAML with the same names). Throws {@link ConfigError} on the first
 * bad value.
 */
export function parseConfig(env: Env): Config {
  const configFile = env.CONFIG_FILE?.trim() || undefined;
  const merged: Env = withSecretFiles({
    ...(configFile ? readConfigFile(configFile) : {}),
    ...env,
  });
  const out: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) {
    const spec: { schema: z.ZodType; default?: string; example: string } = settings[name];
    let raw = merged[name];
    if (raw !== undefined && raw.trim() === '') raw = undefined;
    if (raw === undefined) raw = spec.default;
    if (raw === undefined) {
      out[name] = undefined;
      continue;
    }
    if (name === 'ADMIN_CHAT_IDS' && raw === '') {
      out[name] = [];
      continue;
    }
    const result = spec.schema.safeParse(raw);
    if (!result.success) {
      const problem = result.error.issues[0]?.message ?? 'is not valid';
      const shown = isSecret(name) ? '' : ` "${truncate(raw)}"`;
      throw new ConfigError(name, `value${shown} ${problem}`, spec.example);
    }
    out[name] = result.data;
  }
  const parsed = out as Parsed;
  return {
    ...parsed,
    STORE_URL: parsed.STORE_URL ?? defaultStoreUrl(parsed.DATA_DIR),
    telegram: telegramMode(parsed),
    translation: translationConfig(parsed),
    configFile,
  };
}

/** The embedded store inside the data folder: `sqlite://DATA_DIR/khulasa.sqlite`. */
export function defaultStoreUrl(dataDir: string): string {
  return `sqlite://${dataDir.replace(/\/+$/, '') || '/'}/khulasa.sqlite`;
}

/** Settings that may also be given as NAME_FILE: the path of a file holding the value. */
const FILE_SETTINGS = [
  'TELEGRAM_BOT_TOKEN',
  'WEBHOOK_SECRET',
  'GOOGLE_TRANSLATE_API_KEY',
  'STORE_URL',
] as const;

/**
 * Replaces NAME_FILE by the contents of that file (Docker and Kubernetes secrets), trailing line
 * break removed. Setting both NAME and NAME_FILE is refused: one of them would be ignored.
 */
function withSecretFiles(env: Env): Env {
  const out: Env = { ...env };
  for (const name of FILE_SETTINGS) {
    const file = env[`${name}_FILE`]?.trim();
    if (!file) continue;
    const example = `/run/secrets/${name.toLowerCase()}`;
    if (env[name]?.trim()) {
      throw new ConfigError(
        `${name}_FILE`,
        `cannot be used together with ${name}; unset one`,
        example,
      );
    }
    try {
      out[name] = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      throw new ConfigError(
        `${name}_FILE`,
        `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
        example,
      );
    }
  }
  return out;
}

function telegramMode(c: Parsed): TelegramMode {
  if (!c.TELEGRAM_BOT_TOKEN) {
    if (c.WEBHOOK_URL) {
      throw new ConfigError(
        'TELEGRAM_BOT_TOKEN',
        'is required when WEBHOOK_URL is set',
        settings.TELEGRAM_BOT_TOKEN.example,
      );
    }
    return { mode: 'console' };
  }
  const apiRoot = c.TELEGRAM_API_ROOT;
  if (!c.WEBHOOK_URL) return { mode: 'polling', token: c.TELEGRAM_BOT_TOKEN, apiRoot };
  if (!c.WEBHOOK_SECRET) {
    throw new ConfigError(
      'WEBHOOK_SECRET',
      'is required when WEBHOOK_URL is set, so only Telegram can post updates',
      settings.WEBHOOK_SECRET.example,
    );
  }
  return {
    mode: 'webhook',
    token: c.TELEGRAM_BOT_TOKEN,
    apiRoot,
    url: c.WEBHOOK_URL,
    secret: c.WEBHOOK_SECRET,
    port: c.PORT,
  };
}

function translationConfig(c: Parsed): TranslationConfig {
  const wanted = c.TRANSLATE_PROVIDER;
  const v3Ready = Boolean(c.GOOGLE_CLOUD_PROJECT && c.GOOGLE_APPLICATION_CREDENTIALS);
  if (wanted === 'none') return { provider: 'none' };
  if (wanted === 'google-v2' || (wanted === 'auto' && c.GOOGLE_TRANSLATE_API_KEY)) {
    if (!c.GOOGLE_TRANSLATE_API_KEY) {
      throw new ConfigError(
        'GOOGLE_TRANSLATE_API_KEY',
        'is required when TRANSLATE_PROVIDER=google-v2',
        settings.GOOGLE_TRANSLATE_API_KEY.example,
      );
    }
    return { provider: 'google-v2', apiKey: c.GOOGLE_TRANSLATE_API_KEY };
  }
  if (wanted === 'google-v3' || (wanted === 'auto' && v3Ready)) {
    if (!c.GOOGLE_CLOUD_PROJECT) {
      throw new ConfigError(
        'GOOGLE_CLOUD_PROJECT',
        'is required when TRANSLATE_PROVIDER=google-v3',
        settings.GOOGLE_CLOUD_PROJECT.example,
      );
    }
    return {
      provider: 'google-v3',
      projectId: c.GOOGLE_CLOUD_PROJECT,
      location: c.GOOGLE_CLOUD_LOCATION,
      keyFilename: c.GOOGLE_APPLICATION_CREDENTIALS,
      apiKey: c.GOOGLE_TRANSLATE_API_KEY,
    };
  }
  return { provider: 'none' };
}

const SECRET_NAMES = new Set(['TELEGRAM_BOT_TOKEN', 'WEBHOOK_SECRET', 'GOOGLE_TRANSLATE_API_KEY']);

/** True for settings whose values must never be printed or logged. */
export function isSecret(name: string): boolean {
  return SECRET_NAMES.has(name);
}

function truncate(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}

/** The example value of a setting, for help texts. */
export function exampleOf(name: keyof Settings): string {
  return settings[name].example;
}

/** The default raw value of a setting, or undefined when it has none. */
export function defaultOf(name: keyof Settings): string | undefined {
  const spec = settings[name] as { default?: string };
  return spec.default;
}
