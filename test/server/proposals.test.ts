/**
 * Attendance and apology proposals over HTTP, read from the demo tenant's Teams meeting in the
 * in-process Graph sandbox (the same sandbox and tenant `npm start` runs): what the secretary is
 * shown, accepting a proposal through the op log, and what the server answers when Graph cannot
 * be reached, refuses, or wants consent first.
 */
import type {
  ApologyProposalsResponse,
  AttendanceProposalsResponse,
} from '../../src/contract/graphApi';
import type { AttendanceProposal } from '../../src/domain';
import { DEMO_USERS } from '../../src/demo/demoTenant';
import { createGraphClient, onBehalfOfTokenProvider } from '../../src/graph';
import { createPublishGraph } from '../../src/publish';
import { sandboxGraphAccess, type GraphAccess } from '../../src/server/GraphAccess';
import { startLocalGraph, type LocalGraph } from '../../src/server/localGraph/startLocalGraph';
import { seedDemoData } from '../../src/server/seedDemoData';
import { api, startTestServer, type TestServer } from '../helpers/testServer';
import { DEMO_MEETING_ID, opsOf, SECRETARY, startDemoServer } from './graphSupport';
import { committeeAndMeeting, postOps, SENTENCE } from './support';

jest.setTimeout(30_000);

const attendanceUrl = `/api/meetings/${DEMO_MEETING_ID}/attendance-proposals`;
const apologiesUrl = `/api/meetings/${DEMO_MEETING_ID}/apology-proposals`;

describe('attendance proposals from the Teams attendance report', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDemoServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const proposals = async () => {
    const response = await api<AttendanceProposalsResponse>(server.baseUrl, 'GET', attendanceUrl, {
      user: SECRETARY,
    });
    expect(response.status).toBe(200);
    return response.body;
  };
  const byName = (body: AttendanceProposalsResponse, name: string): AttendanceProposal => {
    const found = body.proposals.find((proposal) => proposal.name === name);
    if (!found) throw new Error(`No proposal for ${name}`);
    return found;
  };

  it("finds the demo meeting's Teams meeting from its join URL and reads every record", async () => {
    const body = await proposals();
    expect(body.teamsMeeting).toMatchObject({
      subject: 'Operations Group Meeting OPSG_41_2501',
      organizer: { id: DEMO_USERS.carvalho.id },
    });
    expect(body.sessions).toBe(1);
    expect(body.provisional).toBe(false);
    expect(body.warnings).toEqual([]);
    // 25 records over three pages of ten: none lost to paging.
    expect(body.proposals.filter((proposal) => proposal.evidence !== null)).toHaveLength(25);
  });

  it('agrees with what was recorded for those there throughout, whoever they are', async () => {
    const body = await proposals();
    expect(byName(body, 'Harriet Cole')).toMatchObject({
      kind: 'joined',
      matchedBy: 'entraObjectId',
      agreement: 'agrees',
      ops: [],
    });
    // Dropped out for six minutes and rejoined: two intervals, still present.
    const priya = byName(body, 'Priya Natarajan');
    expect(priya).toMatchObject({ matchedBy: 'email', agreement: 'agrees' });
    expect(priya.evidence?.intervals).toHaveLength(2);
    // The dial-in has no e-mail address: matched by name only, and said so.
    expect(byName(body, 'Rowan Hale')).toMatchObject({ matchedBy: 'name', confidence: 'low' });
    expect(byName(body, 'Theo Dunmore')).toMatchObject({
      proposed: { status: 'present', part: true },
      agreement: 'agrees',
    });
  });

  it('proposes Part for a member recorded present who joined an hour late', async () => {
    const leo = byName(await proposals(), 'Leo Fairbanks');
    expect(leo).toMatchObject({
      kind: 'joined',
      agreement: 'differs',
      proposed: { status: 'present', part: true },
      recorded: { status: 'present', part: false },
    });
    expect(leo.sentence).toMatch(/^Leo Fairbanks joined 14:26–15:35/);
    expect(leo.ops).toEqual([
      {
        type: 'attendance.update',
        payload: { personId: 'm-fairbanks', part: true, agendaItemIds: expect.any(Array) },
      },
    ]);
  });

  it('proposes adding people nobody recorded, in the organisation their contact or domain names', async () => {
    const body = await proposals();
    expect(byName(body, 'Erik Lindqvist')).toMatchObject({
      kind: 'notOnRoster',
      matchedBy: 'contact',
      organisation: { id: 'cspn', from: 'contact' },
      ops: [
        { type: 'participant.add', payload: { name: 'Erik Lindqvist', organisationId: 'cspn' } },
        { type: 'attendance.update', payload: { status: 'present', part: true } },
      ],
    });
    expect(byName(body, 'Kofi Mensah')).toMatchObject({
      kind: 'notOnRoster',
      organisation: { id: 'cds', from: 'emailDomain' },
    });
  });

  it('proposes Absent for a member recorded present who never joined', async () => {
    expect(byName(await proposals(), 'Nadia Brooks')).toMatchObject({
      kind: 'neverJoined',
      agreement: 'differs',
      proposed: { status: 'absent' },
      ops: [{ type: 'attendance.update', payload: { personId: 'm-brooks', status: 'absent' } }],
    });
  });

  it('once accepted through the op log, a proposal agrees, and the new person is added once', async () => {
    const before = await proposals();
    const erik = byName(before, 'Erik Lindqvist');
    const leo = byName(before, 'Leo Fairbanks');
    const accepted = await postOps(
      server.baseUrl,
      DEMO_MEETING_ID,
      opsOf(DEMO_MEETING_ID, [...erik.ops, ...leo.ops]),
      { user: SECRETARY },
    );
    expect(accepted.status).toBe(200);

    const after = await proposals();
    expect(byName(after, 'Leo Fairbanks')).toMatchObject({ agreement: 'agrees', ops: [] });
    expect(byName(after, 'Erik Lindqvist')).toMatchObject({
      kind: 'joined',
      personId: erik.personId,
      agreement: 'agrees',
    });
    const view = await api(server.baseUrl, 'GET', `/api/meetings/${DEMO_MEETING_ID}`, {
      user: SECRETARY,
    });
    const cspn = view.body.otherParticipants.find(
      (group: { organisationId: string }) => group.organisationId === 'cspn',
    );
    expect(cspn.people.map((person: { name: string }) => person.name)).toEqual(['Erik Lindqvist']);
  });
});

