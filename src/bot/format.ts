/**
 * Telegram HTML rendering of digests and topic answers, and splitting into messages.
 *
 * Every text that comes from a feed or a reader is escaped; links are kept only for http(s)
 * URLs. Messages are cut at story, then point boundaries, and a single oversized point is cut at
 * a word boundary before it is escaped, so a cut can never fall inside a tag or an entity.
 * Lengths are counted in UTF-16 code units on the HTML itself (stricter than Telegram, which
 * counts the text after parsing), so every part is accepted.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import type { Digest, RenderedMessage, Story } from '../domain.js';
import { countOutlets, storyGist } from '../digest/index.js';
import { isValidTimeZone } from '../time/index.js';
import { digestRef, encodeCallback } from './callback-data.js';
import { decodeEntities, escapeHtml, escapedLength, link, safeHref } from './html.js';
import { outletsLabel, t } from './i18n/index.js';

/** Telegram's limit for one text message, in UTF-16 code units. */
export const MESSAGE_LIMIT = 4096;

/** How a digest looks: one screen with a button per story, or every point inline. */
export type DigestFormat = 'brief' | 'full';

export interface RenderOptions {
  /** Language of the bot's own words (headings, buttons). */
  ui: string;
  /** One line shown under the heading, e.g. "translation unavailable" (plain text). */
  notice?: string;
  /** Limit per message (default {@link MESSAGE_LIMIT}); smaller values are for tests. */
  limit?: number;
  /**
   * IANA time zone of the date in the heading and of each story's time.
   * @default 'UTC'
   */
  timeZone?: string;
  /**
   * "brief": one message, per story a headline, one short key sentence, how many outlets and
   * when, and a button that opens the story; "full": every key point and source inline.
   * @default 'brief'
   */
  format?: DigestFormat;
  /**
   * For a channel post: no buttons (a press could not answer one reader there); headlines link
   * to the story's first article instead.
   * @default false
   */
  channel?: boolean;
}

/**
 * Visible characters of one brief digest (one screen, measured on 8 stories); gists get shorter
 * until the digest fits.
 */
export const BRIEF_BUDGET_8 = 1800;

/** Length in UTF-16 code units, the unit Telegram's limits are expressed in. */
export function utf16Length(text: string): number {
  return text.length;
}

const RTL_LANGUAGES = new Set(['ar', 'fa', 'ur', 'he', 'ps', 'ckb', 'sd', 'yi']);
/** Right-to-left mark: anchors a line's direction when it starts with a digit or a bullet. */
const RLM = '\u200f';

export function isRtl(language: string): boolean {
  return RTL_LANGUAGES.has(language.toLowerCase().split(/[-_]/)[0]!);
}

/** The mark that starts a line in `language` (a right-to-left mark, or nothing). */
export function lineMark(language: string): string {
  return isRtl(language) ? RLM : '';
}

const BREAK_AFTER = /[\s،؛؟.,;:!?)\]»”-]/u;

/**
 * Cuts plain text into pieces whose ESCAPED length is at most `max`, preferring to cut after a
 * space or punctuation (Arabic ، ؛ ؟ included) in the last half of a piece, never inside a
 * surrogate pair. Pieces are returned unescaped and trimmed.
 */
export function splitText(text: string, max: number): string[] {
  if (max < 8) throw new RangeError(`Expected max to be at least 8, got ${max}`);
  const chars = Array.from(text);
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let used = 0;
    let end = start;
    while (end < chars.length && used + escapedLength(chars[end]!) <= max) {
      used += escapedLength(chars[end]!);
      end++;
    }
    if (end < chars.length) {
      const floor = start + Math.floor((end - start) / 2);
      for (let i = end - 1; i >= floor; i--) {
        if (BREAK_AFTER.test(chars[i]!)) {
          end = i + 1;
          break;
        }
      }
    }
    const piece = chars.slice(start, end).join('').trim();
    if (piece) pieces.push(piece);
    start = end;
  }
  return pieces;
}

