/**
 * The demo data and the demo tenant of the Graph sandbox belong together: a fresh demo publishes
 * to the tenant's library, register and plan and is linked to its Teams meeting, and a demo made
 * by an earlier version (before publishing, before roles) is completed on start, filling only
 * what is missing. Every role can be tried from the "Acting as" picker's users.
 */
import { DEMO_COMMITTEE_ID, demoCommitteeSettings } from '../../src/demo/demoCommittee';
import { DEMO_MEETING } from '../../src/demo/demoMeeting';
import { DEMO_TEAMS_MEETING, DEMO_USERS, DEMO_WORKPLACE } from '../../src/demo/demoTenant';
import { localUsers } from '../../src/tab/app/localUsers';
import {
  completeDemoData,
  DEMO_MEETING_ID,
  DEMO_SECRETARY,
  seedDemoData,
} from '../../src/server/seedDemoData';
import { startTestServer, type TestServer } from '../helpers/testServer';

let server: TestServer;
afterEach(async () => {
  await server.close();
});

it('a fresh demo publishes to the demo tenant and is linked to its Teams meeting', async () => {
  server = await startTestServer({ DEMO_DATA: 'off' });
  expect(await seedDemoData(server.committees, server.meetings)).toBe(true);
  const { committee } = await server.committees.read(DEMO_SECRETARY, DEMO_COMMITTEE_ID);
  expect(committee.publishing).toMatchObject({
    documentLibrary: { driveId: DEMO_WORKPLACE.driveId, folder: 'Minutes' },
    actionRegister: { siteId: DEMO_WORKPLACE.siteId, listId: DEMO_WORKPLACE.actionListId },
    planner: { planId: DEMO_WORKPLACE.planId, bucketId: DEMO_WORKPLACE.openBucketId },
    distributionList: [DEMO_WORKPLACE.distributionList],
  });
  const contacts = committee.organisations.flatMap((organisation) => organisation.contacts);
  expect(contacts.find((contact) => contact.id === 'c-ross')?.entraObjectId).toBe(
    DEMO_USERS.ross.id,
  );
  const { meeting } = await server.meetings.view(DEMO_SECRETARY, DEMO_MEETING_ID);
  expect(meeting).toMatchObject({
    teamsJoinUrl: DEMO_TEAMS_MEETING.joinWebUrl,
    teamsChatId: DEMO_TEAMS_MEETING.chatId,
  });
  expect(await completeDemoData(server.committees, server.meetings)).toBe(false);
});

it('gives every user of the local picker a role: two owners, one note-taker, members', async () => {
  server = await startTestServer({ DEMO_DATA: 'off' });
  expect(await seedDemoData(server.committees, server.meetings)).toBe(true);
  const { grants, myRole } = await server.committees.grants.read(DEMO_SECRETARY, DEMO_COMMITTEE_ID);
  expect(myRole).toBe('owner');
  const roleOf = new Map(grants.map((grant) => [grant.userId, grant.role]));
  expect(localUsers().map((user) => [user.name, roleOf.get(`local:${user.name}`)])).toEqual(
    localUsers().map((user) => [
      user.name,
      user.name === 'secretary' || user.name === 'ines.carvalho'
        ? 'owner'
        : user.name === 'olu.adeyemi'
          ? 'noteTaker'
          : 'member',
    ]),
  );
  expect(grants).toHaveLength(localUsers().length);
});

it('an older demo gets what it lacks, once, and keeps what someone set', async () => {
  server = await startTestServer({ DEMO_DATA: 'off' });
  const stripIds = <T extends { entraObjectId?: string }>(person: T): T => {
    const { entraObjectId: _id, ...rest } = person;
    return rest as T;
  };
  const { publishing: _publishing, ...older } = demoCommitteeSettings;
  await server.committees.create(DEMO_SECRETARY, {
    ...older,
    id: DEMO_COMMITTEE_ID,
    members: (older.members ?? []).map((member) =>
      member.id === 'm-cole' ? { ...member, entraObjectId: DEMO_USERS.ellis.id } : stripIds(member),
    ),
    organisations: (older.organisations ?? []).map((organisation) => ({
      ...organisation,
      contacts: (organisation.contacts ?? []).map(stripIds),
    })),
  });
  const { teamsJoinUrl: _url, teamsChatId: _chat, ...olderMeeting } = DEMO_MEETING;
  await server.meetings.create(DEMO_SECRETARY, {
    id: DEMO_MEETING_ID,
    committeeId: DEMO_COMMITTEE_ID,
    ...olderMeeting,
  });

  expect(await completeDemoData(server.committees, server.meetings)).toBe(true);
  const { committee } = await server.committees.read(DEMO_SECRETARY, DEMO_COMMITTEE_ID);
  expect(committee.publishing.planner?.planId).toBe(DEMO_WORKPLACE.planId);
  const member = (id: string) => committee.members.find((entry) => entry.id === id);
  expect(member('m-pryce')?.entraObjectId).toBe(DEMO_USERS.pryce.id);
  // Someone had set the chair's id: it stays.
  expect(member('m-cole')?.entraObjectId).toBe(DEMO_USERS.ellis.id);
  const { meeting } = await server.meetings.view(DEMO_SECRETARY, DEMO_MEETING_ID);
  expect(meeting.teamsJoinUrl).toBe(DEMO_TEAMS_MEETING.joinWebUrl);
  // Before roles there were none: the demo's are given, and one an owner removes stays removed.
  const roles = await server.committees.grants.read(DEMO_SECRETARY, DEMO_COMMITTEE_ID);
  expect(roles.grants.find((grant) => grant.userId === 'local:secretary')?.role).toBe('owner');
  expect(roles.grants.find((grant) => grant.userId === 'local:olu.adeyemi')?.role).toBe(
    'noteTaker',
  );
  await server.committees.grants.change(DEMO_SECRETARY, DEMO_COMMITTEE_ID, {
    changes: [{ userId: 'local:fiona.marsh', displayName: 'Fiona Marsh', role: null }],
  });

  expect(await completeDemoData(server.committees, server.meetings)).toBe(false);
  const after = await server.committees.grants.read(DEMO_SECRETARY, DEMO_COMMITTEE_ID);
  expect(after.grants.map((grant) => grant.userId)).not.toContain('local:fiona.marsh');
});
