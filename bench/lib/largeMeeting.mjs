/**
 * A LARGE meeting for the minutes renderers, built only through ops with the demo's
 * CaptureScript: 300 people present (roster members over the 6 demo categories, alternates,
 * meeting-only members and other participants, some for part of the meeting), apologies,
 * 40 agenda items (some with sub-items), several notes per item, decisions, 150 new actions and
 * carried outstanding actions. The committee is the demo committee with generated members,
 * organisations and acronyms, parsed with the server's schema. Everything comes from a seeded
 * generator, so every run builds the same meeting. Also the small OPSG-41 fixture (as
 * test/fixtures/opsg41.ts builds it) for comparison.
 */
import { loadDist } from './dist.mjs';

const domain = loadDist('domain/index.js');
const { CaptureScript } = loadDist('demo/CaptureScript.js');
const { captureDemoMeeting, DEMO_MEETING } = loadDist('demo/demoMeeting.js');
const { demoCommitteeSettings, DEMO_COMMITTEE_ID } = loadDist('demo/demoCommittee.js');

const SECRETARY = 'local:ines.carvalho';
const SERVER_TIME = '2021-06-28T18:00:00Z';

/** The shape asked for; `largeMeeting()` checks the folded meeting against it. */
export const LARGE = {
  present: 300,
  topLevelItems: 40,
  newActions: 150,
  outstanding: 24,
  apologies: 28,
};

/** Roster size per demo category (the demo's own members included). 240 in all. */
const ROSTER = { chair: 2, operator: 8, network: 28, large: 94, small: 60, other: 48 };
/** Roster members who are absent and sent an alternate (a meeting-only member) in their place. */
const ALTERNATES = 14;
/** Roster members absent without an alternate (not listed in the minutes). */
const ABSENT = 8;
/** Meeting-only members who are not alternates (co-opted, observers). */
const MEETING_ONLY = 6;

// ---------------------------------------------------------------------------------------------
// A seeded generator (mulberry32), so the meeting is the same on every run.

function generator(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  const shuffle = (list) => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  return { next, int, pick, chance, shuffle };
}

// ---------------------------------------------------------------------------------------------
// Words.

// prettier-ignore
const FIRST = [
  'Aisha', 'Ben', 'Carys', 'Declan', 'Elif', 'Femi', 'Gemma', 'Hamish', 'Isla', 'Jakub',
  'Kavya', 'Liam', 'Maeve', 'Nikhil', 'Orla', 'Pavel', 'Rhian', 'Samir', 'Tess', 'Umar',
  'Vera', 'Wes', 'Yasmin', 'Zoltan', 'Amara', 'Bruno', 'Chloé', 'Dev', 'Esme', 'Farid',
  'Greta', 'Henrik', 'Ingrid', 'Joel', 'Keira', 'Lucas', 'Mira', 'Niall', 'Odette', 'Piotr',
  'Ruth', 'Sven', 'Talia', 'Victor', 'Willa', 'Xavier', 'Yusuf', 'Zainab',
];
// prettier-ignore
const LAST = [
  'Abbott', 'Bhatt', 'Costa', 'Dlamini', 'Eriksen', 'Fenwick', 'Garside', 'Huang', 'Iqbal',
  'Jarvis', 'Kowalski', 'Lindgren', 'McBride', 'Nakamura', 'O’Connell', 'Patel', 'Quayle',
  'Rahman', 'Sinclair', 'Thorne', 'Underwood', 'Varga', 'Whitaker', 'Xu', 'Yardley', 'Zielinski',
  'Ashworth', 'Bellamy', 'Chowdhury', 'Delacroix', 'Evans', 'Forsyth', 'Gallagher', 'Holloway',
  'Ivanova', 'Jenkins', 'Kaur', 'Lyons', 'Moreau', 'Ng', 'Okonkwo', 'Pereira', 'Rossi',
  'Sørensen', 'Tan', 'Vaughan', 'Wilde', 'Young',
];
// prettier-ignore
const PLACES = [
  'Ashford', 'Bramley', 'Carrick', 'Dunmore', 'Elmstead', 'Fernhill', 'Glenmoor', 'Harrow Vale',
  'Ironbridge', 'Juniper', 'Kingsmead', 'Larkspur', 'Millbrook', 'Northgate', 'Oakham',
  'Pennine', 'Queensbury', 'Redcliffe', 'Saltmarsh', 'Thornbury', 'Upland', 'Westbury',
];
const COMPANY = {
  chair: [''],
  operator: ['Central Data Service'],
  network: ['Networks', 'Distribution', 'Grid', 'Electricity Networks', 'Gas Distribution'],
  large: ['Energy', 'Power', 'Supply', 'Utilities', 'Gas & Power', 'Energy Retail'],
  small: ['Energy', 'Power Co-operative', 'Community Energy', 'Green Supply', 'Home Energy'],
  other: ['Metering Services', 'Data Ltd', 'Meter Operations', 'Smart Services', 'Agents'],
};

