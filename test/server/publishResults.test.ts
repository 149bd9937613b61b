/**
 * The results a publish run reports, read from ledger records: the latest done record of each
 * key, and links that lead somewhere for the person reading them (Microsoft 365 itself, or the
 * local Graph sandbox's inspector rows).
 */
import { foldOperations, meetingView, type MeetingView } from '../../src/domain';
import { publishKeys } from '../../src/publish/publishKeys';
import { publishResults } from '../../src/server/publishRunState';
import type { PublishStepRecord } from '../../src/store';
import { MEETING_ID, opsg41Committee, opsg41Operations, sequence } from '../fixtures/opsg41';

const committee = opsg41Committee();
const view: MeetingView = meetingView(
  foldOperations(MEETING_ID, sequence(opsg41Operations())),
  committee,
);
const [first, second] = view.actions;

function record(
  key: string,
  kind: string,
  result: Record<string, unknown>,
  status: PublishStepRecord['status'] = 'done',
  runId = 'run-1',
): PublishStepRecord {
  return {
    runId,
    tenantId: 'tenant-1',
    meetingId: MEETING_ID,
    key,
    kind,
    status,
    result,
    error: null,
    attempts: 1,
    updatedAt: '2021-01-26T09:00:00Z',
  };
}

const steps: PublishStepRecord[] = [
  record(publishKeys.document(MEETING_ID), 'document.upload', {
    path: ['Minutes', '2021', 'OPSG_41_2501 Draft Minutes.docx'],
    itemId: '01ITEM',
    webUrl: 'https://contoso.sharepoint.com/sites/opsg/Minutes/2021/OPSG_41_2501.docx',
  }),
  record(publishKeys.chat(MEETING_ID, 1), 'chat.post', {
    messageId: '1611650000000',
    webUrl: 'https://teams.microsoft.com/l/message/19%3Ameeting/1611650000000',
  }),
  record(publishKeys.mail(MEETING_ID, 1), 'mail.send', { sent: true }),
  record(publishKeys.task(MEETING_ID, first!.id), 'planner.upsert', { taskId: 'task/a b' }),
  // A step that failed names no task, and a republish's record replaces the first one's.
  record(publishKeys.task(MEETING_ID, second!.id), 'planner.upsert', { taskId: 'x' }, 'failed'),
  record(
    publishKeys.document(MEETING_ID),
    'document.upload',
    {
      path: ['Minutes', '2021', 'OPSG_41_2501 Draft Minutes.docx'],
      itemId: '01ITEM',
      webUrl: 'https://contoso.sharepoint.com/sites/opsg/Minutes/2021/OPSG_41_2501.docx',
    },
    'done',
    'run-2',
  ),
];

describe('publishResults', () => {
  it('links to Microsoft 365 itself in Graph mode, Planner on the web by tenant', () => {
    const results = publishResults(steps, view, committee, {
      kind: 'microsoft365',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
    expect(results.document).toEqual({
      name: 'OPSG_41_2501 Draft Minutes.docx',
      url: 'https://contoso.sharepoint.com/sites/opsg/Minutes/2021/OPSG_41_2501.docx',
      versions: 2,
    });
    expect(results.chatPost).toEqual({
      url: 'https://teams.microsoft.com/l/message/19%3Ameeting/1611650000000',
    });
    expect(results.tasks).toEqual([
      {
        actionId: first!.actionId,
        taskId: 'task/a b',
        url: 'https://tasks.office.com/72f988bf-86f1-41af-91ab-2d7cd011db47/Home/Task/task%2Fa%20b',
      },
    ]);
    expect(results.mail).toEqual({ recipients: committee.publishing.distributionList.length });
  });

  it("links to the sandbox inspector's rows in local mode", () => {
    const results = publishResults(steps, view, committee, {
      kind: 'sandbox',
      inspectorPath: '/_sandbox',
    });
    expect(results.document?.url).toBe('/_sandbox#document-01ITEM');
    expect(results.chatPost?.url).toBe('/_sandbox#chat-1611650000000');
    expect(results.tasks.map((task) => task.url)).toEqual(['/_sandbox#task-task%2Fa%20b']);
  });

  it('names what was made but links nowhere without Graph', () => {
    const results = publishResults(steps, view, committee, null);
    expect(results.document?.url).toBe(
      'https://contoso.sharepoint.com/sites/opsg/Minutes/2021/OPSG_41_2501.docx',
    );
    expect(results.tasks.map((task) => task.url)).toEqual([null]);
    expect(results.registerRows).toBe(0);
    expect(results.reminders).toBe(0);
  });
});
