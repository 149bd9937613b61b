/**
 * The permission matrix and who the caller is on the roster: every op type has a rule, the
 * member's one exception (their own apologies) is exact, and the 403 sentence names the role
 * needed and who can grant it.
 */
import { opsg41Committee, opsg41Operations, sequence } from '../../test/fixtures/opsg41';
import { callerPersonIds, localUserName } from './callerPersons';
import { foldOperations } from './foldOperations';
import type { NewOperation } from './operation';
import { OPERATION_TYPES } from './operationSchemas';
import {
  COMMITTEE_ACTIONS,
  forbiddenMessage,
  mayDo,
  OPERATION_RULES,
  ownerNames,
  roleNeededFor,
  type OperationCaller,
} from './permissions';
import { COMMITTEE_ROLES } from './roles';

const committee = opsg41Committee();
const demo = foldOperations('m', sequence(opsg41Operations()));

const attendance = (payload: Record<string, unknown>) =>
  ({
    id: 'o',
    meetingId: 'm',
    actor: 'x',
    clientTime: '2021-01-25T13:00:00Z',
    type: 'attendance.update',
    payload: { personId: 'm-marsh', ...payload },
  }) as NewOperation;

const marsh: OperationCaller = {
  ownPersonIds: new Set(['m-marsh']),
  recordedStatus: () => null,
};

describe('the permission matrix', () => {
  it('has a rule for every op type, and only for op types', () => {
    expect(Object.keys(OPERATION_RULES).sort()).toEqual([...OPERATION_TYPES].sort());
    for (const rule of Object.values(OPERATION_RULES)) {
      expect(COMMITTEE_ROLES).toContain(rule.role);
    }
  });

  it('leaves settings and status to owners and the rest of capture to note-takers', () => {
    const owned = OPERATION_TYPES.filter((type) => OPERATION_RULES[type].role === 'owner');
    expect(owned.sort()).toEqual(['meeting.setStatus', 'meeting.update']);
    expect(OPERATION_TYPES.every((type) => OPERATION_RULES[type].role !== 'member')).toBe(true);
  });

  it('lets roles include the ones below', () => {
    expect(mayDo('owner', 'publish.start')).toBe(true);
    expect(mayDo('noteTaker', 'publish.start')).toBe(false);
    expect(mayDo('noteTaker', 'proposals.read')).toBe(true);
    expect(mayDo('member', 'proposals.read')).toBe(false);
    expect(mayDo('member', 'meeting.read')).toBe(true);
    expect(mayDo(null, 'meeting.read')).toBe(false);
    expect(Object.keys(COMMITTEE_ACTIONS)).toContain('grants.change');
  });
});

describe("a member's own apologies", () => {
  it('need only a member for exactly {personId: themselves, status: apologies}', () => {
    expect(roleNeededFor(attendance({ status: 'apologies' }), marsh)).toBe('member');
  });

  it('need a note-taker for anything more, or for someone else', () => {
    for (const payload of [
      { status: 'present' },
      { status: 'absent' },
      { status: 'apologies', part: true },
      { status: 'apologies', agendaItemIds: [] },
      { status: 'apologies', alternateForMemberId: 'm-cole' },
      { personId: 'm-cole', status: 'apologies' },
    ]) {
      expect(roleNeededFor(attendance(payload), marsh)).toBe('noteTaker');
    }
  });

  it('may be withdrawn (status null) only while apologies are what is recorded', () => {
    expect(roleNeededFor(attendance({ status: null }), marsh)).toBe('noteTaker');
    const recorded = { ...marsh, recordedStatus: () => 'apologies' as const };
    expect(roleNeededFor(attendance({ status: null }), recorded)).toBe('member');
  });
});

describe('who the caller is on the roster', () => {
  it('matches a local user by e-mail, its part before "@", or the name as a local user name', () => {
    // Fiona Marsh's address is fiona.marsh@members.example.
    expect(callerPersonIds('local:fiona.marsh', committee, demo)).toEqual(new Set(['m-marsh']));
    expect(callerPersonIds('local:fiona.marsh@members.example', committee, demo)).toEqual(
      new Set(['m-marsh']),
    );
    expect(callerPersonIds('local:harriet.cole', committee, demo)).toEqual(new Set(['m-cole']));
    // Grace Okafor is a meeting-only member (an alternate) with no e-mail: by name.
    expect([...callerPersonIds('local:grace.okafor', committee, demo)]).toHaveLength(1);
    expect(callerPersonIds('local:nobody', committee, demo).size).toBe(0);
  });

  it('matches a Teams user by Entra object id, a participant through their contact', () => {
    const cole = committee.members.find((member) => member.id === 'm-cole');
    expect(callerPersonIds(cole!.entraObjectId!, committee, demo)).toEqual(new Set(['m-cole']));
    const carvalho = committee.organisations
      .flatMap((organisation) => organisation.contacts)
      .find((contact) => contact.name === 'Ines Carvalho');
    const ids = callerPersonIds(carvalho!.entraObjectId!.toUpperCase(), committee, demo);
    expect([...ids].map((id) => demo.participants.get(id)?.name)).toEqual(['Ines Carvalho']);
    // A local name never matches in Teams mode, nor an object id in local mode.
    expect(callerPersonIds('fiona.marsh', committee, demo).size).toBe(0);
    expect(callerPersonIds(`local:${cole!.entraObjectId!}`, committee, demo).size).toBe(0);
  });

  it('names people as the local identity picker does', () => {
    expect(localUserName('Inês Carvalho-Lopes')).toBe('ines.carvalho.lopes');
  });
});

describe('the 403 sentence', () => {
  it('names the role needed, the role held and who can grant it', () => {
    expect(
      forbiddenMessage({
        rule: COMMITTEE_ACTIONS['publish.start'],
        held: 'noteTaker',
        committeeName: 'Operations Group',
        owners: ['Ines Carvalho'],
      }),
    ).toBe(
      'Only an owner of Operations Group can publish, and you are a note-taker; ask Ines Carvalho to publish or to make you an owner.',
    );
    expect(
      forbiddenMessage({
        rule: COMMITTEE_ACTIONS['meeting.read'],
        held: null,
        committeeName: 'Operations Group',
        owners: ['Ines Carvalho', 'Secretary'],
      }),
    ).toBe(
      'Only a member of Operations Group can see its meetings, their minutes and live changes, and you have no role on it; ask Ines Carvalho or Secretary to make you a member.',
    );
  });

  it('lists a few owners, or says where to turn when there is none', () => {
    expect(ownerNames(['A', 'B', 'C'])).toBe('A, B or C');
    expect(ownerNames(['A', 'B', 'C', 'D'])).toBe('one of its owners (A, B, C, …)');
    expect(ownerNames([])).toMatch(/administrator/);
  });
});
