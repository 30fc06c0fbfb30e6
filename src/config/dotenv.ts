/**
 * `.env` in the working directory: KEY=value lines (quotes, comments and `export ` prefixes as
 * dotenv writes them), read by `npm start` and every command. The real environment always wins.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

export type Env = Record<string, string | undefined>;

/** The variables of a .env file's text. */
export function parseDotEnv(text: string): Record<string, string> {
  // Node's parser does not know the `export KEY=value` form shells accept.
  return parseEnv(text.replace(/^\s*export\s+/gm, '')) as Record<string, string>;
}

/**
 * `env` with the variables of `dir/.env` it does not already have. A missing file adds nothing;
 * an unreadable one (a folder, no permission) throws.
 */
export function withDotEnv(env: Env, dir = process.cwd()): Env {
  let text: string;
  try {
    text = readFileSync(resolve(dir, '.env'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return env;
    throw err;
  }
  const out: Env = { ...parseDotEnv(text) };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}

/**
 * Fills `process.env` from `.env` (variables already set are kept), so libraries that read the
 * environment themselves (proxies, NO_COLOR, Google credentials) see the same values.
 */
export function loadDotEnv(dir = process.cwd()): void {
  const merged = withDotEnv(process.env, dir);
  for (const [key, value] of Object.entries(merged)) {
    if (process.env[key] === undefined && value !== undefined) process.env[key] = value;
  }
}
