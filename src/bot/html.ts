/**
 * The few HTML primitives every bot text is built from: escaping for Telegram HTML, links kept
 * only for http(s) URLs, and decoding our own HTML back to text (button labels, the console).
 * Nothing here imports the rest of the bot, so i18n and rendering can both depend on it.
 */
import { decodeHTMLStrict } from 'entities';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};

/** Escapes text for Telegram HTML (&, <, > and " for attribute values). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

/** Length of one character once escaped by {@link escapeHtml}, in UTF-16 code units. */
export function escapedLength(c: string): number {
  return ESCAPES[c]?.length ?? c.length;
}

/** The escaped href of an http(s) URL, or undefined for anything else (javascript:, data:, junk). */
export function safeHref(url: string): string | undefined {
  const trimmed = url.trim();
  if (!URL.canParse(trimmed)) return undefined;
  const parsed = new URL(trimmed);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  return escapeHtml(parsed.href);
}

/** A link when the URL is http(s), otherwise the escaped label alone. */
export function link(label: string, url: string): string {
  const href = safeHref(url);
  const text = escapeHtml(label.trim() || url);
  return href ? `<a href="${href}">${text}</a>` : text;
}

/**
 * Decodes the character references of Telegram HTML back to text. Strict: a reference counts
 * only with its ";", as Telegram reads it, so "&copy 2024" in a reader's text stays as written.
 */
export function decodeEntities(text: string): string {
  return text.includes('&') ? decodeHTMLStrict(text) : text;
}
