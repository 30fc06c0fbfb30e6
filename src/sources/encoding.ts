/**
 * Bytes to text. Arabic sites still serve windows-1256 and ISO-8859-6, so the charset is taken,
 * in order, from a byte-order mark, the HTTP Content-Type, and the document itself (XML
 * declaration, HTML meta). Servers often send a default "charset=utf-8" over a document that
 * declares something else: when the bytes are not valid UTF-8, the document's own declaration
 * wins, and with no declaration at all windows-1256 is tried (the commonest legacy Arabic
 * charset).
 */
import iconv from 'iconv-lite';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

function charsetFromDocument(head: string): string | undefined {
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1]!.toLowerCase();
  const meta =
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head) ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset=([\w.:-]+)/i.exec(head);
  return meta?.[1]?.toLowerCase();
}

const LATIN_DEFAULTS = new Set(['iso-8859-1', 'latin1', 'windows-1252', 'us-ascii', 'ascii']);

function isUtf8(name: string): boolean {
  return name === 'utf-8' || name === 'utf8';
}

function decodeAs(bytes: Buffer, charset: string): string | undefined {
  if (isUtf8(charset)) {
    try {
      return UTF8.decode(bytes);
    } catch {
      return undefined;
    }
  }
  if (!iconv.encodingExists(charset)) return undefined;
  return iconv.decode(bytes, charset);
}

/**
 * Decodes a document's bytes to a string (no BOM), choosing the charset as described above.
 *
 * @example decodeBody(iconv.encode('<?xml version="1.0" encoding="windows-1256"?><rss/>', 'windows-1256'))
 */
export function decodeBody(bytes: Buffer, contentType?: string): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return bytes.subarray(3).toString('utf8');
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return iconv.decode(bytes.subarray(2), 'utf-16le');
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return iconv.decode(bytes.subarray(2), 'utf-16be');
  }
  // ASCII-compatible view of the head, enough to read a declaration.
  const head = bytes.subarray(0, 2048).toString('latin1');
  const fromHttp = charsetFromContentType(contentType);
  const fromDoc = charsetFromDocument(head);
  // A Latin charset in the header is usually a server default, not a statement about the file.
  const httpIsDefault =
    fromHttp !== undefined &&
    LATIN_DEFAULTS.has(fromHttp) &&
    (fromDoc !== undefined || decodeAs(bytes, 'utf-8') !== undefined);
  const candidates = [
    httpIsDefault ? undefined : fromHttp,
    fromDoc,
    'utf-8',
    'windows-1256',
  ].filter((c): c is string => c !== undefined);
  for (const charset of candidates) {
    const text = decodeAs(bytes, charset);
    if (text !== undefined) return text;
  }
  return bytes.toString('utf8');
}
