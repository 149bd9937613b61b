/**
 * Attendance proposals from Teams attendance reports. Every person found in any report (several
 * sessions and rejoins merged by identity id, else e-mail, else display name) is matched to the
 * meeting's people: a roster member (Entra object id, then e-mail, then name), a meeting-only
 * member or a participant, or no one ("joined but not on the roster"). Their time in the meeting
 * is laid over the agenda timeline to propose Present, or Part with the items attended. Roster
 * members with no record are proposed Absent ("on the roster but never joined"), unless apologies
 * are recorded or the report is known to hide people, when it is unknown.
 *
 * Proposals never change anything: each carries the ops that would apply it and what the
 * secretary had recorded, so the secretary can agree, edit or ignore it. Pure: times and the id
 * factory are inputs. The input shapes mirror what src/graph/attendanceReports.ts returns.
 */
import { agendaItemSpans, intersectSpans } from '../agendaTimeline';
import { DomainError } from '../DomainError';
import type {
  AttendanceProposal,
  AttendanceReconciliation,
  Confidence,
} from './attendanceProposal';
import { compareText } from './compareText';
import { joinedProposal } from './joinedProposal';
import { MeetingPeople, type Target } from './meetingPeople';
import { measuredSpans } from './measureAttendance';
import type { ProposalContext } from './proposalContext';
import {
  DEFAULT_ATTENDANCE_THRESHOLDS,
  type AttendanceThresholds,
  type ReconcileAttendanceInput,
} from './reconcileAttendanceInput';
import { groupRecords, mergeReported, type ReportedPerson } from './reportedPerson';
import { neverJoinedProposal, notInReportProposal } from './unreportedProposals';

export function reconcileAttendance(input: ReconcileAttendanceInput): AttendanceReconciliation {
  const thresholds: AttendanceThresholds = { ...DEFAULT_ATTENDANCE_THRESHOLDS };
  for (const [key, value] of Object.entries(input.thresholds ?? {})) {
    if (value !== undefined) Object.assign(thresholds, { [key]: value });
  }
  const startMs = parseTime(input.meetingStart, 'meetingStart');
  const meetingEndMs = parseTime(input.meetingEnd, 'meetingEnd');
  const nowMs = parseTime(input.now, 'now');
  const endMs = Math.min(meetingEndMs, nowMs);
  const provisional = nowMs < meetingEndMs;
  const warnings: string[] = [];

  const measured = measuredSpans(input.reports, startMs, endMs);
  const itemSpans = new Map(
    [...agendaItemSpans(input.view.agenda, endMs).all].map(([id, spans]) => [
      id,
      intersectSpans(spans, measured),
    ]),
  );
  const people = new MeetingPeople(input);
  const groups = groupRecords(input.reports, endMs, input.tenant);

  const hiddenByCount = input.reports.some(
    ({ report, records }) =>
      report.totalParticipantCount !== null && report.totalParticipantCount > records.length,
  );
  const reportHidesPeople = input.reportHidesPeople === true || hiddenByCount;
  if (input.reports.length === 0)
    warnings.push('There is no attendance report for this meeting yet: attendance is unknown.');
  if (hiddenByCount)
    warnings.push(
      'The attendance report lists fewer people than took part: policy lets some leave it out.',
    );
  if (groups.some((group) => group.timesHidden))
    warnings.push('The attendance report hides join and leave times for some people.');
  if (provisional) warnings.push('The meeting has not ended: attendance is measured up to now.');

  // Match each reported person, then merge everything that matched the same meeting person.
  const matched = new Map<string, { target: Target; groups: ReportedPerson[] }>();
  for (const group of groups) {
    const target = people.match(group);
    const entry = matched.get(target.key);
    if (entry) {
      entry.groups.push(group);
      if (rank(target.confidence) > rank(entry.target.confidence)) entry.target = target;
    } else matched.set(target.key, { target, groups: [group] });
  }

  const context: ProposalContext = { input, thresholds, startMs, endMs, measured, itemSpans };
  const proposals: AttendanceProposal[] = [];
  const byKey = [...matched.values()].sort((a, b) => compareText(a.target.key, b.target.key));
  for (const { target, groups: found } of byKey) {
    proposals.push(joinedProposal(context, target, mergeReported(found)));
  }
  for (const person of people.roster) {
    if (matched.has(person.personId)) continue;
    proposals.push(neverJoinedProposal(context, person, input.reports.length, reportHidesPeople));
  }
  for (const person of people.others) {
    if (matched.has(person.view.personId) || person.view.status !== 'present') continue;
    proposals.push(notInReportProposal(context, person));
  }

  proposals.sort(people.compare);
  return {
    proposals,
    sessions: input.reports.length,
    reportHidesPeople,
    provisional,
    warnings,
    summary: summarise(proposals),
  };
}

function summarise(proposals: readonly AttendanceProposal[]): AttendanceReconciliation['summary'] {
  const summary = { present: 0, part: 0, notOnRoster: 0, neverJoined: 0, unknown: 0 };
  for (const proposal of proposals) {
    if (proposal.kind === 'notOnRoster') summary.notOnRoster += 1;
    else if (proposal.kind === 'neverJoined' && proposal.proposed.status !== 'unknown')
      summary.neverJoined += 1;
    else if (proposal.proposed.status === 'unknown') summary.unknown += 1;
    else if (proposal.proposed.part) summary.part += 1;
    else if (proposal.proposed.status === 'present') summary.present += 1;
  }
  return summary;
}

function parseTime(value: string, field: string): number {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms))
    throw new DomainError('invalid_request', `${field} must be an ISO-8601 date-time`);
  return ms;
}

function rank(confidence: Confidence): number {
  return confidence === 'high' ? 2 : confidence === 'medium' ? 1 : 0;
}
