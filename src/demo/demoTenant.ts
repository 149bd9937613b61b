/**
 * The demo committee's Microsoft 365, as the local Graph sandbox plays it: the people with
 * accounts (their Entra object ids are the committee's `entraObjectId`s), the Teams meeting of
 * OPSG_41_2501 with its chat, who the attendance report shows and when, who answered the
 * invitation how, and where publishing goes (site, library, register, Planner plan and bucket).
 *
 * Everything the store keeps a reference to (user ids, the join URL and chat id, the library,
 * register and plan ids) is a constant here, so a demo meeting created on an earlier run still
 * points at the same objects after a restart. The people and organisations are invented.
 *
 * The report tells a story the reconciliation should see: most people there throughout, one who
 * dropped out and rejoined, late joiners and people who came for one item (Part), a CSP N contact
 * and a CDS engineer nobody recorded (not on the roster), a member recorded present who never
 * joined, a dial-in without an e-mail address, and guests from other organisations. The invitation
 * answers add declines that agree with the recorded apologies and two that do not.
 */

export const DEMO_TENANT_ID = '7a3f6cea-7a26-4884-a06c-3b6154978ebb';

export interface DemoUser {
  id: string;
  displayName: string;
  mail: string;
  jobTitle?: string;
}

/** People with an account in the tenant (the secretariat, the chair, CDS and CSP N contacts). */
export const DEMO_USERS = {
  carvalho: {
    id: 'febee942-bca6-4505-8655-f4ba6021a283',
    displayName: 'Ines Carvalho',
    mail: 'ines.carvalho@csec.example',
    jobTitle: 'Meeting Secretary',
  },
  cole: {
    id: '85f2100f-1e08-45fc-b37a-f5db7a8dcd90',
    displayName: 'Harriet Cole',
    mail: 'harriet.cole@members.example',
    jobTitle: 'Chair',
  },
  pryce: {
    id: '88e5c956-0d7a-4f6f-a1ba-2a770f1a4175',
    displayName: 'Owen Pryce',
    mail: 'owen.pryce@members.example',
  },
  ross: {
    id: '97190454-b3af-4cb3-a2e9-df0a9e8a3801',
    displayName: 'Megan Ross',
    mail: 'megan.ross@cds.example',
  },
  adeyemi: {
    id: '2d27c0e9-a70e-46cf-9f1a-4e4b3797307c',
    displayName: 'Olu Adeyemi',
    mail: 'olu.adeyemi@cds.example',
  },
  lindqvist: {
    id: 'ba51ac2b-1183-414a-81b9-df4401e71d6b',
    displayName: 'Erik Lindqvist',
    mail: 'erik.lindqvist@cspn.example',
  },
  jonahMarsh: {
    id: '7c051c03-85b9-4b7b-85f7-af99b910346e',
    displayName: 'Jonah Marsh',
    mail: 'jonah.marsh@csec.example',
  },
  ellis: {
    id: 'ce2f4166-ec5e-4e1e-baed-a9f7a2251079',
    displayName: 'Hugo Ellis',
    mail: 'hugo.ellis@csec.example',
  },
} as const satisfies Record<string, DemoUser>;

/** The meeting's organiser and the demo's Microsoft 365 account: the committee secretary. */
export const DEMO_ORGANIZER = DEMO_USERS.carvalho;

const THREAD_ID = '19:meeting_T1BTR180MV8yNTAxLWRlbW8tbWVldGluZw@thread.v2';

/** The Teams meeting of OPSG_41_2501 (25 January 2021, 13:20–15:35 UTC). */
export const DEMO_TEAMS_MEETING = {
  /** Graph's onlineMeeting id: base64 of `1*{organizer}*0**{thread}`. */
  onlineMeetingId:
    'MSpmZWJlZTk0Mi1iY2E2LTQ1MDUtODY1NS1mNGJhNjAyMWEyODMqMCoqMTk6bWVldGluZ19UMUJUUjE4ME1WOHlOVEF4TFdSbGJXOHRiV1ZsZEdsdVp3QHRocmVhZC52Mg==',
  chatId: THREAD_ID,
  joinWebUrl: `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(THREAD_ID)}/0?context=${encodeURIComponent(JSON.stringify({ Tid: DEMO_TENANT_ID, Oid: DEMO_ORGANIZER.id }))}`,
  subject: 'Operations Group Meeting OPSG_41_2501',
  start: '2021-01-25T13:20:00Z',
  end: '2021-01-25T15:35:00Z',
  reportId: 'c5d1b0de-0b5e-4c63-9d43-59c4a1f2e7b0',
} as const;

