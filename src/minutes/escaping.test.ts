import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { foldOperations, meetingView } from '../domain';
import { MEETING_ID, opsg41Committee, opsg41Script, sequence } from '../../test/fixtures/opsg41';
import { buildMinutesDocument } from './buildMinutesDocument';
import { escapeHtml } from './escapeHtml';
import type { MinutesDocument } from './MinutesDocument';
import { renderMinutesChat } from './renderMinutesChat';
import { renderMinutesHtml } from './renderMinutesHtml';
import { renderMinutesMarkdown } from './renderMinutesText';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const QUOTES = `& "double" 'single'`;
const ARABIC = 'مرحبا بالعالم';
const HEBREW = 'שלום עולם';
const EMOJI = '👍🏽 🇬🇧';
/** Everything at once, with a control character between "a" and "b", a pipe and a Markdown link. */
const HOSTILE = `${SCRIPT} ${IMG} ${QUOTES} ${ARABIC} ${HEBREW} ${EMOJI} a\u0001b | [link](javascript:alert(1))`;
/** HOSTILE as it should read once rendered and decoded: the control character gone. */
const CLEAN = HOSTILE.replace('\u0001', '');

const ESCAPED_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';
const ESCAPED_IMG = '&lt;img src=x onerror=alert(1)&gt;';
const ESCAPED_QUOTES = '&amp; &quot;double&quot; &#39;single&#39;';

const HTML_TAGS = [
  'html',
  'head',
  'meta',
  'title',
  'body',
  'table',
  'tr',
  'th',
  'td',
  'p',
  'h1',
  'h2',
  'h3',
  'b',
  'ul',
  'li',
  'br',
];
const HTML_ATTRIBUTES = [
  'lang',
  'charset',
  'name',
  'content',
  'style',
  'dir',
  'role',
  'cellpadding',
  'cellspacing',
  'width',
];
const CHAT_TAGS = ['p', 'b', 'ul', 'li', 'a'];
const CHAT_ATTRIBUTES = ['href'];

/** The meeting of the fixture, with hostile text typed into each kind of field. */
function hostileMinutes(): MinutesDocument {
  const committee = opsg41Committee();
  const script = opsg41Script();
  const item2 = script.id('agenda', '2');
  const person = script.id('person', 'hostile');
  script
    .op('participant.add', { id: person, name: HOSTILE, organisationId: 'cds', role: null })
    .op('attendance.update', { personId: person, status: 'present' })
    .op('note.add', { id: script.id('note', 'hostile'), itemId: item2, text: HOSTILE })
    .op('note.add', { id: script.id('note', 'rtl'), itemId: item2, text: ARABIC })
    .op('action.raise', {
      id: script.id('action', 'hostile'),
      itemId: item2,
      text: HOSTILE,
      ownerIds: ['cds'],
      targetDate: '2021-03-01',
    })
    .op('decision.add', {
      id: script.id('decision', 'hostile'),
      itemId: item2,
      verb: 'NOTED',
      text: HOSTILE,
    })
    .op('outstanding.update', { id: script.id('outstanding', '37x/01'), update: HOSTILE });
  const state = foldOperations(MEETING_ID, sequence(script.operations()));
  return buildMinutesDocument(meetingView(state, committee), committee);
}

/** Every free-text string of the document, however it got there, with `suffix` appended. */
function everyStringHostile(doc: MinutesDocument, suffix: string): MinutesDocument {
  const keep = new Set(['kind', 'level', 'status']);
  const visit = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') return keep.has(key) ? value : `${value} ${suffix}`;
    if (Array.isArray(value)) return value.map((entry) => visit(entry, key));
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, k)]));
    return value;
  };
  const copy = visit(doc, '') as MinutesDocument;
  copy.title.status = `${doc.title.status} ${suffix}`;
  return copy;
}

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+="[^"<>]*")*)\s*\/?>/g;

