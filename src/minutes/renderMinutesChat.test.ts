import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { foldOperations, meetingView } from '../domain';
import type { CaptureScript } from '../demo/CaptureScript';
import { MEETING_ID, opsg41Committee, opsg41Script, sequence } from '../../test/fixtures/opsg41';
import { buildMinutesDocument } from './buildMinutesDocument';
import type { MinutesDocument } from './MinutesDocument';
import { DEFAULT_CHAT_MAX_BYTES, renderMinutesChat } from './renderMinutesChat';

const URL_IN =
  'https://contoso.sharepoint.com/sites/OPSG/Shared Documents/OPSG_41_2501 Draft Minutes.docx';
const LINK =
  '<p><a href="https://contoso.sharepoint.com/sites/OPSG/Shared%20Documents/OPSG_41_2501%20Draft%20Minutes.docx">Open the full minutes</a></p>';

function minutes(extra: (script: CaptureScript) => void = () => {}): MinutesDocument {
  const committee = opsg41Committee();
  const script = opsg41Script();
  extra(script);
  const state = foldOperations(MEETING_ID, sequence(script.operations()));
  return buildMinutesDocument(meetingView(state, committee), committee);
}

/** The fixture plus `count` more actions on item 5, each about `length` characters long. */
function withActions(count: number, length: number): MinutesDocument {
  return minutes((script) => {
    for (let index = 1; index <= count; index += 1) {
      const start = `The CDS to follow up point ${index} of the performance review `;
      script.op('action.raise', {
        id: script.id('action', `extra-${index}`),
        itemId: script.id('agenda', '5'),
        text: `${start}${'and report on it in detail '.repeat(20)}`.slice(0, length).trim() + '.',
        ownerIds: ['cds', 'cspn'],
        targetDate: '2021-03-22',
      });
    }
  });
}

const bytes = (text: string) => new TextEncoder().encode(text).length;
const CHAT_TAGS = new Set(['p', 'b', 'ul', 'li', 'a']);

/** The decisions' and the actions' lists: the entries shown and the "and N more" count. */
function lists(chat: string): { shown: string[]; more: number }[] {
  return [...chat.matchAll(/<ul>(.*?)<\/ul>/g)].map((match) => {
    const items = [...String(match[1]).matchAll(/<li>(.*?)<\/li>/g)].map((m) => String(m[1]));
    const last = /^and (\d+) more$/.exec(items.at(-1) ?? '');
    return { shown: last ? items.slice(0, -1) : items, more: last ? Number(last[1]) : 0 };
  });
}

function expectValidChat(chat: string) {
  expect(XMLValidator.validate(`<div>${chat}</div>`)).toBe(true);
  const tags = [...chat.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => String(m[1]));
  expect(tags.filter((tag) => !CHAT_TAGS.has(tag))).toEqual([]);
}

