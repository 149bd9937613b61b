import JSZip from 'jszip';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { foldOperations, meetingView } from '../domain';
import type { CaptureScript } from '../demo/CaptureScript';
import { DEMO_AGENDA } from '../demo/demoMeeting';
import { MEETING_ID, opsg41Committee, opsg41Script, sequence } from '../../test/fixtures/opsg41';
import { buildMinutesDocument } from './buildMinutesDocument';
import type { MinutesDocument, OutstandingActionBlock } from './MinutesDocument';
import { renderMinutesDocx } from './renderMinutesDocx';

// ---- A small reader of WordprocessingML, in document order ----

type XmlNode = Record<string, unknown>;
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
});

const nameOf = (node: XmlNode) => Object.keys(node).find((key) => key !== ':@') ?? '';
const kids = (node: XmlNode | undefined): XmlNode[] => {
  const value = node?.[nameOf(node)];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
};
const attr = (node: XmlNode | undefined, key: string) =>
  (node?.[':@'] as Record<string, string> | undefined)?.[key];
const child = (node: XmlNode | undefined, tag: string) => kids(node).find((k) => nameOf(k) === tag);
const descendants = (node: XmlNode): XmlNode[] => kids(node).flatMap((k) => [k, ...descendants(k)]);
const root = (xml: string): XmlNode => ({ root: parser.parse(xml) as XmlNode[] });

/** The text a reader sees: w:t contents, w:br as a line break; field codes left out. */
function textOf(node: XmlNode): string {
  const tag = nameOf(node);
  if (tag === 'w:t')
    return kids(node)
      .map((k) => String(k['#text'] ?? ''))
      .join('');
  if (tag === 'w:br') return '\n';
  if (tag === 'w:instrText') return '';
  return kids(node).map(textOf).join('');
}

const isOn = (node: XmlNode | undefined) =>
  node !== undefined && !['false', '0', 'off'].includes(attr(node, 'w:val') ?? 'true');

interface Run {
  text: string;
  bold: boolean;
  rtl: boolean;
}
interface Para {
  type: 'p';
  style: string | undefined;
  numId: string | undefined;
  text: string;
  runs: Run[];
}
interface Tbl {
  type: 'tbl';
  style: string | undefined;
  rows: { header: boolean; cells: string[][] }[];
}
type Block = Para | Tbl;

function para(p: XmlNode): Para {
  const pPr = child(p, 'w:pPr');
  const runs = kids(p)
    .filter((k) => nameOf(k) === 'w:r')
    .map((r) => {
      const rPr = child(r, 'w:rPr');
      return { text: textOf(r), bold: isOn(child(rPr, 'w:b')), rtl: isOn(child(rPr, 'w:rtl')) };
    })
    .filter((run) => run.text.length > 0);
  return {
    type: 'p',
    style: attr(child(pPr, 'w:pStyle'), 'w:val'),
    numId: attr(child(child(pPr, 'w:numPr'), 'w:numId'), 'w:val'),
    text: runs.map((run) => run.text).join(''),
    runs,
  };
}

function table(tbl: XmlNode): Tbl {
  return {
    type: 'tbl',
    style: attr(child(child(tbl, 'w:tblPr'), 'w:tblStyle'), 'w:val'),
    rows: kids(tbl)
      .filter((k) => nameOf(k) === 'w:tr')
      .map((tr) => ({
        header: child(child(tr, 'w:trPr'), 'w:tblHeader') !== undefined,
        cells: kids(tr)
          .filter((k) => nameOf(k) === 'w:tc')
          .map((tc) =>
            kids(tc)
              .filter((k) => nameOf(k) === 'w:p')
              .map((p) => para(p).text),
          ),
      })),
  };
}

interface Docx {
  zip: JSZip;
  xml: string;
  body: XmlNode;
  blocks: Block[];
  /** The blocks under each heading, by the heading's text. */
  sections: Map<string, Block[]>;
}

