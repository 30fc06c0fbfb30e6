/**
 * The sources file (`SOURCES_FILE`, JSON or YAML):
 *
 *   {"sources":[{"id","name","url","kind":"feed|page|folder|jsonl","language"?,"fullText"?,"intervalMinutes"?}]}
 *
 * `url` is http(s) for feeds and pages and a path (relative to the file) for folders and
 * JSON-lines files. An entry may also say `"verified": false` — the bundled default list uses it
 * for addresses that could not be checked when it was written; it is informational only.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Source } from '../store/types.js';

/** A sources file that cannot be used; the message names the file and the entry. */
export class SourcesFileError extends Error {
  override readonly name = 'SourcesFileError';
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

const isHttp = (v: string) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol);

export const SourceEntrySchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/i, 'must be letters, digits, "-" or "_" (e.g. "bbc-arabic")'),
    name: z.string().trim().min(1, 'must not be empty'),
    url: z.string().trim().min(1, 'must not be empty'),
    kind: z.enum(['feed', 'page', 'folder', 'jsonl']),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'must be a language code such as "ar"')
      .optional(),
    fullText: z.boolean().optional(),
    intervalMinutes: z.number().int().positive().max(10_080).optional(),
    /** False when the address could not be checked by whoever listed it. */
    verified: z.boolean().optional(),
  })
  .refine((s) => (s.kind === 'feed' || s.kind === 'page' ? isHttp(s.url) : true), {
    message: 'feeds and pages need an http:// or https:// url',
    path: ['url'],
  })
  .refine((s) => (s.kind === 'folder' || s.kind === 'jsonl' ? !isHttp(s.url) : true), {
    message: 'folders and JSON-lines files need a local path',
    path: ['url'],
  });

export const SourcesFileSchema = z
  .strictObject({ sources: z.array(SourceEntrySchema) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.sources.forEach((s, i) => {
      if (seen.has(s.id)) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate id "${s.id}"`,
          path: ['sources', i, 'id'],
        });
      }
      seen.add(s.id);
    });
  });

function issuePath(path: PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** Validates parsed file content into sources; paths are resolved against `baseDir`. */
export function parseSourcesData(data: unknown, path: string, baseDir: string): Source[] {
  const parsed = SourcesFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${issuePath(issue.path)}: ` : '';
    throw new SourcesFileError(
      `${path}: ${where}${issue.message} (expected {"sources":[{"id","name","url","kind":"feed|page|folder|jsonl"}]})`,
      path,
    );
  }
  return parsed.data.sources.map(({ verified: _verified, ...s }) => ({
    ...s,
    url: s.kind === 'folder' || s.kind === 'jsonl' ? resolvePath(s.url, baseDir) : s.url,
  }));
}

function resolvePath(p: string, baseDir: string): string {
  if (p.startsWith('file://')) return fileURLToPath(p);
  return isAbsolute(p) ? p : resolve(baseDir, p);
}

function parseText(text: string, path: string): unknown {
  try {
    return /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw new SourcesFileError(
      `${path} is not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${(err as Error).message.split('\n')[0]}`,
      path,
    );
  }
}

/**
 * Reads and validates a sources file (JSON, or YAML when the name ends in .yaml/.yml).
 * Throws {@link SourcesFileError} naming the first bad entry.
 */
export async function loadSourcesFile(path: string): Promise<Source[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new SourcesFileError(
      `cannot read sources file ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      path,
    );
  }
  return parseSourcesData(
    parseText(text.replace(/^\ufeff/, ''), path),
    path,
    dirname(resolve(path)),
  );
}

/** Where the bundled files live: the package root (two levels above src/sources/). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_SOURCES_PATH = resolve(PACKAGE_ROOT, 'sources.default.json');

/**
 * The bundled list of major Arabic outlets' public feeds (sources.default.json). Their
 * addresses are marked `"verified": false` in the file where they could not be checked.
 */
export function defaultSources(): Source[] {
  const text = readFileSync(DEFAULT_SOURCES_PATH, 'utf8');
  return parseSourcesData(
    parseText(text, DEFAULT_SOURCES_PATH),
    DEFAULT_SOURCES_PATH,
    PACKAGE_ROOT,
  );
}

/** The default list with each entry's verified flag (for `khulasa doctor`-style listings). */
export function defaultSourceEntries(): z.infer<typeof SourceEntrySchema>[] {
  const text = readFileSync(DEFAULT_SOURCES_PATH, 'utf8');
  return SourcesFileSchema.parse(parseText(text, DEFAULT_SOURCES_PATH)).sources;
}
