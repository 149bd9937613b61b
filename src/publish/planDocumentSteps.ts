/**
 * Planning the meeting-level steps: the document (a new version each publish, at the path of the
 * first), its library columns (when they changed), and the announcements, the chat post and the
 * e-mail, once per announcement number: the first publish makes announcement 1, a later one
 * makes the next only when the secretary asks (`announceAgain`); a resumed run keeps its own.
 */
import { PlanContext, strings } from './PlanContext';
import { announcementOf, markerOf, publishKeys } from './publishKeys';
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
  plan.add({
    key,
    kind: 'document.upload',
    label,
    dependsOn: [],
    identity: 'files',
    driveId: library.driveId,
    // Fixed by the first publish: links already sent out keep working.
    path:
      strings(plan.resultOf(key)?.path) ??
      documentPath(library.folder, meetingYear(view), minutes.fileName),
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
      marker: markerOf(key),
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
      marker: markerOf(key),
      attachmentName: `${minutes.fileName}.docx`,
      announcementNo: mail.no,
      ...links,
    });
    plan.add({
      key,
      kind: 'mail.send',
      label: `E-mail the minutes to ${settings.distributionList.length} recipients`,
      dependsOn: [draftKey],
      identity: 'delegated',
      draftKey,
      announcementNo: mail.no,
    });
  }
}

/** The announcement number to make, or null (with the last one made) when none is due. */
function announcement(
  plan: PlanContext,
  prefix: 'chat' | 'mail',
): { no: number | null; lastDone: number } {
  const done = [...plan.earlier.keys()].map((key) => announcementOf(key, prefix) ?? 0);
  const lastDone = Math.max(0, ...done);
  const inRun = plan.thisRun
    .map((step) => announcementOf(step.key, prefix))
    .find((n): n is number => n !== null);
  if (inRun !== undefined) return { no: inRun, lastDone };
  if (lastDone === 0) return { no: 1, lastDone };
  return { no: plan.options.announceAgain ? lastDone + 1 : null, lastDone };
}

function sameValues(before: unknown, now: Record<string, unknown>): boolean {
  if (typeof before !== 'object' || before === null) return false;
  const old = before as Record<string, unknown>;
  const keys = new Set([...Object.keys(old), ...Object.keys(now)]);
  return [...keys].every((key) => JSON.stringify(old[key]) === JSON.stringify(now[key]));
}
