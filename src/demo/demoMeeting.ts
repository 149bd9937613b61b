/**
 * The demo meeting, captured op by op as a secretary would: the structure of our reference
 * minutes (attendance with an alternate, part attendees and a meeting secretary, apologies,
 * eight agenda items with 3.1-3.3, three outstanding actions closed, six new actions, NOTED and
 * AGREED decisions, next meeting dates) with invented people and invented words.
 */
import type { CaptureScript } from './CaptureScript';
import { DEMO_TEAMS_MEETING } from './demoTenant';

/** The fields a client sends to POST /api/meetings to create the demo meeting. */
export const DEMO_MEETING = {
  number: '41',
  title: 'Operations Group Meeting',
  date: '2021-01-25',
  startsAt: '2021-01-25T13:20:00Z',
  endsAt: '2021-01-25T15:35:00Z',
  mode: 'teleconference',
  series: 'main',
  classification: 'WHITE',
  nextMainMeetingDate: '2021-02-22',
  nextReportingMeetingDate: '2021-02-08',
  /** The Teams meeting in the demo tenant (the local Graph sandbox plays it). */
  teamsJoinUrl: DEMO_TEAMS_MEETING.joinWebUrl,
  teamsChatId: DEMO_TEAMS_MEETING.chatId,
} as const;

export const DEMO_AGENDA = [
  ['1', 'Actions Outstanding', 'CSEC'],
  ['2', 'CDS Operational Update', 'CDS'],
  ['3', 'Code Panel Reports', 'CSEC'],
  ['3.1', 'Registration Data Incident Report', 'CSEC'],
  ['3.2', 'Certificate Signing Request Variance Report', 'CSEC'],
  ['3.3', 'Service Request Variance Report', 'CSEC'],
  ['4', 'Hub Returns Report – Workshop Outputs', 'CSEC'],
  ['5', 'Performance Measurement Report – November', 'CSEC'],
  ['6', 'Major Incident Review', 'CSEC'],
  ['7', 'Network Evolution – Cost Benefit Analysis Review', 'CSEC'],
  ['8', 'Any Other Business', null],
] as const;

