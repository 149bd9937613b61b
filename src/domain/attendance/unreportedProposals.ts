/**
 * Proposals for the meeting's people who are in no report. Missing from a report is weak
 * evidence: a roster member is proposed Absent only when the report is complete and no apologies
 * are recorded, and a meeting-only member or participant recorded present stays unknown (they may
 * have been in the room or on someone else's device).
 */
import type { AttendanceFacts, AttendanceProposal } from './attendanceProposal';
import { describeFacts, recordedPhrase } from './attendanceSentences';
import { agreementOf, changeOps, recordedOf } from './compareRecorded';
import type { OtherPerson, RosterPerson } from './meetingPeople';
import type { ProposalContext } from './proposalContext';

export function neverJoinedProposal(
  context: ProposalContext,
  person: RosterPerson & { personId: string },
  reports: number,
  reportHidesPeople: boolean,
): AttendanceProposal {
  const { view } = person;
  const recorded = recordedOf(view);
  const agenda = context.input.view.agenda;
  const base = {
    key: view.personId,
    kind: 'neverJoined' as const,
    personId: view.personId,
    name: view.name,
    personKind: person.personKind,
    group: { kind: 'category' as const, id: person.categoryId, name: person.categoryName },
    matchedBy: null,
    organisation: null,
    evidence: null,
    recorded,
  };
  if (recorded.status === 'apologies') {
    return {
      ...base,
      confidence: 'high',
      proposed: { status: 'apologies', part: false, agendaItemIds: [] },
      agreement: 'agrees',
      sentence: `${view.name} is on the roster but never joined; apologies already recorded`,
      ops: [],
    };
  }
  if (reports === 0 || reportHidesPeople) {
    const why =
      reports === 0
        ? 'there is no attendance report yet'
        : 'the attendance report leaves some people out';
    return {
      ...base,
      confidence: 'low',
      proposed: { status: 'unknown', part: false, agendaItemIds: [] },
      agreement: 'unknown',
      sentence: `${view.name} is on the roster but not in the attendance report, and ${why}: unknown${recordedPhrase(agenda, recorded, 'unknown')}`,
      ops: [],
    };
  }
  const proposed: AttendanceFacts = { status: 'absent', part: false, agendaItemIds: [] };
  const agreement = agreementOf(proposed, recorded, false);
  const inRoom = context.input.view.meeting.mode !== 'teleconference';
  return {
    ...base,
    confidence: inRoom ? 'low' : 'high',
    proposed,
    agreement,
    sentence: `${view.name} is on the roster but never joined${inRoom ? ' online (they may have been in the room)' : ''}: propose Absent${recordedPhrase(agenda, recorded, agreement)}`,
    ops: agreement === 'agrees' ? [] : changeOps(view.personId, proposed, recorded),
  };
}

export function notInReportProposal(
  context: ProposalContext,
  person: OtherPerson,
): AttendanceProposal {
  const { view } = person;
  const recorded = recordedOf(view);
  return {
    key: view.personId,
    kind: 'notInReport',
    personId: view.personId,
    name: view.name,
    personKind: person.personKind,
    group: person.group,
    matchedBy: null,
    confidence: 'low',
    organisation: null,
    evidence: null,
    proposed: { status: 'unknown', part: false, agendaItemIds: [] },
    recorded,
    agreement: 'unknown',
    sentence: `${view.name} is recorded as ${describeFacts(context.input.view.agenda, recorded, true)} but is not in the attendance report (they may have joined in the room or on someone else's device): unknown`,
    ops: [],
  };
}