const EXTRA_ORGANISATIONS = [
  {
    id: 'cspcs',
    name: 'CSP C&S',
    fullName: 'Communication Service Provider Central and South',
    kind: 'party',
  },
  {
    id: 'dsp',
    name: 'DSP',
    fullName: 'Data Service Provider',
    kind: 'operator',
    aliases: ['The DSP'],
  },
  {
    id: 'ofer',
    name: 'OFER',
    fullName: 'Office of Energy Regulation',
    kind: 'government',
    aliases: ['The Regulator'],
  },
  { id: 'sec-panel', name: 'Code Panel', kind: 'committee', aliases: ['The Panel'] },
  {
    id: 'tabasc',
    name: 'TABASC',
    fullName: 'Technical Architecture Sub-Committee',
    kind: 'advisory',
  },
  {
    id: 'crs',
    name: 'CRS',
    fullName: 'Central Registration Service',
    kind: 'operator',
    aliases: ['The CRS'],
  },
  { id: 'audit', name: 'Independent Auditor', kind: 'other' },
  { id: 'ea', name: 'Energy Association', kind: 'other' },
];

const EXTRA_ACRONYMS = [
  { short: 'DSP', expansion: 'Data Service Provider' },
  { short: 'CRS', expansion: 'Central Registration Service' },
  { short: 'OFER', expansion: 'Office of Energy Regulation' },
  { short: 'SLA', expansion: 'Service Level Agreement' },
  { short: 'MI', expansion: 'Major Incident' },
  { short: 'CSR', expansion: 'Certificate Signing Request' },
  { short: 'HHR', expansion: 'Half-Hourly Read' },
  { short: 'TABASC', expansion: 'Technical Architecture Sub-Committee' },
  { short: 'RFI', expansion: 'Request for Information' },
  { short: 'CBA', expansion: 'Cost Benefit Analysis' },
];

/** Who participates for which organisation (weights over 90 people). */
const PARTICIPANT_WEIGHTS = {
  cds: 26,
  csec: 9,
  dsp: 10,
  cspn: 8,
  cspcs: 8,
  crs: 5,
  tag: 4,
  tabasc: 3,
  dfen: 4,
  ofer: 4,
  'sec-panel': 3,
  audit: 3,
  ea: 3,
};

const ITEM_TITLES = [
  'Actions Outstanding',
  'CDS Operational Update',
  'Code Panel Reports',
  'Hub Returns Report – Workshop Outputs',
  'Performance Measurement Report – May',
  'Major Incident Review',
  'Network Evolution – Cost Benefit Analysis Review',
  'Release Management – June Release',
  'Firmware Upgrade Programme',
  'Communications Hub Supply and Returns',
  'Service Desk Performance',
  'Security Incident Summary',
  'Certificate Signing Request Volumes',
  'Registration Data Quality',
  'Half-Hourly Read Retrieval',
  'Alert Routing Changes',
  'Testing Advisory Group Update',
  'Technical Architecture Sub-Committee Update',
  'Problem Management Report',
  'Capacity Planning – Winter Outlook',
  'Business Continuity and Disaster Recovery Test',
  'Service Request Forecasting',
  'Change Requests Under Assessment',
  'Modification Proposals – Operational Impact',
  'Smart Metering Installation Volumes',
  'Enrolment and Adoption Progress',
  'Dual Control Organisation Report',
  'Self-Service Interface Enhancements',
  'Regulatory Update',
  'Code Secretariat Budget and Workplan',
  'Supplier Engagement Survey Results',
  'Prepayment Customer Impacts',
  'Data Retention and Archiving',
  'Operational Metrics Dashboard',
  'Incident Communications Review',
  'Third-Party Service Provider Transition',
  'Forward Schedule of Change',
  'Lessons Learned – Q1 Incidents',
  'Reporting Meeting Arrangements',
  'Any Other Business',
];

