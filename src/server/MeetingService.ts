/**
 * Meetings and their operation logs, within the caller's tenant and as their committee role
 * allows. Every change, the meeting's creation and settings included, is an op appended to the
 * log (MeetingLog) through one check (src/domain/appendRules.ts) run inside the store's
 * transaction with the meeting as it stands: roles per op, the rules routes and ops share, the
 * final lock.
 */
import { randomUUID } from 'node:crypto';
import {
  DomainError,
  meetingSettingsChange,
  meetingSettingsPatchSchema,
  meetingView,
  newMeetingFields,
  newMeetingSchema,
  parseOperationBatch,
  toProblems,
  type Committee,
  type CommitteeAction,
  type MeetingFieldsPatch,
  type MeetingState,
  type MeetingView,
  type NewMeetingInput,
  type NewOperation,
  type StoredOperation,
  type ValidationProblem,
} from '../domain';
import type { AppendOutcome, MeetingRecord, Store } from '../store';
import { refuseUnless, type CommitteeAccess, type Standing } from './CommitteeAccess';
import type { CommitteeService } from './CommitteeService';
import type { Identity } from './Identity';
import type { MeetingStateCache } from './MeetingStateCache';
import { MeetingLog } from './MeetingLog';
import type { OpFeed } from './OpFeed';

export const MAX_OPS_PAGE = 1000;

/** A meeting the caller may act on, with its committee and the caller's standing there. */
export interface AuthorizedMeeting {
  meeting: MeetingRecord;
  committee: Committee;
  standing: Standing;
}

export class MeetingService {
  private readonly log: MeetingLog;

  constructor(
    private readonly store: Store,
    private readonly committees: CommitteeService,
    private readonly access: CommitteeAccess,
    private readonly states: MeetingStateCache,
    feed: OpFeed,
    private readonly now: () => Date,
  ) {
    this.log = new MeetingLog(store, states, feed, now);
  }

  async create(
    identity: Identity,
    body: unknown,
  ): Promise<{ meeting: MeetingRecord; created: boolean }> {
    const parsed = newMeetingSchema.safeParse(body);
    if (!parsed.success) throw invalid(toProblems(parsed.error, ''));
    const committee = await this.committees.find(identity.tenantId, parsed.data.committeeId);
    const standing = await this.access.demand(identity, committee, 'meeting.create');
    const id = parsed.data.id ?? randomUUID();
    const existing = await this.store.getMeeting(identity.tenantId, id);
    if (existing) return { meeting: sameMeeting(existing, parsed.data), created: false };
    const op = this.serverOp(identity, id, newMeetingFields(committee, parsed.data));
    const at = this.now().toISOString();
    const record = {
      id,
      tenantId: identity.tenantId,
      committeeId: committee.id,
      createdAt: at,
      createdBy: identity.userId,
    };
    try {
      await this.log.create({ identity, committee, standing }, record, op);
    } catch (error) {
      // A concurrent retry of the same create got there first: answer as for a repeat.
      const lost = error instanceof DomainError && error.code === 'already_exists';
      const meeting = lost ? await this.store.getMeeting(identity.tenantId, id) : null;
      if (meeting) return { meeting: sameMeeting(meeting, parsed.data), created: false };
      throw error;
    }
    return { meeting: await this.require(identity, id), created: true };
  }

  /**
   * The meetings of the committees the caller holds a role on. Archived ones only when asked,
   * and only of committees the caller owns (403 when asked for one committee they do not own).
   */
  async list(
    identity: Identity,
    filter: { committeeId?: string; includeArchived?: boolean } = {},
  ): Promise<MeetingRecord[]> {
    const roles = await this.access.rolesOf(identity);
    const { committeeId, includeArchived = false } = filter;
    if (committeeId !== undefined) {
      if (!roles.has(committeeId)) return [];
      if (includeArchived) {
        const committee = await this.committees.find(identity.tenantId, committeeId);
        await this.access.demand(identity, committee, 'meeting.listArchived');
      }
    }
    const meetings = await this.store.listMeetings(identity.tenantId, {
      ...(committeeId !== undefined ? { committeeId } : {}),
      includeArchived,
    });
    return meetings.filter((meeting) => {
      const role = roles.get(meeting.committeeId);
      return role !== undefined && (meeting.archivedAt === null || role === 'owner');
    });
  }