/** The markup of `html`: each tag's name and attribute names, and what is left once they go. */
function markup(html: string): { tags: string[]; attributes: string[]; rest: string } {
  const tags: string[] = [];
  const attributes: string[] = [];
  const rest = html.replace(/^<!DOCTYPE html>/, '').replace(TAG, (_tag, _close, name, attrs) => {
    tags.push(String(name).toLowerCase());
    for (const match of String(attrs).matchAll(/\s+([a-zA-Z-]+)="[^"]*"/g))
      attributes.push(String(match[1]).toLowerCase());
    return '';
  });
  return { tags, attributes, rest };
}

const parser = new XMLParser({
  ignoreAttributes: true,
  trimValues: false,
  parseTagValue: false,
  htmlEntities: true,
  preserveOrder: true,
});

/** The decoded text of every element, as a browser would show it. */
function decodedTexts(html: string): string[] {
  const texts: string[] = [];
  const walk = (nodes: unknown[]) => {
    for (const node of nodes) {
      const record = node as Record<string, unknown>;
      if ('#text' in record) texts.push(String(record['#text']));
      for (const [key, children] of Object.entries(record))
        if (key !== '#text' && key !== ':@' && Array.isArray(children)) walk(children);
    }
  };
  walk(parser.parse(html) as unknown[]);
  return texts;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function expectSafeUnicode(output: string) {
  expect(output).toContain(ARABIC);
  expect(output).toContain(HEBREW);
  expect(output).toContain('👍🏽');
  expect(output).toContain('🇬🇧');
  expect(output).not.toContain('\u0001');
  expect(output).toContain(' ab ');
  expect(output).not.toMatch(LONE_SURROGATE);
}

describe('when escaping one string', () => {
  it('turns the five special characters into entities', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });

  it('drops C0 and C1 controls and lone surrogates but keeps tab, newlines, pairs and combining marks', () => {
    const input =
      'a\u0000b\u0001c\u001fd\u007fe\u0085f\tg\nh\ri\uD83Dj\uDC4Dk👍🏽l\u05E9\u05C1m\uFFFEn';
    expect(escapeHtml(input)).toBe('abcdef\tg\nh\rijk👍🏽l\u05E9\u05C1mn');
  });

  it('leaves plain text alone', () => {
    expect(escapeHtml('Operations Group – 25 January 2021')).toBe(
      'Operations Group – 25 January 2021',
    );
  });
});

describe('when a note, an action, a decision, a participant and an update are hostile', () => {
  const doc = hostileMinutes();
  const html = renderMinutesHtml(doc);
  const chat = renderMinutesChat(doc, { documentUrl: 'https://contoso.sharepoint.com/minutes' });
  const markdown = renderMinutesMarkdown(doc);

  it('builds a document that really carries the hostile text in each place', () => {
    const item2 = doc.items.find((item) => item.number === '2');
    const texts = JSON.stringify(item2?.blocks);
    expect(texts.split('alert(1)</script>').length - 1).toBe(3);
    expect(doc.otherParticipants.rows[0]?.entries).toContain(HOSTILE);
    expect(JSON.stringify(doc.items[0]?.blocks)).toContain(SCRIPT);
  });

  it('the e-mail HTML holds only its own tags and attributes, with no handler in any tag', () => {
    const { tags, attributes, rest } = markup(html);
    expect(tags.every((tag) => HTML_TAGS.includes(tag))).toBe(true);
    expect(attributes.every((name) => HTML_ATTRIBUTES.includes(name))).toBe(true);
    expect(rest).not.toMatch(/[<>]/);
    expect(html).not.toMatch(/<\s*(script|img)/i);
    expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
  });

  it('the e-mail HTML shows each hostile string escaped, five times, and decodes back to it', () => {
    for (const escaped of [ESCAPED_SCRIPT, ESCAPED_IMG, ESCAPED_QUOTES])
      expect(html.split(escaped).length - 1).toBe(5);
    expect(XMLValidator.validate(html)).toBe(true);
    const texts = decodedTexts(html);
    expect(texts.filter((text) => text.includes(CLEAN)).length).toBe(5);
    expect(texts).toContain(`The OPSG NOTED ${CLEAN}.`);
    expect(texts).toContain(`ACTION OPSG 41/07: ${CLEAN}`);
  });

  it('the e-mail HTML keeps right-to-left text and emoji whole, in paragraphs that find their direction', () => {
    expectSafeUnicode(html);
    expect(html).toMatch(new RegExp(`<p dir="auto" style="[^"]*">${ARABIC}</p>`));
  });

  it('the chat message holds only the chat tags, an https link and the escaped strings', () => {
    const { tags, attributes, rest } = markup(chat);
    expect(tags.every((tag) => CHAT_TAGS.includes(tag))).toBe(true);
    expect(attributes).toEqual(['href']);
    expect(attributes.every((name) => CHAT_ATTRIBUTES.includes(name))).toBe(true);
    expect(rest).not.toMatch(/[<>]/);
    expect(chat).not.toMatch(/<\s*(script|img)/i);
    expect(chat).not.toMatch(/<[^>]*\son\w+\s*=/i);
    for (const escaped of [ESCAPED_SCRIPT, ESCAPED_IMG, ESCAPED_QUOTES])
      expect(chat.split(escaped).length - 1).toBe(2);
    expect(XMLValidator.validate(`<div>${chat}</div>`)).toBe(true);
    const texts = decodedTexts(`<div>${chat}</div>`);
    expect(texts).toContain(`: The OPSG NOTED ${CLEAN}.`);
    expect(texts).toContain(' — CDS — due 01/03/2021: ' + CLEAN);
  });

  it('the chat message keeps right-to-left text and emoji whole', () => {
    expectSafeUnicode(chat);
  });

  it('the Markdown has no HTML at all, the strings escaped and no link or table break from user text', () => {
    expect(markdown.replace(/^> /gm, '')).not.toMatch(/[<>]/);
    for (const escaped of [ESCAPED_SCRIPT, ESCAPED_IMG, ESCAPED_QUOTES])
      expect(markdown.split(escaped).length - 1).toBe(5);
    expect(markdown).toContain('\\[link\\](javascript:alert(1))');
    expect(markdown).not.toMatch(/(?<!\\)\]\(javascript:/);
    const participantRow = markdown.split('\n').find((line) => line.includes(ESCAPED_SCRIPT));
    expect(participantRow?.startsWith('|  | ')).toBe(true);
    expect(participantRow?.match(/(?<!\\)\|/g)).toHaveLength(3);
    expect(participantRow).toContain(' \\| \\[link');
  });

  it('the Markdown keeps right-to-left text and emoji whole', () => {
    expectSafeUnicode(markdown);
  });
});

describe('when every string of the document is hostile, lone surrogates included', () => {
  const doc = everyStringHostile(hostileMinutes(), `${HOSTILE} \uD800x\uDFFF`);
  const html = renderMinutesHtml(doc);
  const chat = renderMinutesChat(doc, { documentUrl: 'https://contoso.sharepoint.com/m' });
  const markdown = renderMinutesMarkdown(doc);

  it('no format lets a tag, a handler or a bad character through', () => {
    for (const [output, allowed] of [
      [html, HTML_TAGS],
      [chat, CHAT_TAGS],
    ] as const) {
      const { tags, rest } = markup(output);
      expect(tags.every((tag) => allowed.includes(tag))).toBe(true);
      expect(rest).not.toMatch(/[<>]/);
      expect(output).not.toMatch(/<[^>]*\son\w+\s*=/i);
      expectSafeUnicode(output);
    }
    expect(markdown.replace(/^> /gm, '')).not.toMatch(/[<>]/);
    expectSafeUnicode(markdown);
  });

  it('the e-mail HTML stays well-formed, its title and notice escaped too', () => {
    expect(XMLValidator.validate(html)).toBe(true);
    expect(html).toMatch(/<title>OPSG_41_2501 Draft Minutes &lt;script&gt;/);
    expect(html).toMatch(/<h1 [^>]*>Operations Group Meeting &lt;script&gt;/);
    expect(html.match(/online\. &lt;script&gt;/g)).toHaveLength(2);
  });
});

/** Where SharePoint may file minutes of a hostile reference: quotes, ampersands, brackets. */
const HOSTILE_DOCUMENT_URL = `https://contoso.sharepoint.com/sites/opsg/Minutes/O'Brien & Co "x" <script>.docx?web=1&a='b'`;
const UNSAFE_URLS = [
  'javascript:alert(1)',
  ' JaVaScRiPt:alert(document.cookie)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'http://contoso.sharepoint.com/minutes.docx',
  'https://user:password@contoso.sharepoint.com/minutes.docx',
  '//evil.example/minutes.docx',
  '/sites/opsg/minutes.docx',
  '',
];

describe("when the e-mail links the filed document, and the document's address is hostile", () => {
  const doc = hostileMinutes();

  it('links an https address, escaped in the attribute and in the text, and decodes back to it', () => {
    const html = renderMinutesHtml(doc, { documentUrl: HOSTILE_DOCUMENT_URL });
    const { tags, attributes, rest } = markup(html);
    // One link: its opening and its closing tag.
    expect(tags.filter((tag) => tag === 'a')).toHaveLength(2);
    expect(attributes.filter((name) => name === 'href')).toHaveLength(1);
    expect(tags.every((tag) => [...HTML_TAGS, 'a'].includes(tag))).toBe(true);
    expect(rest).not.toMatch(/[<>]/);
    expect(XMLValidator.validate(html)).toBe(true);
    const normalised = new URL(HOSTILE_DOCUMENT_URL).href;
    const href = /<a href="([^"]*)">/.exec(html)?.[1] ?? '';
    expect(href).not.toMatch(/['<>]/);
    expect(decodedTexts(`<p title="${href}">x</p>`)).toEqual(['x']);
    expect(href.replace(/&amp;/g, '&').replace(/&#39;/g, "'")).toBe(normalised);
    expect(decodedTexts(html)).toContain(normalised);
    // The first line of the page, above the classification notice.
    expect(html.indexOf('The minutes are attached and filed at <a ')).toBeLessThan(
      html.indexOf('<b style="color:'),
    );
  });

  it.each(UNSAFE_URLS)('links nothing for the address %p', (documentUrl) => {
    const html = renderMinutesHtml(doc, { documentUrl });
    expect(markup(html).tags).not.toContain('a');
    expect(html).not.toMatch(/href=/i);
    expect(html).not.toContain('filed at');
    expect(html).toBe(renderMinutesHtml(doc));
  });

  it('the chat message links no unsafe address either', () => {
    for (const documentUrl of UNSAFE_URLS) {
      const chat = renderMinutesChat(doc, { documentUrl });
      expect(markup(chat).tags).not.toContain('a');
      expect(chat).not.toMatch(/href=/i);
    }
  });
});
