import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { foldOperations, meetingView } from '../domain';
import {
  MEETING_ID,
  opsg41Committee,
  opsg41Operations,
  sequence,
} from '../../test/fixtures/opsg41';
import { buildMinutesDocument } from './buildMinutesDocument';
import type { MinutesDocument } from './MinutesDocument';
import { renderMinutesHtml } from './renderMinutesHtml';

function opsg41Minutes(): MinutesDocument {
  const committee = opsg41Committee();
  const state = foldOperations(MEETING_ID, sequence(opsg41Operations()));
  return buildMinutesDocument(meetingView(state, committee), committee);
}

/** The parsed markup as a tree of elements and texts, in document order. */
interface El {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = El | string;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
});

function toTree(nodes: unknown[]): Node[] {
  return nodes.map((node) => {
    const record = node as Record<string, unknown>;
    if ('#text' in record) return String(record['#text']);
    const tag = Object.keys(record).find((key) => key !== ':@') ?? '';
    const attrs = (record[':@'] ?? {}) as Record<string, string>;
    return { tag, attrs, children: toTree(record[tag] as unknown[]) };
  });
}

function parse(html: string): El {
  const root = toTree(parser.parse(html) as unknown[]).find(
    (node): node is El => typeof node !== 'string' && node.tag === 'html',
  );
  if (!root) throw new Error('no <html> element');
  return root;
}

function textOf(node: Node): string {
  if (typeof node === 'string') return node;
  if (node.tag === 'br') return '\n';
  return node.children.map(textOf).join('');
}

function all(node: Node, test: (el: El) => boolean): El[] {
  if (typeof node === 'string') return [];
  const here = test(node) ? [node] : [];
  return [...here, ...node.children.flatMap((child) => all(child, test))];
}

const byTag = (tag: string) => (el: El) => el.tag === tag;
const elements = (children: Node[]) => children.filter((c): c is El => typeof c !== 'string');

/** A data table (not a layout one) as its rows, each cell as its lines of text. */
function rowsOf(table: El): string[][][] {
  return all(table, byTag('tr')).map((tr) =>
    elements(tr.children).map((cell) => {
      const lines = elements(cell.children).filter((el) => el.tag === 'p');
      return lines.length > 0 ? lines.map(textOf) : [textOf(cell)];
    }),
  );
}

/** The page's content: the children of the layout cell, in order. */
function contentOf(html: string): El[] {
  const body = all(parse(html), byTag('body'))[0] as El;
  const cell = all(body, byTag('td'))[0] as El;
  return elements(cell.children);
}

/** The data tables (not the layout ones) among the page's content. */
const dataTables = (content: El[]) =>
  content.filter((el) => el.tag === 'table' && el.attrs.role !== 'presentation');

