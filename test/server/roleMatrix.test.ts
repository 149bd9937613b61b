/**
 * The permission matrix over real HTTP: every /api route the server registers and every op type,
 * tried by an owner, a note-taker, a member and someone with no role on the committee. The cases
 * come from the domain's matrix (OPERATION_RULES) and the server's route table
 * (ROUTE_PERMISSIONS): a new route or op type without a rule fails here. Each refusal is 403
 * `forbidden` with a sentence naming the role needed and an owner, and writes nothing.
 */
import {
  COMMITTEE_ACTIONS,
  OPERATION_RULES,
  OPERATION_TYPES,
  roleSatisfies,
  type CommitteeRole,
  type OperationType,
} from '../../src/domain';
import { ROUTE_PERMISSIONS, type ApiRoute } from '../../src/server/routePermissions';
import { api, startTestServer, type TestServer } from '../helpers/testServer';
import { expectError, grantRoles, op, smallCommittee } from './support';

let server: TestServer;
let committeeId: string;
let numbers = 100;

/** The committee's people by role; "fiona.marsh" is Fiona Marsh (m-marsh) on its roster. */
const USERS: Record<CommitteeRole | 'none', string> = {
  owner: 'olive.owner',
  noteTaker: 'nate.taker',
  member: 'fiona.marsh',
  none: 'stranger',
};
const CALLERS = Object.keys(USERS) as (CommitteeRole | 'none')[];
const held = (caller: CommitteeRole | 'none') => (caller === 'none' ? null : caller);

beforeAll(async () => {
  server = await startTestServer({ DEMO_DATA: 'off' });
  const created = await api(server.baseUrl, 'POST', '/api/committees', {
    body: smallCommittee(),
    user: USERS.owner,
  });
  expect(created.status).toBe(201);
  committeeId = created.body.id as string;
  await grantRoles(
    server.baseUrl,
    committeeId,
    { [USERS.noteTaker]: 'noteTaker', [USERS.member]: 'member' },
    { user: USERS.owner },
  );
});

afterAll(async () => {
  await server.close();
});

/** A fresh meeting of the committee, so one case never sees another's changes. */
async function freshMeeting(): Promise<string> {
  numbers += 1;
  const response = await api(server.baseUrl, 'POST', '/api/meetings', {
    body: { committeeId, number: String(numbers), date: '2021-01-25' },
    user: USERS.owner,
  });
  expect(response.status).toBe(201);
  return response.body.meeting.id as string;
}

/** Everything a refused request could have written. */
async function snapshot(meetingId: string): Promise<unknown> {
  const { store } = server;
  const meeting = await store.getMeeting('local', meetingId);
  return {
    meeting,
    ops: await store.readOperations('local', meetingId, 0, 1000),
    committee: await store.getCommittee('local', committeeId),
    committees: (await store.listCommittees('local')).length,
    meetings: (await store.listMeetings('local', { includeArchived: true })).length,
    grants: await store.listGrants('local', committeeId),
    grantChanges: (await store.listGrantChanges('local', committeeId)).length,
    runs: await store.listPublishRuns('local', meetingId),
  };
}

interface Sent {
  status: number;
  body: unknown;
  headers: Headers;
}

