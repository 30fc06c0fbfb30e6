import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/config/index.js';
import { parseDotEnv, withDotEnv } from '../../../src/config/dotenv.js';

const TOKEN = '123456789:AAExampleTokenFromBotFather_abcdefgh';
const dir = mkdtempSync(join(tmpdir(), 'khulasa-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('DATA_DIR', () => {
  it.each([
    ['./data', 'sqlite://./data/khulasa.sqlite'],
    ['/srv/khulasa/', 'sqlite:///srv/khulasa/khulasa.sqlite'],
    ['state', 'sqlite://state/khulasa.sqlite'],
  ])('DATA_DIR=%s puts the default store at %s', (dataDir, url) => {
    expect(parseConfig({ DATA_DIR: dataDir }).STORE_URL).toBe(url);
  });

  it('leaves an explicit STORE_URL alone', () => {
    const c = parseConfig({ DATA_DIR: '/srv/k', STORE_URL: 'redis://127.0.0.1:6379/0' });
    expect(c.STORE_URL).toBe('redis://127.0.0.1:6379/0');
  });
});

describe('NAME_FILE secrets', () => {
  it('reads the token from a file, without its trailing line break', () => {
    const file = join(dir, 'token');
    writeFileSync(file, `${TOKEN}\n`);
    const c = parseConfig({ TELEGRAM_BOT_TOKEN_FILE: file });
    expect(c.TELEGRAM_BOT_TOKEN).toBe(TOKEN);
    expect(c.telegram.mode).toBe('polling');
  });

  it.each(['WEBHOOK_SECRET', 'GOOGLE_TRANSLATE_API_KEY', 'STORE_URL'])(
    '%s_FILE is read too',
    (name) => {
      const value = name === 'STORE_URL' ? 'redis://:pw@127.0.0.1:6379/1' : 'abcdefABCDEF0123_-xy';
      const file = join(dir, name);
      writeFileSync(file, value);
      const env: Record<string, string> = { [`${name}_FILE`]: file };
      expect(parseConfig(env)[name as 'STORE_URL']).toBe(value);
    },
  );

  it('refuses NAME and NAME_FILE together', () => {
    const file = join(dir, 'token2');
    writeFileSync(file, TOKEN);
    expect(() => parseConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_BOT_TOKEN_FILE: file })).toThrow(
      /TELEGRAM_BOT_TOKEN_FILE: cannot be used together with TELEGRAM_BOT_TOKEN/,
    );
  });

  it('names the file it cannot read', () => {
    const missing = join(dir, 'nope');
    let err: unknown;
    try {
      parseConfig({ WEBHOOK_SECRET_FILE: missing });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe('WEBHOOK_SECRET_FILE');
    expect((err as ConfigError).message).toContain(missing);
  });
});

describe('new settings', () => {
  it('parses INSTANCE_ID, ALLOWED_CHAT_IDS and ALLOW_GROUPS', () => {
    const c = parseConfig({
      INSTANCE_ID: 'bot-1',
      ALLOWED_CHAT_IDS: '5, -1001',
      ALLOW_GROUPS: 'false',
    });
    expect(c.INSTANCE_ID).toBe('bot-1');
    expect(c.ALLOWED_CHAT_IDS).toEqual([5, -1001]);
    expect(c.ALLOW_GROUPS).toBe(false);
  });

  it('has everyone allowed by default', () => {
    const c = parseConfig({});
    expect(c.ALLOWED_CHAT_IDS).toBeUndefined();
    expect(c.ALLOW_GROUPS).toBe(true);
    expect(c.INSTANCE_ID).toBeUndefined();
  });

  it.each([
    ['INSTANCE_ID', 'has space'],
    ['ALLOWED_CHAT_IDS', 'me'],
    ['ALLOW_GROUPS', 'sometimes'],
  ])('refuses %s=%s', (name, raw) => {
    expect(() => parseConfig({ [name]: raw })).toThrow(new RegExp(`^${name}:`));
  });
});

describe('.env', () => {
  it('parses comments, quotes and export prefixes', () => {
    expect(
      parseDotEnv(
        '# settings\nexport DIGEST_MAX_STORIES=5\nDEFAULT_TIMEZONE="Asia/Amman"\n\nLOG_LEVEL=\'debug\'\n',
      ),
    ).toEqual({ DIGEST_MAX_STORIES: '5', DEFAULT_TIMEZONE: 'Asia/Amman', LOG_LEVEL: 'debug' });
  });

  it('adds what the environment lacks; the real environment wins', () => {
    const d = join(dir, 'withenv');
    mkdirSync(d);
    writeFileSync(join(d, '.env'), 'DIGEST_MAX_STORIES=5\nLOG_LEVEL=debug\n');
    const env = withDotEnv({ LOG_LEVEL: 'warn' }, d);
    expect(env).toEqual({ DIGEST_MAX_STORIES: '5', LOG_LEVEL: 'warn' });
    expect(parseConfig(env).DIGEST_MAX_STORIES).toBe(5);
  });

  it('adds nothing without a .env file', () => {
    const d = join(dir, 'empty');
    mkdirSync(d);
    expect(withDotEnv({ A: '1' }, d)).toEqual({ A: '1' });
  });
});