  /**
   * The meeting, its committee and the caller's standing, if they may do `action` on it: 404 for
   * an unknown meeting (also another tenant's, which must stay invisible), 403 for a role short
   * of what the action needs.
   */
  async authorize(
    identity: Identity,
    meetingId: string,
    action: CommitteeAction = 'meeting.read',
  ): Promise<AuthorizedMeeting> {
    const located = await this.locate(identity, meetingId);
    refuseUnless(located.standing, located.committee, action);
    return located;
  }

  /** The meeting, its committee and the caller's standing, whatever it allows; 404 if unknown. */
  private async locate(identity: Identity, meetingId: string): Promise<AuthorizedMeeting> {
    const meeting = await this.store.getMeeting(identity.tenantId, meetingId);
    if (!meeting) throw new DomainError('not_found', `There is no meeting "${meetingId}".`);
    const committee = await this.committees.find(identity.tenantId, meeting.committeeId);
    const standing = await this.access.standing(identity, committee.id);
    return { meeting, committee, standing };
  }

  /** The meeting row, if the caller may do `action` on it (see authorize). */
  async require(
    identity: Identity,
    meetingId: string,
    action: CommitteeAction = 'meeting.read',
  ): Promise<MeetingRecord> {
    return (await this.authorize(identity, meetingId, action)).meeting;
  }

  async view(identity: Identity, meetingId: string): Promise<MeetingView> {
    return (await this.viewWithCommittee(identity, meetingId)).view;
  }

  /** The meeting's view and the committee it was made with (renderers need both). */
  async viewWithCommittee(
    identity: Identity,
    meetingId: string,
  ): Promise<{ view: MeetingView; committee: Committee }> {
    const { view, committee } = await this.context(identity, meetingId);
    return { view, committee };
  }

  /**
   * The view for a signed minutes link: the signature is the authorisation (links are issued
   * only to members), so no role is checked; the tenant still scopes the meeting.
   */
  async viewForSignedLink(
    tenantId: string,
    meetingId: string,
  ): Promise<{ view: MeetingView; committee: Committee }> {
    const meeting = await this.store.getMeeting(tenantId, meetingId);
    if (!meeting) throw new DomainError('not_found', `There is no meeting "${meetingId}".`);
    const committee = await this.committees.find(tenantId, meeting.committeeId);
    const state = await this.states.current(tenantId, meetingId);
    return { view: meetingView(state, committee), committee };
  }

  /** Everything known about the meeting: its row, folded state, view and committee. */
  async context(
    identity: Identity,
    meetingId: string,
    action: CommitteeAction = 'meeting.read',
  ): Promise<{
    meeting: MeetingRecord;
    state: MeetingState;
    view: MeetingView;
    committee: Committee;
  }> {
    const { meeting, committee } = await this.authorize(identity, meetingId, action);
    const state = await this.states.current(identity.tenantId, meetingId);
    return { meeting, state, view: meetingView(state, committee), committee };
  }

  async updateSettings(
    identity: Identity,
    meetingId: string,
    body: unknown,
  ): Promise<AppendOutcome> {
    const parsed = meetingSettingsPatchSchema.safeParse(body);
    if (!parsed.success) throw invalid(toProblems(parsed.error, ''));
    const { meeting, committee, standing } = await this.authorize(
      identity,
      meetingId,
      'meeting.settings',
    );
    const payload = meetingSettingsChange(committee, meeting.summary, parsed.data);
    const ops = [this.serverOp(identity, meetingId, payload)];
    // The op is the route's own: problems name the body's fields, not ops[0].payload's.
    return this.log.append({ identity, committee, standing }, meeting, ops, () => '');
  }

