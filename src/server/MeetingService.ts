/**
 * Meetings and their operation logs, within the caller's tenant. Every change, the meeting's
 * creation and settings included, is an op appended to the log; the append guard (run inside the
 * store's transaction) enforces the rules that depend on the meeting as it stands.
 */
import { randomUUID } from 'node:crypto';
import {
  advanceSummary,
  DomainError,
  meetingSettingsChange,
  meetingSettingsPatchSchema,
  meetingView,
  newMeetingFields,
  newMeetingSchema,
  parseOperationBatch,
  statusChangeProblem,
  toProblems,
  type Committee,
  type MeetingFieldsPatch,
  type MeetingState,
  type MeetingStatus,
  type MeetingView,
  type NewMeetingInput,
  type NewOperation,
  type StoredOperation,
  type ValidationProblem,
} from '../domain';
import type { AppendGuard, AppendOutcome, MeetingRecord, Store } from '../store';
import type { CommitteeService } from './CommitteeService';
import type { Identity } from './Identity';
import type { MeetingStateCache } from './MeetingStateCache';
import type { OpFeed } from './OpFeed';

export const MAX_OPS_PAGE = 1000;

export class MeetingService {
  constructor(
    private readonly store: Store,
    private readonly committees: CommitteeService,
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
    const committee = await this.committees.get(identity, parsed.data.committeeId);
    const id = parsed.data.id ?? randomUUID();
    const existing = await this.store.getMeeting(identity.tenantId, id);
    if (existing) return { meeting: sameMeeting(existing, parsed.data), created: false };
    const op = this.serverOp(identity, id, newMeetingFields(committee, parsed.data));
    const at = this.now().toISOString();
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
        guardFor(),
        at,
      );
    } catch (error) {
      // A concurrent retry of the same create got there first: answer as for a repeat.
      const lost = error instanceof DomainError && error.code === 'already_exists';
      const meeting = lost ? await this.store.getMeeting(identity.tenantId, id) : null;
      if (meeting) return { meeting: sameMeeting(meeting, parsed.data), created: false };
      throw error;
    }
    this.feed.publish(identity.tenantId, id, outcome.appended);
    return { meeting: await this.require(identity, id), created: true };
  }

  list(identity: Identity, committeeId?: string): Promise<MeetingRecord[]> {
    return this.store.listMeetings(identity.tenantId, committeeId ? { committeeId } : {});
  }

  /** The meeting row, or 404 — also for another tenant's meeting, which must stay invisible. */
  async require(identity: Identity, meetingId: string): Promise<MeetingRecord> {
    const meeting = await this.store.getMeeting(identity.tenantId, meetingId);
    if (!meeting) throw new DomainError('not_found', `There is no meeting "${meetingId}".`);
    return meeting;
  }

  async view(identity: Identity, meetingId: string): Promise<MeetingView> {
    return (await this.viewWithCommittee(identity, meetingId)).view;
  }

  /** The meeting's view and the committee it was made with (renderers need both). */
  async viewWithCommittee(
    identity: Identity,
    meetingId: string,
  ): Promise<{ view: MeetingView; committee: Committee }> {
    const meeting = await this.require(identity, meetingId);
    const committee = await this.committees.get(identity, meeting.committeeId);
    return {
      view: meetingView(await this.states.current(identity.tenantId, meetingId), committee),
      committee,
    };
  }

  /** Everything known about the meeting: its row, folded state, view and committee. */
  async context(
    identity: Identity,
    meetingId: string,
  ): Promise<{
    meeting: MeetingRecord;
    state: MeetingState;
    view: MeetingView;
    committee: Committee;
  }> {
    const meeting = await this.require(identity, meetingId);
    const committee = await this.committees.get(identity, meeting.committeeId);
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
    const meeting = await this.require(identity, meetingId);
    const committee = await this.committees.get(identity, meeting.committeeId);
    const payload = meetingSettingsChange(committee, meeting.summary, parsed.data);
    return this.append(identity, meeting, [this.serverOp(identity, meetingId, payload)]);
  }

  async appendBatch(identity: Identity, meetingId: string, body: unknown): Promise<AppendOutcome> {
    const meeting = await this.require(identity, meetingId);
    const parsed = parseOperationBatch(body, meetingId, identity.userId);
    if (!parsed.ok) {
      const tooMany = parsed.problems.some((p) => p.path === 'ops' && /at most/.test(p.message));
      if (tooMany)
        throw new DomainError('too_many_ops', `ops: ${parsed.problems[0]?.message ?? ''}.`);
      throw invalid(parsed.problems);
    }
    const committee = await this.committees.get(identity, meeting.committeeId);
    const problems = verbProblems(committee, parsed.value);
    if (problems.length > 0) throw invalid(problems);
    return this.append(identity, meeting, parsed.value);
  }

  async readOperations(
    identity: Identity,
    meetingId: string,
    after: number,
    limit: number,
  ): Promise<StoredOperation[]> {
    await this.require(identity, meetingId);
    return this.store.readOperations(
      identity.tenantId,
      meetingId,
      after,
      Math.min(limit, MAX_OPS_PAGE),
    );
  }

  private async append(
    identity: Identity,
    meeting: MeetingRecord,
    ops: NewOperation[],
  ): Promise<AppendOutcome> {
    const outcome = await this.store.appendOperations(
      identity.tenantId,
      meeting.id,
      ops,
      guardFor(),
      this.now().toISOString(),
    );
    this.feed.publish(identity.tenantId, meeting.id, outcome.appended);
    return outcome;
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

/**
 * The rules that need the meeting as it stands: a final meeting takes no ops (nor do ops after
 * a batch's own finalising op); status moves along its path.
 */
function guardFor(): AppendGuard {
  return (meeting, fresh) => {
    if (meeting.summary.status === 'final') {
      throw new DomainError(
        'meeting_final',
        `Meeting ${meeting.summary.reference || meeting.id} is final and locked; its minutes can no longer change.`,
      );
    }
    let status: MeetingStatus = meeting.summary.status;
    fresh.forEach((op, index) => {
      if (status === 'final') {
        throw new DomainError(
          'meeting_final',
          `ops[${index}] comes after the op that made the meeting final; send it no more changes.`,
        );
      }
      if (op.type === 'meeting.setStatus') {
        const problem = statusChangeProblem(status, op.payload.status);
        if (problem) throw new DomainError('invalid_status_transition', problem);
        status = op.payload.status;
      }
    });
    return advanceSummary(meeting.summary, fresh);
  };
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

/** Decisions use the committee's controlled verbs. */
function verbProblems(committee: Committee, ops: readonly NewOperation[]): ValidationProblem[] {
  return ops.flatMap((op, index) => {
    const verb =
      op.type === 'decision.add' || op.type === 'decision.update' ? op.payload.verb : undefined;
    if (verb === undefined || committee.decisionVerbs.includes(verb)) return [];
    return [
      {
        path: `ops[${index}].payload.verb`,
        message: `"${verb}" is not one of the committee's decision verbs (${committee.decisionVerbs.join(', ')})`,
      },
    ];
  });
}

function invalid(problems: ValidationProblem[]): DomainError {
  const first = problems[0];
  const where = first?.path ? `${first.path}: ` : '';
  return new DomainError('validation_failed', `${where}${first?.message ?? 'is invalid'}.`, {
    problems,
  });
}
