/**
 * Roles are grants, changed only by owners and recorded: issue 9's two ways of making oneself
 * secretary no longer let anyone publish, grant changes are all or nothing and kept in the
 * history (who, when, from, to), the last owner cannot be removed, a change of role takes effect
 * at once, and lists show only the committees and meetings the caller holds a role on.
 */
import { api, startTestServer, type TestServer } from '../helpers/testServer';
import { allOps, committeeAndMeeting, expectError, grantRoles, note, op, postOps } from './support';

let server: TestServer;
let baseUrl: string;

beforeAll(async () => {
  server = await startTestServer({ DEMO_DATA: 'off' });
  baseUrl = server.baseUrl;
});

afterAll(async () => {
  await server.close();
});

const OWNER = 'olive.owner';

/** A committee owned by OWNER with a note-taker and a member, and its meeting 41. */
async function setUp(): Promise<{ committeeId: string; meetingId: string }> {
  const ids = await committeeAndMeeting(baseUrl, { 'x-minutebook-user': OWNER });
  await grantRoles(
    baseUrl,
    ids.committeeId,
    { 'nate.taker': 'noteTaker', 'fiona.marsh': 'member' },
    { user: OWNER },
  );
  return ids;
}

async function publishAs(meetingId: string, user: string) {
  return api(baseUrl, 'POST', `/api/meetings/${meetingId}/publish`, { body: {}, user });
}

describe('when someone tries to make themselves secretary (issue 9, item 2)', () => {
  it('a member cannot add themselves to the committee as "Secretary" (PATCH), nor publish', async () => {
    const { committeeId, meetingId } = await setUp();
    const before = await api(baseUrl, 'GET', `/api/committees/${committeeId}`, { user: OWNER });
    const patched = await api(baseUrl, 'PATCH', `/api/committees/${committeeId}`, {
      user: 'fiona.marsh',
      body: {
        members: [
          ...before.body.members,
          { id: 'm-me', name: 'Fiona Marsh', categoryId: 'chair', role: 'Secretary' },
        ],
      },
    });
    const refused = expectError(patched, 403, 'forbidden');
    expect(refused.message).toContain("change the committee's settings");
    const after = await api(baseUrl, 'GET', `/api/committees/${committeeId}`, { user: OWNER });
    expect(after.body.version).toBe(before.body.version);
    expect(expectError(await publishAs(meetingId, 'fiona.marsh'), 403, 'forbidden').message).toBe(
      `Only an owner of Operations Group can publish, and you are a member; ask ${OWNER} to publish or to make you an owner.`,
    );
  });

  it('being recorded as "Secretary" by an owner gives no right to publish either', async () => {
    const { committeeId, meetingId } = await setUp();
    const before = await api(baseUrl, 'GET', `/api/committees/${committeeId}`, { user: OWNER });
    const patched = await api(baseUrl, 'PATCH', `/api/committees/${committeeId}`, {
      user: OWNER,
      body: {
        members: before.body.members.map((member: { id: string }) =>
          member.id === 'm-marsh' ? { ...member, role: 'Secretary' } : member,
        ),
      },
    });
    expect(patched.status).toBe(200);
    expectError(await publishAs(meetingId, 'fiona.marsh'), 403, 'forbidden');
    const status = await api(baseUrl, 'GET', `/api/meetings/${meetingId}/publish`, {
      user: 'fiona.marsh',
    });
    expect(status.body).toMatchObject({ canPublish: false });
    expect(status.body.reason).toMatch(/^Only an owner of Operations Group can publish/);
  });

  it.each([
    [
      'participant.add',
      { id: 'p-me', name: 'Fiona Marsh', organisationId: 'cds', role: 'Secretary' },
    ],
    [
      'meetingMember.add',
      { id: 'p-me', name: 'Fiona Marsh', categoryId: 'chair', role: 'Secretary' },
    ],
  ])(
    'one %s with role "Secretary" is refused to a member and lets no note-taker publish',
    async (type, payload) => {
      const { meetingId } = await setUp();
      const byMember = op(meetingId, type, payload);
      expectError(
        await postOps(baseUrl, meetingId, [byMember], { user: 'fiona.marsh' }),
        403,
        'forbidden',
      );
      expect(
        (await allOps(baseUrl, meetingId, { 'x-minutebook-user': OWNER })).map((o) => o.id),
      ).not.toContain(byMember.id);
      // A note-taker may record a participant's role (it is only text) and still cannot publish.
      const byTaker = op(meetingId, type, { ...payload, name: 'Nate Taker' });
      expect((await postOps(baseUrl, meetingId, [byTaker], { user: 'nate.taker' })).status).toBe(
        200,
      );
      expectError(await publishAs(meetingId, 'nate.taker'), 403, 'forbidden');
      expectError(await publishAs(meetingId, 'fiona.marsh'), 403, 'forbidden');
      // Only the owner gets past the check (to Graph, which this test server lacks).
      expectError(await publishAs(meetingId, OWNER), 503, 'graph_not_configured');
    },
  );
});

