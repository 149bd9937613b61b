/**
 * The minutes as Markdown, for previews and for diffing one draft against the next: headings
 * for the title and items, Markdown tables for attendance and outstanding actions, "-" bullets.
 * Deterministic: the same document always gives the same text. User text is HTML-escaped (see
 * escapeHtml) and its Markdown syntax neutralised, so a preview shows what was typed and never
 * runs it: no raw HTML, no links, no emphasis or headings the secretary did not write.
 */
import { escapeHtml } from './escapeHtml';
import type { MinutesBlock, MinutesDocument, MinutesItem, MinutesTable } from './MinutesDocument';

export function renderMinutesMarkdown(doc: MinutesDocument): string {
  const { title } = doc;
  const titleLines = [title.dateAndReference, title.time, title.mode]
    .filter((line): line is string => typeof line === 'string' && line.length > 0)
    .map(inline);
  const sections = [
    `# ${inline(title.groupName)}`,
    [...titleLines, `**${inline(title.status)}**`].join('\\\n'),
    `> **${inline(doc.classification.level)}:** ${inline(doc.classification.notice)}`,
    attendance(doc.attendees),
    attendance(doc.otherParticipants),
    attendance(doc.apologies),
    ...doc.items.map(item),
    doc.nextMeetings ? paragraph(doc.nextMeetings) : '',
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}

function item(entry: MinutesItem): string {
  const marks = entry.level === 1 ? '##' : '###';
  // The number is ours (digits and dots), so it needs no Markdown escaping; the title does.
  const number = entry.number ? `${escapeHtml(entry.number)}. ` : '';
  const heading = `${marks} ${number}${inline(entry.title)}`;
  return [heading, ...entry.blocks.map(block)].join('\n\n');
}

function block(entry: MinutesBlock): string {
  switch (entry.kind) {
    case 'paragraph':
    case 'decision':
      return paragraph(entry.text);
    case 'outstandingAction':
      return [
        table(
          [
            'Action ID',
            'Action',
            'Date Raised',
            'Last Target Date',
            'Revised Target Date',
            'Owner',
          ],
          [
            [
              entry.actionId,
              entry.action,
              entry.dateRaised,
              entry.lastTargetDate,
              entry.revisedTargetDate,
              entry.owner,
            ],
          ],
        ),
        entry.update ? paragraph(entry.update) : '',
        `Status: ${inline(entry.status)}`,
      ]
        .filter(Boolean)
        .join('\n\n');
    case 'action': {
      const id = `${entry.actionId}${entry.withdrawn ? ' (withdrawn)' : ''}`;
      return `**ACTION ${inline(id)}: ${inline(entry.text)}**`;
    }
    case 'decisionList':
      return [paragraph(entry.lead), entry.bullets.map((b) => `- ${inline(b)}`).join('\n')].join(
        '\n\n',
      );
  }
}

/** A label (when there is one), then one table row per entry, the group named on its first. */
function attendance(entry: MinutesTable): string {
  const label = entry.label ? `**${inline(entry.label)}**\n\n` : '';
  if (entry.rows.length === 0) return label ? `${label}None.` : '';
  const rows = entry.rows.flatMap((row) =>
    row.entries.map((person, index) => [index === 0 ? row.group : '', person]),
  );
  return `${label}${table(entry.columns, rows)}`;
}

function table(columns: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((cell) => inline(cell)).join(' | ')} |`;
  return [line(columns), `|${columns.map(() => ' --- |').join('')}`, ...rows.map(line)].join('\n');
}

/** User text as paragraphs: blank lines part them, single line breaks are kept as hard breaks. */
function paragraph(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((part) =>
      part
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map(escapeLine)
        .join('\\\n'),
    )
    .filter(Boolean)
    .join('\n\n');
}

/** User text on one line: a heading, a table cell, a bullet. */
function inline(value: string): string {
  return escapeLine(value.replace(/\s+/g, ' ').trim());
}

/**
 * One line of user text, safe in Markdown: the characters that make emphasis, code, links and
 * table cells are backslash-escaped, a line start that would open a heading, quote, list or
 * rule is escaped, and then the whole is HTML-escaped (so `<`, `&` and quotes are entities).
 */
function escapeLine(line: string): string {
  const marked = line
    .replace(/[\\`*[\]|~]/g, (char) => `\\${char}`)
    // "_" between letters or digits ("OPSG_41") cannot make emphasis, so only the others are escaped.
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
    .replace(/^([#>+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
  return escapeHtml(marked);
}
