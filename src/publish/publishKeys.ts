/**
 * Idempotency keys of publish steps and the markers that carry them into Microsoft 365. A key
 * names the object a step makes or updates (the meeting's document, an action's Planner task), so
 * it is the same on every run and every retry; the ledger pairs it with the run.
 *
 * A marker is the key with the tenant in front: it is what a lookup in Microsoft 365 matches (the
 * chat post's "Ref" line, the mail's `x-minutebook-key`, the register row's `MinutebookKey`
 * column, the Planner task's description, the To Do linked resource's `externalId`). A key holds
 * the meeting's id, a marker the tenant and the meeting: no meeting can take another's object for
 * its own, even when both have the same reference and action IDs.
 */
import { createHash } from 'node:crypto';

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

/** What the chat and mail modules accept as a marker (and a mail comment cannot hold "--"). */
const MARKER = /^[A-Za-z0-9._:/-]{4,120}$/;

/**
 * The marker written into Microsoft 365 for a key of a tenant's meeting: readable
 * (`minutebook:{tenant}:{key}`) when it fits the 120 characters and the characters markers allow,
 * else `minutebook:h:` and a SHA-256 of the two, which is just as unique.
 */
export function markerOf(tenantId: string, key: string): string {
  const readable = `minutebook:${tenantId}:${key}`;
  if (MARKER.test(readable) && !readable.includes('--')) return readable;
  const digest = createHash('sha256').update(`${tenantId}\n${key}`).digest('base64url');
  return `minutebook:h:${digest.replace(/-/g, '.')}`;
}

/** The announcement number in a chat or mail key ("chat:m:2" → 2), or null for other keys. */
export function announcementOf(key: string, prefix: 'chat' | 'mail' | 'mail-draft'): number | null {
  if (!key.startsWith(`${prefix}:`)) return null;
  const last = key.slice(key.lastIndexOf(':') + 1);
  return /^\d+$/.test(last) ? Number(last) : null;
}
