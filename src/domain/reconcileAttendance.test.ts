import { committeeSettingsSchema, type CommitteeSettingsInput } from './committee';
import { DomainError } from './DomainError';
import { emptyMeetingState } from './meetingState';
import type { MeetingView, PersonView } from './meetingView';
import { operationPayloadSchemas } from './operationSchemas';
import {
  cleanDisplayName,
  nameKey,
  newPersonOps,
  normalizeEmail,
  reconcileAttendance,
  type ReconcileAttendanceInput,
  type ReportedAttendee,
  type ReportedSession,
} from './reconcileAttendance';

const t = (time: string) => `2024-03-04T${time}:00Z`;

function person(personId: string, name: string, extra: Partial<PersonView> = {}): PersonView {
  return {
    personId,
    name,
    role: null,
    onRoster: true,
    status: null,
    alternateFor: null,
    part: false,
    agendaItemIds: [],
    ...extra,
  };
}

/** A board of two members, one organisation with a contact, items A (10:00) and B (10:30). */
function view(
  people: PersonView[] = [person('m-ann', 'Ann Able'), person('m-bob', 'Bob Brown')],
  mode: MeetingView['meeting']['mode'] = 'teleconference',
): ReconcileAttendanceInput['view'] {
  return {
    meeting: { ...emptyMeetingState('m').fields, mode },
    attendees: [{ categoryId: 'members', categoryName: 'Members', people }],
    otherParticipants: [],
    agenda: [
      {
        id: 'i-a',
        number: '1',
        depth: 0,
        parentId: null,
        title: 'A',
        presenter: null,
        openedAt: [t('10:00')],
      },
      {
        id: 'i-b',
        number: '2',
        depth: 0,
        parentId: null,
        title: 'B',
        presenter: null,
        openedAt: [t('10:30')],
      },
    ],
  };
}

const settings: CommitteeSettingsInput = {
  name: 'Board',
  code: 'B',
  categories: [{ id: 'members', name: 'Members' }],
  members: [
    { id: 'm-ann', name: 'Ann Able', categoryId: 'members', email: 'ann@board.example' },
    { id: 'm-bob', name: 'Bob Brown', categoryId: 'members', email: 'bob@board.example' },
    {
      id: 'm-old',
      name: 'Olga Old',
      categoryId: 'members',
      email: 'olga@board.example',
      active: false,
    },
  ],
  organisations: [
    {
      id: 'acme',
      name: 'ACME',
      contacts: [
        { id: 'c-cat', name: 'Cat Crane', email: 'cat@acme.example' },
        { id: 'c-gm', name: 'Gus Mail', email: 'gus.acme@gmail.com' },
      ],
    },
  ],
  classification: { level: 'WHITE', notice: 'White.' },
};
const committee = committeeSettingsSchema.parse(settings);

function attendee(
  name: string | null,
  intervals: [string | null, string | null, number?][],
  extra: Partial<ReportedAttendee> = {},
): ReportedAttendee {
  return {
    id: `r-${name}`,
    emailAddress: null,
    userId: null,
    tenantId: null,
    displayName: name,
    role: 'Attendee',
    totalAttendanceInSeconds: null,
    intervals: intervals.map(([join, leave, seconds]) => ({
      joinDateTime: join ? t(join) : null,
      leaveDateTime: leave ? t(leave) : null,
      durationInSeconds: seconds ?? null,
    })),
    ...extra,
  };
}

function report(records: ReportedAttendee[], total = records.length): ReportedSession {
  return {
    report: {
      id: 'r1',
      meetingStartDateTime: t('09:55'),
      meetingEndDateTime: t('11:00'),
      totalParticipantCount: total,
    },
    records,
  };
}

function run(changes: Partial<ReconcileAttendanceInput> = {}) {
  let n = 0;
  return reconcileAttendance({
    view: view(),
    committee,
    reports: [],
    meetingStart: t('10:00'),
    meetingEnd: t('11:00'),
    now: t('12:00'),
    newId: () => `new-${(n += 1)}`,
    ...changes,
  });
}

const byName = (result: ReturnType<typeof run>, name: string) =>
  result.proposals.find((proposal) => proposal.name === name);

