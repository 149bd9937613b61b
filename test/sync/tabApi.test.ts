/**
 * The tab's directory calls (TabApi) against the real server with the demo data and the Graph
 * sandbox: every answer the pages read is parsed with its schema (apiSchemas.ts) as the server
 * sends it today, including the fields the roles work added (`myRole` on committees, `archivedAt`
 * on meetings), which the schemas accept and leave out.
 */
import { DEMO_COMMITTEE_ID } from '../../src/demo/demoCommittee';
import { DEMO_MEETING_ID, seedDemoData } from '../../src/server/seedDemoData';
import { createTabApi, type TabApi } from '../../src/tab/app/TabApi';
import { ApiError } from '../../src/tab/sync/ApiClient';
import { api, startTestServer, type TestServer } from '../helpers/testServer';
import { apiFor, SECRETARY } from './support';

let server: TestServer;
let tab: TabApi;

beforeAll(async () => {
  server = await startTestServer({ DEMO_DATA: 'off' }, { graph: 'sandbox' });
  expect(await seedDemoData(server.committees, server.meetings)).toBe(true);
  tab = createTabApi(apiFor(server.baseUrl));
});

afterAll(async () => {
  await server.close();
});

describe("the tab's directory calls, parsed as the server answers them", () => {
  it('lists committees, whose answers carry the caller’s role', async () => {
    const raw = await api(server.baseUrl, 'GET', '/api/committees', { headers: SECRETARY });
    expect(raw.body.committees[0]).toMatchObject({ id: DEMO_COMMITTEE_ID, myRole: 'owner' });

    const committees = await tab.listCommittees();
    expect(committees.map((committee) => [committee.id, committee.code])).toEqual([
      [DEMO_COMMITTEE_ID, 'OPSG'],
    ]);
    expect(committees[0]).not.toHaveProperty('myRole');
  });

  it('lists and creates meetings, whose answers carry archivedAt', async () => {
    const raw = await api(server.baseUrl, 'GET', '/api/meetings', { headers: SECRETARY });
    expect(raw.body.meetings[0]).toHaveProperty('archivedAt', null);

    const created = await tab.createMeeting({
      id: 'm-tab-api',
      committeeId: DEMO_COMMITTEE_ID,
      number: '42',
      date: '2021-02-22',
    });
    expect(created).toMatchObject({ id: 'm-tab-api', number: '42', status: 'draft' });
    const listed = await tab.listMeetings(DEMO_COMMITTEE_ID);
    expect(listed.map((meeting) => meeting.id)).toEqual(
      expect.arrayContaining([DEMO_MEETING_ID, 'm-tab-api']),
    );
  });

  it('reads a meeting’s view, its minutes links and its publish status', async () => {
    const view = await tab.meetingView(DEMO_MEETING_ID);
    expect(view.meeting.reference).toBe('OPSG_41_2501');
    expect(view.actions.length).toBeGreaterThan(0);
    const links = await tab.minutesLinks(DEMO_MEETING_ID);
    expect(Object.keys(links.links).sort()).toEqual(['docx', 'html', 'txt']);
    const status = await tab.publishStatus(DEMO_MEETING_ID);
    expect(status).toMatchObject({ canPublish: true, graphMode: 'sandbox' });
  });

  it('reads the attendance and apology proposals from the sandbox', async () => {
    const attendance = await tab.attendanceProposals(DEMO_MEETING_ID);
    expect(attendance.proposals.length).toBeGreaterThan(0);
    const apologies = await tab.apologyProposals(DEMO_MEETING_ID);
    expect(Array.isArray(apologies.apologies)).toBe(true);
  });

  it('refuses an answer of the wrong shape as invalid_response, naming where', async () => {
    const liar = createTabApi({
      ...apiFor(server.baseUrl),
      get: (path, schema, options) =>
        apiFor(server.baseUrl).get(
          path
            .replace('/api/meetings/', '/api/committees/')
            .replace(DEMO_MEETING_ID, DEMO_COMMITTEE_ID),
          schema,
          options,
        ),
    });
    const failure = await liar.meetingView(DEMO_MEETING_ID).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 200, code: 'invalid_response' });
  });
});
