import { foldOperations, meetingView } from '../domain';
import {
  MEETING_ID,
  opsg41Committee,
  opsg41Operations,
  sequence,
} from '../../test/fixtures/opsg41';
import { buildMinutesDocument } from './buildMinutesDocument';
import type { MinutesDocument } from './MinutesDocument';
import { renderMinutesMarkdown } from './renderMinutesText';

function opsg41Minutes(): MinutesDocument {
  const committee = opsg41Committee();
  const state = foldOperations(MEETING_ID, sequence(opsg41Operations()));
  return buildMinutesDocument(meetingView(state, committee), committee);
}

/** The cells of a Markdown table line, split on unescaped pipes. */
function cells(line: string): string[] {
  return line
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((cell) => cell.trim());
}

/** The table that starts at the line `header`, as rows of cells (header first, rule skipped). */
function tableAt(lines: string[], header: number): string[][] {
  const rows: string[][] = [];
  for (let index = header; lines[index]?.startsWith('|'); index += 1)
    if (index !== header + 1) rows.push(cells(lines[index] as string));
  return rows;
}

describe('when the OPSG-41-like meeting is rendered as Markdown', () => {
  const doc = opsg41Minutes();
  const markdown = renderMinutesMarkdown(doc);
  const lines = markdown.split('\n');

  it('is the same text every time, ending in one newline', () => {
    expect(renderMinutesMarkdown(opsg41Minutes())).toBe(markdown);
    expect(markdown.endsWith('.\n')).toBe(true);
    expect(markdown).not.toMatch(/\n{3,}/);
  });

  it('opens with the title, the title block and the classification notice', () => {
    expect(lines.slice(0, 7)).toEqual([
      '# Operations Group Meeting',
      '',
      '25 January 2021, OPSG_41_2501\\',
      '13:20 – 15:35\\',
      'Teleconference\\',
      '**Draft Minutes**',
      '',
    ]);
    expect(lines[7]).toBe(`> **WHITE:** ${doc.classification.notice}`);
  });

  it('has the item headings 1 to 8 with 3.1 to 3.3 beneath 3, in order', () => {
    expect(lines.filter((line) => line.startsWith('#'))).toEqual([
      '# Operations Group Meeting',
      '## 1. Actions Outstanding',
      '## 2. CDS Operational Update',
      '## 3. Code Panel Reports',
      '### 3.1. Registration Data Incident Report',
      '### 3.2. Certificate Signing Request Variance Report',
      '### 3.3. Service Request Variance Report',
      '## 4. Hub Returns Report – Workshop Outputs',
      '## 5. Performance Measurement Report – November',
      '## 6. Major Incident Review',
      '## 7. Network Evolution – Cost Benefit Analysis Review',
      '## 8. Any Other Business',
    ]);
  });

  it('has the attendance tables, one row per person, the group named on its first', () => {
    const attendees = tableAt(lines, lines.indexOf('**Attendees:**') + 2);
    expect(attendees.slice(0, 4)).toEqual([
      ['Category', 'Operations Group Members'],
      ['Operations Group Chair', 'Harriet Cole'],
      ['CDS', 'Owen Pryce'],
      ['Network Parties', 'Priya Natarajan'],
    ]);
    expect(attendees).toContainEqual(['', 'Grace Okafor (Alternate for Simon Achebe)']);
    expect(attendees).toHaveLength(13);
    const participants = tableAt(lines, lines.indexOf('| Representing | Other Participants |'));
    expect(participants).toContainEqual(['', 'Theo Dunmore (Part) (agenda item 4)']);
    expect(participants).toContainEqual(['CSEC', 'Ines Carvalho (Meeting Secretary)']);
    const apologies = tableAt(lines, lines.indexOf('**Apologies:**') + 2);
    expect(apologies[0]).toEqual(['Representing', 'Name']);
    expect(apologies).toHaveLength(7);
    expect(lines[lines.indexOf('**Attendees:**') + 3]).toBe('| --- | --- |');
  });

  it('has each outstanding action as a six-column table, then its update and status', () => {
    const headers = lines
      .map((line, index) => (line.startsWith('| Action ID |') ? index : -1))
      .filter((index) => index >= 0);
    expect(headers).toHaveLength(3);
    const first = tableAt(lines, headers[0] as number);
    expect(first).toEqual([
      ['Action ID', 'Action', 'Date Raised', 'Last Target Date', 'Revised Target Date', 'Owner'],
      [
        'OPSG 37x/01',
        'The CDS to report back on its review of the rise in registration data incidents at the next meeting (OPSG_38x).',
        '26/10/2020',
        '23/11/2020',
        'N/A',
        'CDS',
      ],
    ]);
    for (const header of headers) {
      expect(lines[header + 1]).toBe('| --- | --- | --- | --- | --- | --- |');
      expect(lines[header + 4]).toMatch(/^The /);
      expect(lines[header + 6]).toBe('Status: Closed');
    }
  });

  it('has the new actions in bold and the decisions as "- " bullets after "The OPSG:"', () => {
    expect(lines.filter((line) => line.startsWith('**ACTION '))).toHaveLength(6);
    expect(markdown).toContain(
      '**ACTION OPSG 41/03: The CDS to investigate why the firmware delivery measure was missed in Communication Service Provider Central and South (CSP C&amp;S) and whether its infrastructure contributed.**',
    );
    const lead = lines.indexOf('The OPSG:');
    expect(lines.slice(lead, lead + 4)).toEqual([
      'The OPSG:',
      '',
      '- NOTED the outcomes from the Hub Returns Report Workshop; and',
      '- AGREED the requirements identified during the workshop and the associated next steps.',
    ]);
    expect(lines.at(-2)).toBe(
      'Next main meeting: 22 February 2021; Next reporting meeting: 8 February 2021.',
    );
  });
});