/** A line of escaped text that may be too long: split into lines that each fit `max`. */
function wrapLine(prefix: string, text: string, max: number, suffix = ''): string[] {
  const room = Math.max(8, max - utf16Length(prefix) - utf16Length(suffix));
  return splitText(text, room).map((piece) => `${prefix}${escapeHtml(piece)}${suffix}`);
}

export interface Block {
  lines: string[];
  /** Carried through packing so callers know which blocks start in which message. */
  id?: number;
}

export interface PackedMessage {
  lines: string[];
  /** Ids of the blocks whose first line is in this message. */
  ids: number[];
}

/** Telegram keeps at most 100 formatting entities per message; more are dropped. */
export const ENTITY_LIMIT = 100;

/** Formatting entities a line of our HTML makes: one per opening tag. */
function entityCount(line: string): number {
  return line.match(/<[a-z]/g)?.length ?? 0;
}

/**
 * Packs blocks (each a list of lines, each line ≤ limit) into messages of at most `limit`
 * UTF-16 units once joined with newlines and at most {@link ENTITY_LIMIT} entities: blocks are
 * separated by a blank line and kept whole when they fit, otherwise split between their lines.
 */
export function packBlocks(blocks: Block[], limit: number = MESSAGE_LIMIT): PackedMessage[] {
  const messages: PackedMessage[] = [];
  let current: PackedMessage = { lines: [], ids: [] };
  let size = 0;
  let entities = 0;
  const flush = () => {
    if (current.lines.length) messages.push(current);
    current = { lines: [], ids: [] };
    size = 0;
    entities = 0;
  };
  for (const block of blocks) {
    const lines = block.lines;
    if (lines.length === 0) continue;
    for (const line of lines) {
      if (utf16Length(line) > limit) {
        throw new RangeError(`a line of ${utf16Length(line)} units exceeds the limit ${limit}`);
      }
    }
    const whole = utf16Length(lines.join('\n'));
    const marks = lines.reduce((n, l) => n + entityCount(l), 0);
    const fits = () =>
      size + (current.lines.length ? 2 : 0) + whole <= limit && entities + marks <= ENTITY_LIMIT;
    if (current.lines.length && !fits()) flush();
    if (fits()) {
      if (current.lines.length) {
        current.lines.push('');
        size += 2;
      }
      current.lines.push(...lines);
      size += whole;
      entities += marks;
      if (block.id !== undefined) current.ids.push(block.id);
      continue;
    }
    // Larger than a whole message: line by line, starting on a fresh message.
    lines.forEach((line, i) => {
      const n = entityCount(line);
      if (
        current.lines.length &&
        (size + 1 + utf16Length(line) > limit || entities + n > ENTITY_LIMIT)
      ) {
        flush();
      }
      if (current.lines.length) size += 1;
      current.lines.push(line);
      size += utf16Length(line);
      entities += n;
      if (i === 0 && block.id !== undefined) current.ids.push(block.id);
    });
  }
  flush();
  return messages;
}

const TITLE_MAX = 400;

