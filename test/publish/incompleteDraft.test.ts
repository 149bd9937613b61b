/**
 * A draft of the minutes e-mail whose .docx never arrived whole (its upload session failed and
 * the clean-up failed too) is left in Drafts with the run's key but `hasAttachments: false`. When
 * the draft step's outcome is in doubt, such a draft must not be taken for the finished one: the
 * send step would then e-mail the minutes without them. The step makes a new draft instead; the
 * leftover is never sent. (Outlook: https://learn.microsoft.com/graph/outlook-large-attachments.)
 * Pure: the step driver's decision from hand-written answers, no Graph.
 */
import { planPublish, type MailDraftStep } from '../../src/publish';
import { mailDraftDriver } from '../../src/publish/announcementDrivers';
import type { Answers, DriverContext, StepState } from '../../src/publish/stepDriver';
import { meeting, meetingOps, publishingCommittee, TENANT } from './support';

const SEED = {
  users: [
    ['Ines Carvalho', 'a1a1a1a1-0000-4000-8000-000000000001'],
    ['Megan Ross', 'a1a1a1a1-0000-4000-8000-000000000007'],
  ].map(([displayName, id]) => ({ id, displayName, mail: `${id}@example.com` })),
  meeting: {
    chatId: '19:meeting_abc@thread.v2',
    joinWebUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
  },
  site: { id: 'site-1', driveId: 'b!drive', actionListId: 'list-1' },
  plan: { id: 'plan-1', openBucketId: 'bucket-1' },
} as unknown as Parameters<typeof publishingCommittee>[0];

const RUN = 'run-2';

function draftStep(): { step: MailDraftStep; ctx: DriverContext } {
  const committee = publishingCommittee(SEED);
  const m = meeting(committee, meetingOps(SEED));
  const plan = planPublish({ tenantId: TENANT, ...m, history: { runs: [], steps: [] } });
  const step = plan.steps.find((candidate) => candidate.kind === 'mail.draft') as MailDraftStep;
  const ctx: DriverContext = {
    runId: RUN,
    minutes: m.minutes,
    graph: undefined as unknown as DriverContext['graph'],
    resultOf: () => null,
    documentUrl: () => 'https://contoso.sharepoint.com/sites/opsg/Minutes/OPSG_41.docx',
    docx: () => Promise.resolve(new Uint8Array([80, 75, 3, 4])),
  };
  return { step, ctx };
}

const IN_DOUBT: StepState = {
  record: undefined,
  inDoubt: true,
  inherited: false,
  stale: false,
  recreate: false,
};

function draftsAnswer(marker: string, hasAttachments: boolean): Answers {
  return new Map([
    [
      'drafts',
      {
        ok: true,
        body: {
          value: [
            {
              id: 'AAMkAD-left-over',
              isDraft: true,
              hasAttachments,
              internetMessageHeaders: [
                { name: 'x-minutebook-key', value: marker },
                { name: 'x-minutebook-run', value: RUN },
              ],
              body: { contentType: 'html', content: '<p>Minutes</p>' },
            },
          ],
        },
      },
    ],
  ]);
}

describe('the e-mail draft step, after an outcome in doubt', () => {
  it('asks Drafts for hasAttachments', () => {
    const { step, ctx } = draftStep();
    const [read] = mailDraftDriver.reads(step, IN_DOUBT, ctx);
    expect(read && 'request' in read ? read.request.url : '').toContain('hasAttachments');
  });

  it('takes the draft it finds when its attachment is there', async () => {
    const { step, ctx } = draftStep();
    const decision = await mailDraftDriver.decide(
      step,
      IN_DOUBT,
      draftsAnswer(step.marker, true),
      ctx,
    );
    expect(decision).toEqual({ kind: 'done', result: { draftId: 'AAMkAD-left-over' } });
  });

  it('makes a new draft when the one it finds has no attachment', async () => {
    const { step, ctx } = draftStep();
    const decision = await mailDraftDriver.decide(
      step,
      IN_DOUBT,
      draftsAnswer(step.marker, false),
      ctx,
    );
    expect(decision.kind).toBe('write');
  });
});
