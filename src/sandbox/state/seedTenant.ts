/**
 * The seeded tenant: invented people of an operations group, one Teams meeting (OPSG_41_2501)
 * with its chat, calendar events and an attendance report, a SharePoint site with a document
 * library and an action-register list, a Planner plan with buckets, and To Do lists per user.
 * Ids come from a seeded factory, so they are the same on every run.
 */
import { createSeededIds, type IdFactory } from '../core/ids';
import type { SandboxState, SandboxUser } from './SandboxState';
import { seedMeeting } from './seedMeeting';
import { seedWork } from './seedWork';

export interface SeedOptions {
  /** Seed of the id factory; the same seed gives the same ids. */
  idSeed?: string;
  /** Attendance records in the meeting's report (default 12, more than a page of 10). */
  attendanceRecords?: number;
  /** Meeting start, ISO with zone; default 2025-01-27T13:20:00Z. */
  meetingStart?: string;
}

export interface SeedInfo {
  tenantId: string;
  /** The meeting organizer and Minutebook's default `/me`: the committee secretary. */
  organizer: SandboxUser;
  users: SandboxUser[];
  meeting: {
    id: string;
    subject: string;
    joinWebUrl: string;
    chatId: string;
    calendarEventId: string;
    reportId: string;
    startDateTime: string;
    endDateTime: string;
  };
  site: { id: string; driveId: string; libraryListId: string; actionListId: string };
  plan: { id: string; openBucketId: string; closedBucketId: string };
  /** Each user's default To Do list ("Tasks"). */
  todoListIds: Record<string, string>;
}

export const SEED_PEOPLE: readonly (Omit<SandboxUser, 'id' | 'userPrincipalName'> & {
  key: string;
})[] = [
  {
    key: 'secretary',
    displayName: 'Ines Carvalho',
    mail: 'ines.carvalho@csec.example',
    jobTitle: 'Meeting Secretary',
  },
  {
    key: 'chair',
    displayName: 'Harriet Cole',
    mail: 'harriet.cole@members.example',
    jobTitle: 'Chair',
  },
  { key: 'operator', displayName: 'Owen Pryce', mail: 'owen.pryce@members.example' },
  { key: 'network', displayName: 'Priya Natarajan', mail: 'priya.natarajan@members.example' },
  { key: 'large', displayName: 'Fiona Marsh', mail: 'fiona.marsh@members.example' },
  { key: 'network2', displayName: 'Callum Reid', mail: 'callum.reid@members.example' },
  { key: 'cds', displayName: 'Megan Ross', mail: 'megan.ross@cds.example' },
  { key: 'cds2', displayName: 'Olu Adeyemi', mail: 'olu.adeyemi@cds.example' },
];

export function seedTenant(state: SandboxState, options: SeedOptions = {}): SeedInfo {
  const ids: IdFactory = createSeededIds(options.idSeed ?? 'minutebook-sandbox');
  state.tenantId = ids.guid();
  const users = SEED_PEOPLE.map(({ key: _key, ...person }) => {
    const user: SandboxUser = { id: ids.guid(), userPrincipalName: person.mail, ...person };
    state.users.set(user.id, user);
    return user;
  });
  const organizer = users[0]!;
  const meeting = seedMeeting(state, ids, users, {
    start: options.meetingStart ?? '2025-01-27T13:20:00Z',
    records: options.attendanceRecords ?? 12,
  });
  const work = seedWork(state, ids, users);
  return { tenantId: state.tenantId, organizer, users, meeting, ...work };
}