describe('when the OPSG-41-like meeting is posted to the meeting chat', () => {
  const doc = minutes();
  const chat = renderMinutesChat(doc, { documentUrl: URL_IN });

  it('sums up the meeting: title, date and reference, attendance and quorum', () => {
    expect(chat.startsWith('<p><b>Operations Group Meeting — Draft Minutes</b></p>')).toBe(true);
    expect(chat).toContain('<p>25 January 2021, OPSG_41_2501 · 13:20 – 15:35 · Teleconference</p>');
    expect(chat).toContain(
      `<p>12 members and 12 others present, 6 apologies. ${doc.digest.quorum}</p>`,
    );
  });

  it('lists every decision with its item number', () => {
    const [decisions] = lists(chat);
    expect(decisions).toEqual({
      shown: [
        '<b>Item 1</b>: The OPSG NOTED the update.',
        '<b>Item 3.3</b>: The OPSG NOTED the Code Panel Reports.',
        '<b>Item 4</b>: The OPSG NOTED the outcomes from the Hub Returns Report Workshop.',
        '<b>Item 4</b>: The OPSG AGREED the requirements identified during the workshop and the associated next steps.',
        '<b>Item 5</b>: The OPSG NOTED the Performance Measurement Report.',
        '<b>Item 6</b>: The OPSG NOTED the Major Incident Review.',
        '<b>Item 6</b>: The OPSG AGREED that the incident review report be published to all Code Parties.',
        '<b>Item 7</b>: The OPSG NOTED the presentation.',
      ],
      more: 0,
    });
  });

  it('lists all six new actions with owners and target dates', () => {
    const [, actions] = lists(chat);
    expect(actions).toEqual({
      shown: [
        '<b>OPSG 41/01</b> — CDS — due 22/02/2021: The CDS to make sure that problem records are opened to investigate category 4 incidents.',
        '<b>OPSG 41/02</b> — OPSG — due 04/02/2021: The OPSG to provide any comments on the reporting summary (Annex 1 of the Code Panel report) by 4 February.',
        '<b>OPSG 41/03</b> — CDS — due 22/02/2021: The CDS to investigate why the firmware delivery measure was missed in Communication Service Provider Central and South (CSP C&amp;S) and whether its infrastructure contributed.',
        '<b>OPSG 41/04</b> — CDS — due 22/02/2021: The CDS to confirm that suspending the forecasting obligations for Users will not affect forecasting for firmware downloads.',
        '<b>OPSG 41/05</b> — CDS — due 22/02/2021: The CDS to raise a problem record for the repeated failure of the alert delivery measure.',
        '<b>OPSG 41/06</b> — CDS — due 22/02/2021: The CDS to confirm whether the review of the routing fault that delayed failover has been completed.',
      ],
      more: 0,
    });
  });

  it('ends with the link to the full document, well within the limit, in the chat subset of HTML', () => {
    expect(chat.endsWith(LINK)).toBe(true);
    expect(bytes(chat)).toBeLessThan(DEFAULT_CHAT_MAX_BYTES);
    expectValidChat(chat);
  });

  it('marks a withdrawn action', () => {
    const edited = minutes();
    const first = edited.digest.actions[0];
    if (first) first.withdrawn = true;
    expect(renderMinutesChat(edited, { documentUrl: URL_IN })).toContain(
      '<li><b>OPSG 41/01</b> (withdrawn) — CDS — due 22/02/2021: ',
    );
  });
});

describe('when a meeting raised sixty long actions', () => {
  const doc = withActions(60, 400);
  const chat = renderMinutesChat(doc, { documentUrl: URL_IN });
  const [decisions, actions] = lists(chat);

  it('has more to say than a chat message holds', () => {
    expect(doc.digest.actions).toHaveLength(66);
    expect(doc.digest.actions[10]?.text.length).toBeGreaterThanOrEqual(390);
  });

  it('stays within 28 KB', () => {
    expect(bytes(chat)).toBeLessThanOrEqual(28 * 1024);
  });

  it('shows all decisions and as many actions as fit, in order, then "and N more" and the link', () => {
    expect(decisions?.shown).toHaveLength(8);
    const shown = actions?.shown ?? [];
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.map((entry) => /^<b>(OPSG 41\/\d+)<\/b>/.exec(entry)?.[1])).toEqual(
      doc.digest.actions.slice(0, shown.length).map((action) => action.actionId),
    );
    expect(actions?.more).toBe(66 - shown.length);
    expect(chat.endsWith(`<li>and ${66 - shown.length} more</li></ul>${LINK}`)).toBe(true);
  });

  it('leaves out no action that would still have fitted', () => {
    const next = doc.digest.actions[actions?.shown.length ?? 0];
    const nextBytes = bytes(
      `<li><b>${next?.actionId}</b> — CDS/CSP N — due 22/03/2021: ${next?.text}</li>`,
    );
    expect(bytes(chat) + nextBytes).toBeGreaterThan(28 * 1024 - 20);
  });

  it('shows the owners and target date of each action it shows', () => {
    for (const entry of actions?.shown.slice(6) ?? [])
      expect(entry).toMatch(/^<b>OPSG 41\/\d+<\/b> — CDS\/CSP N — due 22\/03\/2021: The CDS to /);
  });
});

