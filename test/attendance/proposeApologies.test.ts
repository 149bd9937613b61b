/**
 * Apologies from the organiser's calendar: the event is chosen by its join URL among everything
 * in the calendar view, declined roster members become proposed apologies, and rooms, the
 * organiser and tentative or unanswered invitations are not apologies.
 */
import { operationPayloadSchemas, proposeApologies, type ApologyProposals } from '../../src/domain';
import type { CalendarEvent } from '../../src/graph/calendar';
import { JOIN_URL, capturedView, committee, event, invitee } from './fixtures';

const email = (name: string) => `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@members.example`;

function calendar(): CalendarEvent[] {
  const attendees = [
    // The organiser appears in the attendee list too, as Outlook does.
    invitee('Ines Carvalho', 'Ines.Carvalho@csec.example', 'none'),
    invitee('OPSG Room 3.14', 'room314@csec.example', 'declined', 'resource'),
    invitee('Harriet Cole', email('Harriet Cole'), 'accepted'),
    invitee('Marcus Webb', email('Marcus Webb'), 'declined'),
    invitee('Tomasz Nowak', email('Tomasz Nowak'), 'declined'),
    // Invited at another address: matched by name.
    invitee('Alice Duval', 'alice.duval@rivington.example', 'declined'),
    invitee('Colin Ashby', email('Colin Ashby'), 'tentativelyAccepted'),
    invitee('Zara Quinn', email('Zara Quinn'), 'notResponded'),
    invitee('Peter Yoon', email('Peter Yoon'), 'none'),
    invitee('Erik Lindqvist', 'erik.lindqvist@cspn.example', 'declined'),
    invitee('Kim Salter', 'kim.salter@elsewhere.example', 'tentativelyAccepted'),
    invitee('Owen Pryce', email('Owen Pryce'), 'accepted', 'optional'),
  ];
  const encoded = JOIN_URL.replace('19:meeting_OPSG41@thread.v2', '19%3ameeting_OPSG41%40thread.v2')
    .replace('{', '%7b')
    .replace('}', '%7d');
  return [
    // Another Teams meeting the same afternoon, with its own declines.
    event(
      'other-meeting',
      '2021-01-25T15:45:00.000Z',
      [invitee('Marcus Webb', email('Marcus Webb'), 'declined')],
      {
        joinUrl: 'https://teams.microsoft.com/l/meetup-join/19:meeting_OTHER@thread.v2/0',
        subject: 'Testing Advisory Group',
      },
    ),
    // A meeting with no online meeting.
    event('lunch', '2021-01-25T12:00:00.000Z', [], { joinUrl: null }),
    // Last month's occurrence of the same series: same join URL.
    event('occurrence-40', '2020-12-21T13:20:00.000Z', [
      invitee('Harriet Cole', email('Harriet Cole'), 'declined'),
    ]),
    // The series master (Graph's join URL comes percent-encoded here).
    event('series-master', '2020-09-28T13:20:00.000Z', [], {
      type: 'seriesMaster',
      joinUrl: encoded,
    }),
    event('occurrence-41', '2021-01-25T13:20:00.000Z', attendees, { joinUrl: encoded }),
  ];
}

function propose(events = calendar()): ApologyProposals {
  return proposeApologies({
    view: capturedView(),
    committee: committee(),
    events,
    joinUrl: JOIN_URL,
  });
}

