/**
 * The server side of the end-to-end tests: the real server in-process on 127.0.0.1 serving the
 * built tab, seeded with the demo committee, and fresh meetings made through the HTTP API.
 */
import { randomUUID } from 'node:crypto';
import type { StoredOperation } from '../../src/domain';
import { DEMO_COMMITTEE_ID } from '../../src/demo/demoCommittee';
import { DEMO_SECRETARY, seedDemoData } from '../../src/server/seedDemoData';
import { api, startTestServer, type TestServer } from '../helpers/testServer';
import { assertTabBuilt } from './browser';

export const SECRETARY_USER = 'ines.carvalho';
export const SECRETARY = { 'x-minutebook-user': SECRETARY_USER };

/**
 * The server with the demo data, heartbeats every second, serving dist/tab; with
 * `graph: 'sandbox'`, also the in-process Graph sandbox with the demo tenant, as `npm start`.
 */
export async function startE2eServer(options: { graph?: 'sandbox' } = {}): Promise<TestServer> {
  const tabDir = assertTabBuilt();
  const server = await startTestServer(
    { SSE_HEARTBEAT_MS: '1000', DEMO_DATA: 'off' },
    { tabDir, logger: false, ...options },
  );
  if (!(await seedDemoData(server.committees, server.meetings))) {
    await server.close();
    throw new Error('The demo data was not created on a fresh store.');
  }
  // The stage's second viewer is a member of the committee (reading needs a role).
  await server.committees.grants.change(DEMO_SECRETARY, DEMO_COMMITTEE_ID, {
    changes: [{ userId: 'local:stage.viewer', displayName: 'Stage Viewer', role: 'member' }],
  });
  return server;
}

/** Closes the server, sweeping away the event streams that browsers keep open. */
export async function stopE2eServer(server: TestServer | undefined): Promise<void> {
  if (!server) return;
  const closing = server.close();
  const sweep = setInterval(() => server.app.server.closeAllConnections(), 20);
  try {
    await closing;
  } finally {
    clearInterval(sweep);
  }
}

export interface AgendaEntry {
  id: string;
  title: string;
  parentId?: string;
  order: number;
}

export interface CarriedAction {
  id: string;
  actionRef: string;
  text: string;
  dateRaised: string;
  lastTargetDate: string;
  ownerIds: string[];
}

/** The agenda of the fresh meeting: four items, one with a sub-item. */
export const FRESH_AGENDA: AgendaEntry[] = [
  { id: 'item-1', title: 'Actions Outstanding', order: 1 },
  { id: 'item-2', title: 'CDS Operational Update', order: 2 },
  { id: 'item-3', title: 'Code Panel Reports', order: 3 },
  { id: 'item-3-1', title: 'Registration Data Incident Report', parentId: 'item-3', order: 1 },
  { id: 'item-4', title: 'Any Other Business', order: 4 },
];

export const FRESH_OUTSTANDING: CarriedAction[] = [
  {
    id: 'out-41-02',
    actionRef: 'OPSG 41/02',
    text: 'The CDS to confirm the date of the next hardware refresh window.',
    dateRaised: '2021-01-25',
    lastTargetDate: '2021-02-22',
    ownerIds: ['cds'],
  },
  {
    id: 'out-41-05',
    actionRef: 'OPSG 41/05',
    text: 'CSEC to circulate the revised terms of reference.',
    dateRaised: '2021-01-25',
    lastTargetDate: '2021-02-22',
    ownerIds: ['csec'],
  },
];

export interface FreshMeeting {
  meetingId: string;
  committeeId: string;
  /** The seq of the last op the setup wrote; the UI's ops come after it. */
  setupSeq: number;
}

const freshMeetingsMade = new Map<string, number>();

/**
 * A meeting of the demo committee made through the API with nothing captured yet: the settings,
 * the agenda and the outstanding actions of the last meeting.
 */
export async function createFreshMeeting(
  baseUrl: string,
  options: { number?: string; agenda?: AgendaEntry[]; outstanding?: CarriedAction[] } = {},
): Promise<FreshMeeting> {
  const meetingId = `e2e-${randomUUID()}`;
  // A committee's meetings each hold their own reference: a later fresh meeting on the same
  // server is a day later (OPSG_42_2302…), with the same number and so the same action IDs.
  const made = freshMeetingsMade.get(baseUrl) ?? 0;
  freshMeetingsMade.set(baseUrl, made + 1);
  const day = new Date(Date.UTC(2021, 1, 22 + made)).toISOString().slice(0, 10);
  const created = await api(baseUrl, 'POST', '/api/meetings', {
    headers: SECRETARY,
    body: {
      id: meetingId,
      committeeId: DEMO_COMMITTEE_ID,
      number: options.number ?? '42',
      date: day,
      startsAt: `${day}T13:20:00Z`,
      mode: 'teleconference',
      series: 'main',
      nextMainMeetingDate: '2021-03-22',
    },
  });
  if (created.status !== 201)
    throw new Error(`Creating the meeting: ${JSON.stringify(created.body)}`);
  const ops = [
    ...(options.agenda ?? FRESH_AGENDA).map((item) =>
      rawOp(meetingId, 'agenda.add', {
        id: item.id,
        title: item.title,
        order: item.order,
        ...(item.parentId ? { parentId: item.parentId } : {}),
      }),
    ),
    ...(options.outstanding ?? FRESH_OUTSTANDING).map((entry) =>
      rawOp(meetingId, 'outstanding.carry', { ...entry, itemId: 'item-1' }),
    ),
  ];
  const appended = await api(baseUrl, 'POST', `/api/meetings/${meetingId}/ops`, {
    headers: SECRETARY,
    body: { ops },
  });
  if (appended.status !== 200)
    throw new Error(`Writing the agenda: ${JSON.stringify(appended.body)}`);
  return { meetingId, committeeId: DEMO_COMMITTEE_ID, setupSeq: appended.body.lastSeq as number };
}

function rawOp(meetingId: string, type: string, payload: unknown) {
  return {
    id: `setup-${randomUUID()}`,
    meetingId,
    clientTime: '2021-02-22T13:00:00Z',
    type,
    payload,
  };
}

/** Every op of the meeting's log, paged. */
export async function allOps(baseUrl: string, meetingId: string): Promise<StoredOperation[]> {
  const ops: StoredOperation[] = [];
  let after = 0;
  for (;;) {
    const page = await api(baseUrl, 'GET', `/api/meetings/${meetingId}/ops?after=${after}`, {
      headers: SECRETARY,
    });
    if (page.status !== 200) throw new Error(`Reading the log: ${JSON.stringify(page.body)}`);
    ops.push(...(page.body.ops as StoredOperation[]));
    if (page.body.nextAfter === null) return ops;
    after = page.body.nextAfter as number;
  }
}

/** The folded meeting as GET /api/meetings/:id answers it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function meetingState(baseUrl: string, meetingId: string): Promise<any> {
  const answer = await api(baseUrl, 'GET', `/api/meetings/${meetingId}`, { headers: SECRETARY });
  if (answer.status !== 200) throw new Error(`Reading the meeting: ${JSON.stringify(answer.body)}`);
  return answer.body;
}
