import { committeeSettingsSchema, foldOperations, meetingView } from '../domain';
import type { CaptureScript } from '../demo/CaptureScript';
import { demoCommitteeSettings } from '../demo/demoCommittee';
import { MEETING_ID, opsg41Committee, opsg41Script, sequence } from '../../test/fixtures/opsg41';
import { buildMinutesDocument, joinWithAnd, UNFILED_TITLE } from './buildMinutesDocument';

function minutesOf(script: CaptureScript, committee = opsg41Committee()) {
  return buildMinutesDocument(
    meetingView(foldOperations(MEETING_ID, sequence(script.operations())), committee),
    committee,
  );
}

describe('the minutes of the OPSG-41-like meeting', () => {
  const doc = minutesOf(opsg41Script());

  it('names the file after the reference and status', () => {
    expect(doc.fileName).toBe('OPSG_41_2501 Draft Minutes');
    expect(doc.title).toEqual({
      groupName: 'Operations Group Meeting',
      dateAndReference: '25 January 2021, OPSG_41_2501',
      time: '13:20 – 15:35',
      mode: 'Teleconference',
      status: 'Draft Minutes',
    });
  });

  it('orders each item as notes, outstanding actions, new actions, then decisions', () => {
    const first = doc.items[0]?.blocks.map((block) => block.kind);
    expect(first).toEqual([
      'paragraph',
      'outstandingAction',
      'outstandingAction',
      'outstandingAction',
      'action',
      'decision',
    ]);
  });

  it('attributes a recorded speaker by constituency, never by name', () => {
    const item4 = doc.items.find((item) => item.number === '4');
    const texts =
      item4?.blocks.flatMap((block) => (block.kind === 'paragraph' ? [block.text] : [])) ?? [];
    expect(texts).toContain(
      'A Large Supplier member asked that draft report material go to all workshop attendees as well as group members.',
    );
    expect(texts.join(' ')).not.toContain('Fiona Marsh');
  });

  it('attributes by organisation when the committee says so', () => {
    const settings = committeeSettingsSchema.parse({
      ...demoCommitteeSettings,
      minutes: { ...demoCommitteeSettings.minutes, noteAttribution: 'organisation' },
    });
    const item4 = minutesOf(opsg41Script(), settings).items.find((item) => item.number === '4');
    const texts =
      item4?.blocks.flatMap((block) => (block.kind === 'paragraph' ? [block.text] : [])) ?? [];
    expect(texts).toContain(
      'Brightwater Energy asked that draft report material go to all workshop attendees as well as group members.',
    );
  });

  it('writes several decisions as one list joined with "; and"', () => {
    const item6 = doc.items.find((item) => item.number === '6');
    expect(item6?.blocks.at(-1)).toEqual({
      kind: 'decisionList',
      lead: 'The OPSG:',
      bullets: [
        'NOTED the Major Incident Review; and',
        'AGREED that the incident review report be published to all Code Parties.',
      ],
    });
  });

  it('shows revised target dates as N/A when none was set, in dd/mm/yyyy', () => {
    const outstanding = doc.items[0]?.blocks.find((block) => block.kind === 'outstandingAction');
    expect(outstanding).toMatchObject({
      actionId: 'OPSG 37x/01',
      dateRaised: '26/10/2020',
      lastTargetDate: '23/11/2020',
      revisedTargetDate: 'N/A',
      status: 'Closed',
    });
  });

  it('ends with the next meetings line', () => {
    expect(doc.nextMeetings).toBe(
      'Next main meeting: 22 February 2021; Next reporting meeting: 8 February 2021.',
    );
  });

  it('gives the chat digest all six actions and eight decisions', () => {
    expect(doc.digest.actions.map((action) => `${action.itemNumber} ${action.actionId}`)).toEqual([
      '1 OPSG 41/01',
      '3.3 OPSG 41/02',
      '5 OPSG 41/03',
      '5 OPSG 41/04',
      '5 OPSG 41/05',
      '6 OPSG 41/06',
    ]);
    expect(doc.digest.decisions).toHaveLength(8);
    expect(doc.digest.membersPresent).toBe(12);
    expect(doc.digest.othersPresent).toBe(12);
    expect(doc.digest.apologies).toBe(6);
  });
});

describe('when decisions are joined into a list', () => {
  it('ends all but the last two with ";", the second to last with "; and", the last with "."', () => {
    expect(joinWithAnd(['NOTED a', 'AGREED b', 'APPROVED c'])).toEqual([
      'NOTED a;',
      'AGREED b; and',
      'APPROVED c.',
    ]);
    expect(joinWithAnd(['NOTED a'])).toEqual(['NOTED a.']);
  });
});

describe('when a meeting changes status', () => {
  it('uses the committee title for that status', () => {
    const script = opsg41Script()
      .op('meeting.setStatus', { status: 'circulated' })
      .op('meeting.setStatus', { status: 'final' });
    expect(minutesOf(script).title.status).toBe('Minutes');
    expect(minutesOf(script).fileName).toBe('OPSG_41_2501 Minutes');
  });
});

describe('when an agenda item is removed after things were recorded under it', () => {
  it('keeps its notes, actions and decisions in a closing section, so no action number vanishes', () => {
    const script = opsg41Script();
    script.op('agenda.remove', { id: script.id('agenda', '5') });
    const doc = minutesOf(script);

    expect(doc.items.map((item) => item.title)).not.toContain(
      'Performance Measurement Report – November',
    );
    expect(doc.items.map((item) => item.number)).toEqual([
      '1',
      '2',
      '3',
      '3.1',
      '3.2',
      '3.3',
      '4',
      '5',
      '6',
      '7',
      '',
    ]);
    const unfiled = doc.items.at(-1);
    expect(unfiled?.heading).toBe(UNFILED_TITLE);
    expect(
      unfiled?.blocks.map((block) => (block.kind === 'action' ? block.actionId : block.kind)),
    ).toEqual(['paragraph', 'OPSG 41/03', 'OPSG 41/04', 'OPSG 41/05', 'decision']);
    expect(doc.digest.actions.map((action) => action.actionId)).toHaveLength(6);
  });

  it('files outstanding actions with no item under the first item', () => {
    const script = opsg41Script().op('outstanding.carry', {
      id: 'o-unplaced',
      actionRef: 'OPSG 40/02',
      text: 'The CDS to circulate the plan.',
      dateRaised: '2020-12-14',
      lastTargetDate: '2021-01-25',
      ownerIds: ['cds'],
    });
    const first = minutesOf(script).items[0];
    expect(
      first?.blocks
        .filter((block) => block.kind === 'outstandingAction')
        .map((block) => 'actionId' in block && block.actionId),
    ).toEqual(['OPSG 37x/01', 'OPSG 38x/03', 'OPSG 39/07', 'OPSG 40/02']);
  });
});