/** The committee's SharePoint site, library, action register and Planner plan. */
export const DEMO_WORKPLACE = {
  host: 'minutebook.sharepoint.com',
  siteUrl: 'https://minutebook.sharepoint.com/sites/OperationsGroup',
  siteId:
    'minutebook.sharepoint.com,b6825a50-07a4-4dff-bc6d-f5860aa68d93,8c24a716-e80a-4d1e-8971-1d40e9295234',
  driveId: 'b!zMyz84foZae93hbpXPUFip1RteNWAYoyu3WOr3-GVLo24oOxUikmaz22-xPZVldg',
  libraryListId: 'c0a43e10-d616-4429-a382-f4e69ff6e28f',
  actionListId: '6c3282f5-8d19-477d-ac5c-f3859e863874',
  groupId: 'af9a2baa-6782-413f-9eed-08a7cdd24376',
  planId: '_qUuLgA2pGmbKGY_4AZszItw3a0_',
  openBucketId: 'srmN5PhJVaG8zugRek18fBaqEjQr',
  closedBucketId: 'AX622_DJd7rlVkyWtr9yAc-PFIO9',
  distributionList: 'opsg-members@csec.example',
} as const;

export interface DemoAttendee {
  displayName: string;
  /** Null for a dial-in. */
  email: string | null;
  /** An account of the demo tenant (its id is the identity id), else a guest. */
  userId?: string;
  /** The guest's own tenant; null for anonymous and dial-in participants. */
  guestTenantId?: string | null;
  role?: 'Organizer' | 'Presenter' | 'Attendee';
  /** Join and leave times, UTC "HH:MM" on the meeting day; several for a rejoin. */
  intervals: [string, string][];
}

const MEMBERS_TENANT = '3f1c9a52-8e0d-4b7a-9c61-2d5e8f0a7b14';
const CDS_TENANT = 'd2b7e4a9-61c3-4f85-8a0e-7c9b3d1f5e26';
const DFEN_TENANT = '5e8a1c3f-9b24-4d6e-a7f0-1c2b3d4e5f60';
const FULL: [string, string][] = [['13:20', '15:35']];

/** The attendance report of the one session, as Teams would list it. */
export const DEMO_ATTENDANCE: readonly DemoAttendee[] = [
  {
    displayName: 'Ines Carvalho',
    email: DEMO_USERS.carvalho.mail,
    userId: DEMO_USERS.carvalho.id,
    role: 'Organizer',
    intervals: [['13:14', '15:36']],
  },
  {
    displayName: 'Harriet Cole',
    email: DEMO_USERS.cole.mail,
    userId: DEMO_USERS.cole.id,
    role: 'Presenter',
    intervals: [['13:18', '15:35']],
  },
  {
    displayName: 'Owen Pryce',
    email: DEMO_USERS.pryce.mail,
    userId: DEMO_USERS.pryce.id,
    intervals: [['13:21', '15:35']],
  },
  {
    displayName: 'Jonah Marsh',
    email: DEMO_USERS.jonahMarsh.mail,
    userId: DEMO_USERS.jonahMarsh.id,
    intervals: [['13:19', '15:35']],
  },
  {
    displayName: 'Hugo Ellis',
    email: DEMO_USERS.ellis.mail,
    userId: DEMO_USERS.ellis.id,
    intervals: [['13:25', '15:35']],
  },
  // A CSP N contact who came for the major incident review; nobody recorded him.
  {
    displayName: 'Erik Lindqvist',
    email: DEMO_USERS.lindqvist.mail,
    userId: DEMO_USERS.lindqvist.id,
    intervals: [['14:33', '14:41']],
  },
  // Members, guests from their own organisations.
  {
    displayName: 'Priya Natarajan (Guest)',
    email: 'priya.natarajan@members.example',
    guestTenantId: MEMBERS_TENANT,
    // Dropped out and rejoined: still there for nearly all of it.
    intervals: [
      ['13:20', '13:50'],
      ['13:56', '15:35'],
    ],
  },
  {
    displayName: 'Callum Reid (Guest)',
    email: 'callum.reid@members.example',
    guestTenantId: MEMBERS_TENANT,
    intervals: FULL,
  },
  {
    displayName: 'Fiona Marsh (Guest)',
    email: 'fiona.marsh@members.example',
    guestTenantId: MEMBERS_TENANT,
    intervals: [['13:22', '15:35']],
  },
  // Joined with his company address, not the one the committee has: matched by name only.
  {
    displayName: 'Tomasz Nowak (External)',
    email: 'tomasz.nowak@kestrel.example',
    guestTenantId: MEMBERS_TENANT,
    intervals: FULL,
  },
  // Recorded present for the whole meeting, but joined late: Part.
  {
    displayName: 'Leo Fairbanks (Guest)',
    email: 'leo.fairbanks@members.example',
    guestTenantId: MEMBERS_TENANT,
    intervals: [['14:26', '15:35']],
  },
  {
    displayName: 'Imogen Hale (Guest)',
    email: 'imogen.hale@members.example',
    guestTenantId: MEMBERS_TENANT,
    intervals: FULL,
  },
  {
    displayName: 'Ravi Menon (Guest)',
    email: 'ravi.menon@members.example',
    guestTenantId: MEMBERS_TENANT,
    intervals: [['13:20', '15:30']],
  },
  {
    displayName: 'Bethan Lloyd (Guest)',
    email: 'bethan.lloyd@members.example',
    guestTenantId: MEMBERS_TENANT,
    intervals: [['13:24', '15:35']],
  },
  // The alternate for Simon Achebe, recorded as a meeting-only member.
  {
    displayName: 'Grace Okafor (Guest)',
    email: 'grace.okafor@greystone.example',
    guestTenantId: MEMBERS_TENANT,
    intervals: FULL,
  },
  // The CDS: regulars throughout, and engineers who came for one item.
  {
    displayName: 'Wanda Lyle (Guest)',
    email: 'wanda.lyle@cds.example',
    guestTenantId: CDS_TENANT,
    intervals: FULL,
  },
  {
    displayName: 'Dominic Rowe (Guest)',
    email: 'dominic.rowe@cds.example',
    guestTenantId: CDS_TENANT,
    intervals: FULL,
  },
  {
    displayName: 'Lena Wu (Guest)',
    email: 'lena.wu@cds.example',
    guestTenantId: CDS_TENANT,
    intervals: [['13:20', '15:33']],
  },
  {
    displayName: 'Theo Dunmore (Guest)',
    email: 'theo.dunmore@cds.example',
    guestTenantId: CDS_TENANT,
    intervals: [['14:23', '14:30']],
  },
  {
    displayName: 'Rashid Amin (Guest)',
    email: 'rashid.amin@cds.example',
    guestTenantId: CDS_TENANT,
    intervals: [['14:22', '14:29']],
  },
  {
    displayName: 'Gareth Lomax (Guest)',
    email: 'gareth.lomax@cds.example',
    guestTenantId: CDS_TENANT,
    intervals: [['14:24', '14:29']],
  },
  {
    displayName: 'Alina Atkins (Guest)',
    email: 'alina.atkins@cds.example',
    guestTenantId: CDS_TENANT,
    intervals: [['14:34', '14:40']],
  },
  // A CDS engineer for the PMR item whom nobody recorded.
  {
    displayName: 'Kofi Mensah (Guest)',
    email: 'kofi.mensah@cds.example',
    guestTenantId: CDS_TENANT,
    intervals: [['14:28', '14:36']],
  },
  // TAG by telephone: no e-mail address, no tenant.
  {
    displayName: 'Rowan Hale',
    email: null,
    guestTenantId: null,
    intervals: [['13:40', '14:20']],
  },
  {
    displayName: 'Nia Freeman (External)',
    email: 'nia.freeman@dfen.example',
    guestTenantId: DFEN_TENANT,
    intervals: FULL,
  },
];

