/**
 * Feeds and OPML files read as plain objects (`{ tag: "text" }`, `{ tag: { "@attr": "v",
 * "#text": "t", child: … } }`, repeated tags as arrays) by fast-xml-parser, after its validator
 * has refused documents that are not well formed: unclosed or mismatched tags, bad tag names,
 * unterminated comments or CDATA; text outside the root and a second root are refused here.
 *
 * Entities: the XML five, numeric references and HTML names (decoded by the entities package),
 * and the document's own internal entities, with a cap on how many are expanded and on the
 * expanded size. External and parameter entities are refused. A lone "&" is kept as text.
 */
import { decodeHTMLStrict } from 'entities';
import { XMLParser, XMLValidator, type EntityDecoderOptions } from 'fast-xml-parser';

export class XmlError extends Error {
  override readonly name = 'XmlError';
}

export type XmlNode = Record<string, unknown>;

export interface XmlOptions {
  /** Local names that always become arrays (item, entry, link…). */
  arrayTags?: ReadonlySet<string>;
  /** @default 1000 */
  maxExpansions?: number;
  /** Characters all entity expansions may add together. @default 100000 */
  maxExpandedLength?: number;
}

const ENTITY_REF = /&([A-Za-z_][\w.:-]*);/g;
/** An "&" that starts no reference: text to the parser, an error to the validator. */
const LONE_AMPERSAND = /&(?![A-Za-z_][\w.:-]*;|#\d+;|#[xX][0-9a-fA-F]+;)/g;

function localName(name: string): string {
  const i = name.indexOf(':');
  return i === -1 ? name : name.slice(i + 1);
}

function lineOf(xml: string, pos: number): string {
  let line = 1;
  for (let i = 0; i < pos && i < xml.length; i++) if (xml.charCodeAt(i) === 10) line++;
  return `line ${line}`;
}

/**
 * Decodes text and attribute values: the document's own entities first (counted against the
 * limits), then every character reference in one pass, so "&amp;lt;" stays "&lt;".
 */
function createEntityDecoder(maxExpansions: number, maxExpandedLength: number) {
  let own = new Map<string, string>();
  let expansions = 0;
  let expanded = 0;
  const decoder: EntityDecoderOptions = {
    setExternalEntities: () => undefined,
    setXmlVersion: () => undefined,
    addInputEntities(entities) {
      for (const [name, value] of Object.entries(entities)) own.set(name, value);
    },
    reset() {
      own = new Map();
      expansions = 0;
      expanded = 0;
    },
    decode(raw) {
      if (raw.indexOf('&') === -1) return raw;
      let s = raw;
      if (own.size > 0) {
        s = s.replace(ENTITY_REF, (whole, name: string) => {
          const value = own.get(name);
          if (value === undefined) return whole;
          expansions += 1;
          expanded += value.length;
          if (expansions > maxExpansions) {
            throw new XmlError(`entity expansion count limit exceeded (${maxExpansions})`);
          }
          if (expanded > maxExpandedLength) {
            throw new XmlError(`entity expansion length limit exceeded (${maxExpandedLength})`);
          }
          return value;
        });
      }
      // XML references always end with ";"; HTML names are read too, as feeds use them.
      return decodeHTMLStrict(s);
    },
  };
  return decoder;
}

/** A message cut to a readable length: names in hostile documents can be megabytes long. */
function short(text: string): string {
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** The validator's verdict in this module's words, with the line it points at. */
function describeInvalid(xml: string, err: { code: string; msg: string; line: number }): string {
  const at = `at line ${err.line}`;
  const comment = xml.lastIndexOf('<!--');
  if (comment !== -1 && xml.indexOf('-->', comment + 4) === -1) {
    return `unterminated comment at ${lineOf(xml, comment)}`;
  }
  const cdata = xml.lastIndexOf('<![CDATA[');
  if (cdata !== -1 && xml.indexOf(']]>', cdata + 9) === -1) {
    return `unterminated CDATA section at ${lineOf(xml, cdata)}`;
  }
  let m = /^Expected closing tag '([^']*)' .* instead of closing tag '([^']*)'/.exec(err.msg);
  if (m) return `expected </${m[1]}> instead of </${m[2]}> ${at}`;
  m = /^Closing tag '([^']*)' has not been opened/.exec(err.msg);
  if (m) return `closing tag </${m[1]}> without an opening tag ${at}`;
  m = /^Unclosed tag '([^']*)'/.exec(err.msg);
  if (m) return `unclosed tag <${m[1]}> at the end of the document`;
  m = /^Tag '([^']*)' is an invalid name/.exec(err.msg);
  if (m) return `invalid tag name '${m[1]}' ${at}`;
  if (/^Invalid space after '<'/.test(err.msg)) return `invalid tag name after "<" ${at}`;
  if (err.msg === 'Start tag expected.' && !xml.includes('<')) return 'no root element';
  if (err.code === 'InvalidXml' && /^Invalid '\[/.test(err.msg)) return `unterminated tag ${at}`;
  return `${err.msg.replace(/\.$/, '')} ${at}`;
}