  async appendBatch(identity: Identity, meetingId: string, body: unknown): Promise<AppendOutcome> {
    // Each op's role is checked by the append (a member may send their own apologies).
    const located = await this.locate(identity, meetingId);
    const parsed = parseOperationBatch(body, meetingId, identity.userId);
    if (!parsed.ok) {
      const tooMany = parsed.problems.some((p) => p.path === 'ops' && /at most/.test(p.message));
      if (tooMany)
        throw new DomainError('too_many_ops', `ops: ${parsed.problems[0]?.message ?? ''}.`);
      throw invalid(parsed.problems);
    }
    const { meeting, committee, standing } = located;
    return this.log.append({ identity, committee, standing }, meeting, parsed.value);
  }

  async readOperations(
    identity: Identity,
    meetingId: string,
    after: number,
    limit: number,
  ): Promise<StoredOperation[]> {
    await this.authorize(identity, meetingId, 'meeting.read');
    return this.store.readOperations(
      identity.tenantId,
      meetingId,
      after,
      Math.min(limit, MAX_OPS_PAGE),
    );
  }

  /**
   * Archives the meeting (owners): it keeps its log, leaves lists and takes no more ops. Its
   * reference is freed for another meeting only if it was never published (no publish step
   * done), since published minutes, tasks and register rows carry it.
   */
  async archive(
    identity: Identity,
    meetingId: string,
  ): Promise<{ meeting: MeetingRecord; referenceFreed: boolean }> {
    await this.authorize(identity, meetingId, 'meeting.archive');
    const steps = await this.store.listPublishSteps(identity.tenantId, meetingId);
    const published = steps.some((step) => step.status === 'done');
    const meeting = await this.store.archiveMeeting(
      identity.tenantId,
      meetingId,
      this.now().toISOString(),
      { freeReference: !published },
    );
    return { meeting, referenceFreed: !published };
  }

  /** Null when the caller may publish the meeting; else the sentence saying why not. */
  async publishRefusal(
    identity: Identity,
    meeting: MeetingRecord,
    committee: Committee,
  ): Promise<string | null> {
    try {
      await this.demandPublish(identity, meeting, committee);
      return null;
    } catch (error) {
      if (error instanceof DomainError) return error.message;
      throw error;
    }
  }

  /** 403 unless the caller is an owner of the meeting's committee; 409 for an archived meeting. */
  async demandPublish(
    identity: Identity,
    meeting: MeetingRecord,
    committee: Committee,
  ): Promise<void> {
    refuseUnless(await this.access.standing(identity, committee.id), committee, 'publish.start');
    if (meeting.archivedAt !== null) {
      throw new DomainError(
        'meeting_archived',
        `Meeting ${meeting.summary.reference || meeting.id} was archived, so it can no longer be published.`,
      );
    }
  }

  private serverOp(
    identity: Identity,
    meetingId: string,
    payload: MeetingFieldsPatch,
  ): NewOperation {
    return {
      id: randomUUID(),
      meetingId,
      actor: identity.userId,
      clientTime: this.now().toISOString(),
      type: 'meeting.update',
      payload,
    };
  }
}

/** A repeated create is answered with the meeting it made, but only if it asks for the same one. */
function sameMeeting(existing: MeetingRecord, input: NewMeetingInput): MeetingRecord {
  const same =
    existing.committeeId === input.committeeId &&
    existing.summary.number === input.number &&
    existing.summary.date === input.date;
  if (same) return existing;
  throw new DomainError(
    'already_exists',
    `A meeting with id "${existing.id}" already exists with another committee, number or date; choose another id.`,
  );
}

function invalid(problems: ValidationProblem[]): DomainError {
  const first = problems[0];
  const where = first?.path ? `${first.path}: ` : '';
  return new DomainError('validation_failed', `${where}${first?.message ?? 'is invalid'}.`, {
    problems,
  });
}