const SUB_TITLES = [
  'Registration Data Incident Report',
  'Certificate Signing Request Variance Report',
  'Service Request Variance Report',
  'Regional Breakdown',
  'Root Cause Analysis',
  'Remediation Plan',
  'Communications to Users',
  'Next Steps and Timeline',
  'Risks and Issues',
  'Cost Implications',
];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June'];
const REGIONS = ['North', 'Central', 'South', 'the North West', 'Scotland', 'Wales'];
const SUBJECTS = [
  'The CDS',
  'CSEC',
  'The DSP',
  'CSP N',
  'CSP C&S',
  'The CRS',
  'The group',
  'The Chair',
];

/** Sentences of the narrative; {…} are filled in from the generator. */
const SENTENCES = [
  '{subject} reported that installation volumes recovered in the second half of {month}, and that the backlog of failed commissioning requests had been cleared with the help of two Large Suppliers.',
  '{subject} took the group through the variance report: {n} parties remained outside tolerance for a second month, and the group asked CSEC to write to them and report back at the next main meeting.',
  'Members welcomed the clearer timeline in the draft review, but asked that the lessons learned section name the owner of each follow-up and the date it is due to complete.',
  'The firmware delivery measure was missed in {region} because of a configuration fault; a fix has been deployed and {subject} will confirm whether the measure recovered in {month}.',
  'The group considered the PMR for {month}. Most service levels were met, and the {n} that were missed relate to the incident already under review and need no separate action.',
  'The CDS explained that scheduled reads will be recovered automatically after the restart, and that other services will be recovered manually with guidance to follow for Users.',
  'CSEC noted that fewer than {n} % of the requests failed validation, but that the failures were concentrated in a small number of parties & their agents.',
  'The DSP confirmed that the change is scheduled for the {month} release and will be tested in the pre-production environment first, with results shared with TABASC.',
  'Members asked whether the revised alert routing would reach smaller suppliers in time; the CDS said it would share the cut-over plan at least two weeks before go-live.',
  'The group discussed the cost of the proposed testing changes. CSEC agreed to include an impact assessment for smaller parties in the next version of the paper.',
  'CSP N reported {n} outages in {region} during {month}, each restored within the SLA, and said its hardware refresh remains on track for completion by the end of the quarter.',
  'OFER observed that the regulator expects the remediation plan to be published to all Code Parties, and asked for the date on which it will be issued.',
  'The CRS confirmed that the registration data feed had run without exceptions since the fix, and that the reconciliation of the {n} affected records is complete.',
  'A member noted that the HHR retrieval rate had improved to {pct} % but remained below the target; the CDS said further problem records had been opened.',
  'The Chair reminded members that comments on the reporting summary are due by {day} {month}, and that late comments cannot be reflected in the Panel paper.',
  'The CDS acknowledged that the service provider had not followed the agreed notification process during the MI, and is working with it to improve the “first hour” communications.',
  'The group agreed that the RFI responses should be summarised for the next reporting meeting, with any confidential material removed before circulation.',
  'CSEC presented the status of the CBA; its further review was rescheduled to allow a procurement to complete, and a revised plan will come to the group in {month}.',
  'Members noted that the number of CSR rejections had fallen by {pct} % since the certificate renewal guidance was reissued.',
  'The CDS said the root cause was a database lock during the overnight batch, which delayed {n} thousand messages by up to four hours; a permanent fix is planned.',
  'Several members asked for the regional breakdown to show prepayment customers separately, so that the impact on vulnerable customers can be seen at a glance.',
  'The CDS noted that the self-service interface changes had been well received, with {n} Users enrolled in the pilot and no defects of severity 1 or 2 raised.',
  'CSEC explained that the modification would need a further impact assessment <b>before</b> it can go to the Panel, and invited parties to volunteer for the working group.',
  'The DSP reported that capacity headroom for the winter peak is {pct} % on the busiest interfaces, above the planning threshold agreed last year.',
];