describe('names and addresses', () => {
  it('cleans Teams display names and compares them without case or accents', () => {
    expect(cleanDisplayName('  Jo   Smith (Guest) ')).toBe('Jo Smith');
    expect(cleanDisplayName('Jo Smith (External)')).toBe('Jo Smith');
    expect(nameKey('Zoë  Ångström')).toBe(nameKey('zoe angstrom'));
  });

  it('normalises e-mail addresses and B2B guest principal names', () => {
    expect(normalizeEmail(' Jo.Smith@Contoso.COM ')).toBe('jo.smith@contoso.com');
    expect(normalizeEmail('jo.smith_contoso.com#EXT#@fabrikam.onmicrosoft.com')).toBe(
      'jo.smith@contoso.com',
    );
    expect(normalizeEmail('mailto:a@b.example')).toBe('a@b.example');
  });
});

describe('reconcileAttendance', () => {
  it('measures against the meeting start by default, or from the first join', () => {
    const reports = [report([attendee('Ann Able', [['10:26', '11:00']])])];
    const fromStart = byName(run({ reports }), 'Ann Able');
    expect(fromStart?.proposed).toEqual({ status: 'present', part: true, agendaItemIds: ['i-b'] });
    const fromJoin = byName(run({ reports, thresholds: { measureFrom: 'firstJoin' } }), 'Ann Able');
    expect(fromJoin?.proposed).toEqual({ status: 'present', part: false, agendaItemIds: [] });
  });

  it('proposes Present for someone who attended every item although they came late', () => {
    const reports = [report([attendee('Ann Able', [['10:15', '11:00']])])];
    // 45 of 60 minutes, but 15 minutes of item 1 and all of item 2.
    expect(byName(run({ reports }), 'Ann Able')?.proposed.part).toBe(false);
  });

  it('ignores thresholds given as undefined', () => {
    const reports = [report([attendee('Ann Able', [['10:00', '10:33']])])];
    const result = run({ reports, thresholds: { presentShare: undefined } });
    expect(byName(result, 'Ann Able')?.proposed.part).toBe(true);
  });

  it('fills a missing join or leave time from the duration, and uses now for an open interval', () => {
    const reports = [
      report([
        attendee('Ann Able', [[null, '10:40', 40 * 60]]),
        attendee('Bob Brown', [['10:10', null]]),
      ]),
    ];
    const result = run({ reports, now: t('10:50') });
    expect(result.provisional).toBe(true);
    expect(byName(result, 'Ann Able')?.evidence?.intervals).toEqual([
      { start: '2024-03-04T10:00:00.000Z', end: '2024-03-04T10:40:00.000Z' },
    ]);
    expect(byName(result, 'Bob Brown')?.evidence?.intervals[0]?.end).toBe(
      '2024-03-04T10:50:00.000Z',
    );
    expect(result.warnings.join(' ')).toMatch(/has not ended/);
  });

  it('proposes Present (status only) when the report hides join and leave times', () => {
    const ann = person('m-ann', 'Ann Able', {
      status: 'absent',
      part: true,
      agendaItemIds: ['i-a'],
    });
    const result = run({
      view: view([ann, person('m-bob', 'Bob Brown')]),
      reports: [report([attendee('Ann Able', [], { emailAddress: 'ann@board.example' })])],
    });
    const proposal = byName(result, 'Ann Able');
    expect(proposal?.evidence?.timesHidden).toBe(true);
    expect(proposal?.ops).toEqual([
      { type: 'attendance.update', payload: { personId: 'm-ann', status: 'present' } },
    ]);
    expect(proposal?.sentence).toMatch(/hides join and leave times/);
    expect(result.warnings.join(' ')).toMatch(/hides join and leave times/);
  });

  it('says unknown for everyone on the roster when there is no report', () => {
    const result = run();
    expect(result.proposals.map((p) => p.proposed.status)).toEqual(['unknown', 'unknown']);
    expect(result.proposals.every((p) => p.ops.length === 0)).toBe(true);
    expect(result.warnings[0]).toMatch(/no attendance report/);
  });

  it('says unknown when the caller knows the report hides people', () => {
    const reports = [report([attendee('Ann Able', [['10:00', '11:00']])])];
    const result = run({ reports, reportHidesPeople: true });
    expect(byName(result, 'Bob Brown')?.proposed.status).toBe('unknown');
  });

  it('does not match a name shared by two members', () => {
    const twins = committeeSettingsSchema.parse({
      ...settings,
      members: [
        { id: 'm-ann', name: 'Ann Able', categoryId: 'members' },
        { id: 'm-ann2', name: 'Ann Able', categoryId: 'members' },
      ],
    });
    const result = run({
      committee: twins,
      view: view([person('m-ann', 'Ann Able'), person('m-ann2', 'Ann Able')]),
      reports: [report([attendee('Ann Able', [['10:00', '11:00']])])],
    });
    expect(result.proposals.map((p) => p.kind)).toEqual([
      'neverJoined',
      'neverJoined',
      'notOnRoster',
    ]);
  });

  it('does not guess an organisation from a public mail domain', () => {
    const reports = [
      report([
        attendee('Pat Kerr', [['10:00', '11:00']], { emailAddress: 'pat.kerr@gmail.com' }),
        attendee('Dee Dunn', [['10:00', '11:00']], { emailAddress: 'dee@acme.example' }),
      ]),
    ];
    const result = run({ reports });
    expect(byName(result, 'Pat Kerr')?.organisation).toBeNull();
    expect(byName(result, 'Dee Dunn')?.organisation).toEqual({
      id: 'acme',
      name: 'ACME',
      from: 'emailDomain',
    });
  });

  it('tells external guests by tenant id, else by the tenant’s domains', () => {
    const reports = [
      report([
        attendee('Ann Able', [['10:00', '11:00']], {
          emailAddress: 'ann@board.example',
          userId: 'u-ann',
          tenantId: 'T-HOME',
        }),
        attendee('Bob Brown', [['10:00', '11:00']], {
          emailAddress: 'bob@board.example',
          userId: 'u-bob',
          tenantId: 't-other',
        }),
        attendee('Dee Dunn', [['10:00', '11:00']], { emailAddress: 'dee@acme.example' }),
      ]),
    ];
    const result = run({ reports, tenant: { id: 't-home', domains: ['board.example'] } });
    expect(byName(result, 'Ann Able')?.evidence?.external).toBe(false);
    expect(byName(result, 'Bob Brown')?.evidence?.external).toBe(true);
    expect(byName(result, 'Dee Dunn')?.evidence?.external).toBe(true);
    expect(run({ reports }).proposals.map((p) => p.evidence?.external)).toEqual([null, null, null]);
  });

  it('brings back a deactivated member who joined', () => {
    const reports = [
      report([attendee('Olga', [['10:00', '11:00']], { emailAddress: 'OLGA@board.example' })]),
    ];
    expect(byName(run({ reports }), 'Olga Old')).toMatchObject({
      kind: 'joined',
      personKind: 'member',
      group: { kind: 'category', id: 'members' },
      ops: [{ type: 'attendance.update', payload: { personId: 'm-old', status: 'present' } }],
    });
  });

  it('merges a phone dial-in with the same member’s Teams record', () => {
    const reports = [
      report([
        attendee('Ann Able', [['10:00', '10:30']], { emailAddress: 'ann@board.example' }),
        attendee('Ann Able', [['10:30', '11:00']]),
      ]),
    ];
    const ann = byName(run({ reports }), 'Ann Able');
    expect(ann).toMatchObject({ matchedBy: 'email', confidence: 'high' });
    expect(ann?.evidence).toMatchObject({ records: 2, share: 1 });
  });

  it('makes ops for a new person placed by the secretary, as a participant or an alternate', () => {
    const reports = [report([attendee('Jo Guest (Guest)', [['10:00', '11:00']])])];
    const proposal = byName(run({ reports }), 'Jo Guest');
    expect(proposal).toMatchObject({ personId: 'new-1', ops: [], organisation: null });
    if (!proposal) throw new Error('no proposal');
    const asMember = newPersonOps(proposal, { categoryId: 'members' });
    expect(asMember).toEqual([
      {
        type: 'meetingMember.add',
        payload: { id: 'new-1', name: 'Jo Guest', categoryId: 'members' },
      },
      {
        type: 'attendance.update',
        payload: { personId: 'new-1', status: 'present', part: false, agendaItemIds: [] },
      },
    ]);
    for (const op of [...asMember, ...newPersonOps(proposal, { organisationId: 'acme' })]) {
      expect(operationPayloadSchemas[op.type].safeParse(op.payload).success).toBe(true);
    }
  });

  it('refuses an unreadable time', () => {
    expect(() => run({ meetingEnd: 'soon' })).toThrow(DomainError);
  });
});
