/**
 * Typed callback data for inline buttons. Telegram returns whatever string a button carried, so
 * a press is untrusted input: it is parsed with zod and anything unknown is ignored.
 * Telegram allows at most 64 bytes of callback data.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const CALLBACK_DATA_MAX_BYTES = 64;

const LANG = /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const ZONE = /^[A-Za-z][A-Za-z_]*(\/[A-Za-z0-9_+-]+){1,2}$/;

export const CallbackSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('subscribe') }),
  z.object({ kind: z.literal('lang-menu') }),
  z.object({ kind: z.literal('lang'), code: z.string().regex(LANG) }),
  z.object({ kind: z.literal('time-menu') }),
  z.object({ kind: z.literal('time'), time: z.string().regex(HHMM) }),
  z.object({ kind: z.literal('zone-menu') }),
  z.object({ kind: z.literal('setup-lang'), code: z.string().regex(LANG) }),
  z.object({ kind: z.literal('setup-zone'), zone: z.string().regex(ZONE).max(40) }),
  z.object({ kind: z.literal('setup-time'), time: z.string().regex(HHMM) }),
  z.object({ kind: z.literal('setup-later') }),
  z.object({ kind: z.literal('setup-topic'), index: z.number().int().min(0).max(19) }),
  z.object({ kind: z.literal('unfollow-all') }),
  z.object({ kind: z.literal('unfollow-keep') }),
  z.object({ kind: z.literal('zone'), zone: z.string().regex(ZONE).max(40) }),
  z.object({
    kind: z.literal('original'),
    index: z.number().int().min(0).max(99),
    /**
     * A digest id, "#" + a short hash of it when the id is too long for a button, or "?" + the
     * key of a stored topic answer (see {@link topicAnswerRef}).
     */
    ref: z.string().min(1).max(56),
  }),
  /** A story of a brief digest or topic answer: open its key points (same refs as "original"). */
  z.object({
    kind: z.literal('story'),
    index: z.number().int().min(0).max(99),
    ref: z.string().min(1).max(56),
  }),
  /** The digest's format: one screen, or every point inline. */
  z.object({ kind: z.literal('format'), format: z.enum(['brief', 'full']) }),
  /** Every story of a digest the reader's topics had filtered. */
  z.object({ kind: z.literal('all'), ref: z.string().min(1).max(56) }),
]);
export type CallbackData = z.infer<typeof CallbackSchema>;

/** A short, stable reference to a digest id for buttons. */
export function digestRef(digestId: string): string {
  const direct = digestId;
  if (
    Buffer.byteLength(`o:99:${direct}`) <= CALLBACK_DATA_MAX_BYTES &&
    !direct.startsWith('#') &&
    !direct.startsWith('?')
  ) {
    return direct;
  }
  return `#${createHash('sha256').update(digestId).digest('base64url').slice(0, 16)}`;
}

/** A short, stable reference to a topic answer (its Arabic stories) for buttons. */
export function topicAnswerRef(stories: readonly { id: string; title: string }[]): string {
  const content = stories.map((s) => `${s.id}\u0000${s.title}`).join('\u0001');
  return `?${createHash('sha256').update(content).digest('base64url').slice(0, 16)}`;
}

/** True when `ref` (from a button) designates the digest `digestId`. */
export function refMatches(ref: string, digestId: string): boolean {
  return ref === digestRef(digestId);
}

export function encodeCallback(data: CallbackData): string {
  switch (data.kind) {
    case 'subscribe':
      return 's';
    case 'lang-menu':
      return 'l';
    case 'lang':
      return `l:${data.code}`;
    case 'time-menu':
      return 't';
    case 'time':
      return `t:${data.time}`;
    case 'zone-menu':
      return 'z';
    case 'setup-lang':
      return `ul:${data.code}`;
    case 'setup-zone':
      return `uz:${data.zone}`;
    case 'setup-time':
      return `ut:${data.time}`;
    case 'setup-later':
      return 'un';
    case 'setup-topic':
      return `uf:${data.index}`;
    case 'unfollow-all':
      return 'fx';
    case 'unfollow-keep':
      return 'fk';
    case 'zone':
      return `z:${data.zone}`;
    case 'original':
      return `o:${data.index}:${data.ref}`;
    case 'story':
      return `v:${data.index}:${data.ref}`;
    case 'all':
      return `a:${data.ref}`;
    case 'format':
      return `f:${data.format}`;
  }
}

/** Parses a button's data; undefined for anything this bot did not produce. */
export function parseCallback(raw: string | undefined): CallbackData | undefined {
  if (!raw || Buffer.byteLength(raw) > CALLBACK_DATA_MAX_BYTES) return undefined;
  let candidate: unknown;
  const [head, ...rest] = raw.split(':');
  const tail = rest.join(':');
  switch (head) {
    case 's':
      candidate = rest.length === 0 ? { kind: 'subscribe' } : undefined;
      break;
    case 'l':
      candidate = rest.length === 0 ? { kind: 'lang-menu' } : { kind: 'lang', code: tail };
      break;
    case 't':
      candidate = rest.length === 0 ? { kind: 'time-menu' } : { kind: 'time', time: tail };
      break;
    case 'z':
      candidate = rest.length === 0 ? { kind: 'zone-menu' } : { kind: 'zone', zone: tail };
      break;
    case 'ul':
      candidate = { kind: 'setup-lang', code: tail };
      break;
    case 'uz':
      candidate = { kind: 'setup-zone', zone: tail };
      break;
    case 'ut':
      candidate = { kind: 'setup-time', time: tail };
      break;
    case 'un':
      candidate = rest.length === 0 ? { kind: 'setup-later' } : undefined;
      break;
    case 'uf':
      candidate = {
        kind: 'setup-topic',
        index: /^\d{1,2}$/.test(tail) ? Number(tail) : NaN,
      };
      break;
    case 'fx':
      candidate = rest.length === 0 ? { kind: 'unfollow-all' } : undefined;
      break;
    case 'fk':
      candidate = rest.length === 0 ? { kind: 'unfollow-keep' } : undefined;
      break;
    case 'a':
      candidate = { kind: 'all', ref: tail };
      break;
    case 'f':
      candidate = { kind: 'format', format: tail };
      break;
    case 'v':
    case 'o': {
      const [index, ...ref] = rest;
      candidate = {
        kind: head === 'o' ? 'original' : 'story',
        index: /^\d{1,2}$/.test(index ?? '') ? Number(index) : NaN,
        ref: ref.join(':'),
      };
      break;
    }
  }
  const parsed = CallbackSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}