describe('when the limit is tiny', () => {
  const doc = withActions(60, 400);

  it('still gives a valid message under 2,000 bytes with the counts and the link', () => {
    const chat = renderMinutesChat(doc, { documentUrl: URL_IN, maxBytes: 2000 });
    expect(bytes(chat)).toBeLessThanOrEqual(2000);
    expectValidChat(chat);
    expect(chat.startsWith('<p><b>Operations Group Meeting')).toBe(true);
    expect(chat.endsWith(LINK)).toBe(true);
    const [decisions, actions] = lists(chat);
    expect((decisions?.shown.length ?? 0) + (decisions?.more ?? 0)).toBe(8);
    expect((actions?.shown.length ?? 0) + (actions?.more ?? 0)).toBe(66);
    expect(actions?.more).toBeGreaterThan(0);
  });

  it('falls back to the link alone, then to nothing, rather than overflow', () => {
    const linkOnly = renderMinutesChat(doc, { documentUrl: URL_IN, maxBytes: bytes(LINK) });
    expect(linkOnly).toBe(LINK);
    expect(renderMinutesChat(doc, { documentUrl: URL_IN, maxBytes: 40 })).toBe('');
    expect(renderMinutesChat(doc, { documentUrl: URL_IN, maxBytes: -1 })).toBe('');
  });

  it('never exceeds any limit, never throws, and always counts every entry', () => {
    const docs = [minutes(), doc];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40_000 }),
        fc.integer({ min: 0, max: 1 }),
        (max, which) => {
          const subject = docs[which] as MinutesDocument;
          const chat = renderMinutesChat(subject, { documentUrl: URL_IN, maxBytes: max });
          expect(bytes(chat)).toBeLessThanOrEqual(max);
          if (chat === '') return;
          expectValidChat(chat);
          const found = lists(chat);
          if (found.length === 2) {
            expect((found[0]?.shown.length ?? 0) + (found[0]?.more ?? 0)).toBe(
              subject.digest.decisions.length,
            );
            expect((found[1]?.shown.length ?? 0) + (found[1]?.more ?? 0)).toBe(
              subject.digest.actions.length,
            );
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('when texts are enormous', () => {
  const doc = minutes((script) => {
    for (const key of ['huge-1', 'huge-2'])
      script.op('action.raise', {
        id: script.id('action', key),
        itemId: script.id('agenda', '6'),
        text: `The CDS to ${'explain the outage in full, '.repeat(1500)}`.slice(0, 20_000),
        ownerIds: ['cds'],
      });
  });
  const chat = renderMinutesChat(doc, { documentUrl: URL_IN });

  it('cuts those texts with "…" and still shows every other entry', () => {
    expect(bytes(chat)).toBeLessThanOrEqual(28 * 1024);
    const [decisions, actions] = lists(chat);
    expect(decisions?.more).toBe(0);
    expect(actions?.more).toBe(0);
    expect(actions?.shown).toHaveLength(8);
    for (const entry of actions?.shown.slice(6) ?? []) {
      expect(entry).toMatch(
        /^<b>OPSG 41\/0[78]<\/b> — CDS — due 22\/02\/2021: The CDS to .*full…$/,
      );
      expect(bytes(entry)).toBeLessThan(1000);
    }
    expect(actions?.shown.slice(0, 6).every((entry) => !entry.endsWith('…'))).toBe(true);
  });

  it('cuts between whole characters, never inside an emoji', () => {
    const emoji = minutes((script) => {
      script.op('action.raise', {
        id: script.id('action', 'emoji'),
        itemId: script.id('agenda', '6'),
        text: '👍🏽🇬🇧'.repeat(2000),
        ownerIds: ['cds'],
      });
    });
    const cut = renderMinutesChat(emoji, { documentUrl: URL_IN });
    const entry = lists(cut)[1]?.shown.at(-1) ?? '';
    expect(entry).toMatch(/: (👍🏽🇬🇧)+(👍🏽)?…$/u);
  });
});

describe('when the document address is not a plain https: URL', () => {
  const doc = minutes();

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(document.cookie)',
    'http://contoso.sharepoint.com/minutes.docx',
    'data:text/html,<script>alert(1)</script>',
    'https://user:secret@contoso.sharepoint.com/minutes.docx',
    'not a url',
    '',
  ])('leaves the link out for %p', (documentUrl) => {
    const chat = renderMinutesChat(doc, { documentUrl });
    expect(chat).not.toContain('<a');
    expect(chat).not.toMatch(/javascript|data:|secret/i);
    expect(chat.endsWith('</ul>')).toBe(true);
    expectValidChat(chat);
  });

  it('encodes an https: address that carries quotes and brackets, so it stays one attribute', () => {
    const chat = renderMinutesChat(doc, {
      documentUrl: "https://contoso.sharepoint.com/m?x=\"><script>alert(1)</script>&y='1'",
    });
    const anchors = [...chat.matchAll(/<a\s([^>]*)>/g)].map((m) => m[1]);
    expect(anchors).toEqual([
      'href="https://contoso.sharepoint.com/m?x=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&amp;y=%271%27"',
    ]);
    expect(chat).not.toContain('<script');
  });
});