async function openDocx(bytes: Uint8Array): Promise<Docx> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const document = descendants(root(xml)).find((node) => nameOf(node) === 'w:document');
  const body = child(document, 'w:body')!;
  const blocks = kids(body).flatMap((node): Block[] => {
    if (nameOf(node) === 'w:p') return [para(node)];
    return nameOf(node) === 'w:tbl' ? [table(node)] : [];
  });
  const sections = new Map<string, Block[]>();
  let current: Block[] | null = null;
  for (const block of blocks) {
    if (block.type === 'p' && block.style?.startsWith('Heading')) {
      current = [];
      sections.set(block.text, current);
    } else current?.push(block);
  }
  return { zip, xml, body, blocks, sections };
}

const part = (docx: Docx, path: string) => docx.zip.file(path)!.async('string');
const headerOf = (t: Tbl) => t.rows[0]?.cells.map((cell) => cell.join(' '));
const dataRows = (t: Tbl) => t.rows.filter((row) => !row.header);
const tables = (blocks: Block[]) => blocks.filter((b): b is Tbl => b.type === 'tbl');
const paras = (blocks: Block[]) => blocks.filter((b): b is Para => b.type === 'p');
const rowOf = (t: Tbl, group: string) => dataRows(t).find((row) => row.cells[0]?.[0] === group);

function minutesOf(script: CaptureScript): MinutesDocument {
  const committee = opsg41Committee();
  return buildMinutesDocument(
    meetingView(foldOperations(MEETING_ID, sequence(script.operations())), committee),
    committee,
  );
}

const OUTSTANDING_COLUMNS = [
  'Action ID',
  'Action',
  'Date Raised',
  'Last Target Date',
  'Revised Target Date',
  'Owner',
];

