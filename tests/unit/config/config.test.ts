import { describe, expect, it } from 'vitest';
import { ConfigError, SETTING_NAMES, parseConfig } from '../../../src/config/index.js';

const TOKEN = '123456789:AAExampleTokenFromBotFather_abcdefgh';

function fails(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('parseConfig defaults', () => {
  const config = parseConfig({});

  it.each([
    ['TELEGRAM_API_ROOT', 'https://api.telegram.org'],
    ['PORT', 8080],
    ['STORE_URL', 'sqlite://./data/khulasa.sqlite'],
    ['ALLOW_PRIVATE_SOURCES', false],
    ['TRANSLATE_PROVIDER', 'auto'],
    ['GOOGLE_CLOUD_LOCATION', 'global'],
    ['TRANSLATE_DAILY_CHAR_LIMIT', 500000],
    ['TRANSLATE_USER_DAILY_CHAR_LIMIT', 20000],
    ['DEFAULT_LANGUAGE', 'ar'],
    ['DEFAULT_DELIVERY_TIME', '07:00'],
    ['DEFAULT_TIMEZONE', 'UTC'],
    ['INGEST_INTERVAL_MINUTES', 15],
    ['DIGEST_WINDOW_HOURS', 24],
    ['DIGEST_MAX_STORIES', 8],
    ['ARTICLE_TTL_DAYS', 7],
    ['SEND_RATE_PER_SECOND', 30],
    ['ADMIN_CHAT_IDS', []],
    ['LOG_LEVEL', 'info'],
    ['DATA_DIR', './data'],
  ] as const)('%s defaults to %j', (name, value) => {
    expect(config[name]).toEqual(value);
  });

  it.each([
    'TELEGRAM_BOT_TOKEN',
    'WEBHOOK_URL',
    'WEBHOOK_SECRET',
    'SOURCES_FILE',
    'GOOGLE_TRANSLATE_API_KEY',
    'GOOGLE_CLOUD_PROJECT',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'METRICS_PORT',
    'GOOGLE_TRANSLATE_V3_ENDPOINT',
  ] as const)('%s is unset by default', (name) => {
    expect(config[name]).toBeUndefined();
  });

  it('runs the console chat and no translation without credentials', () => {
    expect(config.telegram).toEqual({ mode: 'console' });
    expect(config.translation).toEqual({ provider: 'none' });
  });

  it('treats an empty value as unset', () => {
    expect(parseConfig({ PORT: '  ' }).PORT).toBe(8080);
  });
});

describe('parseConfig accepts valid values', () => {
  it.each([
    ['TELEGRAM_BOT_TOKEN', TOKEN, TOKEN],
    ['TELEGRAM_API_ROOT', 'http://127.0.0.1:8081/', 'http://127.0.0.1:8081/'],
    ['WEBHOOK_URL', 'https://bot.example.com/hook', 'https://bot.example.com/hook'],
    ['WEBHOOK_SECRET', 'abcdefABCDEF0123_-xy', 'abcdefABCDEF0123_-xy'],
    ['PORT', '3000', 3000],
    ['STORE_URL', 'redis://127.0.0.1:6379/2', 'redis://127.0.0.1:6379/2'],
    ['STORE_URL', 'postgresql://u@h:5432/db', 'postgresql://u@h:5432/db'],
    ['STORE_URL', 'memory://', 'memory://'],
    ['SOURCES_FILE', './feeds.yaml', './feeds.yaml'],
    ['ALLOW_PRIVATE_SOURCES', 'TRUE', true],
    ['ALLOW_PRIVATE_SOURCES', '0', false],
    ['TRANSLATE_PROVIDER', 'none', 'none'],
    ['GOOGLE_TRANSLATE_API_KEY', 'AIzaSyExampleKey', 'AIzaSyExampleKey'],
    ['GOOGLE_CLOUD_PROJECT', 'my-news-project', 'my-news-project'],
    ['GOOGLE_APPLICATION_CREDENTIALS', '/keys/sa.json', '/keys/sa.json'],
    ['GOOGLE_CLOUD_LOCATION', 'us-central1', 'us-central1'],
    ['GOOGLE_TRANSLATE_V3_ENDPOINT', 'http://127.0.0.1:8443', 'http://127.0.0.1:8443'],
    ['TRANSLATE_DAILY_CHAR_LIMIT', '0', 0],
    ['TRANSLATE_USER_DAILY_CHAR_LIMIT', '5000', 5000],
    ['DEFAULT_LANGUAGE', 'en', 'en'],
    ['DEFAULT_LANGUAGE', 'zh-CN', 'zh-CN'],
    ['DEFAULT_DELIVERY_TIME', '23:59', '23:59'],
    ['DEFAULT_TIMEZONE', 'Asia/Riyadh', 'Asia/Riyadh'],
    ['INGEST_INTERVAL_MINUTES', '5', 5],
    ['DIGEST_WINDOW_HOURS', '48', 48],
    ['DIGEST_MAX_STORIES', '12', 12],
    ['ARTICLE_TTL_DAYS', '3', 3],
    ['SEND_RATE_PER_SECOND', '100', 100],
    ['ADMIN_CHAT_IDS', '12345, -1001234567890', [12345, -1001234567890]],
    ['LOG_LEVEL', 'debug', 'debug'],
    ['METRICS_PORT', '9464', 9464],
    ['DATA_DIR', '/app/data', '/app/data'],
  ] as const)('%s=%s', (name, raw, value) => {
    const env: Record<string, string> = { [name]: raw };
    if (name === 'WEBHOOK_URL')
      Object.assign(env, { TELEGRAM_BOT_TOKEN: TOKEN, WEBHOOK_SECRET: 'abcdefABCDEF0123' });
    expect(parseConfig(env)[name]).toEqual(value);
  });
});

describe('parseConfig refuses invalid values with one line naming the variable', () => {
  it.each([
    ['TELEGRAM_BOT_TOKEN', 'not-a-token'],
    ['TELEGRAM_API_ROOT', 'ftp://example.com'],
    ['WEBHOOK_URL', 'http://insecure.example.com'],
    ['WEBHOOK_SECRET', 'short'],
    ['PORT', '70000'],
    ['PORT', 'eighty'],
    ['STORE_URL', 'ftp://x'],
    ['STORE_URL', 'not a url'],
    ['ALLOW_PRIVATE_SOURCES', 'maybe'],
    ['TRANSLATE_PROVIDER', 'deepl'],
    ['GOOGLE_TRANSLATE_API_KEY', 'abc'],
    ['GOOGLE_CLOUD_PROJECT', 'Bad_Project'],
    ['GOOGLE_CLOUD_LOCATION', 'US Central'],
    ['GOOGLE_TRANSLATE_V3_ENDPOINT', 'grpc://x'],
    ['TRANSLATE_DAILY_CHAR_LIMIT', '-1'],
    ['TRANSLATE_USER_DAILY_CHAR_LIMIT', '1.5'],
    ['DEFAULT_LANGUAGE', 'English'],
    ['DEFAULT_DELIVERY_TIME', '7am'],
    ['DEFAULT_DELIVERY_TIME', '24:00'],
    ['DEFAULT_TIMEZONE', 'Mars/Olympus'],
    ['INGEST_INTERVAL_MINUTES', '0'],
    ['DIGEST_WINDOW_HOURS', '1000'],
    ['DIGEST_MAX_STORIES', '0'],
    ['ARTICLE_TTL_DAYS', '365'],
    ['SEND_RATE_PER_SECOND', '0'],
    ['ADMIN_CHAT_IDS', 'alice,bob'],
    ['LOG_LEVEL', 'loud'],
    ['METRICS_PORT', '0'],
  ])('%s=%s', (name, raw) => {
    const err = fails({ [name]: raw });
    expect(err.variable).toBe(name);
    expect(err.message).toContain(name);
    expect(err.message).toMatch(/for example/);
    expect(err.message).not.toContain('\n');
  });

  it('never prints a secret value back', () => {
    const err = fails({ TELEGRAM_BOT_TOKEN: 'secret-but-wrong' });
    expect(err.message).not.toContain('secret-but-wrong');
  });

  it('needs a secret for webhooks', () => {
    expect(
      fails({ TELEGRAM_BOT_TOKEN: TOKEN, WEBHOOK_URL: 'https://b.example.com/h' }).variable,
    ).toBe('WEBHOOK_SECRET');
  });

  it('needs a token for webhooks', () => {
    expect(fails({ WEBHOOK_URL: 'https://b.example.com/h' }).variable).toBe('TELEGRAM_BOT_TOKEN');
  });

  it('needs an API key when google-v2 is asked for', () => {
    expect(fails({ TRANSLATE_PROVIDER: 'google-v2' }).variable).toBe('GOOGLE_TRANSLATE_API_KEY');
  });

  it('has a default or an explicit unset for every setting', () => {
    const config = parseConfig({});
    for (const name of SETTING_NAMES) expect(Object.hasOwn(config, name)).toBe(true);
  });
});

describe('derived modes', () => {
  it('polls with a token and no webhook', () => {
    expect(parseConfig({ TELEGRAM_BOT_TOKEN: TOKEN }).telegram).toEqual({
      mode: 'polling',
      token: TOKEN,
      apiRoot: 'https://api.telegram.org',
    });
  });

  it('uses a webhook when WEBHOOK_URL is set', () => {
    const c = parseConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      WEBHOOK_URL: 'https://b.example.com/h',
      WEBHOOK_SECRET: 'abcdefABCDEF0123',
      PORT: '9000',
    });
    expect(c.telegram).toMatchObject({
      mode: 'webhook',
      url: 'https://b.example.com/h',
      port: 9000,
    });
  });

  it('picks google-v2 automatically when an API key is set', () => {
    expect(parseConfig({ GOOGLE_TRANSLATE_API_KEY: 'AIzaSyExampleKey' }).translation).toEqual({
      provider: 'google-v2',
      apiKey: 'AIzaSyExampleKey',
    });
  });

  it('picks google-v3 automatically with a project and credentials', () => {
    expect(
      parseConfig({
        GOOGLE_CLOUD_PROJECT: 'my-news-project',
        GOOGLE_APPLICATION_CREDENTIALS: '/k.json',
      }).translation,
    ).toMatchObject({ provider: 'google-v3', projectId: 'my-news-project', location: 'global' });
  });

  it('lets TRANSLATE_PROVIDER=none switch translation off even with a key', () => {
    expect(
      parseConfig({ TRANSLATE_PROVIDER: 'none', GOOGLE_TRANSLATE_API_KEY: 'AIzaSyExampleKey' })
        .translation,
    ).toEqual({ provider: 'none' });
  });
});
