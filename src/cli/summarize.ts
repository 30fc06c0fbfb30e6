/**
 * `khulasa summarize`: key points of one article (plain text or HTML, from a file or stdin), or of
 * many articles as JSON lines, streamed.
 */
import { open } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import iconv from 'iconv-lite';
import { arabicRatio, isArabic } from '../arabic/index.js';
import { extractKeyPoints } from '../digest/keypoints.js';
import { extractArticle } from '../sources/extract.js';
import { htmlToText } from '../sources/html-text.js';
import { UsageError, intOption, writeLine, type Command } from './command.js';

const HELP = `Usage:
  khulasa summarize [--points N] [--words N] [--json] [FILE|-]
      Key points of one Arabic article (plain text or HTML) from FILE or stdin, one per line
      (--json: {"points":[...]}).
  khulasa summarize --jsonl [--points N] [--words N]
      JSON lines {"id","text","title"?,"words"?} on stdin; one line {"id","points":[...]} per
      input, in order, streamed. A bad line gets {"id","error":"..."} and the rest go on.

Options:
  --points N   most key points (default 3)
  --words N    most words over all points (at least one point is always given)
  --json       print {"points":[...]} instead of one point per line
  --jsonl      read JSON lines on stdin, write JSON lines`;

/** Inputs larger than this are refused (an article is never this long). */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

/** Why an article could not be summarized: a clear one-line message. */
export class SummarizeInputError extends Error {
  override readonly name = 'SummarizeInputError';
}

const HTML_RE =
  /^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<(?:p|div|article|section|h[1-6]|span|br|meta|title)[\s/>])/i;
const TITLE_RE = /<title[^>]*>([^<]{1,500})<\/title>/i;
const H1_RE = /<h1[^>]*>([^<]{1,500})<\/h1>/i;

/** Decodes input bytes: UTF-8, or Windows-1256 (legacy Arabic pages) when that is not valid. */
export function decodeInput(bytes: Uint8Array): string {
  const probe = bytes.subarray(0, 64 * 1024);
  let zeros = 0;
  for (const b of probe) if (b === 0) zeros++;
  if (zeros > 0) {
    throw new SummarizeInputError('the input looks binary, not text');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const legacy = iconv.decode(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      'windows-1256',
    );
    if (isArabic(legacy)) return legacy;
    throw new SummarizeInputError('the input is not valid UTF-8 text');
  }
}

/** Pages larger than this skip Readability and go straight to the plain-text fallback. */
const MAX_READABILITY_CHARS = 2_000_000;

/**
 * Plain text and title of an input that may be HTML: the page's article (Readability, without
 * menus and share bars) when one is found, else all of its text.
 */
export function articleText(input: string): { text: string; title?: string } {
  if (!HTML_RE.test(input.slice(0, 2000))) return { text: input };
  if (input.length <= MAX_READABILITY_CHARS) {
    try {
      const article = extractArticle(input, 'https://localhost/');
      if (article && article.text.trim() !== '') {
        return { text: article.text, title: article.title || undefined };
      }
    } catch {
      // Broken markup: fall back to the page's plain text.
    }
  }
  const title = (TITLE_RE.exec(input)?.[1] ?? H1_RE.exec(input)?.[1])?.trim();
  return { text: htmlToText(input), title: title ? htmlToText(title) : undefined };
}

/**
 * Key points of one article's text, or a {@link SummarizeInputError} saying why there are none.
 */
export function summarizeText(
  input: string,
  opts: { points?: number; words?: number; title?: string } = {},
): string[] {
  const { text, title } = articleText(input);
  if (text.trim() === '') throw new SummarizeInputError('the text is empty');
  if (!isArabic(text)) {
    const share = Math.round(arabicRatio(text) * 100);
    throw new SummarizeInputError(
      `the text is not Arabic (${share}% of its letters are Arabic); khulasa summarizes Arabic articles`,
    );
  }
  const points = extractKeyPoints(text, {
    title: opts.title ?? title,
    points: opts.points,
    words: opts.words,
  });
  if (points.length === 0)
    throw new SummarizeInputError('the text has no sentence to use as a key point');
  return points;
}

async function readAll(stream: Readable, what: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > MAX_INPUT_BYTES) {
      throw new SummarizeInputError(`${what} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks, size);
}

async function readFileCapped(path: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`cannot read ${path}: no such file`);
    if (code === 'EACCES') throw new UsageError(`cannot read ${path}: permission denied`);
    throw err;
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new UsageError(`cannot read ${path}: it is a directory`);
    if (stat.size > MAX_INPUT_BYTES) {
      throw new SummarizeInputError(`${path} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
    }
    return await readAll(handle.createReadStream({ autoClose: false }), path);
  } finally {
    await handle.close();
  }
}