/** Notes with a recorded speaker: the minutes put "A Large Supplier member" (etc.) in front. */
const SPEAKER_SENTENCES = [
  'asked whether the revised schedule allowed enough time for parties to test their own systems before the release.',
  'noted that their organisation had seen the same fault in {region} and offered to share its logs with the CDS.',
  'requested that the next version of the report show the trend over the last {n} months, not only the latest month.',
  'questioned whether the proposed target was achievable given the volumes expected in {month}.',
  'welcomed the improvement but cautioned that the figures for {month} may be revised once late returns are processed.',
  'raised concerns about the cost to smaller parties of the proposed changes and asked for them to be phased.',
  'confirmed that their organisation supports the recommendation and will send written comments by {day} {month}.',
];

const DECISIONS = [
  'the update',
  'the report',
  'the Performance Measurement Report',
  'the proposed approach to the remediation plan',
  'that CSEC write to the parties outside tolerance',
  'the revised timeline for the release',
  'that the incident review report be published to all Code Parties',
  'the terms of reference for the working group, subject to the changes discussed',
  'the recommendation to the Panel',
  'that the item return to the next main meeting with a regional breakdown',
  'the outcomes from the workshop and the associated next steps',
];
const VERBS = ['NOTED', 'NOTED', 'NOTED', 'AGREED', 'AGREED', 'APPROVED', 'ENDORSED', 'DECIDED'];

const ACTION_OWNERS = [
  ['cds'],
  ['cds'],
  ['cds'],
  ['csec'],
  ['csec'],
  ['dsp'],
  ['cspn'],
  ['cspcs'],
  ['crs'],
  ['opsg'],
  ['large'],
  ['small'],
  ['network'],
  ['cspn', 'cds'],
  ['csec', 'cds'],
  ['tag'],
];
const ACTION_TASKS = [
  'make sure that problem records are opened to investigate category 4 incidents in {region}',
  'report back on its review of the rise in registration data incidents at the next meeting',
  'circulate the revised cut-over plan to all members at least two weeks before go-live',
  'confirm whether the review of the routing fault that delayed failover has been completed',
  'provide a regional breakdown of the missed service levels for {month}, with prepayment customers shown separately',
  'write to the {n} parties outside tolerance and report their responses to the next main meeting',
  'share the root cause analysis of the overnight batch delay, including the permanent fix and its date',
  'provide comments on the reporting summary (Annex 1 of the Code Panel report) by {day} {month}',
  'set out how it will stop and restart services during its hardware refresh, and the expected impact on Users',
  'include an impact assessment for smaller parties in the next version of the testing paper',
  'confirm that suspending the forecasting obligations will not affect forecasting for firmware downloads',
  'arrange a workshop on the alert routing changes and invite all interested parties',
  'update the operational metrics dashboard so that the trend over {n} months is shown',
  'publish the incident communications guidance to all Code Parties',
];
const OUTSTANDING_UPDATES = [
  'The CDS reported that its review had found {n} underlying causes, each now tracked as a problem record, and that incident numbers were not in fact rising.',
  'CSEC confirmed that the letters had been sent and that {n} of the parties had replied; the remaining replies are expected before the next meeting.',
  'The DSP explained that the fix had been deployed in {month} and that the measure had recovered since; the group agreed the action could close.',
  'The group remained concerned about traffic after the hardware refresh. CSP N explained that scheduled reads will be recovered automatically, with guidance to follow.',
  'The action remains open: the analysis is taking longer than planned because of the volume of data, and a revised date was agreed.',
  'CSEC will look into a related question with the CDS outside the meeting and report back at the reporting meeting in {month}.',
];

// ---------------------------------------------------------------------------------------------
// The committee.