function checkWellFormed(xml: string): void {
  // Attributes without a value are let through here and skipped by the parser.
  const options = { allowBooleanAttributes: true };
  let verdict = XMLValidator.validate(xml, options);
  if (verdict !== true && verdict.err.code === 'InvalidChar' && verdict.err.msg.includes("'&'")) {
    // Feeds write "a & b" in text; the parser keeps it, so only the validator is told otherwise.
    verdict = XMLValidator.validate(xml.replace(LONE_AMPERSAND, '&amp;'), options);
  }
  if (verdict !== true) throw new XmlError(short(describeInvalid(xml, verdict.err)));
  const end = xml.lastIndexOf('>');
  if (end !== -1 && xml.slice(end + 1).trim()) {
    throw new XmlError(`text outside the root element at ${lineOf(xml, end + 1)}`);
  }
}

/**
 * Trims each element's whole text (after decoding, so "&nbsp;x" reads "x") and drops text that
 * was only the spaces between child elements.
 */
function tidy(node: XmlNode): void {
  for (const key of Object.keys(node)) {
    if (key[0] === '@') continue;
    const value = node[key];
    if (typeof value === 'string') {
      const text = value.trim();
      if (key === '#text' && !text) delete node[key];
      else node[key] = text;
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item === 'string') value[i] = item.trim();
        else if (item && typeof item === 'object') tidy(item as XmlNode);
      }
    } else if (value && typeof value === 'object') {
      tidy(value as XmlNode);
    }
  }
}

/**
 * Parses an XML document into plain objects. Throws {@link XmlError} when it is not well formed
 * or its entities expand beyond the limits.
 *
 * @example parseXmlDocument('<rss><channel><title>خبر</title></channel></rss>') // { rss: { channel: { title: 'خبر' } } }
 */
export function parseXmlDocument(xml: string, opts: XmlOptions = {}): XmlNode {
  const arrayTags = opts.arrayTags ?? new Set<string>();
  const maxExpansions = opts.maxExpansions ?? 1000;
  const maxExpandedLength = opts.maxExpandedLength ?? 100_000;
  checkWellFormed(xml);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: 1000,
    // isArray reads the tag name only: no path string built for every tag.
    jPath: false,
    // Text is trimmed once it is whole (see tidy), so "a <b>b</b> c" keeps its inner spaces.
    trimValues: false,
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && arrayTags.has(localName(name)),
    // The DTD reader's own caps (declarations, size of one value); expansions are counted by
    // the decoder below, which replaces the parser's.
    processEntities: { enabled: true, maxEntityCount: 100, maxEntitySize: maxExpandedLength },
    entityDecoder: createEntityDecoder(maxExpansions, maxExpandedLength),
  });
  let doc: XmlNode;
  try {
    doc = parser.parse(xml) as XmlNode;
  } catch (err) {
    if (err instanceof XmlError) throw err;
    throw new XmlError((err as Error).message, { cause: err });
  }
  tidy(doc);
  const roots = Object.keys(doc);
  if (roots.length === 0) throw new XmlError('no root element');
  if (roots.length > 1 || Array.isArray(doc[roots[0]!])) {
    throw new XmlError(`a second root element <${roots[1] ?? roots[0]}>`);
  }
  return doc;
}
