import { describe, expect, it } from 'vitest';
import { XmlError, parseXmlDocument } from '../../../src/sources/xml.js';

const arrays = { arrayTags: new Set(['item', 'link']) };

describe('parseXmlDocument', () => {
  it('builds plain objects: text, attributes, repeated and array tags', () => {
    const doc = parseXmlDocument(
      `<?xml version="1.0"?>
      <!-- a comment -->
      <rss version="2.0"><channel>
        <title> خبر  </title>
        <atom:link href="https://x.example/feed" rel="self"/>
        <category>أ</category><category>ب</category>
        <item><title>1</title><link>https://x.example/1</link></item>
        <empty/>
        <guid isPermaLink="false">g-1</guid>
      </channel></rss>`,
      arrays,
    );
    expect(doc).toEqual({
      rss: {
        '@version': '2.0',
        channel: {
          title: 'خبر',
          'atom:link': [{ '@href': 'https://x.example/feed', '@rel': 'self' }],
          category: ['أ', 'ب'],
          item: [{ title: '1', link: ['https://x.example/1'] }],
          empty: '',
          guid: { '@isPermaLink': 'false', '#text': 'g-1' },
        },
      },
    });
  });

  it('keeps CDATA raw and decodes entities in text and attributes', () => {
    const doc = parseXmlDocument(
      `<r a="x &amp; y" b='&quot;q&quot;'><c><![CDATA[<p>&amp; stays</p>]]></c><d>&lt;b&gt; &#1582;&#x628;&#x631; &hellip; a & b</d></r>`,
    );
    expect(doc).toEqual({
      r: { '@a': 'x & y', '@b': '"q"', c: '<p>&amp; stays</p>', d: '<b> خبر … a & b' },
    });
  });

  it('trims whole text after decoding and keeps the spaces inside mixed text', () => {
    expect(
      parseXmlDocument(
        `<r><a>&nbsp;نص&#32;</a><b> أ <i>ب</i> ج </b><c>\n  <![CDATA[ د ]]>\n</c><d a=" س "/></r>`,
      ),
    ).toEqual({ r: { a: 'نص', b: { i: 'ب', '#text': 'أ  ج' }, c: 'د', d: { '@a': ' س ' } } });
  });

  it('refuses external entities even without a caller-side guard', () => {
    const xxe = `<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>`;
    expect(() => parseXmlDocument(xxe)).toThrowError(XmlError);
  });

  it('handles ">" inside quoted attribute values', () => {
    expect(parseXmlDocument(`<r t="a>b"><x/></r>`)).toEqual({ r: { '@t': 'a>b', x: '' } });
  });

  it('reads a pathological tag in linear time', () => {
    const started = Date.now();
    expect(parseXmlDocument(`<r ${'x'.repeat(200_000)}/>`)).toEqual({ r: '' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('expands flat internal entities, within limits', () => {
    const doc = parseXmlDocument(`<!DOCTYPE r [<!ENTITY site "الموقع">]><r>&site; &site;</r>`);
    expect(doc).toEqual({ r: 'الموقع الموقع' });
    const flood = `<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">]><r>${'&a;'.repeat(1001)}</r>`;
    expect(() => parseXmlDocument(flood)).toThrow(/expansion count limit/);
    const long = `<!DOCTYPE r [<!ENTITY a "${'a'.repeat(5000)}">]><r>${'&a;'.repeat(30)}</r>`;
    expect(() => parseXmlDocument(long, { maxExpandedLength: 100_000 })).toThrow(/length limit/);
  });

  it.each([
    ['an unclosed tag', '<r><a>x</r>', /expected <\/a> instead of <\/r>/],
    ['a truncated document', '<r><a>x</a>', /unclosed tag <r>/],
    ['a stray closing tag', '<r></r></x>', /without an opening tag/],
    ['text after the root', '<r/>junk', /outside the root/],
    ['two roots', '<r/><s/>', /second root/],
    ['a bad tag name', '<r><1a/></r>', /invalid tag name/],
    ['a lone "<" in text', '<r>a < b</r>', /invalid tag name|unterminated/],
    ['an unterminated comment', '<r><!-- x</r>', /unterminated comment/],
    ['an unterminated CDATA', '<r><![CDATA[x</r>', /unterminated CDATA/],
    ['an unterminated tag', '<r><a href="x"', /unterminated tag/],
    ['no element at all', '   ', /no root element/],
  ])('refuses %s', (_name, xml, message) => {
    expect(() => parseXmlDocument(xml)).toThrowError(XmlError);
    expect(() => parseXmlDocument(xml)).toThrow(message);
  });

  // Documents that look plain at a glance but that the validator refuses: the quick screen must
  // hand each of them on rather than let the lenient parser read them.
  it.each([
    ['a repeated attribute', '<r a="1" a="2"/>', /'a' is repeated/],
    ['attributes without a space between them', '<r><a x="1"y="2"/></r>', /'y' has no space/],
    ['an unquoted attribute value', '<r><b a=1></b></r>', /'a' is without value/],
    ['a closing tag with attributes', '<r></r x="1">', /can't have attributes/],
    ['closing tags that swap names', '<r><a></b></r>', /expected <\/a> instead of <\/b>/],
    ['a second root after a closed one', '<r></r><s/>', /second root|Multiple possible root/],
    ['an upper-case hexadecimal reference', '<r>&#X41;</r>', /'&' is not expected/],
    ['a reference name with a dot', '<r>&a.b;</r>', /'&' is not expected/],
  ])('refuses %s, which the parser alone would read', (_name, xml, message) => {
    expect(() => parseXmlDocument(xml)).toThrowError(XmlError);
    expect(() => parseXmlDocument(xml)).toThrow(message);
  });
});