/** Writes, waiting for 'drain' when the destination is full (backpressure). */
function write(out: Writable, text: string): Promise<void> | undefined {
  if (out.write(text)) return undefined;
  return new Promise((resolve, reject) => {
    const done = (err?: Error): void => {
      out.off('drain', onDrain);
      out.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = (): void => done();
    out.once('drain', onDrain);
    out.once('error', done);
  });
}

/** One JSON-lines record → one output line. Never throws. */
export function summarizeRecord(
  line: string,
  defaults: { points: number; words?: number },
): string {
  let id: unknown = null;
  try {
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      return JSON.stringify({ id, error: 'not valid JSON' });
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      return JSON.stringify({ id, error: 'expected a JSON object {"id","text"}' });
    }
    const r = record as Record<string, unknown>;
    id = typeof r.id === 'string' || typeof r.id === 'number' ? r.id : null;
    if (typeof r.text !== 'string')
      return JSON.stringify({ id, error: 'missing "text" (a string)' });
    let words = defaults.words;
    if (r.words !== undefined && r.words !== null) {
      if (typeof r.words !== 'number' || !Number.isInteger(r.words) || r.words < 1) {
        return JSON.stringify({ id, error: '"words" must be a whole number from 1 up' });
      }
      words = r.words;
    }
    const title = typeof r.title === 'string' ? r.title : undefined;
    const points = summarizeText(r.text, { points: defaults.points, words, title });
    return JSON.stringify({ id, points });
  } catch (err) {
    const message =
      err instanceof SummarizeInputError
        ? err.message
        : `internal error: ${(err as Error).message}`;
    return JSON.stringify({ id, error: message });
  }
}

/** Longest JSON line accepted; a longer one gets an error line and is skipped. */
const MAX_LINE_BYTES = MAX_INPUT_BYTES;

/**
 * Streams JSON lines from `input` to `output`, one result line per input line, in order. Reads a
 * chunk at a time and waits for the output to drain, so memory stays flat whatever the count.
 */
export async function summarizeJsonLines(
  input: Readable,
  output: Writable,
  defaults: { points: number; words?: number },
): Promise<{ lines: number; errors: number }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;
  let lines = 0;
  let errors = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const handle = async (bytes: Buffer): Promise<void> => {
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      text = '';
      lines++;
      errors++;
      await write(
        output,
        `${JSON.stringify({ id: null, error: 'the line is not valid UTF-8' })}\n`,
      );
      return;
    }
    if (text.trim() === '') return;
    lines++;
    const out = summarizeRecord(text, defaults);
    if (out.includes('"error":')) errors++;
    await write(output, `${out}\n`);
  };
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      const piece = buf.subarray(start, nl);
      start = nl + 1;
      if (skipping) {
        skipping = false;
        continue;
      }
      const line = pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
      pending = [];
      pendingBytes = 0;
      await handle(line);
    }
    if (start < buf.length && !skipping) {
      pending.push(buf.subarray(start));
      pendingBytes += buf.length - start;
      if (pendingBytes > MAX_LINE_BYTES) {
        pending = [];
        pendingBytes = 0;
        skipping = true;
        lines++;
        errors++;
        await write(
          output,
          `${JSON.stringify({ id: null, error: `the line is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB` })}\n`,
        );
      }
    }
  }
  if (pending.length > 0 && !skipping) await handle(Buffer.concat(pending));
  return { lines, errors };
}

export const command: Command = {
  name: 'summarize',
  summary: 'key points of one article (or JSON lines of articles)',
  help: HELP,
  options: {
    points: { type: 'string' },
    words: { type: 'string' },
    json: { type: 'boolean' },
    jsonl: { type: 'boolean' },
  },
  maxPositionals: 1,
  async run(args, io) {
    const points = intOption(args, 'points', 3, { min: 1, max: 100 });
    const words =
      args.values.words === undefined ? undefined : intOption(args, 'words', 0, { min: 1 });
    const file = args.positionals[0];
    if (args.values.jsonl) {
      if (file !== undefined && file !== '-') {
        throw new UsageError('--jsonl reads stdin; pipe the lines in instead of naming a file');
      }
      if (args.values.json) throw new UsageError('give either --json or --jsonl, not both');
      await summarizeJsonLines(io.stdin, io.stdout, { points, words });
      return 0;
    }
    let result: string[];
    try {
      let bytes: Uint8Array;
      if (file === undefined || file === '-') {
        if ((io.stdin as Readable & { isTTY?: boolean }).isTTY) {
          throw new UsageError(
            'give a FILE, or pipe the article in: khulasa summarize < article.txt',
          );
        }
        bytes = await readAll(io.stdin, 'the input');
      } else {
        bytes = await readFileCapped(file);
      }
      result = summarizeText(decodeInput(bytes), { points, words });
    } catch (err) {
      if (err instanceof SummarizeInputError) {
        io.stderr.write(`khulasa: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
    if (args.values.json) await writeLine(io.stdout, JSON.stringify({ points: result }));
    else for (const p of result) await writeLine(io.stdout, p);
    return 0;
  },
};
