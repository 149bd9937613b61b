/**
 * Attendance reconciliation on the OPSG-41-like meeting with realistic Teams reports: two
 * sessions (the call dropped at 14:45 and restarted), rejoins, phone and anonymous callers
 * without e-mail addresses, guests from other tenants, people for one item only, members who
 * never joined, and people in the report but not in the meeting's records.
 */
import {
  operationPayloadSchemas,
  reconcileAttendance,
  type AttendanceProposal,
  type AttendanceReconciliation,
  type ReconcileAttendanceInput,
} from '../../src/domain';
import type { AttendanceSession } from '../../src/graph/attendanceReports';
import {
  AFTER_THE_MEETING,
  MEETING_END,
  MEETING_START,
  TENANT_ID,
  capturedView,
  committee,
  itemId,
  opsg41Sessions,
  personId,
} from './fixtures';

function counter(prefix = 'p-new'): () => string {
  let n = 0;
  return () => `${prefix}-${(n += 1)}`;
}

function reconcile(changes: Partial<ReconcileAttendanceInput> = {}): AttendanceReconciliation {
  return reconcileAttendance({
    view: capturedView(),
    committee: committee(),
    reports: opsg41Sessions(),
    meetingStart: MEETING_START,
    meetingEnd: MEETING_END,
    now: AFTER_THE_MEETING,
    newId: counter(),
    tenant: { id: TENANT_ID, domains: ['csec.example'] },
    ...changes,
  });
}

function find(result: AttendanceReconciliation, name: string): AttendanceProposal {
  const found = result.proposals.filter((proposal) => proposal.name === name);
  if (found.length !== 1) throw new Error(`${found.length} proposals for ${name}`);
  return found[0] as AttendanceProposal;
}

const items = (...numbers: string[]) => numbers.map(itemId);

