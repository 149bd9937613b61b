/**
 * The approval path of minutes: draft → circulated for comments → final (confirmed, locked).
 * Circulated minutes may go back to draft for rework; final is the end.
 */
import type { MeetingStatus } from './operationSchemas';

const ALLOWED: Record<MeetingStatus, readonly MeetingStatus[]> = {
  draft: ['circulated'],
  circulated: ['draft', 'final'],
  final: [],
};

export function canChangeStatus(from: MeetingStatus, to: MeetingStatus): boolean {
  return from === to || ALLOWED[from].includes(to);
}

export function statusChangeProblem(from: MeetingStatus, to: MeetingStatus): string | null {
  if (canChangeStatus(from, to)) return null;
  if (from === 'final') return 'The meeting is final and locked; its minutes can no longer change.';
  const next = ALLOWED[from].join(' or ');
  return `A ${from} meeting can move only to ${next}, not to ${to}.`;
}
