/**
 * The publish plan, pure: stable keys, targets that are not configured skipped with the reason,
 * dependency waves the executor batches, and what a republish, a resumed run, a withdrawn action
 * and a change of assignees make of it. No Graph, no store: the history is written by hand.
 */
import {
  committeeSettingsSchema,
  type CommitteeSettings,
  type CommitteeSettingsInput,
} from '../../src/domain';
import {
  planPublish,
  publishKeys,
  type PublishHistory,
  type PublishPlan,
  type PublishStep,
} from '../../src/publish';
import type { PublishStepRecord } from '../../src/store';
import { MEETING_ID, opsg41Committee } from '../fixtures/opsg41';
import { meeting, meetingOps, op, publishingCommittee, republishEdits, TENANT } from './support';

/** The seeded tenant's ids as the plan sees them (strings only; no sandbox is started). */
const SEED = {
  tenantId: 'b0c5f5a4-8c8e-4a55-9b62-1a2b3c4d5e6f',
  organizer: { id: 'a1a1a1a1-0000-4000-8000-000000000001' },
  users: [
    ['Ines Carvalho', 'a1a1a1a1-0000-4000-8000-000000000001'],
    ['Megan Ross', 'a1a1a1a1-0000-4000-8000-000000000007'],
    ['Olu Adeyemi', 'a1a1a1a1-0000-4000-8000-000000000008'],
  ].map(([displayName, id]) => ({ id, displayName, mail: `${id}@example.com` })),
  meeting: {
    chatId: '19:meeting_abc@thread.v2',
    joinWebUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
  },
  site: { id: 'site-1', driveId: 'b!drive', actionListId: 'list-1' },
  plan: { id: 'plan-1', openBucketId: 'bucket-1' },
} as unknown as Parameters<typeof publishingCommittee>[0];

const emptyHistory: PublishHistory = { runs: [], steps: [] };

function plan(
  committee: CommitteeSettings = publishingCommittee(SEED),
  history: PublishHistory = emptyHistory,
  options: Parameters<typeof planPublish>[0]['options'] = {},
  edits: ReturnType<typeof republishEdits> = [],
): PublishPlan {
  return planPublish({
    tenantId: TENANT,
    ...meeting(committee, meetingOps(SEED, edits)),
    history,
    options,
  });
}

const keysOf = (steps: readonly { key: string }[]) => steps.map((step) => step.key);
const ofKind = <K extends PublishStep['kind']>(p: PublishPlan, kind: K) =>
  p.steps.filter((step): step is Extract<PublishStep, { kind: K }> => step.kind === kind);

/** The ledger a finished run of `done` leaves: every step done, with results like Graph's. */
function finished(done: PublishPlan, runId: string, previous: PublishHistory = emptyHistory) {
  const results = (step: PublishStep): Record<string, unknown> => {
    switch (step.kind) {
      case 'document.upload':
        return { path: step.path, itemId: 'item-1', webUrl: 'https://sp.example/doc.docx' };
      case 'document.columns':
        return { fields: step.fields };
      case 'register.upsert':
        return { itemId: `row-${step.actionId}` };
      case 'planner.upsert':
        return {
          taskId: `task-${step.actionId}`,
          etag: 'W/"1"',
          assigneeIds: [...(step.existing?.assigneeIds ?? []), ...step.assign].filter(
            (id) => !step.unassign.includes(id),
          ),
        };
      case 'todo.upsert':
        return { listId: `list-${step.userId}`, taskId: `todo-${step.contactId}` };
      default:
        return { ok: true };
    }
  };
  const steps: PublishStepRecord[] = done.steps.map((step) => ({
    runId,
    tenantId: TENANT,
    meetingId: MEETING_ID,
    key: step.key,
    kind: step.kind,
    status: 'done',
    result: results(step),
    error: null,
    attempts: 1,
    updatedAt: '2021-01-25T17:00:00Z',
  }));
  return {
    runs: [
      ...previous.runs,
      {
        runId,
        tenantId: TENANT,
        meetingId: MEETING_ID,
        publishNo: done.publishNo,
        meetingSeq: done.meetingSeq,
        status: 'done' as const,
        startedAt: '2021-01-25T17:00:00Z',
        updatedAt: '2021-01-25T17:00:00Z',
        report: null,
        leaseHolder: null,
        leaseUntil: null,
      },
    ],
    steps: [...previous.steps, ...steps],
  };
}