function storyBlock(
  story: Story,
  index: number,
  opts: { ui: string; language: string; limit: number },
): Block {
  const rtl = lineMark(opts.language);
  const mark = story.update ? ` · <i>${t(opts.ui, 'digest.updated')}</i>` : '';
  const rawTitle = story.title.replace(/\s+/g, ' ').trim();
  const title = rawTitle.length > TITLE_MAX ? `${rawTitle.slice(0, TITLE_MAX)}…` : rawTitle;
  const lines = wrapLine(`${rtl}<b>${index + 1}. `, title, opts.limit - mark.length, '</b>');
  if (lines.length === 0) lines.push(`${rtl}<b>${index + 1}.</b>`);
  lines[lines.length - 1] += mark;
  for (const point of story.points) {
    const clean = point.replace(/\s+/g, ' ').trim();
    if (clean) lines.push(...wrapLine(`${rtl}• `, clean, opts.limit));
  }
  const seen = new Set<string>();
  const links: string[] = [];
  for (const s of story.sources) {
    const key = `${s.name}\u0000${s.url}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const name = s.name.trim().slice(0, 200) || 'link';
    const rendered = link(name, s.url);
    // an absurdly long URL is not worth a link: show the name alone
    links.push(utf16Length(rendered) > opts.limit / 4 ? escapeHtml(name) : rendered);
  }
  if (links.length) {
    const label = `${rtl}<i>${t(opts.ui, 'digest.sources')}:</i> `;
    let line = label;
    for (const l of links) {
      const piece = line === label ? l : ` · ${l}`;
      if (utf16Length(line) + utf16Length(piece) > opts.limit || entityCount(line) >= 40) {
        lines.push(line);
        line = `${rtl}${l}`;
      } else {
        line += piece;
      }
    }
    lines.push(line);
  }
  return { lines, id: index };
}

/** Heading (trusted HTML from `t`) plus an optional notice (plain text). */
function headerBlock(
  headingHtml: string,
  opts: RenderOptions & { limit: number },
  afterHtml = '',
): Block {
  const rtl = lineMark(opts.ui);
  const lines = [`${rtl}<b>${headingHtml}</b>${afterHtml}`];
  if (opts.notice) lines.push(...wrapLine(`${rtl}<i>`, opts.notice, opts.limit, '</i>'));
  return { lines };
}

function toMessages(
  blocks: Block[],
  limit: number,
  buttonsFor?: (indices: number[]) => InlineKeyboardMarkup | undefined,
): RenderedMessage[] {
  return packBlocks(blocks, limit).map(({ lines, ids }) => {
    const html = lines.join('\n');
    const replyMarkup = buttonsFor?.(ids);
    return replyMarkup ? { html, replyMarkup } : { html };
  });
}

/** Dates follow a translated digest's language, else the bot's own words (an untranslated digest). */
function dateLanguage(language: string, ui: string): string {
  return language.toLowerCase().startsWith('ar') ? ui : language;
}

/** A locale Intl knows for a language code, else English. */
function dateLocale(language: string): string {
  const base = language.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return Intl.DateTimeFormat.supportedLocalesOf([base]).length ? base : 'en';
}

/** A valid IANA zone, else UTC (a stored zone is validated, this guards the rest). */
function safeZone(zone: string | undefined): string {
  return zone && isValidTimeZone(zone) ? zone : 'UTC';
}

/** "الثلاثاء، 10 أبريل" / "Tuesday, April 10": the day a digest covers, in a reader's zone. */
export function formatDigestDate(iso: string, language: string, timeZone?: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return '';
  return new Intl.DateTimeFormat(dateLocale(language), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: safeZone(timeZone),
  }).format(ms);
}

/** "14:05", or "الاثنين 22:10" when the time falls on another day than `dayIso` in that zone. */
export function formatStoryTime(
  iso: string | undefined,
  dayIso: string,
  language: string,
  timeZone?: string,
): string {
  const ms = Date.parse(iso ?? '');
  if (!Number.isFinite(ms)) return '';
  const zone = safeZone(timeZone);
  const locale = dateLocale(language);
  const day = (at: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' }).format(at);
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  }).format(ms);
  const dayMs = Date.parse(dayIso);
  if (!Number.isFinite(dayMs) || day(ms) === day(dayMs)) return time;
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: zone }).format(ms);
  return `${weekday} ${time}`;
}

/** Text of the HTML a reader sees: tags dropped, entities decoded, direction marks left out. */
export function visibleText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, '')).replace(/[\u200e\u200f]/g, '');
}

/** Longest headline in the brief form, in characters (cut at a word). */
const BRIEF_TITLE_MAX = 110;

function shortTitle(title: string, max: number): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s،,؛;:.-]+$/u, '')}…`;
}

interface BriefOptions {
  ui: string;
  language: string;
  timeZone?: string;
  dayIso: string;
  maxWords: number;
  channel: boolean;
  limit: number;
}

/** One story in the brief form: numbered headline, one short key sentence, outlets and time. */
function briefBlock(story: Story, index: number, opts: BriefOptions): Block {
  const rtl = lineMark(opts.language);
  const mark = story.update ? ` · <i>${t(opts.ui, 'digest.updated')}</i>` : '';
  const title = shortTitle(story.title, BRIEF_TITLE_MAX);
  const href = opts.channel ? safeHref(story.sources[0]?.url ?? story.articles[0]?.url ?? '') : '';
  const headline = href
    ? `${rtl}<b>${index + 1}. <a href="${href}">${escapeHtml(title)}</a></b>${mark}`
    : `${rtl}<b>${index + 1}. ${escapeHtml(title)}</b>${mark}`;
  const lines = [headline];
  const gist = storyGist(story, opts.maxWords);
  if (gist) lines.push(...wrapLine(rtl, gist, opts.limit));
  const when = formatStoryTime(
    story.latestAt,
    opts.dayIso,
    dateLanguage(opts.language, opts.ui),
    opts.timeZone,
  );
  const meta = [outletsLabel(opts.ui, countOutlets(story)), when].filter(Boolean).join(' · ');
  lines.push(`${rtl}<i>${escapeHtml(meta)}</i>`);
  return { lines, id: index };
}

/** Gist lengths tried, longest first, until a brief digest fits its budget. */
const GIST_STEPS = [25, 20, 16, 12, 9];

/**
 * The brief form's blocks within {@link BRIEF_BUDGET_8} visible characters: every gist at the
 * longest step, then, while the message is over, the longest gist one step shorter, so that a
 * digest one long sentence puts over keeps its other gists whole.
 */
function briefBlocks(
  stories: Story[],
  opts: Omit<BriefOptions, 'maxWords'>,
  reserved = 0,
): Block[] {
  // One screen whatever the story count: the heading and its notes count against it, and a
  // digest of a few stories keeps its gists whole.
  const budget = BRIEF_BUDGET_8 - reserved;
  /** Each story's block at each step, and its visible length, made once. */
  const made = stories.map(() => new Map<number, { block: Block; visible: number }>());
  const at = (i: number, step: number): { block: Block; visible: number } => {
    let hit = made[i]!.get(step);
    if (!hit) {
      const block = briefBlock(stories[i]!, i, { ...opts, maxWords: GIST_STEPS[step]! });
      hit = { block, visible: visibleText(block.lines.join('\n')).length + 2 };
      made[i]!.set(step, hit);
    }
    return hit;
  };
  const steps = stories.map(() => 0);
  let visible = stories.reduce((n, _, i) => n + at(i, 0).visible, 0);
  while (visible > budget) {
    // The longest block a step shortens; a tie goes to the later story (the less read).
    let pick = -1;
    for (let i = 0; i < stories.length; i++) {
      if (steps[i]! + 1 >= GIST_STEPS.length) continue;
      if (at(i, steps[i]! + 1).visible >= at(i, steps[i]!).visible) continue;
      if (pick < 0 || at(i, steps[i]!).visible >= at(pick, steps[pick]!).visible) pick = i;
    }
    if (pick < 0) break;
    visible += at(pick, steps[pick]! + 1).visible - at(pick, steps[pick]!).visible;
    steps[pick]!++;
  }
  return stories.map((_, i) => at(i, steps[i]!).block);
}

/** Buttons that open each story of a brief message (callback kind "story"). */
function storyButtons(indices: number[], ref: string | undefined): InlineKeyboardButton[][] {
  if (ref === undefined) return [];
  const buttons: InlineKeyboardButton[] = indices
    .filter((i) => i < 100)
    .map((i) => ({
      text: `${i + 1}`,
      callback_data: encodeCallback({ kind: 'story', index: i, ref }),
    }));
  const rows: InlineKeyboardButton[][] = [];
  const perRow = buttons.length <= 6 ? buttons.length : Math.ceil(buttons.length / 2);
  for (let i = 0; i < buttons.length; i += Math.max(perRow, 1)) {
    rows.push(buttons.slice(i, i + perRow));
  }
  return rows;
}

export interface DigestRenderOptions extends RenderOptions {
  /**
   * The digest was filtered by the reader's topics: a line names them and a button brings back
   * every story. With `missed`, nothing matched and `digest` is the unfiltered one: the line
   * says so and the top 3 headlines follow, so the reader is never left in silence.
   */
  topics?: { followed: readonly string[]; missed?: boolean };
}

/** Headlines shown when none of a reader's topics is in the news. */
const MISSED_TOPICS_HEADLINES = 3;

/**
 * Renders a digest as Telegram HTML messages (each ≤ 4096 UTF-16 units).
 *
 * Brief (the default): one message for up to 10 stories — the date in the reader's language and
 * zone, then per story a numbered headline, one short key sentence, how many outlets covered it
 * and the time of its latest article — with a button per story that opens its key points.
 * Full: every key point and the sources inline; a translated digest gets, under each message,
 * buttons that show its stories in the original Arabic (callback kind "original").
 */
export function renderDigest(input: Digest, opts: DigestRenderOptions): RenderedMessage[] {
  const limit = opts.limit ?? MESSAGE_LIMIT;
  const topics = opts.topics?.followed.length ? opts.topics : undefined;
  const digest = topics?.missed
    ? { ...input, stories: input.stories.slice(0, MISSED_TOPICS_HEADLINES) }
    : input;
  const language = digest.language || 'ar';
  const date = formatDigestDate(digest.window.to, dateLanguage(language, opts.ui), opts.timeZone);
  const header = headerBlock(
    t(opts.ui, 'digest.title'),
    { ...opts, limit },
    date ? ` · ${escapeHtml(date)}` : '',
  );
  const ref = digestRef(digest.id);
  let extraButtons: InlineKeyboardButton[][] | undefined;
  if (topics) {
    const names = topics.followed.join('، ');
    const key = topics.missed ? 'digest.topics.none' : 'digest.topics.lead';
    header.lines.push(`${lineMark(opts.ui)}<i>${t(opts.ui, key, { topics: names })}</i>`);
    if (!topics.missed && !opts.channel) {
      const text = decodeEntities(t(opts.ui, 'btn.all.stories'));
      extraButtons = [[{ text, callback_data: encodeCallback({ kind: 'all', ref }) }]];
    }
  }
  if (digest.stories.length === 0) header.lines.push(t(opts.ui, 'digest.empty'));
  if ((opts.format ?? 'brief') === 'full') {
    const blocks = digest.stories.map((s, i) => storyBlock(s, i, { ui: opts.ui, language, limit }));
    const messages = toMessages(
      [header, ...blocks],
      limit,
      originalButtons(opts.ui, language, ref),
    );
    return withExtraButtons(messages, extraButtons);
  }
  const blocks = briefBlocks(
    digest.stories,
    {
      ui: opts.ui,
      language,
      timeZone: opts.timeZone,
      dayIso: digest.window.to,
      channel: opts.channel === true,
      limit,
    },
    visibleText(header.lines.join('\n')).length,
  );
  const messages = toMessages([header, ...blocks], limit, (ids) =>
    opts.channel || ids.length === 0 ? undefined : { inline_keyboard: storyButtons(ids, ref) },
  );
  return withExtraButtons(messages, extraButtons);
}

/** Adds rows of buttons under the last message. */
function withExtraButtons(
  messages: RenderedMessage[],
  rows: InlineKeyboardButton[][] | undefined,
): RenderedMessage[] {
  if (!rows?.length || messages.length === 0) return messages;
  const last = messages[messages.length - 1]!;
  const keyboard = [...(last.replyMarkup?.inline_keyboard ?? []), ...rows];
  return [...messages.slice(0, -1), { ...last, replyMarkup: { inline_keyboard: keyboard } }];
}

/**
 * Buttons under a translated message that show its stories in the original Arabic (callback
 * kind "original" with `ref`); none for Arabic or without a reference.
 */
function originalButtons(ui: string, language: string, ref: string | undefined) {
  return (indices: number[]): InlineKeyboardMarkup | undefined => {
    if (language === 'ar' || ref === undefined || indices.length === 0) return undefined;
    const buttons: InlineKeyboardButton[] = indices
      .filter((i) => i < 100)
      .map((i) => ({
        text: decodeEntities(t(ui, 'btn.original', { n: i + 1 })),
        callback_data: encodeCallback({ kind: 'original', index: i, ref }),
      }));
    const rows: InlineKeyboardButton[][] = [];
    for (let i = 0; i < buttons.length; i += 3) rows.push(buttons.slice(i, i + 3));
    return { inline_keyboard: rows };
  };
}

/**
 * Renders stories answering a topic question, headed by the (escaped) query. Brief (the
 * default) as the digest's one screen, with a button per story when `originalRef` says where the
 * Arabic stories are kept; full with every point, and "Arabic original" buttons when translated.
 */
export function renderTopicAnswer(
  query: string,
  stories: Story[],
  opts: RenderOptions & {
    language: string;
    /** Where the Arabic stories are kept: buttons open them (and their Arabic original). */
    originalRef?: string;
    /**
     * When the answer is given: a story of another day shows its weekday beside its time.
     * @default the latest story's time
     */
    now?: Date;
  },
): RenderedMessage[] {
  const limit = opts.limit ?? MESSAGE_LIMIT;
  const shown = query.length > 200 ? `${query.slice(0, 200)}…` : query;
  const header = headerBlock(t(opts.ui, 'topic.title', { query: shown }), { ...opts, limit });
  if ((opts.format ?? 'brief') === 'full') {
    const blocks = stories.map((s, i) =>
      storyBlock(s, i, { ui: opts.ui, language: opts.language, limit }),
    );
    return toMessages(
      [header, ...blocks],
      limit,
      originalButtons(opts.ui, opts.language, opts.originalRef),
    );
  }
  const latest = stories.reduce((m, s) => (s.latestAt && s.latestAt > m ? s.latestAt : m), '');
  const blocks = briefBlocks(stories, {
    ui: opts.ui,
    language: opts.language,
    timeZone: opts.timeZone,
    dayIso: opts.now?.toISOString() ?? latest,
    channel: false,
    limit,
  });
  return toMessages([header, ...blocks], limit, (ids) =>
    ids.length === 0 || opts.originalRef === undefined
      ? undefined
      : { inline_keyboard: storyButtons(ids, opts.originalRef) },
  );
}

/**
 * Renders one story alone with every key point and its sources: what a story button opens, and
 * the Arabic original behind a translated story. `originalRef` adds the "Arabic original" button
 * (for a story shown translated).
 */
export function renderStory(
  story: Story,
  index: number,
  opts: RenderOptions & { language: string; originalRef?: string },
): RenderedMessage[] {
  const limit = opts.limit ?? MESSAGE_LIMIT;
  return toMessages(
    [storyBlock(story, index, { ...opts, limit })],
    limit,
    originalButtons(opts.ui, opts.language, opts.originalRef),
  );
}

/**
 * Splits trusted HTML made of whole lines (no tag spans two lines) into messages ≤ limit, at
 * line boundaries; for UI texts such as source lists that may grow long.
 */
export function splitHtmlLines(html: string, limit: number = MESSAGE_LIMIT): string[] {
  return packBlocks(
    html.split('\n').map((l) => ({ lines: [l] })),
    limit,
  ).map((m) => m.lines.join('\n'));
}

/**
 * Plain text for a terminal: links become "label <url>", other tags go, entities are decoded,
 * direction marks are dropped.
 */
export function htmlToPlainText(html: string): string {
  const token = /<a\s+href="([^"]*)"[^>]*>([\s\S]*?)<\/a>|<[^>]*>|[^<]+|</gi;
  let out = '';
  for (const m of html.matchAll(token)) {
    const [whole, href, label] = m;
    if (href !== undefined) {
      const url = decodeEntities(href);
      const text = decodeEntities((label ?? '').replace(/<[^>]*>/g, ''));
      out += text === url ? url : `${text} <${url}>`;
    } else if (whole.startsWith('<') && whole.length > 1) {
      continue;
    } else {
      out += decodeEntities(whole);
    }
  }
  return out.replace(/[\u200e\u200f]/g, '');
}
