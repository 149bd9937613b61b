/**
 * The meeting the publish bench publishes, built only through ops with the demo's CaptureScript:
 * the demo committee (18 members) with 40 people present (the 18 members and 22 participants
 * from 4 organisations), 8 agenda items with notes and decisions, and 30 new actions, each with
 * 2 named contacts and a target date. The contacts are the seeded sandbox users (all but the
 * secretary), with their Entra ids; the committee publishes into the seeded library, register,
 * plan and the users' To Do. Deterministic: every run publishes the same meeting.
 */
import { loadDist } from './dist.mjs';

const domain = loadDist('domain/index.js');
const minutes = loadDist('minutes/index.js');
const { CaptureScript } = loadDist('demo/CaptureScript.js');
const { demoCommitteeSettings, DEMO_COMMITTEE_ID } = loadDist('demo/demoCommittee.js');

export const PUBLISH_MEETING = { present: 40, actions: 30, contactsPerAction: 2 };

const MEETING_ID = 'bench-publish-meeting';
const SECRETARY = 'local:ines.carvalho';
const SERVER_TIME = '2021-03-29T17:00:00Z';
const PARTICIPANT_ORGANISATIONS = ['cds', 'csec', 'tag', 'cspn'];
const ITEMS = [
  'Actions Outstanding',
  'Operational Update',
  'Incident Report',
  'Release Schedule',
  'Performance Measurement Report',
  'Major Incident Review',
  'Network Evolution',
  'Any Other Business',
];

/** The committee, with an organisation whose contacts are the seeded users. */
export function publishCommittee(seed) {
  const people = seed.users.filter((user) => user.id !== seed.organizer.id);
  const strip = ({ entraObjectId: _ignored, ...person }) => person;
  return domain.committeeSettingsSchema.parse({
    ...demoCommitteeSettings,
    members: demoCommitteeSettings.members.map(strip),
    organisations: [
      ...demoCommitteeSettings.organisations.map((organisation) => ({
        ...organisation,
        contacts: (organisation.contacts ?? []).map(strip),
      })),
      {
        id: 'ops',
        name: 'OPS',
        fullName: 'Operations Support',
        kind: 'other',
        contacts: people.map((user, index) => ({
          id: `c-ops-${index + 1}`,
          name: user.displayName,
          email: user.mail,
          entraObjectId: user.id,
        })),
      },
    ],
    publishing: {
      documentLibrary: {
        driveId: seed.site.driveId,
        folder: 'Minutes/OPSG',
        columns: {
          reference: 'MeetingReference',
          meetingDate: 'MeetingDate',
          classification: 'Classification',
          status: 'MinutesStatus',
        },
      },
      actionRegister: { siteId: seed.site.id, listId: seed.site.actionListId },
      planner: { planId: seed.plan.id, bucketId: seed.plan.openBucketId },
      distributionList: seed.users.map((user) => user.mail),
      todoReminders: { enabled: true, daysBefore: 2 },
    },
  });
}

/** The folded meeting, its view and its minutes document. */
export function publishMeeting(seed) {
  const committee = publishCommittee(seed);
  const contacts = committee.organisations.find(
    (organisation) => organisation.id === 'ops',
  ).contacts;
  const script = new CaptureScript(MEETING_ID, SECRETARY, '2021-03-29T12:50:00Z');
  script.op(
    'meeting.update',
    domain.newMeetingFields(
      committee,
      domain.newMeetingSchema.parse({
        committeeId: DEMO_COMMITTEE_ID,
        number: '43',
        title: 'Operations Group Meeting',
        date: '2021-03-29',
        startsAt: '2021-03-29T13:00:00Z',
        endsAt: '2021-03-29T16:00:00Z',
        mode: 'teleconference',
        series: 'main',
        classification: 'WHITE',
        nextMainMeetingDate: '2021-04-26',
        nextReportingMeetingDate: '2021-04-12',
      }),
    ),
  );
  script.op('meeting.update', {
    teamsJoinUrl: seed.meeting.joinWebUrl,
    teamsChatId: seed.meeting.chatId,
  });
  const itemIds = ITEMS.map((title, index) => {
    const id = script.id('agenda', String(index + 1));
    script.op('agenda.add', { id, title, presenter: 'CSEC', parentId: null, order: index + 1 });
    return id;
  });
  for (const member of committee.members) {
    script.op('attendance.update', { personId: member.id, status: 'present' });
  }
  const participants = PUBLISH_MEETING.present - committee.members.length;
  for (let index = 0; index < participants; index += 1) {
    const name = `Participant ${String(index + 1).padStart(2, '0')}`;
    const id = script.id('person', name);
    const organisationId = PARTICIPANT_ORGANISATIONS[index % PARTICIPANT_ORGANISATIONS.length];
    script.op('participant.add', { id, name, organisationId, role: null });
    script.op('attendance.update', { personId: id, status: 'present' });
  }
  for (let index = 0; index < PUBLISH_MEETING.actions; index += 1) {
    const itemId = itemIds[index % (itemIds.length - 1)];
    if (index < itemIds.length - 1) {
      script.op('agenda.open', { id: itemId });
      script.op('note.add', {
        id: script.id('note', String(index)),
        itemId,
        text: `The group considered ${ITEMS[index].toLowerCase()} and the CDS answered questions on the figures for the month.`,
      });
      script.op('decision.add', {
        id: script.id('decision', String(index)),
        itemId,
        verb: 'NOTED',
        text: 'the update.',
      });
    }
    const first = contacts[index % contacts.length];
    const second = contacts[(index + 1) % contacts.length];
    const day = String(1 + (index % 28)).padStart(2, '0');
    script.op('action.raise', {
      id: script.id('action', String(index + 1)),
      itemId,
      text: `OPS to follow up point ${index + 1} of the review and report the outcome to the group.`,
      ownerIds: ['ops'],
      assigneeIds: [first.id, second.id],
      targetDate: `2021-05-${day}`,
    });
  }
  const ops = script.operations().map((op, index) => ({
    ...op,
    seq: index + 1,
    serverTime: SERVER_TIME,
  }));
  const state = domain.foldOperations(MEETING_ID, ops);
  const view = domain.meetingView(state, committee);
  const present =
    view.attendees.flatMap((group) => group.people).filter((p) => p.status === 'present').length +
    view.otherParticipants.flatMap((group) => group.people).length;
  const problems = [];
  if (view.ignored.length > 0) problems.push(`${view.ignored.length} ops ignored`);
  if (present !== PUBLISH_MEETING.present) problems.push(`${present} present, not 40`);
  if (view.actions.length !== PUBLISH_MEETING.actions)
    problems.push(`${view.actions.length} actions, not 30`);
  if (view.actions.some((action) => action.assigneeIds.length !== 2))
    problems.push('an action without 2 named contacts');
  if (problems.length > 0) throw new Error(`the bench meeting is wrong: ${problems.join('; ')}`);
  return { committee, view, minutes: minutes.buildMinutesDocument(view, committee) };
}
