/**
 * Building blocks of the e-mail HTML: inline styles (Outlook's Word engine ignores most of
 * <style>, so every element carries its own, fonts included, since Outlook does not inherit
 * them into tables), and the escaped paragraph, heading and table shapes. Markup is
 * XHTML-compatible: every element closed, every attribute quoted.
 */
import type { ClassificationLevel } from '../domain';
import { escapeHtml } from './escapeHtml';
import type { MinutesTable } from './MinutesDocument';

/** Segoe UI first: Outlook for Windows uses only the first family it knows. */
export const FONT = "font-family:'Segoe UI',-apple-system,Roboto,'Helvetica Neue',Arial,sans-serif";
const TEXT = `${FONT};font-size:11pt;line-height:1.4;color:#1f1f1f`;
const SMALL_TEXT = `${FONT};font-size:9.5pt;line-height:1.4;color:#1f1f1f`;
const CELL_BORDER = 'border:1px solid #8c8c8c';

export const STYLE = {
  body: `margin:0;padding:0;background-color:#ffffff;${TEXT}`,
  page: 'border-collapse:collapse;width:100%',
  pageCell: `padding:16px 20px;${TEXT}`,
  paragraph: `margin:0 0 10pt 0;${TEXT}`,
  line: `margin:0;${TEXT}`,
  h1: `margin:0 0 4pt 0;${FONT};font-size:16pt;font-weight:bold;color:#1f1f1f`,
  h2: `margin:16pt 0 8pt 0;${FONT};font-size:13pt;font-weight:bold;color:#1f1f1f`,
  h3: `margin:12pt 0 6pt 0;${FONT};font-size:11.5pt;font-weight:bold;color:#1f1f1f`,
  label: `margin:12pt 0 4pt 0;${TEXT};font-weight:bold`,
  table: 'border-collapse:collapse;width:100%;margin:0 0 10pt 0',
  th: `${CELL_BORDER};padding:4px 6px;background-color:#e7e6e6;text-align:left;vertical-align:top;${TEXT};font-weight:bold`,
  td: `${CELL_BORDER};padding:4px 6px;text-align:left;vertical-align:top;${TEXT}`,
  list: `margin:0 0 10pt 0;padding:0 0 0 24px;${TEXT}`,
  listItem: `margin:0 0 4pt 0;${TEXT}`,
};

const CLASSIFICATION_COLOURS: Record<ClassificationLevel, string> = {
  WHITE: '#595959',
  GREEN: '#2e7d32',
  AMBER: '#b26a00',
  RED: '#c62828',
};

/** Escaped text with its line breaks kept as <br />. */
export function text(value: string): string {
  return escapeHtml(value.replace(/\r\n?/g, '\n')).replace(/\n/g, '<br />');
}

/** A paragraph of user text; dir="auto" lets right-to-left notes run right to left. */
export function paragraph(value: string, style: string = STYLE.paragraph): string {
  return `<p dir="auto" style="${style}">${text(value)}</p>`;
}

export function boldParagraph(value: string): string {
  return `<p dir="auto" style="${STYLE.paragraph}"><b>${text(value)}</b></p>`;
}

export function heading(level: 1 | 2 | 3, value: string): string {
  const style = level === 1 ? STYLE.h1 : level === 2 ? STYLE.h2 : STYLE.h3;
  return `<h${level} dir="auto" style="${style}">${text(value)}</h${level}>`;
}

export function bulletList(items: string[]): string {
  const rows = items.map((item) => `<li dir="auto" style="${STYLE.listItem}">${text(item)}</li>`);
  return `<ul style="${STYLE.list}">${rows.join('')}</ul>`;
}

/** A bordered data table: a header row, then one row per entry of `rows`. */
export function dataTable(columns: string[], rows: string[][], widths?: string[]): string {
  const width = (index: number) => (widths?.[index] ? `;width:${widths[index]}` : '');
  const header = columns
    .map((column, index) => `<th style="${STYLE.th}${width(index)}">${text(column)}</th>`)
    .join('');
  const body = rows.map(
    (cells) => `<tr>${cells.map((cell) => `<td style="${STYLE.td}">${cell}</td>`).join('')}</tr>`,
  );
  return `<table cellpadding="0" cellspacing="0" width="100%" style="${STYLE.table}"><tr>${header}</tr>${body.join('')}</table>`;
}

/** A link to an address already checked (httpsUrl.ts), showing the address itself. */
export function link(url: string): string {
  return `<a href="${escapeHtml(url)}">${text(url)}</a>`;
}

/** One line of user text inside a table cell. */
export function cellLine(value: string): string {
  return `<p dir="auto" style="${STYLE.line}">${text(value)}</p>`;
}

/** An attendance table: group in the first column, each entry on its own line in the second. */
export function attendanceTable(table: MinutesTable): string {
  const label = table.label ? `<p style="${STYLE.label}">${text(table.label)}</p>` : '';
  // An empty table prints "None." under its label; one without a label (the other participants) is left out.
  if (table.rows.length === 0) return label ? `${label}${paragraph('None.')}` : '';
  const rows = table.rows.map((row) => [
    cellLine(row.group),
    row.entries.map((entry) => cellLine(entry)).join(''),
  ]);
  return `${label}${dataTable(table.columns, rows, ['35%', '65%'])}`;
}

/** The classification notice, in a box edged in the level's colour. */
export function classificationNotice(level: ClassificationLevel, notice: string): string {
  const colour = CLASSIFICATION_COLOURS[level];
  const style = `border-collapse:collapse;width:100%;margin:0 0 12pt 0`;
  const cell = `border:1px solid ${colour};border-left:4px solid ${colour};padding:6px 8px;${SMALL_TEXT}`;
  return `<table role="presentation" cellpadding="0" cellspacing="0" width="100%" style="${style}"><tr><td dir="auto" style="${cell}"><b style="color:${colour}">${text(level)}</b> ${text(notice)}</td></tr></table>`;
}