describe('the .docx minutes of the OPSG-41-like meeting', () => {
  const committee = opsg41Committee();
  const view = meetingView(
    foldOperations(MEETING_ID, sequence(opsg41Script().operations())),
    committee,
  );
  const doc = buildMinutesDocument(view, committee);
  let docx: Docx;
  beforeAll(async () => {
    docx = await openDocx(await renderMinutesDocx(doc));
  });

  it('is well-formed XML in every part', async () => {
    const names = Object.keys(docx.zip.files).filter((name) => /\.(xml|rels)$/.test(name));
    expect(names).toEqual(expect.arrayContaining(['word/document.xml', 'word/styles.xml']));
    for (const name of names)
      expect([name, XMLValidator.validate(await part(docx, name))]).toEqual([name, true]);
  });

  it('runs title block, attendance tables, items, then the next meetings line', () => {
    const outline = docx.blocks
      .map((b) =>
        b.type === 'tbl' ? `table: ${headerOf(b)?.join(' | ')}` : `${b.style ?? 'p'}: ${b.text}`,
      )
      .filter((line) => line !== 'p: ');
    expect(outline.slice(0, 11)).toEqual([
      'Title: Operations Group Meeting',
      'Subtitle: 25 January 2021, OPSG_41_2501',
      'Subtitle: 13:20 – 15:35',
      'Subtitle: Teleconference',
      'Subtitle: Draft Minutes',
      'p: Attendees:',
      'table: Category | Operations Group Members',
      'table: Representing | Other Participants',
      'p: Apologies:',
      'table: Representing | Name',
      'Heading1: 1. Actions Outstanding',
    ]);
    expect(outline.filter((line) => line.startsWith('Heading'))).toEqual(
      DEMO_AGENDA.map(
        ([number, title]) => `Heading${number.includes('.') ? 2 : 1}: ${number}. ${title}`,
      ),
    );
    expect(outline).toContain('Heading2: 3.1. Registration Data Incident Report');
    expect(outline.at(-1)).toBe(
      'p: Next main meeting: 22 February 2021; Next reporting meeting: 8 February 2021.',
    );
  });

  it('puts every member present in their category row, categories in committee order', () => {
    const attendees = tables(docx.blocks)[0]!;
    expect(attendees.rows[0]?.header).toBe(true);
    const groups = dataRows(attendees).map((row) => row.cells[0]?.[0]);
    expect(groups).toEqual([
      'Operations Group Chair',
      'CDS',
      'Network Parties',
      'Large Suppliers',
      'Small Suppliers',
      'Other Code Parties',
    ]);
    expect(groups).toEqual(
      committee.categories.map((c) => c.name).filter((n) => groups.includes(n)),
    );
    for (const group of view.attendees) {
      for (const person of group.people.filter((p) => p.status === 'present')) {
        const entries = rowOf(attendees, group.categoryName)?.cells[1] ?? [];
        expect(entries.some((entry) => entry.startsWith(person.name))).toBe(true);
      }
    }
    expect(rowOf(attendees, 'Large Suppliers')?.cells[1]).toContain(
      'Grace Okafor (Alternate for Simon Achebe)',
    );
  });

  it('lists other participants with their parts and roles, and the apologies', () => {
    const [, participants, apologies] = tables(docx.blocks);
    expect(rowOf(participants!, 'CDS')?.cells[1]).toEqual(
      expect.arrayContaining(['Theo Dunmore (Part) (agenda item 4)', 'Wanda Lyle (agenda item 2)']),
    );
    expect(rowOf(participants!, 'CSEC')?.cells[1]).toContain('Ines Carvalho (Meeting Secretary)');
    expect(rowOf(participants!, 'TAG')?.cells[1]).toEqual(['Rowan Hale (Part)']);
    expect(headerOf(apologies!)).toEqual(['Representing', 'Name']);
    expect(rowOf(apologies!, 'Large Suppliers')?.cells[1]).toContain('Marcus Webb');
    expect(dataRows(apologies!).flatMap((row) => row.cells[1])).toHaveLength(doc.digest.apologies);
  });

  it('gives each outstanding action its own table in item 1, then its status', () => {
    const item1 = docx.sections.get('1. Actions Outstanding')!;
    const source = doc.items[0]!.blocks.filter(
      (b): b is OutstandingActionBlock => b.kind === 'outstandingAction',
    );
    const expected = [
      ['OPSG 37x/01', '26/10/2020', '23/11/2020', 'N/A', 'CDS'],
      ['OPSG 38x/03', '23/11/2020', '07/12/2020', 'N/A', 'CDS'],
      ['OPSG 39/07', '01/12/2020', '05/01/2021', 'N/A', 'CSP N/CDS'],
    ];
    const found = tables(item1);
    expect(found).toHaveLength(3);
    found.forEach((t, index) => {
      const [id, raised, last, revised, owner] = expected[index]!;
      expect(t.rows[0]).toEqual({ header: true, cells: OUTSTANDING_COLUMNS.map((c) => [c]) });
      expect(dataRows(t).map((row) => row.cells.map((cell) => cell.join('\n')))).toEqual([
        [id, source[index]?.action, raised, last, revised, owner],
      ]);
      const after = item1.slice(item1.indexOf(t) + 1);
      const status = paras(after).find((p) => p.text.startsWith('Status:'));
      expect(after.indexOf(status!)).toBeLessThan(after.findIndex((b) => b.type === 'tbl') >>> 0);
      expect(status?.text).toBe('Status: Closed');
      expect(status?.runs[0]).toMatchObject({ text: 'Status:', bold: true });
    });
  });

  it('writes each new action in bold under the item that raised it', () => {
    const raisedIn: Record<string, string> = {};
    for (const [heading, blocks] of docx.sections) {
      for (const p of paras(blocks).filter((b) => b.text.startsWith('ACTION '))) {
        raisedIn[/^ACTION (OPSG 41\/\d\d)/.exec(p.text)?.[1] ?? p.text] = heading.split(' ')[0]!;
        expect(p.runs.every((run) => run.bold)).toBe(true);
      }
    }
    expect(raisedIn).toEqual({
      'OPSG 41/01': '1.',
      'OPSG 41/02': '3.3.',
      'OPSG 41/03': '5.',
      'OPSG 41/04': '5.',
      'OPSG 41/05': '5.',
      'OPSG 41/06': '6.',
    });
    const first = paras(docx.blocks).find((p) => p.text.startsWith('ACTION OPSG 41/01'));
    expect(first?.text).toMatch(/^ACTION OPSG 41\/01: The CDS to /);
  });

  it('writes decisions, several as a real bulleted list joined with "; and"', async () => {
    expect(paras(docx.sections.get('1. Actions Outstanding')!).at(-1)?.text).toBe(
      'The OPSG NOTED the update.',
    );
    const numbering = descendants(root(await part(docx, 'word/numbering.xml')));
    for (const heading of [
      '4. Hub Returns Report – Workshop Outputs',
      '6. Major Incident Review',
    ]) {
      const blocks = paras(docx.sections.get(heading)!);
      const lead = blocks.findIndex((p) => p.text === 'The OPSG:');
      const bullets = blocks.slice(lead + 1).filter((p) => p.numId !== undefined);
      expect(lead).toBeGreaterThanOrEqual(0);
      expect(bullets.length).toBeGreaterThanOrEqual(2);
      expect(bullets.at(-2)?.text).toMatch(/; and$/);
      expect(bullets.at(-1)?.text).toMatch(/\.$/);
      expect(bullets.some((p) => /^\s*[•●-]/.test(p.text))).toBe(false);
      const num = numbering.find(
        (n) => nameOf(n) === 'w:num' && attr(n, 'w:numId') === bullets[0]!.numId,
      );
      const abstractId = attr(child(num, 'w:abstractNumId'), 'w:val');
      const abstract = numbering.find(
        (n) => nameOf(n) === 'w:abstractNum' && attr(n, 'w:abstractNumId') === abstractId,
      );
      const level0 = kids(abstract).find((n) => nameOf(n) === 'w:lvl' && attr(n, 'w:ilvl') === '0');
      expect(attr(child(level0, 'w:numFmt'), 'w:val')).toBe('bullet');
    }
  });

  it('puts the classification notice in every header and "Page X of Y" in the footer', async () => {
    const rels = descendants(root(await part(docx, 'word/_rels/document.xml.rels')));
    const target = (id: string | undefined) =>
      `word/${attr(
        rels.find((r) => attr(r, 'Id') === id),
        'Target',
      )}`;
    const sectPrs = descendants(docx.body).filter((n) => nameOf(n) === 'w:sectPr');
    const refs = sectPrs.flatMap((s) => kids(s));
    const headers = refs.filter((r) => nameOf(r) === 'w:headerReference');
    const footers = refs.filter((r) => nameOf(r) === 'w:footerReference');
    expect(headers.map((r) => attr(r, 'w:type'))).toContain('default');
    for (const ref of headers) {
      const xml = await part(docx, target(attr(ref, 'r:id')));
      expect(textOf(root(xml))).toContain(doc.classification.notice);
    }
    for (const ref of footers) {
      const footer = root(await part(docx, target(attr(ref, 'r:id'))));
      const fields = descendants(footer)
        .filter((n) => nameOf(n) === 'w:instrText')
        .map((n) =>
          kids(n)
            .map((k) => String(k['#text']))
            .join('')
            .trim(),
        );
      expect(fields).toEqual(['PAGE', 'NUMPAGES']);
      expect(textOf(footer)).toMatch(/^Page .* of /);
    }
  });

  it('sets the document properties, the language and one bordered table style', async () => {
    const core = await part(docx, 'docProps/core.xml');
    expect(core).toContain('<dc:title>OPSG_41_2501 Draft Minutes</dc:title>');
    expect(core).toContain('<dc:creator>Minutebook</dc:creator>');
    expect(core).toMatch(/<dc:description>[^<]+<\/dc:description>/);
    const styles = await part(docx, 'word/styles.xml');
    expect(styles).toMatch(/<w:rPrDefault>.*<w:lang w:val="en-GB"\/>/);
    expect(styles).toMatch(/<w:style w:type="table" w:styleId="MinutesTable">.*<w:tblBorders>/);
    expect(new Set(tables(docx.blocks).map((t) => t.style))).toEqual(new Set(['MinutesTable']));
  });
});

