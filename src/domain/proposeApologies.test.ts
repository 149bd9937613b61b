import { committeeSettingsSchema } from './committee';
import { emptyMeetingState } from './meetingState';
import type { PersonView } from './meetingView';
import { sameJoinUrl } from './joinUrl';
import {
  proposeApologies,
  type CalendarInvitee,
  type CalendarMeetingEvent,
  type ProposeApologiesInput,
} from './proposeApologies';

const URL = 'https://teams.microsoft.com/l/meetup-join/19:meeting_X@thread.v2/0';

const member = (personId: string, name: string, status: PersonView['status'] = null) => ({
  personId,
  name,
  role: null,
  onRoster: true,
  status,
  alternateFor: null,
  part: false,
  agendaItemIds: [],
});

const view: ProposeApologiesInput['view'] = {
  meeting: { ...emptyMeetingState('m').fields, startsAt: '2024-03-04T10:00:00Z' },
  attendees: [
    {
      categoryId: 'members',
      categoryName: 'Members',
      people: [member('m-ann', 'Ann Able'), member('m-bob', 'Bob Brown', 'apologies')],
    },
  ],
  otherParticipants: [],
};

const committee = committeeSettingsSchema.parse({
  name: 'Board',
  code: 'B',
  categories: [{ id: 'members', name: 'Members' }],
  members: [
    { id: 'm-ann', name: 'Ann Able', categoryId: 'members', email: 'ann@board.example' },
    { id: 'm-bob', name: 'Bob Brown', categoryId: 'members', email: 'bob@board.example' },
  ],
  classification: { level: 'WHITE', notice: 'White.' },
});

const invitee = (address: string, response: string, type = 'required'): CalendarInvitee => ({
  name: null,
  address,
  type,
  response,
  responseTime: null,
});

function event(id: string, start: string, extra: Partial<CalendarMeetingEvent> = {}) {
  return {
    id,
    subject: 'Board',
    start,
    end: null,
    type: 'occurrence',
    isCancelled: false,
    joinUrl: URL,
    organizer: { name: 'Ann Able', address: 'ann@board.example' },
    attendees: [invitee('bob@board.example', 'declined')],
    ...extra,
  };
}

const run = (events: CalendarMeetingEvent[]) =>
  proposeApologies({ view, committee, events, joinUrl: URL });

describe('proposeApologies', () => {
  it('compares join URLs decoded, without a trailing slash or case', () => {
    expect(
      sameJoinUrl(`${URL}/`, URL.replace('19:meeting_X@thread.v2', '19%3Ameeting_x%40thread.v2')),
    ).toBe(true);
    expect(sameJoinUrl(URL, URL.replace('_X', '_Y'))).toBe(false);
  });

  it('prefers a live occurrence to a cancelled one, then the nearest start', () => {
    const events = [
      event('cancelled', '2024-03-04T10:00:00Z', { isCancelled: true }),
      event('next-week', '2024-03-11T10:00:00Z'),
      event('this-week', '2024-03-04T10:05:00Z'),
    ];
    expect(run(events).event?.id).toBe('this-week');
    const onlyCancelled = run([events[0] as CalendarMeetingEvent]);
    expect(onlyCancelled.event?.id).toBe('cancelled');
    expect(onlyCancelled.warnings[0]).toMatch(/cancelled/);
  });

  it('skips the organiser (by address or response) and counts each invitee once', () => {
    const result = run([
      event('e', '2024-03-04T10:00:00Z', {
        attendees: [
          invitee('ANN@board.example', 'declined'),
          invitee('someone@board.example', 'organizer'),
          invitee('bob@board.example', 'declined'),
          invitee('Bob@Board.example', 'declined'),
        ],
      }),
    ]);
    expect(result.apologies.map((apology) => apology.personId)).toEqual(['m-bob']);
    expect(result.declinedNotOnRoster).toEqual([]);
    expect(result.notInvited).toEqual([]);
  });

  it('ignores accepted invitations and resources', () => {
    const result = run([
      event('e', '2024-03-04T10:00:00Z', {
        attendees: [
          invitee('bob@board.example', 'accepted'),
          invitee('room@board.example', 'notResponded', 'resource'),
        ],
      }),
    ]);
    expect(result.apologies).toEqual([]);
    expect(result.noAnswer).toEqual([]);
  });
});
