/**
 * Publishing against the real Graph sandbox over HTTP: the OPSG-41 fixture given publishing
 * targets in the seeded tenant (its library, register list, plan; contacts with the seeded users'
 * Entra ids), Graph clients that never really sleep, and the published state read back from
 * `/_sandbox/state` as the counts the tests assert.
 */
import {
  committeeSettingsSchema,
  foldOperations,
  meetingView,
  parseOperation,
  type CommitteeSettings,
  type MeetingView,
  type NewOperation,
} from '../../src/domain';
import { createGraphClient, type GraphClient } from '../../src/graph';
import { buildMinutesDocument, renderMinutesDocx, type MinutesDocument } from '../../src/minutes';
import {
  createPublishGraph,
  executePublish,
  planPublish,
  type LeaseOptions,
  type PublishOptions,
  type PublishProgress,
  type PublishReport,
} from '../../src/publish';
import type { RunningGraphSandbox, SandboxExchange, SeedInfo } from '../../src/sandbox';
import type { Store } from '../../src/store';
import { MEETING_ID, opsg41Committee, opsg41Operations, sequence } from '../fixtures/opsg41';

export const TENANT = 'tenant-opsg';
export const REFERENCE = 'OPSG_41_2501';

/** The demo committee, publishing into the seeded tenant; contacts are its seeded users. */
export function publishingCommittee(seed: SeedInfo): CommitteeSettings {
  const base = opsg41Committee();
  const userId = (name: string) => seed.users.find((user) => user.displayName === name)?.id;
  // Only people with an account in the seeded tenant have an Entra id here.
  const withId = <T extends { name: string; entraObjectId?: string | undefined }>(person: T) => {
    const { entraObjectId: _other, ...rest } = person;
    const id = userId(person.name);
    return id ? { ...rest, entraObjectId: id } : rest;
  };
  return committeeSettingsSchema.parse({
    ...base,
    members: base.members.map(withId),
    organisations: base.organisations.map((organisation) => ({
      ...organisation,
      contacts: organisation.contacts.map(withId),
    })),
    publishing: {
      documentLibrary: {
        driveId: seed.site.driveId,
        folder: 'Minutes/OPSG',
        columns: {
          reference: 'MeetingReference',
          meetingDate: 'MeetingDate',
          classification: 'Classification',
          status: 'MinutesStatus',
        },
      },
      actionRegister: { siteId: seed.site.id, listId: seed.site.actionListId },
      planner: { planId: seed.plan.id, bucketId: seed.plan.openBucketId },
      distributionList: seed.users.slice(1, 5).map((user) => user.mail),
      todoReminders: { enabled: true, daysBefore: 2 },
    },
  });
}