/** Writes the whole meeting into `script`, in the order it happened. */
export function captureDemoMeeting(script: CaptureScript): CaptureScript {
  const item = (number: string) => script.id('agenda', number);
  const person = (name: string) => script.id('person', name);

  for (const [number, title, presenter] of DEMO_AGENDA) {
    const [parent, child] = number.split('.');
    script.op('agenda.add', {
      id: item(number),
      title,
      presenter,
      parentId: child ? item(parent ?? '') : null,
      order: Number(child ?? parent),
    });
  }

  script
    .op('outstanding.carry', {
      id: script.id('outstanding', '37x/01'),
      actionRef: 'OPSG 37x/01',
      text: 'The CDS to report back on its review of the rise in registration data incidents at the next meeting (OPSG_38x).',
      dateRaised: '2020-10-26',
      lastTargetDate: '2020-11-23',
      ownerIds: ['cds'],
      itemId: item('1'),
    })
    .op('outstanding.carry', {
      id: script.id('outstanding', '38x/03'),
      actionRef: 'OPSG 38x/03',
      text: 'The CDS to check whether the half-hourly read retrieval problems appear in the quarterly problem report for Q3 2020.',
      dateRaised: '2020-11-23',
      lastTargetDate: '2020-12-07',
      ownerIds: ['cds'],
      itemId: item('1'),
    })
    .op('outstanding.carry', {
      id: script.id('outstanding', '39/07'),
      actionRef: 'OPSG 39/07',
      text: 'CSP N to set out how it will stop and restart services during its hardware refresh, and the expected impact on Users.',
      dateRaised: '2020-12-01',
      lastTargetDate: '2021-01-05',
      ownerIds: ['cspn', 'cds'],
      itemId: item('1'),
    });

  // Roll call: members by category, the alternate, apologies, then the other participants.
  for (const id of [
    'm-cole',
    'm-pryce',
    'm-natarajan',
    'm-reid',
    'm-marsh',
    'm-nowak',
    'm-brooks',
    'm-fairbanks',
    'm-hale',
    'm-menon',
    'm-lloyd',
  ]) {
    script.op('attendance.update', { personId: id, status: 'present' });
  }
  script
    .op('meetingMember.add', {
      id: person('Grace Okafor'),
      name: 'Grace Okafor',
      categoryId: 'large',
    })
    .op('attendance.update', {
      personId: person('Grace Okafor'),
      status: 'present',
      alternateForMemberId: 'm-achebe',
    })
    .op('attendance.update', { personId: 'm-achebe', status: 'absent' });
  for (const id of ['m-webb', 'm-duval', 'm-yoon', 'm-stirling', 'm-ashby', 'm-quinn']) {
    script.op('attendance.update', { personId: id, status: 'apologies' });
  }
  const participants: [string, string, { role?: string; part?: boolean; items?: string[] }][] = [
    ['Wanda Lyle', 'cds', { items: ['2'] }],
    ['Dominic Rowe', 'cds', {}],
    ['Lena Wu', 'cds', {}],
    ['Theo Dunmore', 'cds', { part: true, items: ['4'] }],
    ['Rashid Amin', 'cds', { part: true, items: ['4'] }],
    ['Alina Atkins', 'cds', { part: true, items: ['6'] }],
    ['Gareth Lomax', 'cds', { part: true, items: ['4'] }],
    ['Ines Carvalho', 'csec', { role: 'Meeting Secretary' }],
    ['Jonah Marsh', 'csec', {}],
    ['Hugo Ellis', 'csec', {}],
    ['Rowan Hale', 'tag', { part: true }],
    ['Nia Freeman', 'dfen', {}],
  ];
  for (const [name, organisationId, { role, part, items }] of participants) {
    script.op('participant.add', { id: person(name), name, organisationId, role: role ?? null });
    script.op('attendance.update', {
      personId: person(name),
      status: 'present',
      part: part ?? false,
      agendaItemIds: (items ?? []).map(item),
    });
  }

  const note = (number: string, key: string, text: string) =>
    script.op('note.add', {
      id: script.id('note', `${number}/${key}`),
      itemId: item(number),
      text,
    });
  const decide = (number: string, key: string, verb: string, text: string) =>
    script.op('decision.add', {
      id: script.id('decision', `${number}/${key}`),
      itemId: item(number),
      verb,
      text,
    });
  const raise = (
    key: string,
    number: string,
    text: string,
    ownerIds: string[],
    extra: { targetDate?: string; assigneeIds?: string[] } = {},
  ) =>
    script.op('action.raise', {
      id: script.id('action', key),
      itemId: item(number),
      text,
      ownerIds,
      ...extra,
    });
  const open = (number: string) => script.op('agenda.open', { id: item(number) });

  open('1');
  note(
    '1',
    'intro',
    'CSEC took the group through the updates on the outstanding actions. Completed actions were marked closed, and new target dates were agreed for those that had slipped.',
  );
  script.op('outstanding.update', {
    id: script.id('outstanding', '37x/01'),
    update:
      'The CDS reported that its review with the registration data providers had found three underlying causes, each now tracked as a problem record, and that incident numbers were not in fact rising. A network party member raised a related data issue, which the CDS will follow up outside the meeting.',
    status: 'closed',
  });
  script.op('outstanding.update', {
    id: script.id('outstanding', '38x/03'),
    update:
      'The CDS confirmed that further problem records had been opened for the half-hourly retrieval problems and that they will appear in the Q4 2020 report. CSEC will look into a related question with the CDS.',
    status: 'closed',
  });
  script.op('outstanding.update', {
    id: script.id('outstanding', '39/07'),
    update:
      'The group remained concerned about traffic after the CSP N hardware refresh. The CDS explained that scheduled reads will be recovered automatically after the restart and other services manually, with guidance to follow.',
    status: 'closed',
  });
  raise(
    '41/01',
    '1',
    'The CDS to make sure that problem records are opened to investigate category 4 incidents.',
    ['cds'],
    { assigneeIds: ['c-ross'] },
  );
  decide('1', 'noted', 'NOTED', 'the update.');

  open('2');
  note(
    '2',
    'status',
    'The CDS gave an update on its operational status following the latest public health guidance. Its service providers continued to operate normally and staff absence remained low.',
  );
  note(
    '2',
    'volumes',
    'The CDS noted that daily installation volumes had fallen during January compared with the weeks before the holiday period.',
  );

  open('3');
  note(
    '3',
    'summary',
    'CSEC summarised the Code Panel reports and asked the group for comments on the reporting summary (Annex 1).',
  );
  open('3.1');
  note(
    '3.1',
    'incidents',
    'The group considered the registration data incident report for December. CSEC highlighted the incidents opened and resolved in the month.',
  );
  open('3.2');
  note(
    '3.2',
    'csr',
    'The group considered the certificate signing request variance report for December.',
  );
  open('3.3');
  note(
    '3.3',
    'srv',
    'The group considered the service request variance report for December. CSEC reported the Panel decision not to pursue forecasting compliance until the related changes are in place.',
  );
  raise(
    '41/02',
    '3.3',
    'The OPSG to provide any comments on the reporting summary (Annex 1 of the Code Panel report) by 4 February.',
    ['opsg'],
    { targetDate: '2021-02-04' },
  );
  decide('3.3', 'noted', 'NOTED', 'the Code Panel Reports.');

  open('4');
  note(
    '4',
    'workshop',
    'CSEC presented the views gathered at the hub returns workshop, and the group considered the eight requirements it identified.',
  );
  script.op('note.add', {
    id: script.id('note', '4/request'),
    itemId: item('4'),
    speakerId: 'm-marsh',
    text: 'asked that draft report material go to all workshop attendees as well as group members.',
  });
  decide('4', 'noted', 'NOTED', 'the outcomes from the Hub Returns Report Workshop');
  decide(
    '4',
    'agreed',
    'AGREED',
    'the requirements identified during the workshop and the associated next steps.',
  );

  open('5');
  note(
    '5',
    'pmr',
    'CSEC presented its review of the PMR for November. The group questioned the cause of a missed service level in one region, and the CDS undertook to investigate.',
  );
  raise(
    '41/03',
    '5',
    'The CDS to investigate why the firmware delivery measure was missed in CSP C&S and whether its infrastructure contributed.',
    ['cds'],
  );
  raise(
    '41/04',
    '5',
    'The CDS to confirm that suspending the forecasting obligations for Users will not affect forecasting for firmware downloads.',
    ['cds'],
  );
  raise(
    '41/05',
    '5',
    'The CDS to raise a problem record for the repeated failure of the alert delivery measure.',
    ['cds'],
    { assigneeIds: ['c-adeyemi'] },
  );
  decide('5', 'noted', 'NOTED', 'the Performance Measurement Report.');

  open('6');
  note(
    '6',
    'review',
    'CSEC reviewed a major incident. The CDS acknowledged that the service provider had not followed the agreed notification process, and is working with it to improve.',
  );
  raise(
    '41/06',
    '6',
    'The CDS to confirm whether the review of the routing fault that delayed failover has been completed.',
    ['cds'],
  );
  decide('6', 'noted', 'NOTED', 'the Major Incident Review');
  decide(
    '6',
    'agreed',
    'AGREED',
    'that the incident review report be published to all Code Parties.',
  );

  open('7');
  note(
    '7',
    'cba',
    'CSEC presented the status of the cost benefit analysis; its further review was rescheduled to allow a procurement to complete.',
  );
  decide('7', 'noted', 'NOTED', 'the presentation.');

  open('8');
  note('8', 'aob', 'There were no further items of business, and the Chair closed the meeting.');
  return script;
}
