import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../src/sources/encoding.js';

const ARABIC = 'خبر عاجل: افتتاح المعرض؛ هل تحضر؟';
const xml = (enc?: string) =>
  `<?xml version="1.0"${enc ? ` encoding="${enc}"` : ''}?><rss><channel><title>${ARABIC}</title></channel></rss>`;

describe('decodeBody picks the charset', () => {
  it.each([
    [
      'windows-1256 from the XML declaration',
      iconv.encode(xml('windows-1256'), 'windows-1256'),
      undefined,
    ],
    [
      'ISO-8859-6 from the XML declaration',
      iconv.encode(xml('ISO-8859-6'), 'iso-8859-6'),
      'application/xml',
    ],
    [
      'windows-1256 from the HTTP header',
      iconv.encode(xml(), 'windows-1256'),
      'text/xml; charset=windows-1256',
    ],
    [
      'UTF-8 with a BOM',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml())]),
      undefined,
    ],
    [
      'UTF-16LE with a BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(xml('UTF-16'), 'utf-16le')]),
      undefined,
    ],
    [
      'UTF-16BE with a BOM',
      Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(xml('UTF-16'), 'utf-16be')]),
      undefined,
    ],
    ['plain UTF-8 with no declaration', Buffer.from(xml()), undefined],
    [
      'UTF-8 behind a default Latin-1 header',
      Buffer.from(xml('utf-8')),
      'text/xml; charset=ISO-8859-1',
    ],
    [
      'windows-1256 declared in the document behind a lying utf-8 header',
      iconv.encode(xml('windows-1256'), 'windows-1256'),
      'text/xml; charset=utf-8',
    ],
    [
      'undeclared windows-1256 bytes (not valid UTF-8)',
      iconv.encode(xml(), 'windows-1256'),
      undefined,
    ],
  ])('%s', (_name, bytes, contentType) => {
    const text = decodeBody(bytes, contentType);
    expect(text).toContain(ARABIC);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('reads the charset of an HTML meta tag', () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head><body>${ARABIC}</body></html>`;
    expect(decodeBody(iconv.encode(html, 'windows-1256'))).toContain(ARABIC);
    const html5 = `<html><head><meta charset="iso-8859-6"></head><body>خبر</body></html>`;
    expect(decodeBody(iconv.encode(html5, 'iso-8859-6'))).toContain('خبر');
  });

  it('falls back to UTF-8 for an unknown charset name', () => {
    expect(decodeBody(Buffer.from(xml('x-unknown-charset')))).toContain(ARABIC);
  });
});