describe('when the OPSG-41-like meeting is rendered as an e-mail body', () => {
  const doc = opsg41Minutes();
  const html = renderMinutesHtml(doc);
  const content = contentOf(html);
  const texts = content.map(textOf);

  it('is a complete, well-formed HTML document in British English and UTF-8', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8" />');
    expect(XMLValidator.validate(html)).toBe(true);
    expect(textOf(all(parse(html), byTag('title'))[0] as El)).toBe('OPSG_41_2501 Draft Minutes');
  });

  it('opens with the title block in the house order', () => {
    const h1 = content.findIndex((el) => el.tag === 'h1');
    expect(texts.slice(h1, h1 + 5)).toEqual([
      'Operations Group Meeting',
      '25 January 2021, OPSG_41_2501',
      '13:20 – 15:35',
      'Teleconference',
      'Draft Minutes',
    ]);
  });

  it('puts the sections in order: notice, title, attendance, items 1 to 8, next meetings, notice', () => {
    const at = (predicate: (text: string) => boolean) => texts.findIndex(predicate);
    const order = [
      at((t) => t.includes('This document is classified as White')),
      at((t) => t === 'Operations Group Meeting'),
      at((t) => t === 'Attendees:'),
      at((t) => t.startsWith('Representing') && t.includes('Other Participants')),
      at((t) => t === 'Apologies:'),
      at((t) => t === '1. Actions Outstanding'),
      at((t) => t === '8. Any Other Business'),
      at((t) => t.startsWith('Next main meeting: 22 February 2021')),
    ];
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(texts.at(-1)).toContain('This document is classified as White');
  });

  it('numbers items as h2 and sub-items as h3, in agenda order', () => {
    const headings = content
      .filter((el) => el.tag === 'h2' || el.tag === 'h3')
      .map((el) => `${el.tag} ${textOf(el)}`);
    expect(headings).toEqual([
      'h2 1. Actions Outstanding',
      'h2 2. CDS Operational Update',
      'h2 3. Code Panel Reports',
      'h3 3.1. Registration Data Incident Report',
      'h3 3.2. Certificate Signing Request Variance Report',
      'h3 3.3. Service Request Variance Report',
      'h2 4. Hub Returns Report – Workshop Outputs',
      'h2 5. Performance Measurement Report – November',
      'h2 6. Major Incident Review',
      'h2 7. Network Evolution – Cost Benefit Analysis Review',
      'h2 8. Any Other Business',
    ]);
  });

  it('lists every attendee on their own line in their category row, the alternate marked', () => {
    const [attendees] = dataTables(content);
    expect(rowsOf(attendees as El)).toEqual([
      [['Category'], ['Operations Group Members']],
      [['Operations Group Chair'], ['Harriet Cole']],
      [['CDS'], ['Owen Pryce']],
      [['Network Parties'], ['Priya Natarajan', 'Callum Reid']],
      [
        ['Large Suppliers'],
        [
          'Fiona Marsh',
          'Tomasz Nowak',
          'Nadia Brooks',
          'Leo Fairbanks',
          'Grace Okafor (Alternate for Simon Achebe)',
        ],
      ],
      [['Small Suppliers'], ['Imogen Hale']],
      [['Other Code Parties'], ['Ravi Menon', 'Bethan Lloyd']],
    ]);
  });

  it('lists the other participants by organisation with their parts, agenda items and roles', () => {
    const rows = rowsOf(dataTables(content)[1] as El);
    expect(rows[0]).toEqual([['Representing'], ['Other Participants']]);
    const byGroup = new Map(rows.slice(1).map(([group, entries]) => [group?.[0], entries]));
    expect(byGroup.get('CDS')).toEqual([
      'Wanda Lyle (agenda item 2)',
      'Dominic Rowe',
      'Lena Wu',
      'Theo Dunmore (Part) (agenda item 4)',
      'Rashid Amin (Part) (agenda item 4)',
      'Alina Atkins (Part) (agenda item 6)',
      'Gareth Lomax (Part) (agenda item 4)',
    ]);
    expect(byGroup.get('CSEC')).toEqual([
      'Ines Carvalho (Meeting Secretary)',
      'Jonah Marsh',
      'Hugo Ellis',
    ]);
    expect(byGroup.get('TAG')).toEqual(['Rowan Hale (Part)']);
    expect(byGroup.get('DfEN')).toEqual(['Nia Freeman']);
  });

  it('lists the apologies under their label by constituency', () => {
    const apologies = dataTables(content)[2] as El;
    expect(texts[content.indexOf(apologies) - 1]).toBe('Apologies:');
    expect(rowsOf(apologies)).toEqual([
      [['Representing'], ['Name']],
      [['Large Suppliers'], ['Marcus Webb', 'Alice Duval', 'Peter Yoon', 'Hannah Stirling']],
      [['Small Suppliers'], ['Colin Ashby']],
      [['Other Code Parties'], ['Zara Quinn']],
    ]);
  });

  it('shows each outstanding action as a six-cell table, then its update and its status', () => {
    const tables = content.filter(
      (el) => el.tag === 'table' && textOf(el).startsWith('Action IDAction'),
    );
    expect(tables.map((table) => rowsOf(table).map((row) => row.map((cell) => cell[0])))).toEqual(
      [
        ['OPSG 37x/01', '26/10/2020', '23/11/2020', 'CDS'],
        ['OPSG 38x/03', '23/11/2020', '07/12/2020', 'CDS'],
        ['OPSG 39/07', '01/12/2020', '05/01/2021', 'CSP N/CDS'],
      ].map(([id, raised, target, owner]) => [
        ['Action ID', 'Action', 'Date Raised', 'Last Target Date', 'Revised Target Date', 'Owner'],
        [id, expect.stringMatching(/^(The CDS|CSP N) to /), raised, target, 'N/A', owner],
      ]),
    );
    for (const table of tables) {
      const index = content.indexOf(table);
      expect(texts[index + 1]).toMatch(/^The (Central Data Service \(CDS\)|CDS|group) /);
      expect(texts[index + 2]).toBe('Status: Closed');
    }
  });

  it('prints each new action as a bold "ACTION" paragraph under its item', () => {
    const bold = content
      .filter((el) => el.tag === 'p')
      .flatMap((p) => elements(p.children).filter((el) => el.tag === 'b' || el.tag === 'strong'))
      .map(textOf)
      .filter((text) => text.startsWith('ACTION '));
    expect(bold).toEqual([
      'ACTION OPSG 41/01: The CDS to make sure that problem records are opened to investigate category 4 incidents.',
      'ACTION OPSG 41/02: The OPSG to provide any comments on the reporting summary (Annex 1 of the Code Panel report) by 4 February.',
      'ACTION OPSG 41/03: The CDS to investigate why the firmware delivery measure was missed in Communication Service Provider Central and South (CSP C&S) and whether its infrastructure contributed.',
      'ACTION OPSG 41/04: The CDS to confirm that suspending the forecasting obligations for Users will not affect forecasting for firmware downloads.',
      'ACTION OPSG 41/05: The CDS to raise a problem record for the repeated failure of the alert delivery measure.',
      'ACTION OPSG 41/06: The CDS to confirm whether the review of the routing fault that delayed failover has been completed.',
    ]);
    const item5 = texts.indexOf('5. Performance Measurement Report – November');
    const item6 = texts.indexOf('6. Major Incident Review');
    const action3 = texts.findIndex((t) => t.startsWith('ACTION OPSG 41/03'));
    expect(action3).toBeGreaterThan(item5);
    expect(action3).toBeLessThan(item6);
  });

  it('prints one decision as a sentence and several as "The OPSG:" with a "; and" list', () => {
    expect(texts).toContain('The OPSG NOTED the update.');
    expect(texts).toContain('The OPSG NOTED the presentation.');
    const lists = content.filter((el) => el.tag === 'ul');
    expect(lists.map((ul) => all(ul, byTag('li')).map(textOf))).toEqual([
      [
        'NOTED the outcomes from the Hub Returns Report Workshop; and',
        'AGREED the requirements identified during the workshop and the associated next steps.',
      ],
      [
        'NOTED the Major Incident Review; and',
        'AGREED that the incident review report be published to all Code Parties.',
      ],
    ]);
    for (const ul of lists) expect(texts[content.indexOf(ul) - 1]).toBe('The OPSG:');
  });

  it('carries the classification notice at the top and at the bottom', () => {
    const notices = texts.filter((t) => t.includes(doc.classification.notice));
    expect(notices).toHaveLength(2);
    expect(texts[0]).toContain(doc.classification.notice);
    expect(texts.at(-1)).toContain(doc.classification.notice);
  });

  it('has no script, no classes, no style sheet and nothing to fetch', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<style|<link|<img|<iframe|<object/i);
    expect(html).not.toMatch(/\sclass=/i);
    expect(html).not.toMatch(/\s(src|href|background)=/i);
    expect(html).not.toMatch(/https?:|url\(|\/\/[a-z]/i);
    expect(html).not.toMatch(/display\s*:\s*(flex|grid)/i);
  });

  it('styles every element inline, lays out with collapsed tables and lets paragraphs find their direction', () => {
    const root = parse(html);
    const styled = all(
      root,
      (el) => !['html', 'head', 'meta', 'title', 'tr', 'br', 'b'].includes(el.tag),
    );
    expect(styled.every((el) => typeof el.attrs.style === 'string')).toBe(true);
    const tables = all(root, byTag('table'));
    expect(tables.every((t) => t.attrs.style?.includes('border-collapse:collapse'))).toBe(true);
    expect(
      all(root, byTag('p'))
        .filter((p) => p.attrs.dir !== 'auto')
        .map(textOf),
    ).toEqual(['Attendees:', 'Apologies:']);
    expect(html).toMatch(/font-family:'Segoe UI',/);
  });
});