/** One request as `user`; an event stream is closed as soon as its status is known. */
async function send(method: string, url: string, user: string, body?: unknown): Promise<Sent> {
  const controller = new AbortController();
  const headers: Record<string, string> = { 'x-minutebook-user': user };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.baseUrl}${url}`, {
    method,
    headers,
    signal: controller.signal,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    controller.abort();
    return { status: response.status, body: undefined, headers: response.headers };
  }
  const text = await response.text();
  return {
    status: response.status,
    body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
    headers: response.headers,
  };
}

/** How to call each route, and what an allowed call answers on this server (no Graph). */
const ROUTE_CALLS: Record<
  ApiRoute,
  (meetingId: string) => { method: string; url: string; body?: unknown; allowed: number }
> = {
  'GET /api/me': () => ({ method: 'GET', url: '/api/me', allowed: 200 }),
  'POST /api/committees': () => ({
    method: 'POST',
    url: '/api/committees',
    body: smallCommittee(),
    allowed: 201,
  }),
  'GET /api/committees': () => ({ method: 'GET', url: '/api/committees', allowed: 200 }),
  'GET /api/committees/:id': () => ({
    method: 'GET',
    url: `/api/committees/${committeeId}`,
    allowed: 200,
  }),
  'PATCH /api/committees/:id': () => ({
    method: 'PATCH',
    url: `/api/committees/${committeeId}`,
    body: { name: 'Operations Group' },
    allowed: 200,
  }),
  'GET /api/committees/:id/grants': () => ({
    method: 'GET',
    url: `/api/committees/${committeeId}/grants`,
    allowed: 200,
  }),
  'PATCH /api/committees/:id/grants': () => ({
    method: 'PATCH',
    url: `/api/committees/${committeeId}/grants`,
    body: { changes: [{ userId: 'local:newcomer', displayName: 'Newcomer', role: 'member' }] },
    allowed: 200,
  }),
  'POST /api/meetings': () => {
    numbers += 1;
    return {
      method: 'POST',
      url: '/api/meetings',
      body: { committeeId, number: String(numbers), date: '2021-01-25' },
      allowed: 201,
    };
  },
  'GET /api/meetings': () => ({ method: 'GET', url: '/api/meetings', allowed: 200 }),
  'GET /api/meetings/:id': (id) => ({ method: 'GET', url: `/api/meetings/${id}`, allowed: 200 }),
  'PATCH /api/meetings/:id': (id) => ({
    method: 'PATCH',
    url: `/api/meetings/${id}`,
    body: { title: 'Renamed' },
    allowed: 200,
  }),
  'POST /api/meetings/:id/archive': (id) => ({
    method: 'POST',
    url: `/api/meetings/${id}/archive`,
    body: {},
    allowed: 200,
  }),
  'POST /api/meetings/:id/ops': (id) => ({
    method: 'POST',
    url: `/api/meetings/${id}/ops`,
    body: { ops: [op(id, 'note.add', { id: 'n-1', itemId: 'i-1', text: 'A note.' })] },
    allowed: 200,
  }),
  'GET /api/meetings/:id/ops': (id) => ({
    method: 'GET',
    url: `/api/meetings/${id}/ops`,
    allowed: 200,
  }),
  'GET /api/meetings/:id/stream': (id) => ({
    method: 'GET',
    url: `/api/meetings/${id}/stream`,
    allowed: 200,
  }),
  'GET /api/meetings/:id/minutes.:format': (id) => ({
    method: 'GET',
    url: `/api/meetings/${id}/minutes.txt`,
    allowed: 200,
  }),
  'POST /api/meetings/:id/minutes-links': (id) => ({
    method: 'POST',
    url: `/api/meetings/${id}/minutes-links`,
    body: {},
    allowed: 200,
  }),
  // This server has no Graph: an allowed caller gets as far as 503 graph_not_configured.
  'GET /api/meetings/:id/attendance-proposals': (id) => ({
    method: 'GET',
    url: `/api/meetings/${id}/attendance-proposals`,
    allowed: 503,
  }),
  'GET /api/meetings/:id/apology-proposals': (id) => ({
    method: 'GET',
    url: `/api/meetings/${id}/apology-proposals`,
    allowed: 503,
  }),
  'GET /api/meetings/:id/publish': (id) => ({
    method: 'GET',
    url: `/api/meetings/${id}/publish`,
    allowed: 200,
  }),
  'POST /api/meetings/:id/publish': (id) => ({
    method: 'POST',
    url: `/api/meetings/${id}/publish`,
    body: {},
    allowed: 503,
  }),
  // No such run: an allowed caller learns that (404); others learn nothing (403).
  'GET /api/meetings/:id/publish/:runId': (id) => ({
    method: 'GET',
    url: `/api/meetings/${id}/publish/no-such-run`,
    allowed: 404,
  }),
  'GET /api/meetings/:id/publish/:runId/stream': (id) => ({
    method: 'GET',
    url: `/api/meetings/${id}/publish/no-such-run/stream`,
    allowed: 404,
  }),
};

/** "METHOD /path" of every route under /api the server registered (from Fastify's route tree). */
function registeredApiRoutes(): string[] {
  const lines = server.app.printRoutes({ commonPrefix: false }).split('\n');
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of lines) {
    const match = /^([│ ├└─]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = Math.floor((match[1] ?? '').length / 4);
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + (match[2] ?? '');
    stack[depth] = path;
    for (const method of (match[3] ?? '').split(', ')) {
      if (method && method !== 'HEAD' && path.startsWith('/api/')) routes.push(`${method} ${path}`);
    }
  }
  return routes.sort();
}

function neededFor(route: ApiRoute): CommitteeRole | null {
  const permission = ROUTE_PERMISSIONS[route];
  if (permission === 'signedIn' || permission === 'listFiltered') return null;
  if (permission === 'perOperation') return OPERATION_RULES['note.add'].role;
  return COMMITTEE_ACTIONS[permission].role;
}

describe('the route table', () => {
  it('names every /api route the server has, and only those', () => {
    expect(registeredApiRoutes()).toEqual(Object.keys(ROUTE_PERMISSIONS).sort());
  });
});

describe.each(Object.keys(ROUTE_CALLS) as ApiRoute[])('%s', (route) => {
  const needed = neededFor(route);
  it.each(CALLERS)('as %s', async (caller) => {
    const meetingId = await freshMeeting();
    const call = ROUTE_CALLS[route](meetingId);
    const before = await snapshot(meetingId);
    const answer = await send(call.method, call.url, USERS[caller], call.body);
    if (needed === null || roleSatisfies(held(caller), needed)) {
      expect({ caller, status: answer.status }).toEqual({ caller, status: call.allowed });
      return;
    }
    const body = expectError(answer, 403, 'forbidden');
    expect(body.message).toContain('Operations Group');
    expect(body.message).toContain(USERS.owner);
    expect(body.details).toMatchObject({ needed, held: held(caller) });
    expect(await snapshot(meetingId)).toEqual(before);
  });
});

/** A valid op of each type (targets need not exist: the fold ignores what it cannot apply). */
const OP_EXAMPLES: Record<OperationType, unknown> = {
  'meeting.update': { title: 'Renamed' },
  'meeting.setStatus': { status: 'circulated' },
  'meetingMember.add': { id: 'p-okafor', name: 'Grace Okafor', categoryId: 'large' },
  'meetingMember.update': { id: 'p-okafor', name: 'Grace Okafor-Reid' },
  'meetingMember.remove': { id: 'p-okafor' },
  'attendance.update': { personId: 'm-cole', status: 'present' },
  'participant.add': { id: 'p-lyle', name: 'Wanda Lyle', organisationId: 'cds' },
  'participant.update': { id: 'p-lyle', role: 'Secretary' },
  'participant.remove': { id: 'p-lyle' },
  'agenda.add': { id: 'i-1', title: 'Welcome', order: 1 },
  'agenda.update': { id: 'i-1', title: 'Welcome and apologies' },
  'agenda.remove': { id: 'i-1' },
  'agenda.open': { id: 'i-1' },
  'note.add': { id: 'n-1', itemId: 'i-1', text: 'A note.' },
  'note.update': { id: 'n-1', text: 'A better note.' },
  'note.remove': { id: 'n-1' },
  'decision.add': { id: 'd-1', itemId: 'i-1', verb: 'NOTED', text: 'the update.' },
  'decision.update': { id: 'd-1', text: 'the full update.' },
  'decision.remove': { id: 'd-1' },
  'action.raise': { id: 'a-1', itemId: 'i-1', text: 'The CDS to report.', ownerIds: ['cds'] },
  'action.update': { id: 'a-1', text: 'The CDS to report back.' },
  'action.withdraw': { id: 'a-1', reason: 'Done elsewhere.' },
  'outstanding.carry': {
    id: 'o-1',
    actionRef: 'OPSG 39/07',
    text: 'CSP N to set out the plan.',
    dateRaised: '2020-12-01',
    lastTargetDate: '2021-01-05',
    ownerIds: ['cds'],
  },
  'outstanding.update': { id: 'o-1', update: 'Done.', status: 'closed' },
  'outstanding.remove': { id: 'o-1' },
};

/** The member's own exception, and its near misses: the role Fiona Marsh (m-marsh) needs. */
const APOLOGY_CASES: [string, unknown, CommitteeRole][] = [
  ['their own apologies', { personId: 'm-marsh', status: 'apologies' }, 'member'],
  ["someone else's apologies", { personId: 'm-cole', status: 'apologies' }, 'noteTaker'],
  ['their own presence', { personId: 'm-marsh', status: 'present' }, 'noteTaker'],
  ['their own part attendance', { personId: 'm-marsh', part: true }, 'noteTaker'],
];

async function tryOp(
  caller: CommitteeRole | 'none',
  type: string,
  payload: unknown,
  needed: CommitteeRole,
) {
  const meetingId = await freshMeeting();
  const sent = op(meetingId, type, payload);
  const before = await snapshot(meetingId);
  const answer = await send('POST', `/api/meetings/${meetingId}/ops`, USERS[caller], {
    ops: [sent],
  });
  const ops = await server.store.readOperations('local', meetingId, 0, 1000);
  if (roleSatisfies(held(caller), needed)) {
    expect({ caller, type, status: answer.status }).toEqual({ caller, type, status: 200 });
    expect(ops.map((entry) => entry.id)).toContain(sent.id);
    return;
  }
  const body = expectError(answer, 403, 'forbidden');
  expect(body.message).toMatch(new RegExp(`^ops\\[0\\] \\(${type.replace('.', '\\.')}\\): Only `));
  expect(body.message).toContain(USERS.owner);
  expect(body.details).toMatchObject({ opIndex: 0, needed, held: held(caller) });
  expect(await snapshot(meetingId)).toEqual(before);
}

describe('every op type', () => {
  it('has an example here', () => {
    expect(Object.keys(OP_EXAMPLES).sort()).toEqual([...OPERATION_TYPES].sort());
  });

  describe.each(OPERATION_TYPES)('%s', (type) => {
    it.each(CALLERS)('as %s', async (caller) => {
      await tryOp(caller, type, OP_EXAMPLES[type], OPERATION_RULES[type].role);
    });
  });

  describe.each(APOLOGY_CASES)('attendance.update: %s', (_name, payload, neededByFiona) => {
    it.each(CALLERS)('as %s', async (caller) => {
      // For anyone but Fiona these are someone else's attendance: a note-taker's to record.
      const needed = caller === 'member' ? neededByFiona : 'noteTaker';
      await tryOp(caller, 'attendance.update', payload, needed);
    });
  });
});
