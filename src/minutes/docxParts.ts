/**
 * Building blocks of the .docx minutes: text runs safe for XML 1.0, paragraphs, and bordered
 * tables in the "Minutes Table" style with a repeating header row. docx escapes text itself;
 * what it cannot do is hold characters XML 1.0 forbids, so every user string goes through
 * xmlSafe first. Pure: no Node APIs.
 */
import {
  AlignmentType,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import type { MinutesTable } from './MinutesDocument';

export const FONT = 'Arial';
export const BULLETS = 'minutes-bullets';
export const TABLE_STYLE = 'MinutesTable';
/** A4 portrait, 2 cm margins (2.7 cm at the top, below the notice); twips. */
export const PAGE = { width: 11906, height: 16838, margin: 1134, top: 1531, header: 567 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

const BORDER_COLOUR = '808080';
const HEADER_FILL = 'E7E6E6';
/** Half-points. */
const TABLE_TEXT = 20;

/** The table style every table uses: thin grey borders all round and inside, snug cell margins. */
export const TABLE_STYLES_XML = [
  '<w:styles xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
  ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
  ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
  ' xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"',
  ' xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 w15">',
  `<w:style w:type="table" w:styleId="${TABLE_STYLE}">`,
  '<w:name w:val="Minutes Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>',
  '<w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>',
  '<w:tblPr><w:tblBorders>',
  ...['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(
    (side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="${BORDER_COLOUR}"/>`,
  ),
  '</w:tblBorders><w:tblCellMar>',
  '<w:top w:w="57" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>',
  '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="100" w:type="dxa"/>',
  '</w:tblCellMar></w:tblPr>',
  '</w:style></w:styles>',
].join('');

/**
 * Removes what XML 1.0 cannot hold: C0 control characters other than tab, line feed and
 * carriage return, unpaired surrogates, and U+FFFE/U+FFFF. Emoji and right-to-left text stay.
 */
export function xmlSafe(text: string): string {
  let out = '';
  // The string iterator yields a surrogate pair as one character and a lone surrogate alone.
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const control = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
    const loneSurrogate = code >= 0xd800 && code <= 0xdfff;
    if (!control && !loneSurrogate && code !== 0xfffe && code !== 0xffff) out += char;
  }
  return out;
}

const RTL =
  '\\p{Script=Hebrew}\\p{Script=Arabic}\\p{Script=Syriac}\\p{Script=Thaana}\\p{Script=Nko}';
/** A stretch of right-to-left script, with the spaces, digits and punctuation inside it. */
const RTL_STRETCH = new RegExp(`[${RTL}](?:[${RTL}\\s\\p{N}\\p{P}]*[${RTL}])?`, 'gu');

/** Splits a line into left-to-right and right-to-left stretches, in order. */
function directional(line: string): { text: string; rtl: boolean }[] {
  const parts: { text: string; rtl: boolean }[] = [];
  let last = 0;
  for (const match of line.matchAll(RTL_STRETCH)) {
    const start = match.index ?? 0;
    if (start > last) parts.push({ text: line.slice(last, start), rtl: false });
    parts.push({ text: match[0], rtl: true });
    last = start + match[0].length;
  }
  if (last < line.length || parts.length === 0) parts.push({ text: line.slice(last), rtl: false });
  return parts;
}

type RunStyle = Omit<IRunOptions, 'text' | 'children' | 'break'>;

/** User text as runs: XML-safe, line breaks kept, right-to-left stretches marked as such. */
export function runs(text: string, style: RunStyle = {}): TextRun[] {
  const lines = xmlSafe(text)
    .replace(/\t/g, ' ')
    .split(/\r\n|\r|\n/);
  return lines.flatMap((line, lineIndex) =>
    directional(line).map(
      (part, partIndex) =>
        new TextRun({
          ...style,
          text: part.text,
          ...(part.rtl ? { rightToLeft: true } : {}),
          ...(lineIndex > 0 && partIndex === 0 ? { break: 1 } : {}),
        }),
    ),
  );
}

type ParagraphStyle = Omit<IParagraphOptions, 'text' | 'children'>;

export function paragraph(text: string, options: ParagraphStyle = {}, run: RunStyle = {}) {
  return new Paragraph({ ...options, children: runs(text, run) });
}

/** "Status: Closed": a bold label, then the value. */
export function labelled(label: string, value: string): Paragraph {
  return new Paragraph({ children: [...runs(label, { bold: true }), ...runs(` ${value}`)] });
}

export function bullet(text: string): Paragraph {
  return paragraph(text, { numbering: { reference: BULLETS, level: 0 }, spacing: { after: 60 } });
}

/** A label above a table ("Attendees:"), kept on the page of its table. */
export function tableLabel(text: string): Paragraph {
  return paragraph(text, { keepNext: true, spacing: { before: 240, after: 80 } }, { bold: true });
}

const CELL_SPACING = { before: 0, after: 0, line: 240 };

function cellParagraphs(lines: string[], header: boolean): Paragraph[] {
  const shown = lines.length > 0 ? lines : [''];
  return shown.map((line) =>
    paragraph(
      line,
      { spacing: CELL_SPACING, ...(header ? { keepNext: true } : {}) },
      { size: TABLE_TEXT, ...(header ? { bold: true } : {}) },
    ),
  );
}

/** Column widths in twips from fractions of the page's text width; the last takes the rest. */
export function widths(fractions: number[]): number[] {
  const sized = fractions.map((fraction) => Math.round(fraction * CONTENT_WIDTH));
  const rest = CONTENT_WIDTH - sized.slice(0, -1).reduce((sum, width) => sum + width, 0);
  return [...sized.slice(0, -1), rest];
}

/**
 * A bordered table: a header row (marked as such, repeated on each page, never split) and
 * one row per entry of `rows`, each cell a list of lines shown as separate paragraphs.
 */
export function dataTable(columns: string[], rows: string[][][], columnWidths: number[]): Table {
  const cell = (lines: string[], index: number, header: boolean) =>
    new TableCell({
      width: { size: columnWidths[index] ?? 0, type: WidthType.DXA },
      children: cellParagraphs(lines, header),
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL } } : {}),
    });
  return new Table({
    style: TABLE_STYLE,
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map((column, index) => cell([column], index, true)),
      }),
      ...rows.map(
        (cells) =>
          new TableRow({ children: cells.map((lines, index) => cell(lines, index, false)) }),
      ),
    ],
  });
}

const ATTENDANCE_WIDTHS = widths([0.32, 0.68]);

/**
 * An attendance table: the group in the first column, each entry its own paragraph beside it.
 * Empty: "None." under its label, or in the table when it has no label.
 */
export function attendanceTable(table: MinutesTable): (Paragraph | Table)[] {
  if (table.label && table.rows.length === 0) return [tableLabel(table.label), paragraph('None.')];
  const label = table.label ? [tableLabel(table.label)] : [spacer()];
  // A table without a label says what it is only in its header, so an empty one keeps it.
  const rows =
    table.rows.length > 0 ? table.rows.map((row) => [[row.group], row.entries]) : [[[], ['None.']]];
  return [...label, dataTable(table.columns, rows, ATTENDANCE_WIDTHS)];
}

/** A small gap between two tables, so they do not merge into one. */
export function spacer(): Paragraph {
  return new Paragraph({ spacing: { before: 0, after: 0 }, children: [] });
}

export function centred(text: string, style: string, run: RunStyle = {}): Paragraph {
  return paragraph(text, { style, alignment: AlignmentType.CENTER }, run);
}
