/**
 * The table an outstanding action is shown in, in every format that has tables (Word, e-mail):
 * its column titles and its one row of cells, in the same order, so the two cannot drift apart.
 * Each renderer adds only its own widths and markup.
 */
import type { OutstandingActionBlock } from './MinutesDocument';

export const OUTSTANDING_COLUMNS = [
  'Action ID',
  'Action',
  'Date Raised',
  'Last Target Date',
  'Revised Target Date',
  'Owner',
];

/** The row's cells, in the order of OUTSTANDING_COLUMNS. */
export function outstandingActionCells(block: OutstandingActionBlock): string[] {
  return [
    block.actionId,
    block.action,
    block.dateRaised,
    block.lastTargetDate,
    block.revisedTargetDate,
    block.owner,
  ];
}
