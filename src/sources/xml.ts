/**
 * A small, strict, fast XML reader for feeds. It builds the plain-object shape feeds are read
 * from (`{ tag: "text" }`, `{ tag: { "@attr": "v", "#text": "t", child: … } }`, repeated tags as
 * arrays) in one pass with indexOf, and refuses documents that are not well formed: unclosed or
 * mismatched tags, text outside the root, bad tag names, unterminated comments or CDATA.
 *
 * Entities: the XML five, numeric references, common HTML names, and the document's own
 * internal entities (flat ones only — the caller refuses nested or external declarations), with
 * a cap on how many are expanded and on the expanded size. A lone "&" is kept as text.
 */
import { decodeHTMLStrict } from 'entities';

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

const NAME = /^[A-Za-z_][\w.:-]*$/;
const ENTITY_DECL = /<!ENTITY\s+([A-Za-z_][\w.:-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g;
const ENTITY_REF = /&([A-Za-z_][\w.:-]*);/g;

interface Frame {
  name: string;
  node: XmlNode;
  text: string;
  hasChildren: boolean;
  hasAttributes: boolean;
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i === -1 ? name : name.slice(i + 1);
}

function lineOf(xml: string, pos: number): string {
  let line = 1;
  for (let i = 0; i < pos && i < xml.length; i++) if (xml.charCodeAt(i) === 10) line++;
  return `line ${line}`;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * name="value" pairs of a tag, read left to right in linear time (a regex with backtracking
 * could be made quadratic by one long attribute). Reading stops at the first malformed pair.
 */
function readAttributes(text: string): [string, string][] {
  const out: [string, string][] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    const start = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isSpace(c) || c === 61 /* = */) break;
      i++;
    }
    if (i === start) break;
    const name = text.slice(start, i);
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 61) break;
    i++;
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    const quote = text.charCodeAt(i);
    if (quote !== 34 && quote !== 39) break;
    const close = text.indexOf(quote === 34 ? '"' : "'", i + 1);
    if (close === -1) break;
    out.push([name, text.slice(i + 1, close)]);
    i = close + 1;
  }
  return out;
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
  const entities = new Map<string, string>();
  let expansions = 0;
  let expanded = 0;

  const decode = (raw: string): string => {
    if (raw.indexOf('&') === -1) return raw;
    let s = raw;
    if (entities.size > 0) {
      s = s.replace(ENTITY_REF, (whole, name: string) => {
        const value = entities.get(name);
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
  };

  const doc: XmlNode = {};
  const stack: Frame[] = [];
  let rootSeen = false;
  let pos = 0;
  const n = xml.length;

  const attach = (parent: XmlNode, name: string, value: unknown) => {
    const existing = parent[name];
    if (existing === undefined) {
      parent[name] = arrayTags.has(localName(name)) ? [value] : value;
    } else if (Array.isArray(existing)) {
      existing.push(value);
    } else {
      parent[name] = [existing, value];
    }
  };

  const close = (frame: Frame) => {
    const text = frame.text.trim();
    let value: unknown;
    if (!frame.hasChildren && !frame.hasAttributes) value = text;
    else {
      if (text) frame.node['#text'] = text;
      value = frame.node;
    }
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.hasChildren = true;
      attach(parent.node, frame.name, value);
    } else {
      attach(doc, frame.name, value);
    }
  };

  while (pos < n) {
    const lt = xml.indexOf('<', pos);
    const end = lt === -1 ? n : lt;
    if (end > pos) {
      const top = stack[stack.length - 1];
      if (top) top.text += decode(xml.slice(pos, end));
      else if (xml.slice(pos, end).trim()) {
        throw new XmlError(`text outside the root element at ${lineOf(xml, pos)}`);
      }
    }
    if (lt === -1) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 63 /* ? */) {
      const stop = xml.indexOf('?>', lt + 2);
      if (stop === -1)
        throw new XmlError(`unterminated processing instruction at ${lineOf(xml, lt)}`);
      pos = stop + 2;
      continue;
    }
    if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const stop = xml.indexOf('-->', lt + 4);
        if (stop === -1) throw new XmlError(`unterminated comment at ${lineOf(xml, lt)}`);
        pos = stop + 3;
        continue;
      }
      if (xml.startsWith('<![CDATA[', lt)) {
        const stop = xml.indexOf(']]>', lt + 9);
        if (stop === -1) throw new XmlError(`unterminated CDATA section at ${lineOf(xml, lt)}`);
        const top = stack[stack.length - 1];
        if (!top) throw new XmlError(`CDATA outside the root element at ${lineOf(xml, lt)}`);
        top.text += xml.slice(lt + 9, stop);
        pos = stop + 3;
        continue;
      }
      if (xml.startsWith('<!DOCTYPE', lt) || xml.startsWith('<!doctype', lt)) {
        if (rootSeen || stack.length)
          throw new XmlError(`DOCTYPE after the root element at ${lineOf(xml, lt)}`);
        const bracket = xml.indexOf('[', lt);
        const gt = xml.indexOf('>', lt);
        let stop: number;
        if (bracket !== -1 && (gt === -1 || bracket < gt)) {
          const closeBracket = xml.indexOf(']', bracket);
          stop = closeBracket === -1 ? -1 : xml.indexOf('>', closeBracket);
          const subset = xml.slice(bracket + 1, closeBracket === -1 ? n : closeBracket);
          for (const m of subset.matchAll(ENTITY_DECL)) entities.set(m[1]!, m[2] ?? m[3] ?? '');
        } else {
          stop = gt;
        }
        if (stop === -1) throw new XmlError(`unterminated DOCTYPE at ${lineOf(xml, lt)}`);
        pos = stop + 1;
        continue;
      }
      throw new XmlError(`unexpected markup at ${lineOf(xml, lt)}`);
    }
    if (next === 47 /* / */) {
      const gt = xml.indexOf('>', lt + 2);
      if (gt === -1) throw new XmlError(`unterminated closing tag at ${lineOf(xml, lt)}`);
      const name = xml.slice(lt + 2, gt).trim();
      const top = stack.pop();
      if (!top)
        throw new XmlError(`closing tag </${name}> without an opening tag at ${lineOf(xml, lt)}`);
      if (top.name !== name) {
        throw new XmlError(`expected </${top.name}> instead of </${name}> at ${lineOf(xml, lt)}`);
      }
      close(top);
      pos = gt + 1;
      continue;
    }
    // An opening tag: find its end, skipping ">" inside quoted attribute values.
    let i = lt + 1;
    let quote = 0;
    for (; i < n; i++) {
      const c = xml.charCodeAt(i);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 62 /* > */) break;
      else if (c === 60 /* < */) break;
    }
    if (i >= n || xml.charCodeAt(i) !== 62)
      throw new XmlError(`unterminated tag at ${lineOf(xml, lt)}`);
    const selfClosing = xml.charCodeAt(i - 1) === 47;
    const inner = xml.slice(lt + 1, selfClosing ? i - 1 : i);
    let cut = 0;
    while (cut < inner.length && !/\s/.test(inner[cut]!)) cut++;
    const name = inner.slice(0, cut);
    if (!NAME.test(name)) throw new XmlError(`invalid tag name '${name}' at ${lineOf(xml, lt)}`);
    if (stack.length === 0) {
      if (rootSeen) throw new XmlError(`a second root element <${name}> at ${lineOf(xml, lt)}`);
      rootSeen = true;
    }
    const frame: Frame = { name, node: {}, text: '', hasChildren: false, hasAttributes: false };
    const rest = inner.slice(cut);
    if (rest.trim()) {
      for (const [key, value] of readAttributes(rest)) {
        frame.node[`@${key}`] = decode(value);
        frame.hasAttributes = true;
      }
    }
    if (selfClosing) {
      const parent = stack[stack.length - 1];
      if (parent) parent.hasChildren = true;
      attach(parent ? parent.node : doc, name, frame.hasAttributes ? frame.node : '');
    } else {
      stack.push(frame);
    }
    pos = i + 1;
  }
  if (stack.length) {
    throw new XmlError(
      `unclosed tag <${stack[stack.length - 1]!.name}> at the end of the document`,
    );
  }
  if (!rootSeen) throw new XmlError('no root element');
  return doc;
}