describe('proposeApologies from the organiser’s calendar', () => {
  const result = propose();

  it('picks the occurrence of this meeting by join URL and time among the calendar view', () => {
    expect(result.event).toMatchObject({ id: 'occurrence-41', start: '2021-01-25T13:20:00.000Z' });
  });

  it('proposes apologies for declined roster members, in roster order', () => {
    expect(result.apologies.map((apology) => apology.name)).toEqual([
      'Tomasz Nowak',
      'Marcus Webb',
      'Alice Duval',
    ]);
    expect(result.apologies[0]).toMatchObject({
      personId: 'm-nowak',
      categoryName: 'Large Suppliers',
      matchedBy: 'email',
      confidence: 'high',
      recorded: 'present',
      agreement: 'differs',
      sentence: 'Tomasz Nowak declined the invitation: propose Apologies; recorded as Present',
      ops: [{ type: 'attendance.update', payload: { personId: 'm-nowak', status: 'apologies' } }],
    });
    for (const op of result.apologies.flatMap((apology) => apology.ops)) {
      expect(operationPayloadSchemas[op.type].safeParse(op.payload).success).toBe(true);
    }
  });

  it('proposes nothing to change when apologies are already recorded', () => {
    expect(result.apologies[1]).toMatchObject({
      personId: 'm-webb',
      agreement: 'agrees',
      sentence: 'Marcus Webb declined the invitation: propose Apologies; already recorded',
      ops: [],
    });
  });

  it('matches by name when the invitation went to another address, with lower confidence', () => {
    expect(result.apologies[2]).toMatchObject({
      personId: 'm-duval',
      matchedBy: 'name',
      confidence: 'low',
      address: 'alice.duval@rivington.example',
    });
    expect(result.apologies[2]?.sentence).toContain('(matched by name only)');
  });

  it('does not treat tentative or unanswered invitations as apologies', () => {
    expect(result.noAnswer.map((answer) => `${answer.name}: ${answer.response}`)).toEqual([
      'Peter Yoon: none',
      'Colin Ashby: tentativelyAccepted',
      'Zara Quinn: notResponded',
      'Kim Salter: tentativelyAccepted',
    ]);
    expect(result.noAnswer[1]?.sentence).toBe('Colin Ashby accepted tentatively: not an apology');
    expect(result.noAnswer[3]).toMatchObject({ onRoster: false, personId: null });
    const apologised = result.apologies.map((apology) => apology.personId);
    expect(apologised).not.toContain('m-ashby');
    expect(apologised).not.toContain('m-quinn');
  });

  it('ignores rooms and the organiser', () => {
    const everyone = [
      ...result.apologies.map((apology) => apology.address),
      ...result.declinedNotOnRoster.map((answer) => answer.address),
      ...result.noAnswer.map((answer) => answer.address),
    ];
    expect(everyone).not.toContain('room314@csec.example');
    expect(everyone.map((address) => address?.toLowerCase())).not.toContain(
      'ines.carvalho@csec.example',
    );
  });

  it('lists declined invitees who are not on the roster apart, with their organisation', () => {
    expect(result.declinedNotOnRoster).toEqual([
      expect.objectContaining({
        name: 'Erik Lindqvist',
        onRoster: false,
        organisation: { id: 'cspn', name: 'CSP N' },
        sentence:
          'Erik Lindqvist (erik.lindqvist@cspn.example, CSP N) declined but is not on the roster',
      }),
    ]);
  });

  it('lists roster members the event does not invite', () => {
    expect(result.notInvited.map((member) => member.personId)).toEqual([
      'm-natarajan',
      'm-reid',
      'm-marsh',
      'm-brooks',
      'm-achebe',
      'm-fairbanks',
      'm-stirling',
      'm-hale',
      'm-menon',
      'm-lloyd',
    ]);
  });

  it('passes a response comment through when the source has one', () => {
    const events = calendar();
    const occurrence = events.find((entry) => entry.id === 'occurrence-41') as CalendarEvent;
    const withComment = {
      ...occurrence,
      attendees: occurrence.attendees.map((entry) =>
        entry.name === 'Tomasz Nowak'
          ? { ...entry, comment: 'At the hub returns workshop' }
          : entry,
      ),
    };
    const apology = propose([withComment]).apologies[0];
    expect(apology?.comment).toBe('At the hub returns workshop');
    expect(apology?.sentence).toBe(
      'Tomasz Nowak declined the invitation ("At the hub returns workshop"): propose Apologies; recorded as Present',
    );
  });

  it('says so when no event has the meeting’s join URL', () => {
    const none = propose(calendar().filter((entry) => entry.id === 'other-meeting'));
    expect(none.event).toBeNull();
    expect(none.apologies).toEqual([]);
    expect(none.warnings[0]).toMatch(/No event .* join URL/);
  });
});
