/**
 * The minutes as a Word document in the house format: title block, the attendance tables,
 * numbered items as real headings (so the navigation pane and the accessibility checker work),
 * outstanding actions as tables, new actions in bold, decisions with Word's own bullets, and
 * the classification notice in the header of every page with "Page X of Y" in the footer.
 * Pure: the bytes come back as a Uint8Array, whatever the caller does with them.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type Table,
} from 'docx';
import type { ClassificationLevel } from '../domain';
import {
  attendanceTable,
  bullet,
  BULLETS,
  centred,
  dataTable,
  FONT,
  labelled,
  PAGE,
  paragraph,
  runs,
  TABLE_STYLES_XML,
  widths,
  xmlSafe,
} from './docxParts';
import type { MinutesBlock, MinutesDocument, MinutesItem } from './MinutesDocument';
import { OUTSTANDING_COLUMNS, outstandingActionCells } from './outstandingActionTable';

const OUTSTANDING_WIDTHS = widths([0.155, 0.33, 0.125, 0.125, 0.125, 0.14]);

/** The colour of the classification label, as in the e-mail. */
const CLASSIFICATION_COLOURS: Record<ClassificationLevel, string> = {
  WHITE: '595959',
  GREEN: '2E7D32',
  AMBER: 'B26A00',
  RED: 'C62828',
};

type Block = Paragraph | Table;

export async function renderMinutesDocx(doc: MinutesDocument): Promise<Uint8Array> {
  const word = new Document({
    title: xmlSafe(doc.fileName),
    subject: xmlSafe(doc.title.status),
    creator: 'Minutebook',
    lastModifiedBy: 'Minutebook',
    description: xmlSafe(
      `${doc.title.status} of the ${doc.title.groupName}, ${doc.title.dateAndReference}.`,
    ),
    keywords: xmlSafe(`minutes; ${doc.classification.level}`),
    externalStyles: TABLE_STYLES_XML,
    styles: STYLES,
    numbering: {
      config: [
        {
          reference: BULLETS,
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '\u2022',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 567, hanging: 283 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.top,
              bottom: PAGE.margin,
              left: PAGE.margin,
              right: PAGE.margin,
              header: PAGE.header,
              footer: PAGE.header,
            },
          },
        },
        headers: { default: new Header({ children: [classificationNotice(doc)] }) },
        footers: { default: new Footer({ children: [pageNumbers()] }) },
        children: [
          ...titleBlock(doc.title),
          ...attendanceTable(doc.attendees),
          ...attendanceTable(doc.otherParticipants),
          ...attendanceTable(doc.apologies),
          ...doc.items.flatMap(renderItem),
          ...(doc.nextMeetings ? [paragraph(doc.nextMeetings, { spacing: { before: 360 } })] : []),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(word));
}

const STYLES = {
  default: {
    document: {
      // No East Asian font: Word picks one that has the characters.
      run: { font: { ascii: FONT, hAnsi: FONT, cs: FONT }, size: 22, language: { value: 'en-GB' } },
      paragraph: { spacing: { after: 120, line: 264 } },
    },
    title: {
      run: { font: FONT, size: 36, bold: true, color: '000000' },
      paragraph: { spacing: { after: 60 } },
    },
    heading1: {
      run: { font: FONT, size: 26, bold: true, color: '000000' },
      paragraph: { spacing: { before: 360, after: 120 }, keepNext: true, keepLines: true },
    },
    heading2: {
      run: { font: FONT, size: 23, bold: true, color: '000000' },
      paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, keepLines: true },
    },
  },
  paragraphStyles: [
    {
      id: 'Subtitle',
      name: 'Subtitle',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { font: FONT, size: 24, color: '000000' },
      paragraph: { spacing: { after: 40 } },
    },
  ],
};

function titleBlock(title: MinutesDocument['title']): Paragraph[] {
  const lines = [title.dateAndReference, title.time, title.mode].filter(
    (line): line is string => typeof line === 'string' && line.length > 0,
  );
  return [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: runs(title.groupName),
    }),
    ...lines.map((line) => centred(line, 'Subtitle')),
    new Paragraph({
      style: 'Subtitle',
      alignment: AlignmentType.CENTER,
      spacing: { before: 120, after: 240 },
      children: runs(title.status, { bold: true }),
    }),
  ];
}

function renderItem(item: MinutesItem): Block[] {
  return [
    new Paragraph({
      heading: item.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
      children: runs(item.heading),
    }),
    ...item.blocks.flatMap(renderBlock),
  ];
}

function renderBlock(block: MinutesBlock): Block[] {
  switch (block.kind) {
    case 'paragraph':
    case 'decision':
      return [paragraph(block.text)];
    case 'outstandingAction': {
      const cells = outstandingActionCells(block).map((cell) => [cell]);
      return [
        dataTable(OUTSTANDING_COLUMNS, [cells], OUTSTANDING_WIDTHS),
        ...(block.update ? [paragraph(block.update, { spacing: { before: 120 } })] : []),
        labelled('Status:', block.status),
      ];
    }
    case 'action': {
      const withdrawn = block.withdrawn ? ' (withdrawn)' : '';
      return [paragraph(`ACTION ${block.actionId}${withdrawn}: ${block.text}`, {}, { bold: true })];
    }
    case 'decisionList':
      return [paragraph(block.lead, { keepNext: true }), ...block.bullets.map(bullet)];
  }
}

/** The level in its colour, then the notice, over a rule; small, so it never crowds the page. */
function classificationNotice(doc: MinutesDocument): Paragraph {
  const colour = CLASSIFICATION_COLOURS[doc.classification.level];
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 0 },
    border: {
      bottom: { style: BorderStyle.SINGLE, size: 4, space: 4, color: colour },
    },
    children: [
      ...runs(doc.classification.level, { bold: true, color: colour, size: 16 }),
      ...runs(` ${doc.classification.notice}`, { size: 16, color: '404040' }),
    ],
  });
}

function pageNumbers(): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 0 },
    children: [
      new TextRun({
        size: 18,
        children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
      }),
    ],
  });
}