describe('reconcileAttendance on the OPSG-41-like meeting', () => {
  const result = reconcile();

  it('merges the two sessions of the meeting by identity, and does not count the break', () => {
    expect(result.sessions).toBe(2);
    const cole = find(result, 'Harriet Cole');
    expect(cole.evidence).toMatchObject({
      records: 2,
      sessions: 2,
      intervals: [
        { start: '2021-01-25T13:17:00.000Z', end: '2021-01-25T14:45:00.000Z' },
        { start: '2021-01-25T14:51:00.000Z', end: '2021-01-25T15:36:00.000Z' },
      ],
    });
    // Measured over the sessions (13:20–14:45, 14:50–15:35): she missed one minute of 130.
    expect(cole.evidence?.share).toBeCloseTo(129 / 130, 3);
    expect(cole.proposed).toEqual({ status: 'present', part: false, agendaItemIds: [] });
    // Only in the second session: matched all the same.
    expect(find(result, 'Alina Atkins').proposed).toEqual({
      status: 'present',
      part: true,
      agendaItemIds: items('6'),
    });
  });

  it('merges rejoins within one session: several intervals, or a second record', () => {
    const natarajan = find(result, 'Priya Natarajan');
    expect(natarajan.evidence?.intervals).toHaveLength(4);
    expect(natarajan.proposed.status).toBe('present');
    expect(natarajan.sentence).toBe(
      'Priya Natarajan joined 13:18–13:40, 13:41–14:10, 14:11–14:45 and 14:52–15:35: propose Present; already recorded',
    );
    const lomax = find(result, 'Gareth Lomax');
    expect(lomax.evidence).toMatchObject({ records: 2, sessions: 1 });
    expect(lomax.proposed).toEqual({ status: 'present', part: true, agendaItemIds: items('4') });
  });

  it('matches the chair by her Entra object id although her e-mail differs from the roster', () => {
    expect(find(result, 'Harriet Cole')).toMatchObject({
      kind: 'joined',
      personKind: 'member',
      matchedBy: 'entraObjectId',
      confidence: 'high',
    });
  });

  it('turns a B2B guest principal name back into the member’s address', () => {
    expect(find(result, 'Bethan Lloyd')).toMatchObject({ matchedBy: 'email', confidence: 'high' });
    expect(find(result, 'Leo Fairbanks')).toMatchObject({ matchedBy: 'email' });
  });

  it('proposes Part with the one item of someone present only for item 2', () => {
    const lyle = find(result, 'Wanda Lyle');
    expect(lyle.proposed).toEqual({ status: 'present', part: true, agendaItemIds: items('2') });
    expect(lyle.recorded).toEqual({ status: 'present', part: false, agendaItemIds: items('2') });
    expect(lyle.agreement).toBe('differs');
    // Only the field that differs: the items the secretary ticked already match.
    expect(lyle.ops).toEqual([
      { type: 'attendance.update', payload: { personId: personId('Wanda Lyle'), part: true } },
    ]);
    expect(lyle.sentence).toMatch(
      /^Wanda Lyle joined 13:34–13:51, during item 2: propose Part \(agenda item 2\); recorded as Present/,
    );
  });

  it('writes the sentence the secretary reads, and agrees with what is recorded', () => {
    const dunmore = find(result, 'Theo Dunmore');
    expect(dunmore.sentence).toMatch(
      /^Theo Dunmore joined 14:05–14:40, during item 4: propose Part \(agenda item 4\); already recorded/,
    );
    expect(dunmore.agreement).toBe('agrees');
    expect(dunmore.ops).toEqual([]);
  });

  it('keeps someone who left during item 3 and came back for 4 Present, or Part at a higher bar', () => {
    const marsh = find(result, 'Fiona Marsh');
    expect(marsh.proposed.status).toBe('present');
    expect(marsh.proposed.part).toBe(false);
    expect(marsh.evidence?.share).toBeCloseTo(116 / 130, 3);

    const strict = find(reconcile({ thresholds: { presentShare: 0.95 } }), 'Fiona Marsh');
    expect(strict.proposed).toEqual({
      status: 'present',
      part: true,
      agendaItemIds: items('1', '2', '4', '5', '6', '7', '8'),
    });
    expect(strict.sentence).toMatch(
      /during items 1, 2, 4, 5, 6, 7 and 8: propose Part \(agenda items 1, 2, 4, 5, 6, 7 and 8\); recorded as Present$/,
    );
    expect(strict.ops).toEqual([
      {
        type: 'attendance.update',
        payload: {
          personId: 'm-marsh',
          part: true,
          agendaItemIds: items('1', '2', '4', '5', '6', '7', '8'),
        },
      },
    ]);
  });

  it('lists a parent item for its sub-items when all of them were attended', () => {
    // Ravi Menon did not come back after the break; he was there for 5 minutes of item 5.
    const menon = find(result, 'Ravi Menon');
    expect(menon.proposed).toEqual({
      status: 'present',
      part: true,
      agendaItemIds: items('1', '2', '3', '4', '5'),
    });
    const stricter = find(reconcile({ thresholds: { itemMinutes: 10 } }), 'Ravi Menon');
    expect(stricter.proposed.agendaItemIds).toEqual(items('1', '2', '3', '4'));
  });

  it('handles missing e-mail addresses: a member phoning in, a phone number, an anonymous guest', () => {
    expect(find(result, 'Callum Reid')).toMatchObject({
      kind: 'joined',
      matchedBy: 'name',
      confidence: 'low',
      evidence: expect.objectContaining({ emails: [], userIds: [], external: true }),
    });
    const phone = find(result, '+44 20 7946 0018');
    expect(phone).toMatchObject({
      kind: 'notOnRoster',
      organisation: null,
      proposed: { status: 'present', part: true, agendaItemIds: items('4') },
      ops: [],
    });
    expect(phone.sentence).toContain('(no e-mail address, by phone)');
    expect(phone.sentence).toMatch(/choose their organisation$/);
    const pike = find(result, 'Jordan Pike');
    expect(pike.sentence).toMatch(/^Jordan Pike \(no e-mail address, anonymous guest\)/);
    expect(pike.proposed.agendaItemIds).toEqual(items('1', '2'));
  });

  it('handles external guests: organisation from a contact, or guessed from the e-mail domain', () => {
    const okoro = find(result, 'Sam Okoro');
    expect(okoro).toMatchObject({
      kind: 'notOnRoster',
      personKind: 'new',
      organisation: { id: 'cspn', name: 'CSP N', from: 'emailDomain' },
      confidence: 'medium',
      evidence: expect.objectContaining({ external: true, emails: ['sam.okoro@cspn.example'] }),
    });
    expect(okoro.sentence).toBe(
      "Sam Okoro (sam.okoro@cspn.example, external guest) is not on the roster or in the meeting's records and joined 13:30–14:45 and 14:52–15:35: propose adding them to CSP N (guessed from the e-mail domain) as Present",
    );
    expect(find(result, 'Ines Carvalho')).toMatchObject({
      matchedBy: 'contact',
      confidence: 'high',
      evidence: expect.objectContaining({ external: false, roles: ['Organizer'] }),
    });
  });

  it('proposes adding a participant who is in the report but not in the meeting’s records', () => {
    const ross = find(result, 'Megan Ross');
    expect(ross).toMatchObject({
      kind: 'notOnRoster',
      personId: 'p-new-1',
      matchedBy: 'contact',
      organisation: { id: 'cds', name: 'CDS', from: 'contact' },
      recorded: null,
      agreement: 'unrecorded',
    });
    expect(ross.ops).toEqual([
      {
        type: 'participant.add',
        payload: {
          id: 'p-new-1',
          name: 'Megan Ross',
          organisationId: 'cds',
          email: 'megan.ross@cds.example',
        },
      },
      {
        type: 'attendance.update',
        payload: { personId: 'p-new-1', status: 'present', part: true, agendaItemIds: items('5') },
      },
    ]);
  });

  it('proposes Absent for a roster member who never joined, and keeps recorded apologies', () => {
    expect(find(result, 'Tomasz Nowak')).toMatchObject({
      kind: 'neverJoined',
      proposed: { status: 'absent' },
      recorded: { status: 'present' },
      agreement: 'differs',
      sentence:
        'Tomasz Nowak is on the roster but never joined: propose Absent; recorded as Present',
      ops: [{ type: 'attendance.update', payload: { personId: 'm-nowak', status: 'absent' } }],
    });
    expect(find(result, 'Simon Achebe')).toMatchObject({ agreement: 'agrees', ops: [] });
    expect(find(result, 'Marcus Webb')).toMatchObject({
      proposed: { status: 'apologies' },
      agreement: 'agrees',
      sentence: 'Marcus Webb is on the roster but never joined; apologies already recorded',
      ops: [],
    });
  });

  it('says unknown, not absent, when the report is known to leave people out', () => {
    const sessions = opsg41Sessions().map((entry): AttendanceSession => ({
      ...entry,
      report: { ...entry.report, totalParticipantCount: entry.records.length + 2 },
    }));
    const hidden = reconcile({ reports: sessions });
    expect(hidden.reportHidesPeople).toBe(true);
    expect(hidden.warnings.join(' ')).toMatch(/lists fewer people/);
    expect(find(hidden, 'Tomasz Nowak')).toMatchObject({
      proposed: { status: 'unknown' },
      agreement: 'unknown',
      ops: [],
    });
    expect(find(hidden, 'Tomasz Nowak').sentence).toMatch(/leaves some people out: unknown/);
    // Apologies stay apologies.
    expect(find(hidden, 'Marcus Webb').proposed.status).toBe('apologies');
  });

  it('marks a hybrid meeting’s absentees as low confidence: they may have been in the room', () => {
    const hybrid = reconcile({ view: capturedView({ mode: 'hybrid' }) });
    expect(find(hybrid, 'Tomasz Nowak')).toMatchObject({ confidence: 'low' });
    expect(find(hybrid, 'Tomasz Nowak').sentence).toContain('(they may have been in the room)');
  });

  it('reports a participant recorded present but missing from the report as unknown', () => {
    expect(find(result, 'Rowan Hale')).toMatchObject({
      kind: 'notInReport',
      proposed: { status: 'unknown' },
      ops: [],
    });
  });

  it('marks display-name-only matches as lower confidence', () => {
    const confidence = (name: string) => {
      const proposal = find(result, name);
      return `${proposal.matchedBy}/${proposal.confidence}`;
    };
    expect(confidence('Callum Reid')).toBe('name/low');
    expect(confidence('Nia Freeman')).toBe('name/low');
    expect(confidence('Grace Okafor')).toBe('name/low');
    // The e-mail domain is the CDS contacts' domain: better than the name alone.
    expect(confidence('Theo Dunmore')).toBe('name/medium');
    expect(find(result, 'Callum Reid').sentence).toMatch(/\(matched by name only\)$/);

    // With the meeting's own e-mail addresses, the alternate is matched by e-mail.
    const withEmails = reconcile({
      meetingPeople: [{ id: personId('Grace Okafor'), email: 'Grace.Okafor@greystone.example' }],
    });
    expect(find(withEmails, 'Grace Okafor')).toMatchObject({
      personKind: 'meetingMember',
      matchedBy: 'email',
      confidence: 'high',
    });
  });

  it('orders proposals by category, then organisation, then new people, and by name within', () => {
    const order = result.proposals.map((p) => `${p.group.name}: ${p.name}`);
    expect(order).toEqual([
      'Operations Group Chair: Harriet Cole',
      'CDS: Owen Pryce',
      'Network Parties: Callum Reid',
      'Network Parties: Priya Natarajan',
      'Large Suppliers: Alice Duval',
      'Large Suppliers: Fiona Marsh',
      'Large Suppliers: Grace Okafor',
      'Large Suppliers: Hannah Stirling',
      'Large Suppliers: Leo Fairbanks',
      'Large Suppliers: Marcus Webb',
      'Large Suppliers: Nadia Brooks',
      'Large Suppliers: Peter Yoon',
      'Large Suppliers: Simon Achebe',
      'Large Suppliers: Tomasz Nowak',
      'Small Suppliers: Colin Ashby',
      'Small Suppliers: Imogen Hale',
      'Other Code Parties: Bethan Lloyd',
      'Other Code Parties: Ravi Menon',
      'Other Code Parties: Zara Quinn',
      'CDS: Alina Atkins',
      'CDS: Dominic Rowe',
      'CDS: Gareth Lomax',
      'CDS: Lena Wu',
      'CDS: Rashid Amin',
      'CDS: Theo Dunmore',
      'CDS: Wanda Lyle',
      'CSEC: Hugo Ellis',
      'CSEC: Ines Carvalho',
      'CSEC: Jonah Marsh',
      'TAG: Rowan Hale',
      'DfEN: Nia Freeman',
      'CDS: Megan Ross',
      'CSP N: Sam Okoro',
      'Not on the roster: +44 20 7946 0018',
      'Not on the roster: Jordan Pike',
    ]);
    expect(result.summary).toEqual({
      present: 16,
      part: 6,
      notOnRoster: 4,
      neverJoined: 8,
      unknown: 1,
    });
  });

  it('gives the same result whatever order the reports and records come in', () => {
    const shuffled = opsg41Sessions()
      .reverse()
      .map((entry) => ({ ...entry, records: [...entry.records].reverse() }));
    expect(reconcile({ reports: shuffled })).toEqual(reconcile());
  });

  it('changes nothing itself, and makes only ops the server accepts', () => {
    const view = capturedView();
    const before = JSON.stringify(view);
    const proposals = reconcile({ view }).proposals;
    expect(JSON.stringify(view)).toBe(before);
    const ops = proposals.flatMap((proposal) => proposal.ops);
    expect(ops.length).toBeGreaterThan(0);
    for (const op of ops) {
      expect(operationPayloadSchemas[op.type].safeParse(op.payload).success).toBe(true);
    }
  });

  it('once every proposal is accepted, a second reconciliation agrees', () => {
    const accepted = reconcile().proposals.flatMap((proposal) => proposal.ops);
    const view = capturedView({ then: accepted });
    const again = reconcile({ view, newId: counter('p-again') });
    const open = again.proposals.filter(
      (proposal) => proposal.agreement !== 'agrees' && proposal.agreement !== 'unknown',
    );
    // Only the two people the secretary must place in an organisation remain.
    expect(open.map((proposal) => proposal.name)).toEqual(['+44 20 7946 0018', 'Jordan Pike']);
    expect(find(again, 'Megan Ross')).toMatchObject({ kind: 'joined', personKind: 'participant' });
  });
});