describe('apology proposals from the invitation on the organiser calendar', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDemoServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('proposes the declines of roster members, agreeing or not with what was recorded', async () => {
    const response = await api<ApologyProposalsResponse>(server.baseUrl, 'GET', apologiesUrl, {
      user: SECRETARY,
    });
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.event).toMatchObject({ subject: 'Operations Group Meeting OPSG_41_2501' });
    const agreement = Object.fromEntries(
      body.apologies.map((proposal) => [proposal.name, proposal.agreement]),
    );
    expect(agreement).toEqual({
      'Nadia Brooks': 'differs',
      'Simon Achebe': 'differs',
      'Marcus Webb': 'agrees',
      'Alice Duval': 'agrees',
      'Peter Yoon': 'agrees',
      'Colin Ashby': 'agrees',
      'Zara Quinn': 'agrees',
    });
    // A contact who declined is listed apart: never an apology of the committee.
    expect(body.declinedNotOnRoster).toEqual([
      expect.objectContaining({ name: 'Olu Adeyemi', organisation: { id: 'cds', name: 'CDS' } }),
    ]);
    expect(body.noAnswer.map((answer) => answer.name)).toEqual(
      expect.arrayContaining(['Tomasz Nowak', 'Hannah Stirling', 'Erik Lindqvist']),
    );
    // The room is not a person.
    expect(JSON.stringify(body)).not.toContain('OPSG Room 1');
  });

  it('records an accepted apology, after which it agrees', async () => {
    const first = await api<ApologyProposalsResponse>(server.baseUrl, 'GET', apologiesUrl, {
      user: SECRETARY,
    });
    const nadia = first.body.apologies.find((proposal) => proposal.personId === 'm-brooks')!;
    const accepted = await postOps(
      server.baseUrl,
      DEMO_MEETING_ID,
      opsOf(DEMO_MEETING_ID, nadia.ops),
      {
        user: SECRETARY,
      },
    );
    expect(accepted.status).toBe(200);
    const again = await api<ApologyProposalsResponse>(server.baseUrl, 'GET', apologiesUrl, {
      user: SECRETARY,
    });
    expect(again.body.apologies.find((proposal) => proposal.personId === 'm-brooks')).toMatchObject(
      { agreement: 'agrees', ops: [] },
    );
  });
});

