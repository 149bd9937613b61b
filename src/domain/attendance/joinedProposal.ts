/**
 * The proposal for someone found in the reports: Present or Part for one of the meeting's
 * people, or, for someone not in the meeting's records, adding them (to the organisation guessed
 * from a committee contact or their e-mail domain, if any).
 */
import { spanLength } from '../agendaTimeline';
import type { AttendanceEvidence, AttendanceProposal } from './attendanceProposal';
import { describeFacts, describeSpans, itemsPhrase, recordedPhrase } from './attendanceSentences';
import { agreementOf, changeOps, recordedOf } from './compareRecorded';
import type { Target } from './meetingPeople';
import { measureAttendance } from './measureAttendance';
import { newPersonOps } from './newPersonOps';
import type { ProposalContext } from './proposalContext';
import type { ReportedPerson } from './reportedPerson';

export function joinedProposal(
  context: ProposalContext,
  target: Target,
  reported: ReportedPerson,
): AttendanceProposal {
  const { input } = context;
  const { attended, share, proposed } = measureAttendance(context, reported);
  const evidence: AttendanceEvidence = {
    records: reported.records,
    sessions: reported.sessions.size,
    displayNames: [...reported.displayNames],
    emails: [...reported.emails],
    userIds: [...reported.userIds],
    roles: [...reported.roles],
    external: reported.external,
    timesHidden: reported.timesHidden,
    intervals: reported.spans.map((span) => ({
      start: new Date(span.start).toISOString(),
      end: new Date(span.end).toISOString(),
    })),
    attendedSeconds: Math.round(spanLength(attended) / 1000),
    share: Math.round(share * 1000) / 1000,
  };

  const times = describeSpans(reported.spans, input.committee.timeZone);
  const during =
    proposed.part && proposed.agendaItemIds.length > 0
      ? `, during ${itemsPhrase(input.view.agenda, proposed.agendaItemIds, 'item')}`
      : '';
  const proposal = describeFacts(input.view.agenda, proposed);

  if (target.person.kind === 'new') {
    const { organisation } = target.person;
    const personId = input.newId();
    const name = (
      target.person.name ??
      reported.emails[0] ??
      (reported.displayNames[0] || 'Unnamed participant')
    ).slice(0, 300);
    const anonymous = reported.userIds.length === 0 && reported.emails.length === 0;
    const details = [
      reported.emails[0] ?? 'no e-mail address',
      anonymous
        ? /^\+?[\d\s().-]{6,}$/.test(name)
          ? 'by phone'
          : 'anonymous guest'
        : reported.external === true
          ? 'external guest'
          : null,
    ].filter(Boolean);
    const base = {
      key: target.key,
      kind: 'notOnRoster' as const,
      personId,
      name,
      personKind: 'new' as const,
      group: organisation
        ? { kind: 'organisation' as const, id: organisation.id, name: organisation.name }
        : { kind: 'none' as const, id: null, name: 'Not on the roster' },
      matchedBy: target.matchedBy,
      confidence: target.confidence,
      organisation,
      evidence,
      proposed,
      recorded: null,
      agreement: 'unrecorded' as const,
    };
    const joined = reported.timesHidden
      ? 'was in the meeting (the report hides join and leave times)'
      : `joined ${times}${during}`;
    const where = organisation
      ? `to ${organisation.name}${organisation.from === 'emailDomain' ? ' (guessed from the e-mail domain)' : ''} `
      : '';
    const sentence = `${name} (${details.join(', ')}) is not on the roster or in the meeting's records and ${joined}: propose adding them ${where}as ${proposal}${organisation ? '' : '; choose their organisation'}`;
    return {
      ...base,
      sentence,
      ops: organisation ? newPersonOps(base, { organisationId: organisation.id }) : [],
    };
  }

  const person = target.person.kind === 'roster' ? target.person.roster : target.person.other;
  const view = person.view;
  const recorded = recordedOf(view);
  const timesOnly = reported.timesHidden;
  const agreement = agreementOf(proposed, recorded, timesOnly);
  const qualifier =
    target.matchedBy !== 'name'
      ? ''
      : target.confidence === 'low'
        ? ' (matched by name only)'
        : ' (matched by name and e-mail domain)';
  const sentence = timesOnly
    ? `${view.name} was in the meeting (the report hides join and leave times): propose Present${recordedPhrase(input.view.agenda, recorded, agreement)}${qualifier}`
    : `${view.name} joined ${times}${during}: propose ${proposal}${recordedPhrase(input.view.agenda, recorded, agreement)}${qualifier}`;
  return {
    key: target.key,
    kind: 'joined',
    personId: view.personId,
    name: view.name,
    personKind: person.personKind,
    group:
      target.person.kind === 'roster'
        ? {
            kind: 'category',
            id: target.person.roster.categoryId,
            name: target.person.roster.categoryName,
          }
        : target.person.other.group,
    matchedBy: target.matchedBy,
    confidence: target.confidence,
    organisation: null,
    evidence,
    proposed: timesOnly
      ? { status: 'present', part: recorded.part, agendaItemIds: [...recorded.agendaItemIds] }
      : proposed,
    recorded,
    agreement,
    sentence,
    ops:
      agreement === 'agrees'
        ? []
        : changeOps(view.personId, proposed, recorded, timesOnly ? ['status'] : undefined),
  };
}
