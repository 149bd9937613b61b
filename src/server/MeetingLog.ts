/**
 * Writing a meeting's log: every append (the creating op included) runs the domain's check
 * (`checkAppend`) as the store's guard, inside its transaction, with the meeting as stored there
 * and its state folded up to exactly that meeting's last seq. If another append got in between
 * folding and the transaction, the state is stale: fold again and retry.
 */
import { z } from 'zod';
import {
  checkAppend,
  checkOperationRoles,
  DomainError,
  emptyMeetingState,
  type AppendContext,
  type Committee,
  type MeetingState,
  type NewOperation,
} from '../domain';
import type { AppendGuard, AppendOutcome, MeetingRecord, Store } from '../store';
import type { Standing } from './CommitteeAccess';
import type { Identity } from './Identity';
import type { MeetingStateCache } from './MeetingStateCache';
import type { OpFeed } from './OpFeed';

/** Appends retried when the meeting moved between folding it and the store's transaction. */
const MAX_APPEND_ATTEMPTS = 8;

/** Who appends, to which committee's meeting, with what standing there. */
export interface Appender {
  identity: Identity;
  committee: Committee;
  standing: Standing;
}

/** Thrown inside the guard when the folded state is behind the stored meeting. */
class StaleState extends Error {}

export class MeetingLog {
  constructor(
    private readonly store: Store,
    private readonly states: MeetingStateCache,
    private readonly feed: OpFeed,
    private readonly now: () => Date,
  ) {}

  /** Creates the meeting with its first op; the store's refusals keep their codes. */
  async create(
    appender: Appender,
    record: Omit<MeetingRecord, 'lastSeq' | 'summary' | 'archivedAt'>,
    op: NewOperation,
  ): Promise<AppendOutcome> {
    const guard = guardFor(appender, emptyMeetingState(record.id), [op]);
    let outcome: AppendOutcome;
    try {
      outcome = await this.store.createMeeting(record, [op], guard, record.createdAt);
    } catch (error) {
      throw explainReference(error, appender.committee, 'create');
    }
    this.feed.publish(record.tenantId, record.id, outcome.appended);
    return outcome;
  }

  /** Appends the batch, all or nothing; `payloadPath` names a route's own op's fields. */
  async append(
    appender: Appender,
    meeting: MeetingRecord,
    ops: readonly NewOperation[],
    payloadPath?: AppendContext['payloadPath'],
  ): Promise<AppendOutcome> {
    const { identity, committee, standing } = appender;
    if (standing.role === null) {
      // Refused before the store is asked, so not even a repeated op id is answered.
      checkOperationRoles(
        {
          meeting,
          state: emptyMeetingState(meeting.id),
          committee,
          caller: { userId: identity.userId, role: null },
          owners: standing.owners,
        },
        ops,
      );
    }
    for (let attempt = 1; ; attempt += 1) {
      const state = await this.states.current(identity.tenantId, meeting.id);
      try {
        const outcome = await this.store.appendOperations(
          identity.tenantId,
          meeting.id,
          ops,
          guardFor(appender, state, ops, payloadPath),
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
}

function guardFor(
  { identity, committee, standing }: Appender,
  state: MeetingState,
  batch: readonly NewOperation[],
  payloadPath?: AppendContext['payloadPath'],
): AppendGuard {
  // The store passes only the ops that are new; messages name the request's own index.
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

const referenceDetails = z.object({
  reference: z.string().optional(),
  meetingId: z.string().optional(),
});

/** The store holds references atomically; here its refusal gets the committee's sentence. */
function explainReference(
  error: unknown,
  committee: Committee,
  doing: 'create' | 'change',
): unknown {
  if (!(error instanceof DomainError) || error.code !== 'duplicate_reference') return error;
  const details = referenceDetails.safeParse(error.details);
  const reference = (details.success && details.data.reference) || 'this reference';
  const otherId = details.success ? details.data.meetingId : undefined;
  const other = otherId ? ` (meeting "${otherId}")` : '';
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