/** Parses extra ops as the API would, after the fixture's log. */
export function op(type: string, payload: unknown, index: number): NewOperation {
  const parsed = parseOperation(
    {
      id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      meetingId: MEETING_ID,
      clientTime: '2021-01-25T16:30:00Z',
      type,
      payload,
    },
    MEETING_ID,
    'local:ines.carvalho',
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

/** The OPSG-41 log plus the Teams meeting's chat and join URL (and any edits after it). */
export function meetingOps(seed: SeedInfo, edits: NewOperation[] = []): NewOperation[] {
  const teams = op(
    'meeting.update',
    { teamsChatId: seed.meeting.chatId, teamsJoinUrl: seed.meeting.joinWebUrl },
    1,
  );
  return [...opsg41Operations(), teams, ...edits];
}

export interface Meeting {
  view: MeetingView;
  committee: CommitteeSettings;
  minutes: MinutesDocument;
}

export function meeting(committee: CommitteeSettings, ops: NewOperation[]): Meeting {
  const state = foldOperations(MEETING_ID, sequence(ops));
  const view = meetingView(state, committee);
  if (view.ignored.length > 0) throw new Error(`ops ignored: ${JSON.stringify(view.ignored)}`);
  return { view, committee, minutes: buildMinutesDocument(view, committee) };
}

/** The edit of the republish tests: 41/03 reworded, and 41/07 raised for Megan Ross. */
export function republishEdits(view: MeetingView): NewOperation[] {
  const action = view.actions.find((entry) => entry.actionId === 'OPSG 41/03')!;
  return [
    op('action.update', { id: action.id, text: `${action.text} Report to OPSG 42.` }, 2),
    op(
      'action.raise',
      {
        id: 'a-republish-07',
        itemId: action.itemId,
        text: 'The CDS to circulate the firmware delivery dashboard.',
        ownerIds: ['cds'],
        assigneeIds: ['c-ross'],
        targetDate: '2021-03-01',
      },
      3,
    ),
  ];
}

export interface Clients {
  delegated: GraphClient;
  application: GraphClient;
}

export function clients(
  sandbox: RunningGraphSandbox,
  seed: SeedInfo,
  options: { timeoutMs?: number; maxAttempts?: number } = {},
): Clients {
  const common = {
    baseUrl: sandbox.graphBaseUrl,
    sleep: () => Promise.resolve(),
    timeoutMs: options.timeoutMs ?? 5_000,
    maxAttempts: options.maxAttempts ?? 6,
  };
  return {
    delegated: createGraphClient({
      getToken: () => Promise.resolve(`user:${seed.organizer.id}`),
      ...common,
    }),
    application: createGraphClient({ getToken: () => Promise.resolve('app'), ...common }),
  };
}

let docxCache: Promise<Uint8Array> | null = null;
let docxFor: MinutesDocument | null = null;

/** One rendering per minutes document for the whole file: rendering is not what is tested. */
export function cachedDocx(minutes: MinutesDocument): Promise<Uint8Array> {
  if (docxFor !== minutes || !docxCache) {
    docxFor = minutes;
    docxCache = renderMinutesDocx(minutes);
  }
  return docxCache;
}

export interface PublishCall {
  store: Store;
  clients: Clients;
  meeting: Meeting;
  options?: PublishOptions;
  onProgress?: (event: PublishProgress) => void;
  /** Default: one executor for the whole test file, as one server instance would be. */
  lease?: LeaseOptions;
  now?: () => Date;
  signal?: AbortSignal;
  tenantId?: string;
}

/** A report of a run this executor ran (not one it found running elsewhere). */
export type RunReport = Exclude<PublishReport, { status: 'running_elsewhere' }>;

export const EXECUTOR = 'test-executor';

/** What the server will do on Publish (and Retry): plan from the ledger, then execute. */
export async function publishOrElsewhere(call: PublishCall): Promise<PublishReport> {
  const { store, meeting } = call;
  const tenantId = call.tenantId ?? TENANT;
  const history = {
    runs: await store.listPublishRuns(tenantId, meeting.view.id),
    steps: await store.listPublishSteps(tenantId, meeting.view.id),
  };
  const plan = planPublish({ tenantId, ...meeting, history, options: call.options ?? {} });
  return executePublish({
    plan,
    graph: createPublishGraph({ ...call.clients }),
    store,
    renderDocx: cachedDocx,
    lease: call.lease ?? { holder: EXECUTOR },
    ...(call.now ? { now: call.now } : {}),
    ...(call.signal ? { signal: call.signal } : {}),
    ...(call.onProgress ? { onProgress: call.onProgress } : {}),
  });
}

/** Publishes; a run held by another executor is an error here. */
export async function publish(call: PublishCall): Promise<RunReport> {
  const report = await publishOrElsewhere(call);
  if (report.status === 'running_elsewhere') throw new Error(report.message);
  return report;
}

/** Publishes, pressing Retry after each failed report, at most `attempts` times. */
export async function publishUntilDone(
  call: PublishCall,
  attempts = 12,
): Promise<{ report: RunReport; calls: number }> {
  let report: RunReport | null = null;
  for (let calls = 1; calls <= attempts; calls += 1) {
    report = await publish(call);
    if (report.status === 'done') return { report, calls };
  }
  throw new Error(`still not published after ${attempts} tries: ${JSON.stringify(report)}`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

export interface PublishedCounts {
  documents: number;
  /** Versions of the minutes file: one per publish, plus one for the columns (SharePoint's). */
  versions: number;
  chatPosts: number;
  mails: number;
  mailsWithDocx: number;
  drafts: number;
  rows: number;
  rowActionIds: string[];
  plannerTasks: number;
  plannerTitles: string[];
  todoTasks: number;
  todoKeys: string[];
}

/** What is in the sandbox, from `/_sandbox/state`. */
export async function publishedCounts(sandbox: RunningGraphSandbox): Promise<PublishedCounts> {
  const state = (await (await fetch(`${sandbox.url}/_sandbox/state`)).json()) as Loose;
  const documents = (state.documents as Loose[]).filter((doc) =>
    String(doc.path).startsWith('Minutes/OPSG/'),
  );
  const versions = documents.flatMap((doc) => doc.versions as Loose[]);
  const rows = (state.listRows as Loose[]).filter(
    (row) => row.fields.MeetingReference === REFERENCE,
  );
  const todo = (state.todoTasks as Loose[]).filter((task) =>
    (task.linkedResources as Loose[]).some((link) =>
      String(link.externalId).startsWith(`minutebook:${TENANT}:todo:`),
    ),
  );
  const mails = state.mails as Loose[];
  return {
    documents: documents.length,
    versions: versions.length,
    chatPosts: (state.chatPosts as Loose[]).filter((post) =>
      String(post.content).includes(`minutebook:${TENANT}:chat:`),
    ).length,
    mails: mails.length,
    mailsWithDocx: mails.filter((mail) =>
      (mail.attachments as Loose[]).some((file) => String(file.name).endsWith('.docx')),
    ).length,
    drafts: (state.drafts as Loose[]).length,
    rows: rows.length,
    rowActionIds: rows.map((row) => row.fields.ActionId as string).sort(),
    plannerTasks: (state.plannerTasks as Loose[]).length,
    plannerTitles: (state.plannerTasks as Loose[]).map((task) => task.title as string).sort(),
    todoTasks: todo.length,
    todoKeys: todo
      .flatMap((task) =>
        (task.linkedResources as Loose[]).map((link) => `${task.owner}|${link.externalId}`),
      )
      .sort(),
  };
}

/** Requests the sandbox refused as malformed (400/413): Graph-type violations. */
export function refusals(exchanges: readonly SandboxExchange[]): string[] {
  return exchanges
    .filter((exchange) => exchange.status === 400 || exchange.status === 413)
    .map(
      (exchange) =>
        `${exchange.method} ${exchange.path} ${exchange.status} ${JSON.stringify(exchange.body)}`,
    );
}