describe('when the proposals cannot be read', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startDemoServer();
  });
  afterEach(async () => {
    await fetch(`${server.baseUrl}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers 409 no_teams_meeting for a meeting not linked to a Teams meeting', async () => {
    const { meetingId } = await committeeAndMeeting(server.baseUrl, {
      'x-minutebook-user': SECRETARY,
    });
    for (const kind of ['attendance', 'apology']) {
      const response = await api(
        server.baseUrl,
        'GET',
        `/api/meetings/${meetingId}/${kind}-proposals`,
        {
          user: SECRETARY,
        },
      );
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('no_teams_meeting');
      expect(response.body.message).toMatch(SENTENCE);
      expect(response.body.message).toContain('not linked to a Teams meeting');
    }
  });

  it('answers 404 for a meeting of no one', async () => {
    const response = await api(server.baseUrl, 'GET', '/api/meetings/nope/attendance-proposals', {
      user: SECRETARY,
    });
    expect(response.status).toBe(404);
  });

  it('answers 503 graph_unavailable, with the Graph code, when Graph stays unavailable', async () => {
    const faults = await fetch(`${server.baseUrl}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        script: [
          { kind: 'unavailable', pathIncludes: '/onlineMeetings', times: 20, retryAfterSeconds: 0 },
        ],
      }),
    });
    expect(faults.status).toBe(200);
    const response = await api(server.baseUrl, 'GET', attendanceUrl, { user: SECRETARY });
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({
      code: 'graph_unavailable',
      details: { graphStatus: 503 },
    });
    expect(typeof response.body.details.graphCode).toBe('string');
    expect(response.body.message).toMatch(/try again/);
  });
});

describe('when the caller is not the organiser, or has not consented', () => {
  let localGraph: LocalGraph;
  let server: TestServer | undefined;
  beforeAll(async () => {
    localGraph = await startLocalGraph({ responseValidation: 'throw' });
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(async () => {
    await localGraph.close();
  });

  const serverWith = async (graphAccess: GraphAccess) => {
    server = await startTestServer({ DEMO_DATA: 'off' }, { graphAccess });
    await seedDemoData(server.committees, server.meetings);
    return server;
  };

  it('answers 502 graph_failed, naming the organiser rule, when Graph refuses the report', async () => {
    // Delegated calls as the chair: a participant of the meeting, not its organiser.
    const asChair = sandboxGraphAccess({ ...localGraph, delegatedUserId: DEMO_USERS.cole.id });
    const { baseUrl } = await serverWith(asChair);
    const response = await api(baseUrl, 'GET', attendanceUrl, { user: SECRETARY });
    expect(response.status).toBe(502);
    expect(response.body).toMatchObject({
      code: 'graph_failed',
      details: { graphStatus: 403 },
    });
    expect(response.body.message).toMatch(/organiser/);
  });

  it('answers 403 consent_required with the consent link', async () => {
    const tenantId = '7a3f6cea-7a26-4884-a06c-3b6154978ebb';
    const clientId = '0f6e2f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6';
    const notConsented: GraphAccess = {
      mode: 'graph',
      inspectorPath: null,
      tenantIdFor: () => tenantId,
      graphFor: async () =>
        createPublishGraph({
          delegated: createGraphClient({
            baseUrl: localGraph.graphBaseUrl,
            getToken: onBehalfOfTokenProvider({
              client: {
                acquireTokenOnBehalfOf: () =>
                  Promise.reject(
                    Object.assign(new Error('AADSTS65001: The user has not consented.'), {
                      errorCode: 'invalid_grant',
                    }),
                  ),
              },
              assertion: 'sso-token',
              scopes: ['OnlineMeetings.Read'],
              tenantId,
              clientId,
              consentRetryDelaysMs: [],
            }),
          }),
        }),
    };
    const { baseUrl } = await serverWith(notConsented);
    const response = await api(baseUrl, 'GET', apologiesUrl, { user: SECRETARY });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('consent_required');
    expect(response.body.details.consentUrl).toBe(
      `https://login.microsoftonline.com/${tenantId}/adminconsent?client_id=${clientId}`,
    );
    expect(response.body.message).toContain(response.body.details.consentUrl);
  });
});
