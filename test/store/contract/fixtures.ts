/**
 * What the Store contract's sections share: a valid committee, ops parsed as the API parses
 * them (so a store only ever sees valid ops), the summary guard the server uses, and grants.
 */
import { demoCommitteeSettings } from '../../../src/demo/demoCommittee';
import {
  advanceSummary,
  committeeSettingsSchema,
  parseOperation,
  type Committee,
  type CommitteeRole,
  type NewOperation,
  type StoredOperation,
} from '../../../src/domain';
import type { AppendGuard, GrantRecord, MeetingRecord, Store } from '../../../src/store';

export const TENANT = 'tenant-a';
export const OTHER_TENANT = 'tenant-b';
export const COMMITTEE_ID = 'c-opsg';
export const MEETING_ID = 'meeting-1';
export const SERVER_TIME = '2021-01-25T16:00:00.000Z';
export const ACTOR = 'local:ines';

/** Opens a fresh, empty store of the adapter under test. */
export type OpenStore = () => Promise<Store>;

export const settings = committeeSettingsSchema.parse(demoCommitteeSettings);

export function committee(
  tenantId = TENANT,
  id = COMMITTEE_ID,
  extra: Partial<Committee> = {},
): Committee {
  return {
    ...settings,
    id,
    tenantId,
    version: 1,
    createdAt: SERVER_TIME,
    updatedAt: SERVER_TIME,
    ...extra,
  };
}

export function grant(
  userId: string,
  role: CommitteeRole = 'owner',
  committeeId = COMMITTEE_ID,
  tenantId = TENANT,
): GrantRecord {
  return {
    tenantId,
    committeeId,
    userId,
    role,
    displayName: `Name of ${userId}`,
    grantedBy: userId,
    grantedAt: SERVER_TIME,
  };
}

/** Creates the committee with `owner` as its first owner. */
export async function createCommittee(
  store: Store,
  created: Committee = committee(),
  owner = ACTOR,
): Promise<Committee> {
  await store.createCommittee(created, grant(owner, 'owner', created.id, created.tenantId));
  return created;
}

/** The guard the server uses for summaries, without the rules (those are MeetingService's). */
export const guard: AppendGuard = (meeting, fresh) => advanceSummary(meeting.summary, fresh);

export function op(
  id: string,
  type: string,
  payload: unknown,
  meetingId = MEETING_ID,
): NewOperation {
  const result = parseOperation(
    { id, meetingId, clientTime: '2021-01-25T13:20:00Z', type, payload },
    meetingId,
    ACTOR,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

export const note = (id: string, meetingId = MEETING_ID) =>
  op(id, 'note.add', { id: `n-${id}`, itemId: 'i1', text: `note ${id}` }, meetingId);

/** A meeting.update that gives the meeting its reference, as the meeting's first op does. */
export const referenceOp = (id: string, reference: string, meetingId = MEETING_ID) =>
  op(id, 'meeting.update', { number: '41', title: 'Meeting 41', reference }, meetingId);

export async function createMeeting(
  store: Store,
  id = MEETING_ID,
  tenantId = TENANT,
  options: { committeeId?: string; firstOps?: NewOperation[]; createdAt?: string } = {},
): Promise<MeetingRecord> {
  await store.createMeeting(
    {
      id,
      tenantId,
      committeeId: options.committeeId ?? COMMITTEE_ID,
      createdAt: options.createdAt ?? SERVER_TIME,
      createdBy: ACTOR,
    },
    options.firstOps ?? [],
    guard,
    SERVER_TIME,
  );
  const meeting = await store.getMeeting(tenantId, id);
  if (!meeting) throw new Error('meeting not created');
  return meeting;
}

export function readAll(
  store: Store,
  meetingId = MEETING_ID,
  tenantId = TENANT,
): Promise<StoredOperation[]> {
  return store.readOperations(tenantId, meetingId, 0, 1_000_000);
}
