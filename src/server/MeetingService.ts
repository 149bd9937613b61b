/**
 * Meetings and their operation logs, within the caller's tenant and as their committee role
 * allows. Every change, the meeting's creation and settings included, is an op appended to the
 * log through one check (src/domain/appendRules.ts) run inside the store's transaction with the
 * meeting as it stands: roles per op, the rules routes and ops share, the final lock.
 */
import { randomUUID } from 'node:crypto';
import {
  checkAppend,
  checkOperationRoles,
  DomainError,
  emptyMeetingState,
  meetingSettingsChange,
  meetingSettingsPatchSchema,
  meetingView,
  newMeetingFields,
  newMeetingSchema,
  parseOperationBatch,
  toProblems,
  type AppendContext,
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
import type { AppendGuard, AppendOutcome, MeetingRecord, Store } from '../store';
import { refuseUnless, type CommitteeAccess, type Standing } from './CommitteeAccess';
import type { CommitteeService } from './CommitteeService';
import type { Identity } from './Identity';
import type { MeetingStateCache } from './MeetingStateCache';
import type { OpFeed } from './OpFeed';

export const MAX_OPS_PAGE = 1000;
/** Appends retried when the meeting moved between folding it and the store's transaction. */
const MAX_APPEND_ATTEMPTS = 8;

/** A meeting the caller may act on, with its committee and the caller's standing there. */
export interface AuthorizedMeeting {
  meeting: MeetingRecord;
  committee: Committee;
  standing: Standing;
}

/** Thrown inside the guard when the folded state is behind the stored meeting: fold and retry. */
class StaleState extends Error {}

export class MeetingService {
  constructor(
    private readonly store: Store,
    private readonly committees: CommitteeService,
    private readonly access: CommitteeAccess,
    private readonly states: MeetingStateCache,
    private readonly feed: OpFeed,
    private readonly now: () => Date,
  ) {}

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
    const guard = this.guard(identity, committee, standing, emptyMeetingState(id), [op]);
    let outcome: AppendOutcome;
    try {
      outcome = await this.store.createMeeting(
        {
          id,
          tenantId: identity.tenantId,
          committeeId: committee.id,
          createdAt: at,
          createdBy: identity.userId,
        },
        [op],
        guard,
        at,
      );
    } catch (error) {
      // A concurrent retry of the same create got there first: answer as for a repeat.
      const lost = error instanceof DomainError && error.code === 'already_exists';
      const meeting = lost ? await this.store.getMeeting(identity.tenantId, id) : null;
      if (meeting) return { meeting: sameMeeting(meeting, parsed.data), created: false };
      throw explainReference(error, committee, 'create');
    }
    this.feed.publish(identity.tenantId, id, outcome.appended);
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
    return this.append(identity, { meeting, committee, standing }, ops, () => '');
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
    return this.append(identity, located, parsed.value);
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

  private async append(
    identity: Identity,
    { meeting, committee, standing }: AuthorizedMeeting,
    ops: NewOperation[],
    payloadPath?: AppendContext['payloadPath'],
  ): Promise<AppendOutcome> {
    if (standing.role === null) {
      // Refused before the store is asked, so not even a repeated op id is answered.
      checkOperationRoles(this.roleCheckContext(identity, committee, standing, meeting), ops);
    }
    for (let attempt = 1; ; attempt += 1) {
      const state = await this.states.current(identity.tenantId, meeting.id);
      try {
        const outcome = await this.store.appendOperations(
          identity.tenantId,
          meeting.id,
          ops,
          this.guard(identity, committee, standing, state, ops, payloadPath),
          this.now().toISOString(),
        );
        this.feed.publish(identity.tenantId, meeting.id, outcome.appended);
        return outcome;
      } catch (error) {
        if (error instanceof StaleState && attempt < MAX_APPEND_ATTEMPTS) continue;
        if (error instanceof StaleState) {
          throw new DomainError(
            'version_conflict',
            'The meeting is changing too fast to save this batch; send it again.',
          );
        }
        throw explainReference(error, committee, 'change');
      }
    }
  }

  /**
   * The store's guard: the domain's check with the meeting as stored inside the transaction and
   * its state folded up to exactly that meeting's last seq (else the state is stale: retry).
   */
  private guard(
    identity: Identity,
    committee: Committee,
    standing: Standing,
    state: MeetingState,
    batch: readonly NewOperation[],
    payloadPath?: AppendContext['payloadPath'],
  ): AppendGuard {
    const position = new Map<string, number>();
    batch.forEach((op, index) => {
      if (!position.has(op.id)) position.set(op.id, index);
    });
    return (stored, fresh) => {
      if (stored.lastSeq !== state.seq) throw new StaleState();
      return checkAppend(
        {
          meeting: stored,
          state,
          committee,
          caller: { userId: identity.userId, role: standing.role },
          owners: standing.owners,
          opIndexOf: (index) => position.get(fresh[index]?.id ?? '') ?? index,
          ...(payloadPath ? { payloadPath } : {}),
        },
        fresh,
      );
    };
  }

  private roleCheckContext(
    identity: Identity,
    committee: Committee,
    standing: Standing,
    meeting: MeetingRecord,
  ): AppendContext {
    return {
      meeting,
      state: emptyMeetingState(meeting.id),
      committee,
      caller: { userId: identity.userId, role: standing.role },
      owners: standing.owners,
    };
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

/** The store holds references atomically; here its refusal gets the committee's sentence. */
function explainReference(
  error: unknown,
  committee: Committee,
  doing: 'create' | 'change',
): unknown {
  if (!(error instanceof DomainError) || error.code !== 'duplicate_reference') return error;
  const details = (error.details ?? {}) as { reference?: unknown; meetingId?: unknown };
  const reference = typeof details.reference === 'string' ? details.reference : 'this reference';
  const other = typeof details.meetingId === 'string' ? ` (meeting "${details.meetingId}")` : '';
  const advice =
    doing === 'create'
      ? 'open that meeting, or give this one another number or date'
      : 'choose another number, date or reference';
  return new DomainError(
    'duplicate_reference',
    `${committee.name} already has a meeting ${reference}${other}; ${advice}.`,
    error.details,
  );
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