describe('when user text is hostile or unusual', () => {
  const CONTROLS = 'a\u0001b\u000Bc\u0000d\u001F';
  const HOSTILE = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    `&amp; & "quotes" 'single'`,
    'قال العضو مرحبا',
    'אמר שלום',
    '👍🏽',
    CONTROLS,
    ']]> lone \uD800 surrogate',
  ].join(' ');
  const CLEAN = HOSTILE.replace(CONTROLS, 'abcd').replace('\uD800', '');

  /** The characters XML 1.0 forbids (C0 controls other than tab, LF, CR), as code points. */
  const controlsIn = (xml: string) =>
    [...xml].map((c) => c.charCodeAt(0)).filter((c) => c < 0x20 && ![0x09, 0x0a, 0x0d].includes(c));

  async function render(doc: MinutesDocument) {
    const docx = await openDocx(await renderMinutesDocx(doc));
    for (const name of Object.keys(docx.zip.files).filter((n) => /\.(xml|rels)$/.test(n))) {
      expect([name, XMLValidator.validate(await part(docx, name))]).toEqual([name, true]);
    }
    return docx;
  }

  it('keeps notes, action text and titles as text, valid XML, emoji and RTL intact', async () => {
    const script = opsg41Script();
    const itemId = script.id('agenda', '9');
    script
      .op('agenda.add', {
        id: itemId,
        title: 'Tags <b>bold</b> & co',
        presenter: null,
        parentId: null,
        order: 9,
      })
      .op('note.add', { id: script.id('note', '9/hostile'), itemId, text: HOSTILE })
      .op('action.raise', {
        id: script.id('action', 'hostile'),
        itemId,
        text: HOSTILE,
        ownerIds: ['cds'],
      });
    const docx = await render(minutesOf(script));

    const names = new Set(descendants(docx.body).map(nameOf));
    for (const tag of ['script', 'img', 'b']) expect(names.has(tag)).toBe(false);
    expect(docx.xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(controlsIn(docx.xml)).toEqual([]);

    const item9 = docx.sections.get('9. Tags <b>bold</b> & co');
    expect(item9).toBeDefined();
    const texts = paras(item9!).map((p) => p.text);
    expect(texts).toContain(CLEAN);
    const action = paras(item9!).find((p) => p.text.startsWith('ACTION '));
    expect(action?.text).toMatch(/^ACTION OPSG 41\/07: /);
    expect(action?.text.endsWith(CLEAN)).toBe(true);
    expect(action?.runs.every((run) => run.bold)).toBe(true);
    const runs = paras(item9!).flatMap((p) => p.runs);
    const rtl = runs.filter((run) => run.rtl).map((run) => run.text);
    expect(rtl).toContain('قال العضو مرحبا אמר שלום');
    expect(runs.filter((run) => /quotes|script/.test(run.text)).some((run) => run.rtl)).toBe(false);
    expect(runs.filter((run) => run.text.includes('👍🏽')).every((run) => !run.rtl)).toBe(true);
  });

  it('cleans the header, the tables, the line breaks and the document properties too', async () => {
    const doc = minutesOf(opsg41Script());
    const hostile: MinutesDocument = {
      ...doc,
      fileName: `Minutes ${HOSTILE}`,
      classification: { ...doc.classification, notice: HOSTILE },
      attendees: { ...doc.attendees, rows: [{ group: HOSTILE, entries: [HOSTILE, 'two\nlines'] }] },
      nextMeetings: HOSTILE,
    };
    const docx = await render(hostile);
    const header = await part(docx, 'word/header1.xml');
    expect(textOf(root(header))).toContain(CLEAN);
    expect(rowOf(tables(docx.blocks)[0]!, CLEAN)?.cells[1]).toEqual([CLEAN, 'two\nlines']);
    expect(paras(docx.blocks).at(-1)?.text).toBe(CLEAN);
    const core = await part(docx, 'docProps/core.xml');
    expect(core).toContain('&lt;script&gt;');
    expect(controlsIn(core)).toEqual([]);
  });
});
