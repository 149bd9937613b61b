/**
 * Planning the meeting-level steps: the document (a new version each publish, at the path of the
 * first), its library columns (when they changed), and the announcements, the chat post and the
 * e-mail, once per announcement number: the first publish makes announcement 1, a later one
 * makes the next only when the secretary asks (`announceAgain`); a resumed run keeps its own, and
 * a run that takes over from an unfinished one finishes the announcement that one began.
 */
import { PlanContext, strings } from './PlanContext';
import type { PublishStepRecord } from '../store';
import { announcementOf, publishKeys } from './publishKeys';
import { documentPath, libraryFields, meetingYear } from './publishValues';

export function planDocumentSteps(plan: PlanContext): void {
  const { view, committee, minutes, meetingId: m } = plan;
  const key = publishKeys.document(m);
  const library = committee.publishing.documentLibrary;
  const label = `Upload ${minutes.fileName}.docx`;
  if (!library) {
    plan.skip(key, 'document.upload', label, 'No document library is configured.');
    return;
  }
  const made = plan.resultOf(key);
  plan.add({
    key,
    kind: 'document.upload',
    label,
    dependsOn: [],
    identity: 'files',
    driveId: library.driveId,
    // Fixed by the first publish: links already sent out keep working.
    path: strings(made?.path) ?? documentPath(library.folder, meetingYear(view), minutes.fileName),
    existingItemId: typeof made?.itemId === 'string' ? made.itemId : null,
  });
  plan.documentKey = key;

  const columnsKey = publishKeys.columns(m);
  const columnsLabel = 'Set the library columns';
  const fields = libraryFields(view, committee);
  const before = plan.resultOf(columnsKey)?.fields;
  if (Object.keys(fields).length === 0) {
    plan.skip(columnsKey, 'document.columns', columnsLabel, 'No columns are named.');
  } else if (before !== undefined && sameValues(before, fields)) {
    // SharePoint would record a version for them: only when they change.
    plan.skip(columnsKey, 'document.columns', columnsLabel, 'Unchanged since the last publish.');
  } else {
    plan.add({
      key: columnsKey,
      kind: 'document.columns',
      label: columnsLabel,
      dependsOn: [key],
      identity: 'files',
      driveId: library.driveId,
      documentKey: key,
      fields,
    });
  }
}

export function planAnnouncementSteps(plan: PlanContext): void {
  const { view, minutes, meetingId: m } = plan;
  const settings = plan.committee.publishing;
  const already = (what: string) =>
    `Already ${what} by an earlier publish; choose "announce again" to do it anew.`;

  const chat = announcement(plan, 'chat');
  const chatLabel = 'Post the minutes to the meeting chat';
  const chatId = view.meeting.teamsChatId;
  if (chat.no === null) {
    plan.skip(publishKeys.chat(m, chat.lastDone), 'chat.post', chatLabel, already('posted'));
  } else if (!chatId) {
    plan.skip(
      publishKeys.chat(m, chat.no),
      'chat.post',
      chatLabel,
      'The meeting has no Teams chat.',
    );
  } else {
    const key = publishKeys.chat(m, chat.no);
    const links = plan.link();
    plan.add({
      key,
      kind: 'chat.post',
      label: chatLabel,
      dependsOn: PlanContext.after(links),
      identity: 'delegated',
      chatId,
      marker: plan.marker(key),
      announcementNo: chat.no,
      ...links,
    });
  }

  const mail = announcement(plan, 'mail');
  const mailLabel = 'E-mail the minutes';
  if (mail.no === null) {
    plan.skip(publishKeys.mail(m, mail.lastDone), 'mail.send', mailLabel, already('e-mailed'));
  } else if (settings.distributionList.length === 0) {
    plan.skip(
      publishKeys.mail(m, mail.no),
      'mail.send',
      mailLabel,
      'The distribution list is empty.',
    );
  } else {
    const key = publishKeys.mail(m, mail.no);
    const draftKey = publishKeys.mailDraft(m, mail.no);
    const links = plan.link();
    plan.add({
      key: draftKey,
      kind: 'mail.draft',
      label: 'Prepare the minutes e-mail',
      dependsOn: PlanContext.after(links),
      identity: 'delegated',
      to: settings.distributionList.map((address) => ({ address })),
      subject: `${minutes.title.groupName} ${minutes.title.status}: ${view.meeting.reference}`,
      marker: plan.marker(key),
      attachmentName: `${minutes.fileName}.docx`,
      announcementNo: mail.no,
      begunEarlier: mail.begunEarlier,
      ...links,
    });
    plan.add({
      key,
      kind: 'mail.send',
      label: `E-mail the minutes to ${settings.distributionList.length} recipients`,
      dependsOn: [draftKey],
      identity: 'delegated',
      draftKey,
      marker: plan.marker(key),
      announcementNo: mail.no,
    });
  }
}

/** The prefixes of an announcement's keys, and the one whose done record finishes it. */
const ANNOUNCEMENT = {
  chat: { prefixes: ['chat'], last: 'chat' },
  mail: { prefixes: ['mail-draft', 'mail'], last: 'mail' },
} as const;

/**
 * The announcement number to make, or null (with the last one made) when none is due. A resumed
 * run makes the one it began; a run taking over from an unfinished one makes the one that run
 * began and did not finish (`begunEarlier`).
 */
function announcement(
  plan: PlanContext,
  kind: 'chat' | 'mail',
): { no: number | null; lastDone: number; begunEarlier: boolean } {
  const { prefixes, last } = ANNOUNCEMENT[kind];
  const done = [...plan.earlier.keys()].map((key) => announcementOf(key, last) ?? 0);
  const lastDone = Math.max(0, ...done);
  const begun = (records: readonly PublishStepRecord[]) =>
    records
      .flatMap((step) => prefixes.map((prefix) => announcementOf(step.key, prefix)))
      .find((n): n is number => n !== null && !plan.earlier.has(key(plan, last, n)));
  const inRun = begun(plan.thisRun);
  if (inRun !== undefined) return { no: inRun, lastDone, begunEarlier: false };
  const taken = begun(plan.superseded);
  if (taken !== undefined) return { no: taken, lastDone, begunEarlier: true };
  if (lastDone === 0) return { no: 1, lastDone, begunEarlier: false };
  return { no: plan.options.announceAgain ? lastDone + 1 : null, lastDone, begunEarlier: false };
}

function key(plan: PlanContext, kind: 'chat' | 'mail', n: number): string {
  return kind === 'chat'
    ? publishKeys.chat(plan.meetingId, n)
    : publishKeys.mail(plan.meetingId, n);
}

function sameValues(before: unknown, now: Record<string, unknown>): boolean {
  if (typeof before !== 'object' || before === null) return false;
  const old = before as Record<string, unknown>;
  const keys = new Set([...Object.keys(old), ...Object.keys(now)]);
  return [...keys].every((key) => JSON.stringify(old[key]) === JSON.stringify(now[key]));
}
