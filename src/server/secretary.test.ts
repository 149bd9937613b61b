/**
 * Who is a meeting's secretary, and so may publish it: its creator, or the person recorded with
 * the role Secretary / Meeting Secretary, recognised by Entra object id (Teams) or by the picked
 * user name against their e-mail address (local mode).
 */
import {
  MEETING_ID,
  opsg41Committee,
  opsg41Operations,
  sequence,
} from '../../test/fixtures/opsg41';
import { foldOperations, type Committee } from '../domain';
import { DEMO_USERS } from '../demo/demoTenant';
import { notSecretaryReason } from './secretary';

const committee: Committee = {
  ...opsg41Committee(),
  id: 'demo-opsg',
  tenantId: 'local',
  version: 1,
  createdAt: '2021-01-01T00:00:00Z',
  updatedAt: '2021-01-01T00:00:00Z',
};

/** The demo meeting, in which Ines Carvalho (CSEC) is recorded as the Meeting Secretary. */
function demoState() {
  return foldOperations(MEETING_ID, sequence(opsg41Operations()));
}

const local = (name: string) => ({ tenantId: 'local', userId: `local:${name}`, displayName: name });
const teams = (oid: string) => ({ tenantId: 't', userId: oid, displayName: 'Someone' });
const createdBy = { createdBy: 'local:clerk' };

describe('the secretary of the demo meeting', () => {
  it('is its creator', () => {
    expect(notSecretaryReason(local('clerk'), createdBy, committee, demoState())).toBeNull();
  });

  it('is Ines Carvalho, recorded as Meeting Secretary: by her picked name or address', () => {
    const state = demoState();
    expect(notSecretaryReason(local('ines.carvalho'), createdBy, committee, state)).toBeNull();
    expect(
      notSecretaryReason(local('ines.carvalho@csec.example'), createdBy, committee, state),
    ).toBeNull();
  });

  it("is Ines Carvalho in Teams, by her contact's Entra object id", () => {
    expect(
      notSecretaryReason(teams(DEMO_USERS.carvalho.id), createdBy, committee, demoState()),
    ).toBeNull();
  });

  it('is not the chair, who is told who is', () => {
    const reason = notSecretaryReason(local('harriet.cole'), createdBy, committee, demoState());
    expect(reason).toMatch(/^Only the meeting's secretary \(Ines Carvalho, or whoever created/);
    expect(notSecretaryReason(teams(DEMO_USERS.cole.id), createdBy, committee, demoState())).toBe(
      reason,
    );
  });

  it('is a committee member whose role is Secretary', () => {
    const withSecretary: Committee = {
      ...committee,
      members: committee.members.map((member) =>
        member.id === 'm-pryce' ? { ...member, role: 'Secretary' } : member,
      ),
    };
    expect(
      notSecretaryReason(teams(DEMO_USERS.pryce.id), createdBy, withSecretary, demoState()),
    ).toBeNull();
    expect(
      notSecretaryReason(local('owen.pryce'), createdBy, withSecretary, demoState()),
    ).toBeNull();
  });
});
