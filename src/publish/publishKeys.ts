/**
 * Idempotency keys of publish steps and the markers that carry them into Microsoft 365. A key
 * names the object a step makes or updates (the meeting's document, an action's Planner task), so
 * it is the same on every run and every retry; the ledger pairs it with the run.
 *
 * Meeting and action ids are entity ids (letters, digits, `_ . : -`), so keys and markers stay
 * inside the characters Graph modules accept for chat and mail markers.
 */

export const publishKeys = {
  document: (meetingId: string) => `doc:${meetingId}`,
  columns: (meetingId: string) => `columns:${meetingId}`,
  chat: (meetingId: string, announcementNo: number) => `chat:${meetingId}:${announcementNo}`,
  mailDraft: (meetingId: string, announcementNo: number) =>
    `mail-draft:${meetingId}:${announcementNo}`,
  mail: (meetingId: string, announcementNo: number) => `mail:${meetingId}:${announcementNo}`,
  row: (meetingId: string, actionEntityId: string) => `row:${meetingId}:${actionEntityId}`,
  task: (meetingId: string, actionEntityId: string) => `task:${meetingId}:${actionEntityId}`,
  taskDetails: (meetingId: string, actionEntityId: string) =>
    `task-details:${meetingId}:${actionEntityId}`,
  todo: (meetingId: string, actionEntityId: string, contactId: string) =>
    `todo:${meetingId}:${actionEntityId}:${contactId}`,
} as const;

/** The marker written into Microsoft 365 for a key: in a chat post, a mail, a To Do link. */
export function markerOf(key: string): string {
  const marker = `minutebook:${key}`.replace(/[^A-Za-z0-9._:/-]/g, '-');
  // Graph modules accept 4-120 characters; entity ids are at most 80, so this only guards.
  return marker.length <= 120 ? marker : marker.slice(0, 120);
}

/** The announcement number in a chat or mail key ("chat:m:2" → 2), or null for other keys. */
export function announcementOf(key: string, prefix: 'chat' | 'mail'): number | null {
  if (!key.startsWith(`${prefix}:`)) return null;
  const last = key.slice(key.lastIndexOf(':') + 1);
  return /^\d+$/.test(last) ? Number(last) : null;
}