describe('when user text carries Markdown syntax', () => {
  const doc = opsg41Minutes();
  doc.attendees.rows[0]?.entries.push('Pat | Pipe');
  const item = doc.items[1];
  item?.blocks.push(
    {
      kind: 'paragraph',
      text: '# not a heading\n- not a bullet\n\n1. not a list *nor bold* _nor this_',
    },
    {
      kind: 'outstandingAction',
      actionId: 'OPSG 40/01',
      action: 'Split | the | table',
      dateRaised: '01/01/2021',
      lastTargetDate: 'N/A',
      revisedTargetDate: 'N/A',
      owner: 'A|B',
      update: null,
      status: 'Open',
    },
  );
  const markdown = renderMinutesMarkdown(doc);
  const lines = markdown.split('\n');

  it('escapes "|" so that a cell never splits', () => {
    expect(lines).toContain('|  | Pat \\| Pipe |');
    const row = lines.find((line) => line.startsWith('| OPSG 40/01 |')) ?? '';
    expect(cells(row)).toEqual([
      'OPSG 40/01',
      'Split \\| the \\| table',
      '01/01/2021',
      'N/A',
      'N/A',
      'A\\|B',
    ]);
  });

  it('keeps headings, bullets, lists and emphasis typed in a note as plain text', () => {
    expect(markdown).toContain(
      '\\# not a heading\\\n\\- not a bullet\n\n1\\. not a list \\*nor bold\\* \\_nor this\\_',
    );
    expect(lines.filter((line) => line.startsWith('#'))).toHaveLength(12);
    expect(lines.filter((line) => /^[-*] |^\d+\. /.test(line))).toHaveLength(4);
  });
});

describe('when no other participants came and nobody sent apologies', () => {
  const doc = opsg41Minutes();
  doc.otherParticipants.rows = [];
  doc.apologies.rows = [];
  const markdown = renderMinutesMarkdown(doc);

  it('prints "None." under "Apologies:" and leaves the unlabelled table out', () => {
    expect(markdown).toContain('**Apologies:**\n\nNone.\n\n## 1. Actions Outstanding');
    expect(markdown).not.toContain('Other Participants');
    expect(markdown.match(/None\./g)).toHaveLength(1);
  });
});
