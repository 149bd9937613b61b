/**
 * What the Publish panel says while a run goes: "Step 3 of 25: Creating the Planner task for
 * OPSG 41/01…". Each step kind has a phrase; the step's own label adds what it is about. Pure.
 */
import type { PublishProgressEvent } from '../../../contract/graphApi';

const DOING: Record<string, string> = {
  'document.upload': 'Uploading the minutes',
  'document.columns': 'Setting the minutes’ library columns',
  'chat.post': 'Posting the minutes to the meeting chat',
  'mail.draft': 'Preparing the e-mail',
  'mail.send': 'E-mailing the minutes',
  'register.upsert': 'Writing the action register row',
  'planner.upsert': 'Saving the Planner task',
  'planner.details': 'Describing the Planner task',
  'todo.upsert': 'Setting a To Do reminder',
};

/** "OPSG 41/01" and people named in a label, for the phrase: "for OPSG 41/01". */
function subjectOf(event: Pick<PublishProgressEvent, 'kind' | 'label'>): string {
  if (event.kind === 'todo.upsert') {
    const match = /^Reminder for (.+) on (.+)$/.exec(event.label);
    return match ? ` (${match[1]}, ${match[2]})` : '';
  }
  const action = /\bfor (.+)$/.exec(event.label);
  return action && event.kind !== 'mail.send' ? ` (${action[1]})` : '';
}

export function progressSentence(
  event: Pick<PublishProgressEvent, 'step' | 'of' | 'kind' | 'label' | 'status'>,
): string {
  const doing = DOING[event.kind] ?? event.label;
  const retrying = event.status === 'retrying' ? ', trying again' : '';
  return `Step ${event.step} of ${event.of}: ${doing}${subjectOf(event)}${retrying}…`;
}