export type DemoResponse =
  'accepted' | 'declined' | 'tentativelyAccepted' | 'notResponded' | 'none';

export interface DemoInvitee {
  name: string;
  address: string;
  type: 'required' | 'optional' | 'resource';
  response: DemoResponse;
}

const member = (name: string, response: DemoResponse): DemoInvitee => ({
  name,
  address: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@members.example`,
  type: 'required',
  response,
});

/** The invitation on the organiser's calendar and how each invitee answered. */
export const DEMO_INVITEES: readonly DemoInvitee[] = [
  member('Harriet Cole', 'accepted'),
  member('Owen Pryce', 'accepted'),
  member('Priya Natarajan', 'accepted'),
  member('Callum Reid', 'accepted'),
  member('Fiona Marsh', 'accepted'),
  member('Tomasz Nowak', 'tentativelyAccepted'),
  // Declined, yet recorded present: the report does not show her either.
  member('Nadia Brooks', 'declined'),
  // Declined and sent an alternate (recorded absent, Grace Okafor in his seat).
  member('Simon Achebe', 'declined'),
  member('Leo Fairbanks', 'accepted'),
  member('Marcus Webb', 'declined'),
  member('Alice Duval', 'declined'),
  member('Peter Yoon', 'declined'),
  member('Hannah Stirling', 'notResponded'),
  member('Imogen Hale', 'accepted'),
  member('Colin Ashby', 'declined'),
  member('Ravi Menon', 'accepted'),
  member('Bethan Lloyd', 'none'),
  member('Zara Quinn', 'declined'),
  { name: 'Megan Ross', address: DEMO_USERS.ross.mail, type: 'optional', response: 'accepted' },
  // A contact, not a member: listed apart, never an apology.
  {
    name: 'Olu Adeyemi',
    address: DEMO_USERS.adeyemi.mail,
    type: 'optional',
    response: 'declined',
  },
  {
    name: 'Erik Lindqvist',
    address: DEMO_USERS.lindqvist.mail,
    type: 'optional',
    response: 'tentativelyAccepted',
  },
  {
    name: 'Jonah Marsh',
    address: DEMO_USERS.jonahMarsh.mail,
    type: 'optional',
    response: 'accepted',
  },
  { name: 'Hugo Ellis', address: DEMO_USERS.ellis.mail, type: 'optional', response: 'accepted' },
  {
    name: 'OPSG Room 1',
    address: 'opsg.room1@csec.example',
    type: 'resource',
    response: 'accepted',
  },
];