describe('when an owner changes who holds which role', () => {
  it('applies the changes and records each: who, when, from and to', async () => {
    const { committeeId } = await setUp();
    const changed = await api(baseUrl, 'PATCH', `/api/committees/${committeeId}/grants`, {
      user: OWNER,
      body: {
        changes: [
          { userId: 'local:fiona.marsh', displayName: 'Fiona Marsh', role: 'noteTaker' },
          { userId: 'local:nate.taker', displayName: 'Nate Taker', role: null },
          { userId: 'local:new.owner', displayName: 'New Owner', role: 'owner' },
        ],
      },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.myRole).toBe('owner');
    const roles = Object.fromEntries(
      changed.body.grants.map((grant: { userId: string; role: string }) => [
        grant.userId,
        grant.role,
      ]),
    );
    expect(roles).toEqual({
      [`local:${OWNER}`]: 'owner',
      'local:fiona.marsh': 'noteTaker',
      'local:new.owner': 'owner',
    });
    const history = changed.body.history as {
      seq: number;
      userId: string;
      from: string | null;
      to: string | null;
      by: string;
      at: string;
    }[];
    expect(history.map(({ seq, userId, from, to, by }) => ({ seq, userId, from, to, by }))).toEqual(
      [
        { seq: 1, userId: `local:${OWNER}`, from: null, to: 'owner', by: `local:${OWNER}` },
        { seq: 2, userId: 'local:nate.taker', from: null, to: 'noteTaker', by: `local:${OWNER}` },
        { seq: 3, userId: 'local:fiona.marsh', from: null, to: 'member', by: `local:${OWNER}` },
        {
          seq: 4,
          userId: 'local:fiona.marsh',
          from: 'member',
          to: 'noteTaker',
          by: `local:${OWNER}`,
        },
        { seq: 5, userId: 'local:nate.taker', from: 'noteTaker', to: null, by: `local:${OWNER}` },
        { seq: 6, userId: 'local:new.owner', from: null, to: 'owner', by: `local:${OWNER}` },
      ],
    );
    for (const entry of history) expect(Number.isNaN(Date.parse(entry.at))).toBe(false);
  });

  it('shows members who holds which role, and the history to owners only', async () => {
    const { committeeId } = await setUp();
    const asMember = await api(baseUrl, 'GET', `/api/committees/${committeeId}/grants`, {
      user: 'fiona.marsh',
    });
    expect(asMember.status).toBe(200);
    expect(asMember.body).toMatchObject({ committeeId, myRole: 'member', history: null });
    expect(asMember.body.grants).toHaveLength(3);
    const committee = await api(baseUrl, 'GET', `/api/committees/${committeeId}`, {
      user: 'nate.taker',
    });
    expect(committee.body.myRole).toBe('noteTaker');
  });

  it('takes effect at once: a member made note-taker can write, one removed can read nothing', async () => {
    const { committeeId, meetingId } = await setUp();
    const text = note(meetingId, 'By Fiona.');
    expectError(
      await postOps(baseUrl, meetingId, [text], { user: 'fiona.marsh' }),
      403,
      'forbidden',
    );
    await grantRoles(baseUrl, committeeId, { 'fiona.marsh': 'noteTaker' }, { user: OWNER });
    expect((await postOps(baseUrl, meetingId, [text], { user: 'fiona.marsh' })).status).toBe(200);
    await grantRoles(baseUrl, committeeId, { 'fiona.marsh': null }, { user: OWNER });
    expectError(
      await api(baseUrl, 'GET', `/api/meetings/${meetingId}`, { user: 'fiona.marsh' }),
      403,
      'forbidden',
    );
  });

  it('refuses to leave the committee without an owner (409 last_owner), changing nothing', async () => {
    const { committeeId } = await setUp();
    const before = await api(baseUrl, 'GET', `/api/committees/${committeeId}/grants`, {
      user: OWNER,
    });
    const refused = await api(baseUrl, 'PATCH', `/api/committees/${committeeId}/grants`, {
      user: OWNER,
      body: {
        changes: [
          { userId: 'local:fiona.marsh', displayName: 'Fiona Marsh', role: 'noteTaker' },
          { userId: `local:${OWNER}`, displayName: OWNER, role: 'member' },
        ],
      },
    });
    expect(expectError(refused, 409, 'last_owner').message).toBe(
      'Operations Group must keep at least one owner; make someone else an owner first, then change this role.',
    );
    const after = await api(baseUrl, 'GET', `/api/committees/${committeeId}/grants`, {
      user: OWNER,
    });
    expect(after.body).toEqual(before.body);
  });

  it('lets an owner hand over and step down, after which they see nothing of it', async () => {
    const { committeeId } = await setUp();
    const handed = await api(baseUrl, 'PATCH', `/api/committees/${committeeId}/grants`, {
      user: OWNER,
      body: {
        changes: [
          { userId: 'local:next.owner', displayName: 'Next Owner', role: 'owner' },
          { userId: `local:${OWNER}`, displayName: OWNER, role: null },
        ],
      },
    });
    expect(handed.status).toBe(200);
    expect(handed.body).toEqual({ committeeId, myRole: null, grants: [], history: null });
    expectError(
      await api(baseUrl, 'GET', `/api/committees/${committeeId}`, { user: OWNER }),
      403,
      'forbidden',
    );
    const read = await api(baseUrl, 'GET', `/api/committees/${committeeId}`, {
      user: 'next.owner',
    });
    expect(read.body.myRole).toBe('owner');
  });

  it('refuses a note-taker changing roles, and a bad change list, naming the field', async () => {
    const { committeeId } = await setUp();
    const change = { userId: 'local:nate.taker', displayName: 'Nate', role: 'owner' };
    expectError(
      await api(baseUrl, 'PATCH', `/api/committees/${committeeId}/grants`, {
        user: 'nate.taker',
        body: { changes: [change] },
      }),
      403,
      'forbidden',
    );
    const cases: [unknown, RegExp][] = [
      [{ changes: [] }, /^changes: must name at least one change\.$/],
      [{ changes: [{ ...change, role: 'secretary' }] }, /^changes\[0\]\.role: /],
      [
        { changes: [{ ...change, userId: 'nate.taker' }] },
        /^changes\[0\]\.userId: must be a local user id/,
      ],
      [{ changes: [change, change] }, /^changes\[1\]\.userId: repeats local:nate\.taker/],
      [{ changes: [change], extra: 1 }, /extra/],
    ];
    for (const [body, message] of cases) {
      const answer = await api(baseUrl, 'PATCH', `/api/committees/${committeeId}/grants`, {
        user: OWNER,
        body,
      });
      expect(expectError(answer, 400, 'validation_failed').message).toMatch(message);
    }
    const grants = await api(baseUrl, 'GET', `/api/committees/${committeeId}/grants`, {
      user: OWNER,
    });
    expect(grants.body.history).toHaveLength(3);
  });
});

describe('when people list committees and meetings', () => {
  it('shows each only what they hold a role on, with their role', async () => {
    const mine = await setUp();
    // Someone with a role on this committee only (the other tests give Fiona Marsh others).
    await grantRoles(baseUrl, mine.committeeId, { 'lee.lister': 'member' }, { user: OWNER });
    const other = await committeeAndMeeting(baseUrl, { 'x-minutebook-user': 'someone.else' });
    const committees = await api(baseUrl, 'GET', '/api/committees', { user: 'lee.lister' });
    expect(
      committees.body.committees.map((c: { id: string; myRole: string }) => [c.id, c.myRole]),
    ).toEqual([[mine.committeeId, 'member']]);
    const meetings = await api(baseUrl, 'GET', '/api/meetings', { user: 'lee.lister' });
    expect(meetings.body.meetings.map((m: { id: string }) => m.id)).toEqual([mine.meetingId]);
    const filtered = await api(baseUrl, 'GET', `/api/meetings?committeeId=${other.committeeId}`, {
      user: 'lee.lister',
    });
    expect(filtered.body.meetings).toEqual([]);
    const stranger = await api(baseUrl, 'GET', '/api/committees', { user: 'nobody.at.all' });
    expect(stranger.body.committees).toEqual([]);
  });
});