describe('when an action was withdrawn, an outstanding action stays open and no time was kept', () => {
  const doc = opsg41Minutes();
  const item1 = doc.items[0];
  for (const block of item1?.blocks ?? []) {
    if (block.kind === 'action') block.withdrawn = true;
    if (block.kind === 'outstandingAction' && block.actionId === 'OPSG 39/07') {
      block.status = 'Open';
      block.update = null;
    }
  }
  doc.title.time = null;
  const html = renderMinutesHtml(doc);
  const texts = contentOf(html).map(textOf);

  it('marks the action "(withdrawn)" after its ID', () => {
    expect(texts).toContain(
      'ACTION OPSG 41/01 (withdrawn): The CDS to make sure that problem records are opened to investigate category 4 incidents.',
    );
  });

  it('shows the open status straight after the table when there is no update', () => {
    const table = texts.findIndex((t) => t.includes('OPSG 39/07'));
    expect(texts[table + 1]).toBe('Status: Open');
  });

  it('leaves the time line out of the title block', () => {
    const h1 = texts.indexOf('Operations Group Meeting');
    expect(texts.slice(h1 + 1, h1 + 3)).toEqual([
      '25 January 2021, OPSG_41_2501',
      'Teleconference',
    ]);
  });
});

describe('when no other participants came and nobody sent apologies', () => {
  const doc = opsg41Minutes();
  doc.otherParticipants.rows = [];
  doc.apologies.rows = [];
  const content = contentOf(renderMinutesHtml(doc));
  const texts = content.map(textOf);

  it('prints "None." under "Apologies:" and leaves the unlabelled table out', () => {
    expect(texts[texts.indexOf('Apologies:') + 1]).toBe('None.');
    expect(dataTables(content).map((table) => rowsOf(table)[0]?.[0]?.[0])).toEqual([
      'Category',
      'Action ID',
      'Action ID',
      'Action ID',
    ]);
    expect(texts.filter((text) => text === 'None.')).toHaveLength(1);
  });
});