function generatedCommittee(random) {
  const usedNames = new Set(demoCommitteeSettings.members.map((member) => member.name));
  const nameOf = () => {
    for (;;) {
      const name = `${random.pick(FIRST)} ${random.pick(LAST)}`;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const members = [...demoCommitteeSettings.members];
  let serial = 0;
  for (const [categoryId, size] of Object.entries(ROSTER)) {
    const existing = members.filter((member) => member.categoryId === categoryId).length;
    for (let index = existing; index < size; index += 1) {
      serial += 1;
      const name = nameOf();
      const organisation =
        categoryId === 'chair'
          ? undefined
          : categoryId === 'operator'
            ? COMPANY.operator[0]
            : `${random.pick(PLACES)} ${random.pick(COMPANY[categoryId])}`;
      members.push({
        id: `m-gen-${String(serial).padStart(3, '0')}`,
        name,
        categoryId,
        email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${serial}@members.example`,
        ...(categoryId === 'chair' ? { role: 'Deputy Chair' } : {}),
        ...(organisation ? { organisation } : {}),
      });
    }
  }
  const settings = {
    ...demoCommitteeSettings,
    members,
    organisations: [
      ...demoCommitteeSettings.organisations,
      ...EXTRA_ORGANISATIONS.map((organisation) => ({ aliases: [], ...organisation })),
    ],
    minutes: {
      ...demoCommitteeSettings.minutes,
      acronyms: [...demoCommitteeSettings.minutes.acronyms, ...EXTRA_ACRONYMS],
    },
  };
  return { committee: domain.committeeSettingsSchema.parse(settings), nameOf };
}

// ---------------------------------------------------------------------------------------------
// The meeting, op by op.

/** The large meeting: its committee, its stored log, and what it holds. */
export function largeMeeting({ seed = 52 } = {}) {
  const random = generator(seed);
  const { committee, nameOf } = generatedCommittee(random);
  const meetingId = 'a7c1e0d2-52b3-4c4d-9e5f-60718293a4b5';
  const meeting = {
    ...DEMO_MEETING,
    number: '52',
    date: '2021-06-28',
    startsAt: '2021-06-28T08:30:00Z',
    endsAt: '2021-06-28T16:10:00Z',
    mode: 'hybrid',
    nextMainMeetingDate: '2021-07-26',
    nextReportingMeetingDate: '2021-07-12',
  };
  const script = new CaptureScript(meetingId, SECRETARY, '2021-06-28T08:15:00Z');
  script.op(
    'meeting.update',
    domain.newMeetingFields(
      committee,
      domain.newMeetingSchema.parse({ committeeId: DEMO_COMMITTEE_ID, ...meeting }),
    ),
  );

  const fill = (template) =>
    template
      .replaceAll('{subject}', random.pick(SUBJECTS))
      .replaceAll('{month}', random.pick(MONTHS))
      .replaceAll('{region}', random.pick(REGIONS))
      .replaceAll('{n}', String(random.int(2, 40)))
      .replaceAll('{pct}', String(random.int(3, 97)))
      .replaceAll('{day}', String(random.int(1, 28)));

  // The agenda: 40 items, every fourth (from 3) with 2-4 sub-items.
  const headings = [];
  ITEM_TITLES.forEach((title, index) => {
    const number = String(index + 1);
    const id = script.id('agenda', number);
    script.op('agenda.add', {
      id,
      title,
      presenter: random.pick(['CSEC', 'CDS', 'DSP', 'CSP N', 'Chair', null]),
      parentId: null,
      order: index + 1,
    });
    headings.push({ id, number });
    if (index % 4 === 2 && index < ITEM_TITLES.length - 1) {
      const count = random.int(2, 4);
      for (let sub = 1; sub <= count; sub += 1) {
        const subNumber = `${number}.${sub}`;
        const subId = script.id('agenda', subNumber);
        script.op('agenda.add', {
          id: subId,
          title: SUB_TITLES[(index + sub) % SUB_TITLES.length],
          presenter: null,
          parentId: id,
          order: sub,
        });
        headings.push({ id: subId, number: subNumber });
      }
    }
  });
  const itemIds = headings.map((heading) => heading.id);
  /** One to three items, in agenda order, for people who attend part of the meeting. */
  const someItems = () =>
    [...new Set(Array.from({ length: random.int(1, 3) }, () => random.pick(itemIds)))].sort(
      (a, b) => itemIds.indexOf(a) - itemIds.indexOf(b),
    );

  // Actions carried from earlier meetings: most under item 1, a few elsewhere or unplaced.
  const outstanding = [];
  for (let index = 0; index < LARGE.outstanding; index += 1) {
    const id = script.id('outstanding', String(index));
    const meetingNumber = random.pick(['48', '49', '50', '51']);
    const itemId = index < 16 ? itemIds[0] : index < 18 ? null : random.pick(itemIds.slice(1, -1));
    script.op('outstanding.carry', {
      id,
      actionRef: `OPSG ${meetingNumber}/${String(random.int(1, 30)).padStart(2, '0')}`,
      text: `${random.pick(['The CDS', 'CSEC', 'The DSP', 'CSP N'])} to ${fill(random.pick(ACTION_TASKS))}.`,
      dateRaised: `2021-0${random.int(2, 5)}-${String(random.int(1, 28)).padStart(2, '0')}`,
      lastTargetDate: random.chance(0.85)
        ? `2021-06-${String(random.int(1, 27)).padStart(2, '0')}`
        : null,
      ownerIds: random.pick(ACTION_OWNERS),
      itemId,
    });
    outstanding.push({ id, itemId: itemId ?? itemIds[0] });
  }

  // Roll call: roster members by category, then alternates, observers and apologies.
  const roster = committee.members.filter((member) => member.active);
  const chair = roster.find((member) => member.role === 'Chair');
  const others = random.shuffle(roster.filter((member) => member !== chair));
  const apologies = others.slice(0, LARGE.apologies);
  const replaced = others.slice(LARGE.apologies, LARGE.apologies + ALTERNATES);
  const absent = others.slice(LARGE.apologies + ALTERNATES, LARGE.apologies + ALTERNATES + ABSENT);
  const presentMembers = [chair, ...others.slice(LARGE.apologies + ALTERNATES + ABSENT)];
  const speakers = [];
  for (const member of presentMembers) {
    const part = random.chance(0.1);
    script.op('attendance.update', {
      personId: member.id,
      status: 'present',
      ...(part ? { part: true, agendaItemIds: someItems() } : {}),
    });
    speakers.push(member.id);
  }
  for (const member of replaced) {
    const name = nameOf();
    const id = script.id('person', name);
    script.op('meetingMember.add', { id, name, categoryId: member.categoryId });
    script.op('attendance.update', {
      personId: id,
      status: 'present',
      alternateForMemberId: member.id,
    });
    script.op('attendance.update', { personId: member.id, status: 'absent' });
    speakers.push(id);
  }
  for (const member of absent)
    script.op('attendance.update', { personId: member.id, status: 'absent' });
  for (let index = 0; index < MEETING_ONLY; index += 1) {
    const name = nameOf();
    const id = script.id('person', name);
    script.op('meetingMember.add', {
      id,
      name,
      categoryId: random.pick(['network', 'large', 'small', 'other']),
      role: random.pick(['Observer', 'Co-opted Member']),
    });
    script.op('attendance.update', { personId: id, status: 'present', part: random.chance(0.5) });
  }
  for (const member of apologies) {
    script.op('attendance.update', { personId: member.id, status: 'apologies' });
  }

  // Other participants: the rest of the 300, spread over the organisations by weight.
  const membersPresent = presentMembers.length + replaced.length + MEETING_ONLY;
  const participantCount = LARGE.present - membersPresent;
  const weighted = Object.entries(PARTICIPANT_WEIGHTS).flatMap(([id, weight]) =>
    Array.from({ length: weight }, () => id),
  );
  for (let index = 0; index < participantCount; index += 1) {
    const name = nameOf();
    const id = script.id('person', name);
    const organisationId = index === 0 ? 'csec' : random.pick(weighted);
    const role =
      index === 0
        ? 'Meeting Secretary'
        : random.chance(0.1)
          ? random.pick(['Presenter', 'Observer'])
          : null;
    const part = index > 0 && random.chance(0.3);
    script.op('participant.add', { id, name, organisationId, role });
    script.op('attendance.update', {
      personId: id,
      status: 'present',
      part,
      agendaItemIds: part ? someItems() : [],
    });
    speakers.push(id);
  }

  // New actions: 150 spread over the items, raised in agenda order so they number 01…150.
  const actionsPerItem = new Map();
  for (let index = 0; index < LARGE.newActions; index += 1) {
    const id = random.pick(itemIds.slice(0, -1));
    actionsPerItem.set(id, (actionsPerItem.get(id) ?? 0) + 1);
  }

  let noteSerial = 0;
  let actionSerial = 0;
  const raised = [];
  for (const heading of headings) {
    script.op('agenda.open', { id: heading.id });
    const notes = random.int(2, 6);
    for (let index = 0; index < notes; index += 1) {
      noteSerial += 1;
      const id = script.id('note', String(noteSerial));
      if (random.chance(0.2)) {
        script.op('note.add', {
          id,
          itemId: heading.id,
          speakerId: random.pick(speakers),
          text: fill(random.pick(SPEAKER_SENTENCES)),
        });
        continue;
      }
      const sentences = Array.from({ length: random.int(2, 4) }, () =>
        fill(random.pick(SENTENCES)),
      );
      // Some notes run to two paragraphs.
      const text = random.chance(0.15)
        ? `${sentences.slice(0, 2).join(' ')}\n\n${sentences.slice(2).join(' ') || fill(random.pick(SENTENCES))}`
        : sentences.join(' ');
      script.op('note.add', { id, itemId: heading.id, text });
      // The secretary tidies some notes as the meeting goes on.
      if (random.chance(0.1))
        script.op('note.update', {
          id,
          text: `${text} The group agreed to revisit this at the next meeting.`,
        });
    }
    for (const entry of outstanding.filter((o) => o.itemId === heading.id)) {
      const closed = random.chance(0.6);
      script.op('outstanding.update', {
        id: entry.id,
        update: fill(random.pick(OUTSTANDING_UPDATES)),
        status: closed ? 'closed' : 'open',
        ...(closed
          ? {}
          : { revisedTargetDate: `2021-07-${String(random.int(5, 30)).padStart(2, '0')}` }),
      });
    }
    for (let index = 0; index < (actionsPerItem.get(heading.id) ?? 0); index += 1) {
      actionSerial += 1;
      const id = script.id('action', String(actionSerial));
      const ownerIds = random.pick(ACTION_OWNERS);
      const owner = committee.organisations.find((o) => o.id === ownerIds[0]);
      const category = committee.categories.find((c) => c.id === ownerIds[0]);
      const who = owner ? (owner.aliases[0] ?? owner.name) : (category?.name ?? ownerIds[0]);
      script.op('action.raise', {
        id,
        itemId: heading.id,
        text: `${who} to ${fill(random.pick(ACTION_TASKS))}.`,
        ownerIds,
        ...(random.chance(0.3)
          ? {
              targetDate: `2021-0${random.int(7, 9)}-${String(random.int(1, 28)).padStart(2, '0')}`,
            }
          : {}),
        ...(ownerIds[0] === 'cds' && random.chance(0.5) ? { assigneeIds: ['c-ross'] } : {}),
      });
      raised.push(id);
    }
    const decisions = random.int(0, 3);
    for (let index = 0; index < decisions; index += 1) {
      script.op('decision.add', {
        id: script.id('decision', `${heading.number}/${index}`),
        itemId: heading.id,
        verb: random.pick(VERBS),
        text: `${random.pick(DECISIONS)}.`,
      });
    }
  }
  // At the end, a few actions are withdrawn and a few get a new date.
  for (const id of random.shuffle(raised).slice(0, 4)) {
    script.op('action.withdraw', { id, reason: 'Covered by another action' });
  }
  for (const id of random.shuffle(raised).slice(0, 6)) {
    script.op('action.update', { id, targetDate: '2021-09-30' });
  }

  const ops = sequence(script.operations());
  return {
    meetingId,
    committee,
    ops,
    shape: {
      ops: ops.length,
      rosterMembers: roster.length,
      membersPresent,
      alternates: replaced.length,
      meetingOnlyMembers: MEETING_ONLY,
      otherParticipants: participantCount,
      apologies: apologies.length,
      topLevelItems: ITEM_TITLES.length,
      subItems: headings.length - ITEM_TITLES.length,
      notes: noteSerial,
      newActions: actionSerial,
      outstanding: outstanding.length,
    },
  };
}

/** The small OPSG-41 fixture, as test/fixtures/opsg41.ts builds it. */
export function opsg41Meeting() {
  const committee = domain.committeeSettingsSchema.parse(demoCommitteeSettings);
  const meetingId = '0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f';
  const script = new CaptureScript(meetingId, SECRETARY, '2021-01-25T13:05:00Z');
  script.op(
    'meeting.update',
    domain.newMeetingFields(
      committee,
      domain.newMeetingSchema.parse({ committeeId: DEMO_COMMITTEE_ID, ...DEMO_MEETING }),
    ),
  );
  return { meetingId, committee, ops: sequence(captureDemoMeeting(script).operations()) };
}

function sequence(ops) {
  return ops.map((op, index) => ({ ...op, seq: index + 1, serverTime: SERVER_TIME }));
}
