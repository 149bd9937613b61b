/**
 * What publishing writes, computed from the meeting and the committee: the document's path and
 * library columns, an action's register row, its Planner title and due date, its description,
 * and the dates of a To Do reminder. Pure; time zones through Intl only.
 */
import type { ActionView, CommitteeSettings, MeetingView } from '../domain';
import type { MinutesDocument } from '../minutes';
import type { DateTimeTimeZone, FieldValue } from './PublishPlan';

/** Register columns by internal name, as the committee's "Action Register" list has them. */
export const REGISTER_COLUMNS = {
  title: 'Title',
  actionId: 'ActionId',
  text: 'ActionText',
  owner: 'Owner',
  raised: 'DateRaised',
  due: 'TargetDate',
  status: 'Status',
  meeting: 'MeetingReference',
  /** Minutebook's marker of the row (tenant, meeting, action): how it finds its own rows. */
  key: 'MinutebookKey',
} as const;

/** When an action is due in the owner's day: Planner keeps an instant, so it needs a time. */
export const DUE_TIME = '17:00';
export const REMINDER_TIME = '09:00';

const MINUTES_STATUS = { draft: 'Draft', circulated: 'Draft', final: 'Final' } as const;
const TITLE_LIMIT = 255;

/** "{folder}/{year}/{fileName}.docx" as segments, with what SharePoint refuses replaced. */
export function documentPath(folder: string, year: string, fileName: string): string[] {
  const clean = (part: string) =>
    part
      .replace(/[\\/:*?"<>|#%]/g, '-')
      .replace(/^\s+/, '')
      .replace(/[. ]+$/, '') || '-';
  return [
    ...folder
      .split('/')
      .filter((part) => part !== '')
      .map(clean),
    clean(year),
    `${clean(fileName)}.docx`,
  ];
}

/** The year folder: the meeting's date, else its start. */
export function meetingYear(view: MeetingView): string {
  const from = view.meeting.date ?? view.meeting.startsAt;
  return from ? from.slice(0, 4) : 'Undated';
}

/** Library columns the committee asked for, by their internal names; none when none are set. */
export function libraryFields(
  view: MeetingView,
  committee: CommitteeSettings,
): Record<string, FieldValue> {
  const names = committee.publishing.documentLibrary?.columns ?? {};
  const level = view.meeting.classification ?? committee.classification.level;
  const fields: Record<string, FieldValue> = {};
  if (names.reference) fields[names.reference] = view.meeting.reference;
  if (names.meetingDate && view.meeting.date)
    fields[names.meetingDate] = `${view.meeting.date}T00:00:00Z`;
  if (names.classification)
    fields[names.classification] = level.charAt(0) + level.slice(1).toLowerCase();
  if (names.status) fields[names.status] = MINUTES_STATUS[view.meeting.status];
  return fields;
}

export function ownerNames(action: ActionView): string {
  return action.owners.map((owner) => owner.name).join('/');
}

/**
 * The register row. On an update the status is left to the register (an action closed there at a
 * later meeting must not reopen because the minutes were corrected), unless it was withdrawn.
 */
export function registerFields(
  view: MeetingView,
  action: ActionView,
  mode: 'create' | 'update',
  marker: string,
): Record<string, FieldValue> {
  const c = REGISTER_COLUMNS;
  const fields: Record<string, FieldValue> = {
    [c.title]: action.actionId,
    [c.actionId]: action.actionId,
    [c.text]: action.text,
    [c.owner]: ownerNames(action),
    [c.raised]: view.meeting.date ? `${view.meeting.date}T00:00:00Z` : null,
    [c.due]: action.targetDate ? `${action.targetDate}T00:00:00Z` : null,
    [c.meeting]: view.meeting.reference,
    [c.key]: marker,
  };
  if (mode === 'create' || action.withdrawn)
    fields[c.status] = action.withdrawn ? 'Withdrawn' : 'Open';
  return fields;
}

/** "OPSG 41/01 The CDS to …": Planner and To Do titles start with the action id. */
export function actionTitle(action: ActionView): string {
  const full = action.text.startsWith(action.actionId)
    ? action.text
    : `${action.actionId} ${action.text}`;
  return full.length > TITLE_LIMIT ? `${full.slice(0, TITLE_LIMIT - 1)}…` : full;
}

/** The description's last line: the task's marker, which a lookup of a task in doubt matches. */
export const TASK_MARKER_PREFIX = 'Ref ';

export function taskDescription(
  view: MeetingView,
  action: ActionView,
  minutes: MinutesDocument,
  marker: string,
): string {
  const item = view.agenda.find((entry) => entry.id === action.itemId);
  const where = item ? ` under item ${item.number} (${item.title})` : '';
  const due = action.targetDate ? ` Target date: ${action.targetDate}.` : '';
  const withdrawn = action.withdrawn
    ? `\nWithdrawn${action.withdrawnReason ? `: ${action.withdrawnReason}` : ''}.`
    : '';
  return `${action.text}\n\nOwner: ${ownerNames(action)}. Raised at ${view.meeting.reference}${where}.${due}\nMinutes: ${minutes.fileName}.${withdrawn}\n\n${TASK_MARKER_PREFIX}${marker}`;
}

/** A date's wall time in a zone, as the UTC instant: "2021-02-22", "17:00" → "2021-02-22T17:00:00Z". */
export function zonedInstant(date: string, time: string, timeZone: string): string {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let instant = wall;
  // Twice: the offset at the first guess may differ from the offset at the answer (DST edges).
  for (let pass = 0; pass < 2; pass += 1) instant = wall - offsetAt(instant, timeZone);
  return new Date(instant).toISOString().replace('.000Z', 'Z');
}

function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The To Do dates: due on the target date, reminded `daysBefore` days earlier at 09:00. */
export function todoDates(
  targetDate: string,
  daysBefore: number,
  timeZone: string,
): { dueDateTime: DateTimeTimeZone; reminderDateTime: DateTimeTimeZone } {
  const [year = 1970, month = 1, day = 1] = targetDate.split('-').map(Number);
  const remind = new Date(Date.UTC(year, month - 1, day - daysBefore)).toISOString().slice(0, 10);
  return {
    dueDateTime: { dateTime: `${targetDate}T00:00:00`, timeZone },
    reminderDateTime: { dateTime: `${remind}T${REMINDER_TIME}:00`, timeZone },
  };
}