describe('the first publish of OPSG 41', () => {
  it('plans the document, announcements, rows, tasks and reminders under stable keys', () => {
    const first = plan();
    const again = plan();
    expect(keysOf(again.steps)).toEqual(keysOf(first.steps));
    expect(first).toMatchObject({ publishNo: 1, resumeRunId: null, skipped: [] });
    const m = MEETING_ID;
    expect(keysOf(first.steps)).toEqual(
      expect.arrayContaining([
        `doc:${m}`,
        `columns:${m}`,
        `chat:${m}:1`,
        `mail-draft:${m}:1`,
        `mail:${m}:1`,
      ]),
    );
    const counts = Object.fromEntries(
      ['register.upsert', 'planner.upsert', 'planner.details', 'todo.upsert'].map((kind) => [
        kind,
        first.steps.filter((step) => step.kind === kind).length,
      ]),
    );
    expect(counts).toEqual({
      'register.upsert': 6,
      'planner.upsert': 6,
      'planner.details': 6,
      'todo.upsert': 2,
    });
    const [upload] = ofKind(first, 'document.upload');
    expect(upload?.path).toEqual(['Minutes', 'OPSG', '2021', 'OPSG_41_2501 Draft Minutes.docx']);
    const [task] = ofKind(first, 'planner.upsert');
    expect(task).toMatchObject({
      title: expect.stringMatching(/^OPSG 41\/01 The CDS to make sure/),
      dueDateTime: '2021-02-22T17:00:00Z',
      assign: ['a1a1a1a1-0000-4000-8000-000000000007'],
      percentComplete: 0,
      existing: null,
    });
    const reminders = ofKind(first, 'todo.upsert');
    expect(reminders.map((step) => [step.actionId, step.contactId])).toEqual([
      ['OPSG 41/01', 'c-ross'],
      ['OPSG 41/05', 'c-adeyemi'],
    ]);
    expect(reminders[0]).toMatchObject({
      externalId: `minutebook:${TENANT}:${reminders[0]!.key}`,
      dueDateTime: { dateTime: '2021-02-22T00:00:00', timeZone: 'Europe/London' },
      reminderDateTime: { dateTime: '2021-02-20T09:00:00', timeZone: 'Europe/London' },
    });
  });

  it('groups independent steps in waves of batches of at most 20, the upload on its own', () => {
    const first = plan();
    const waveOf = (key: string) =>
      first.waves.findIndex((w) => w.some((b) => b.keys.includes(key)));
    const m = MEETING_ID;
    expect(first.waves).toHaveLength(3);
    expect(waveOf(`doc:${m}`)).toBe(0);
    for (const step of first.steps) {
      if (['register.upsert', 'planner.upsert'].includes(step.kind))
        expect(waveOf(step.key)).toBe(0);
      if (
        ['document.columns', 'chat.post', 'mail.draft', 'planner.details', 'todo.upsert'].includes(
          step.kind,
        )
      )
        expect(waveOf(step.key)).toBe(1);
    }
    expect(waveOf(`mail:${m}:1`)).toBe(2);
    const batches = first.waves.flat();
    expect(batches.every((batch) => batch.keys.length <= 20)).toBe(true);
    expect(batches.filter((batch) => batch.direct)).toEqual([
      { identity: 'files', direct: true, keys: [`doc:${m}`] },
    ]);
    // Progress numbers follow the waves.
    const order = keysOf(first.steps).map(waveOf);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('lets linking steps start at once when the document URL is known in advance', () => {
    const hinted = plan(undefined, emptyHistory, { documentUrlHint: 'https://sp.example/m.docx' });
    const [chat] = ofKind(hinted, 'chat.post');
    expect(chat).toMatchObject({ dependsOn: [], documentUrlHint: 'https://sp.example/m.docx' });
    expect(ofKind(hinted, 'todo.upsert').every((step) => step.dependsOn.length === 0)).toBe(true);
    expect(hinted.waves).toHaveLength(2);
  });
});

describe('when a target is not configured', () => {
  it('skips its steps and says why', () => {
    const bare = committeeSettingsSchema.parse({
      ...(opsg41Committee() as CommitteeSettingsInput),
      publishing: { todoReminders: { enabled: false, daysBefore: 2 } },
    });
    const noTeams = op('meeting.update', { teamsChatId: null, teamsJoinUrl: null }, 8);
    const nothing = planPublish({
      tenantId: TENANT,
      ...meeting(bare, meetingOps(SEED, [noTeams])),
      history: emptyHistory,
    });
    expect(nothing.steps).toEqual([]);
    const reasons = new Map(nothing.skipped.map((step) => [step.kind, step.reason]));
    expect(Object.fromEntries(reasons)).toEqual({
      'document.upload': 'No document library is configured.',
      'chat.post': 'The meeting has no Teams chat.',
      'mail.send': 'The distribution list is empty.',
      'register.upsert': 'No action register is configured.',
      'planner.upsert': 'No Planner plan is configured.',
      'todo.upsert': 'To Do reminders are turned off.',
    });
  });

  it('leaves out a reminder for a contact without an Entra id, and does not assign them', () => {
    const committee = publishingCommittee({ ...SEED, users: [] } as typeof SEED);
    const withoutIds = plan(committee);
    expect(ofKind(withoutIds, 'todo.upsert')).toEqual([]);
    expect(withoutIds.skipped.filter((step) => step.kind === 'todo.upsert')).toEqual([
      expect.objectContaining({
        reason: "Megan Ross has no Entra object id in the committee's directory.",
      }),
      expect.objectContaining({
        reason: "Olu Adeyemi has no Entra object id in the committee's directory.",
      }),
    ]);
    expect(ofKind(withoutIds, 'planner.upsert').every((step) => step.assign.length === 0)).toBe(
      true,
    );
  });
});

describe('when the minutes are published again', () => {
  it('updates what the first publish made, under the same keys, and does not announce again', () => {
    const first = plan();
    const history = finished(first, 'run-1');
    const firstView = meeting(publishingCommittee(SEED), meetingOps(SEED)).view;
    const second = plan(undefined, history, {}, republishEdits(firstView));
    expect(second).toMatchObject({ publishNo: 2, resumeRunId: null });
    expect(keysOf(ofKind(second, 'register.upsert')).slice(0, 6)).toEqual(
      keysOf(ofKind(first, 'register.upsert')),
    );
    expect(ofKind(second, 'register.upsert').map((step) => step.existing?.itemId ?? null)).toEqual([
      'row-OPSG 41/01',
      'row-OPSG 41/02',
      'row-OPSG 41/03',
      'row-OPSG 41/04',
      'row-OPSG 41/05',
      'row-OPSG 41/06',
      null,
    ]);
    // The register keeps its own status on an update.
    expect(ofKind(second, 'register.upsert')[0]!.fields).not.toHaveProperty('Status');
    expect(ofKind(second, 'planner.upsert')[2]).toMatchObject({
      existing: { taskId: 'task-OPSG 41/03', etag: 'W/"1"' },
      title: expect.stringMatching(/Report to OPSG 42\.$/),
      percentComplete: null,
      assign: [],
      unassign: [],
    });
    expect(ofKind(second, 'todo.upsert').map((step) => step.existing?.taskId ?? null)).toEqual([
      'todo-c-ross',
      'todo-c-adeyemi',
      null,
    ]);
    expect(keysOf(ofKind(second, 'document.upload'))).toEqual([publishKeys.document(MEETING_ID)]);
    expect(second.skipped.map((step) => [step.kind, step.reason])).toEqual([
      ['document.columns', 'Unchanged since the last publish.'],
      ['chat.post', expect.stringMatching(/^Already posted by an earlier publish/)],
      ['mail.send', expect.stringMatching(/^Already e-mailed by an earlier publish/)],
    ]);
  });

  it('keeps the document where the first publish put it, though its title changed', () => {
    const history = finished(plan(), 'run-1');
    const final = plan(undefined, history, {}, [
      op('meeting.setStatus', { status: 'circulated' }, 9),
      op('meeting.setStatus', { status: 'final' }, 10),
    ]);
    expect(final.minutes.fileName).toBe('OPSG_41_2501 Minutes');
    expect(ofKind(final, 'document.upload')[0]!.path).toEqual([
      'Minutes',
      'OPSG',
      '2021',
      'OPSG_41_2501 Draft Minutes.docx',
    ]);
    // The status column changed, so the columns are set again.
    expect(ofKind(final, 'document.columns')[0]!.fields).toMatchObject({ MinutesStatus: 'Final' });
  });

  it('announces again under the next number when asked', () => {
    const history = finished(plan(), 'run-1');
    const again = plan(undefined, history, { announceAgain: true });
    expect(keysOf(again.steps)).toEqual(
      expect.arrayContaining([
        `chat:${MEETING_ID}:2`,
        `mail-draft:${MEETING_ID}:2`,
        `mail:${MEETING_ID}:2`,
      ]),
    );
  });

  it('moves the assignment when the named contact changes', () => {
    const history = finished(plan(), 'run-1');
    const view = meeting(publishingCommittee(SEED), meetingOps(SEED)).view;
    const action = view.actions[0]!;
    const reassigned = plan(undefined, history, {}, [
      op('action.update', { id: action.id, assigneeIds: ['c-adeyemi'] }, 4),
    ]);
    expect(ofKind(reassigned, 'planner.upsert')[0]).toMatchObject({
      assign: ['a1a1a1a1-0000-4000-8000-000000000008'],
      unassign: ['a1a1a1a1-0000-4000-8000-000000000007'],
    });
  });

  it('closes a published action that was withdrawn, and leaves out one never published', () => {
    const history = finished(plan(), 'run-1');
    const view = meeting(publishingCommittee(SEED), meetingOps(SEED)).view;
    const withdrawn = plan(undefined, history, {}, [
      op('action.withdraw', { id: view.actions[0]!.id, reason: 'Duplicate' }, 5),
      op(
        'action.raise',
        { id: 'a-late', itemId: view.actions[0]!.itemId, text: 'The CDS to x.', ownerIds: ['cds'] },
        6,
      ),
      op('action.withdraw', { id: 'a-late' }, 7),
    ]);
    expect(ofKind(withdrawn, 'register.upsert')[0]!.fields).toMatchObject({ Status: 'Withdrawn' });
    expect(ofKind(withdrawn, 'planner.upsert')[0]).toMatchObject({ percentComplete: 100 });
    expect(ofKind(withdrawn, 'todo.upsert')[0]).toMatchObject({ status: 'completed' });
    expect(
      withdrawn.skipped.filter((step) => step.reason.startsWith('Withdrawn before')),
    ).toHaveLength(2);
    expect(ofKind(withdrawn, 'register.upsert')).toHaveLength(6);
  });
});

describe('when the last run did not finish', () => {
  it('resumes that run under its number, with its announcement', () => {
    const first = plan();
    const history = finished(first, 'run-1');
    const failed: PublishHistory = {
      runs: history.runs.map((run) => ({ ...run, status: 'failed' as const })),
      steps: history.steps.map((step) =>
        step.kind === 'chat.post' ? { ...step, status: 'unknown' as const, result: null } : step,
      ),
    };
    const resumed = plan(undefined, failed);
    expect(resumed).toMatchObject({ publishNo: 1, resumeRunId: 'run-1' });
    expect(keysOf(resumed.steps)).toEqual(keysOf(first.steps));
    // Nothing of a run being resumed counts as an earlier publish's object.
    expect(ofKind(resumed, 'register.upsert').every((step) => step.existing === null)).toBe(true);
  });

  it('takes over after an edit: a new run that updates what the unfinished one made and looks up what it left in doubt', () => {
    const first = plan();
    const history = finished(first, 'run-1');
    const chatKey = `chat:${MEETING_ID}:1`;
    const rowKey = ofKind(first, 'register.upsert')[0]!.key;
    const failed: PublishHistory = {
      runs: history.runs.map((run) => ({
        ...run,
        status: 'failed' as const,
        report: { status: 'failed', completed: 20, total: first.steps.length, skipped: [] },
      })),
      steps: history.steps.flatMap((step) =>
        step.kind === 'mail.send' || step.kind === 'mail.draft'
          ? []
          : step.key === chatKey || step.key === rowKey
            ? [{ ...step, status: 'unknown' as const, result: null }]
            : [step],
      ),
    };
    const firstView = meeting(publishingCommittee(SEED), meetingOps(SEED)).view;
    const taken = plan(undefined, failed, {}, republishEdits(firstView));
    expect(taken).toMatchObject({
      publishNo: 2,
      resumeRunId: null,
      supersedes: { runId: 'run-1', publishNo: 1, completed: 20, total: first.steps.length },
    });
    // The chat post in doubt is finished by this run (looked up first), not called "already posted".
    expect(keysOf(taken.steps)).toEqual(
      expect.arrayContaining([chatKey, `mail-draft:${MEETING_ID}:1`, `mail:${MEETING_ID}:1`]),
    );
    expect(taken.inherited.map((doubt) => [doubt.key, doubt.runId])).toEqual(
      expect.arrayContaining([
        [chatKey, 'run-1'],
        [rowKey, 'run-1'],
      ]),
    );
    expect(taken.inherited).toHaveLength(2);
    // The row in doubt is created (or found), not updated; the others are updated in place.
    const rows = ofKind(taken, 'register.upsert');
    expect(rows[0]!.existing).toBeNull();
    expect(rows[1]!.existing).toEqual({ itemId: 'row-OPSG 41/02' });
    expect(ofKind(taken, 'mail.draft')[0]!.begunEarlier).toBe(false);
  });

  it('resumes rather than takes over when nothing changed since the run began', () => {
    const history = finished(plan(), 'run-1');
    const failed = {
      ...history,
      runs: history.runs.map((run) => ({ ...run, status: 'failed' as const })),
    };
    expect(plan(undefined, failed)).toMatchObject({ resumeRunId: 'run-1', supersedes: null });
  });
});

describe('whose objects a lookup may find', () => {
  it('marks every object with the tenant and the meeting, so equal action ids never meet', () => {
    const ours = plan();
    const theirs = planPublish({
      tenantId: TENANT,
      ...meeting(publishingCommittee(SEED), meetingOps(SEED)),
      view: { ...meeting(publishingCommittee(SEED), meetingOps(SEED)).view, id: 'other-meeting' },
      history: emptyHistory,
    });
    const otherTenant = planPublish({
      tenantId: 'tenant-elsewhere',
      ...meeting(publishingCommittee(SEED), meetingOps(SEED)),
      history: emptyHistory,
    });
    const markers = (p: PublishPlan) => [
      ...ofKind(p, 'register.upsert').map((step) => step.marker),
      ...ofKind(p, 'planner.upsert').map((step) => step.marker),
      ...ofKind(p, 'todo.upsert').map((step) => step.externalId),
      ...ofKind(p, 'chat.post').map((step) => step.marker),
      ...ofKind(p, 'mail.draft').map((step) => step.marker),
    ];
    expect(ofKind(theirs, 'register.upsert').map((step) => step.actionId)).toEqual(
      ofKind(ours, 'register.upsert').map((step) => step.actionId),
    );
    for (const other of [theirs, otherTenant]) {
      const mine = new Set(markers(ours));
      expect(markers(other).filter((marker) => mine.has(marker))).toEqual([]);
    }
    expect(ofKind(ours, 'register.upsert')[0]!.marker).toBe(
      `minutebook:${TENANT}:row:${MEETING_ID}:${ours.steps
        .find((s) => s.kind === 'register.upsert')!
        .key.split(':')
        .at(-1)}`,
    );
    expect(ofKind(ours, 'register.upsert')[0]!.fields.MinutebookKey).toBe(
      ofKind(ours, 'register.upsert')[0]!.marker,
    );
    expect(ofKind(ours, 'planner.details')[0]!.description).toMatch(
      new RegExp(`\nRef ${ofKind(ours, 'planner.upsert')[0]!.marker}$`),
    );
  });
});
