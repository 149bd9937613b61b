/**
 * The minutes as an HTML e-mail body in the house format, for Outlook and the web clients:
 * tables for layout, inline styles only, no scripts, no external resources. Every string from
 * the document is escaped (see escapeHtml); only the markup written here is raw.
 */
import {
  attendanceTable,
  boldParagraph,
  bulletList,
  cellLine,
  classificationNotice,
  dataTable,
  heading,
  link,
  paragraph,
  STYLE,
  text,
} from './htmlParts';
import { httpsUrl } from './httpsUrl';
import type { MinutesBlock, MinutesDocument, MinutesItem } from './MinutesDocument';
import { OUTSTANDING_COLUMNS, outstandingActionCells } from './outstandingActionTable';

const OUTSTANDING_WIDTHS = ['12%', '40%', '12%', '12%', '12%', '12%'];

export interface HtmlOptions {
  /**
   * Where the minutes are filed (the e-mail): a first line links it, when it is an https: URL
   * (httpsUrl.ts); any other address is left out.
   */
  documentUrl?: string | null;
}

export function renderMinutesHtml(doc: MinutesDocument, options: HtmlOptions = {}): string {
  const notice = classificationNotice(doc.classification.level, doc.classification.notice);
  const filedAt = httpsUrl(options.documentUrl);
  const body = [
    filedAt ? filedAtLine(filedAt) : '',
    notice,
    titleBlock(doc.title),
    attendanceTable(doc.attendees),
    attendanceTable(doc.otherParticipants),
    attendanceTable(doc.apologies),
    ...doc.items.map(renderItem),
    doc.nextMeetings ? paragraph(doc.nextMeetings) : '',
    notice,
  ]
    .filter(Boolean)
    .join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    `<title>${text(doc.fileName)}</title>`,
    '</head>',
    `<body style="${STYLE.body}">`,
    `<table role="presentation" cellpadding="0" cellspacing="0" width="100%" style="${STYLE.page}">`,
    `<tr><td style="${STYLE.pageCell}">`,
    body,
    '</td></tr>',
    '</table>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** "The minutes are attached and filed at <link>." */
function filedAtLine(url: string): string {
  return `<p style="${STYLE.paragraph}">The minutes are attached and filed at ${link(url)}.</p>`;
}

function titleBlock(title: MinutesDocument['title']): string {
  const lines = [title.dateAndReference, title.time, title.mode].filter(
    (line): line is string => typeof line === 'string' && line.length > 0,
  );
  return [
    heading(1, title.groupName),
    ...lines.map((line) => paragraph(line, STYLE.line)),
    `<p dir="auto" style="${STYLE.paragraph};margin-top:4pt"><b>${text(title.status)}</b></p>`,
  ].join('\n');
}

function renderItem(item: MinutesItem): string {
  return [heading(item.level === 1 ? 2 : 3, item.heading), ...item.blocks.map(renderBlock)].join(
    '\n',
  );
}

function renderBlock(block: MinutesBlock): string {
  switch (block.kind) {
    case 'paragraph':
    case 'decision':
      return paragraph(block.text);
    case 'outstandingAction': {
      const cells = outstandingActionCells(block).map(cellLine);
      return [
        dataTable(OUTSTANDING_COLUMNS, [cells], OUTSTANDING_WIDTHS),
        block.update ? paragraph(block.update) : '',
        paragraph(`Status: ${block.status}`),
      ]
        .filter(Boolean)
        .join('\n');
    }
    case 'action':
      return boldParagraph(
        `ACTION ${block.actionId}${block.withdrawn ? ' (withdrawn)' : ''}: ${block.text}`,
      );
    case 'decisionList':
      return [paragraph(block.lead), bulletList(block.bullets)].join('\n');
  }
}
