/**
 * Builds the house-format minutes from the meeting (its API view) and the committee settings:
 * title block, the three attendance tables, numbered items with their notes, outstanding actions,
 * new actions and decisions (in that order within an item), and the next meetings line.
 */
import type { CommitteeSettings, MeetingView, PersonView } from '../domain';
import { AcronymExpander } from './AcronymExpander';
import { describeSpeaker, speakerDirectory } from './attributeSpeaker';
import { formatDate, formatLongDate, formatTimeRange } from './formatDates';
import type {
  ActionBlock,
  MinutesBlock,
  MinutesDocument,
  MinutesItem,
  MinutesTable,
} from './MinutesDocument';

/** The section for entries whose agenda item was removed. */
export const UNFILED_TITLE = 'Recorded under items later removed from the agenda';

const MODES = {
  teleconference: 'Teleconference',
  'in-person': 'In person',
  hybrid: 'Hybrid',
} as const;

export function buildMinutesDocument(
  view: MeetingView,
  committee: CommitteeSettings,
): MinutesDocument {
  const settings = committee.minutes;
  const meeting = view.meeting;
  const statusTitle = settings.statusTitles[meeting.status];
  const subject = settings.decisionSubject ?? `The ${committee.code}`;
  const date = (iso: string | null) => (iso ? formatDate(iso, settings.dateFormat) : 'N/A');
  const itemNumber = new Map(view.agenda.map((item) => [item.id, item.number]));
  const acronyms = new AcronymExpander(settings.acronyms);
  const speakers = speakerDirectory(view, committee);
  const digestActions: MinutesDocument['digest']['actions'] = [];
  const digestDecisions: MinutesDocument['digest']['decisions'] = [];

  /** The blocks of one section: its notes, outstanding actions, new actions, then decisions. */
  const sectionBlocks = (
    number: string,
    holds: (itemId: string) => boolean,
    holdsOutstanding: (itemId: string | null) => boolean,
  ): MinutesBlock[] => {
    const blocks: MinutesBlock[] = [];
    for (const note of view.notes.filter((n) => holds(n.itemId))) {
      blocks.push({
        kind: 'paragraph',
        text: acronyms.expand(describeSpeaker(speakers, note.speakerId, note.text)),
      });
    }
    for (const entry of view.outstanding.filter((o) => holdsOutstanding(o.itemId))) {
      blocks.push({
        kind: 'outstandingAction',
        actionId: entry.actionRef,
        action: entry.text,
        dateRaised: date(entry.dateRaised),
        lastTargetDate: date(entry.lastTargetDate),
        revisedTargetDate: date(entry.revisedTargetDate),
        owner: entry.owners.map((owner) => owner.name).join('/'),
        update: entry.update === null ? null : acronyms.expand(entry.update),
        status: entry.status === 'closed' ? 'Closed' : 'Open',
      });
    }
    for (const action of view.actions.filter((a) => holds(a.itemId))) {
      const block: ActionBlock = {
        kind: 'action',
        actionId: action.actionId,
        text: acronyms.expand(action.text),
        owner: action.owners.map((owner) => owner.name).join('/'),
        targetDate: action.targetDate ? date(action.targetDate) : null,
        withdrawn: action.withdrawn,
      };
      blocks.push(block);
      digestActions.push({ ...block, itemNumber: number });
    }
    const decisions = view.decisions
      .filter((d) => holds(d.itemId))
      .map((d) => `${d.verb} ${acronyms.expand(trimEnd(d.text))}`);
    if (decisions.length === 1) {
      blocks.push({ kind: 'decision', text: `${subject} ${decisions[0]}.` });
    } else if (decisions.length > 1) {
      blocks.push({ kind: 'decisionList', lead: `${subject}:`, bullets: joinWithAnd(decisions) });
    }
    for (const text of decisions) {
      digestDecisions.push({ itemNumber: number, text: `${subject} ${text}.` });
    }
    return blocks;
  };

  const onAgenda = (itemId: string | null) => itemId !== null && itemNumber.has(itemId);
  const firstItemId = view.agenda[0]?.id;
  const items: MinutesItem[] = view.agenda.map((item) => ({
    number: item.number,
    title: item.title,
    heading: `${item.number}. ${item.title}`,
    level: item.depth === 0 ? 1 : 2,
    blocks: sectionBlocks(
      item.number,
      (itemId) => itemId === item.id,
      // Outstanding actions not placed under an item belong with the first ("Actions Outstanding").
      (itemId) => itemId === item.id || (item.id === firstItemId && !onAgenda(itemId)),
    ),
  }));
  // Entries whose agenda item was removed stay in the minutes: an action number never vanishes.
  const unfiled = sectionBlocks(
    '',
    (itemId) => !onAgenda(itemId),
    (itemId) => firstItemId === undefined && !onAgenda(itemId),
  );
  if (unfiled.length > 0) {
    items.push({
      number: '',
      title: UNFILED_TITLE,
      heading: UNFILED_TITLE,
      level: 1,
      blocks: unfiled,
    });
  }

  const present = (person: PersonView) => person.status === 'present';
  const participantsPresent = view.otherParticipants.flatMap((group) =>
    group.people.filter(present),
  );
  return {
    fileName: safeFileName(`${meeting.reference || committee.code} ${statusTitle}`),
    status: meeting.status,
    classification: {
      level: meeting.classification ?? committee.classification.level,
      notice: committee.classification.notice,
    },
    title: {
      groupName: meeting.title,
      dateAndReference: [
        meeting.date ? formatLongDate(meeting.date) : null,
        meeting.reference || null,
      ]
        .filter(Boolean)
        .join(', '),
      time: formatTimeRange(meeting.startsAt, meeting.endsAt, committee.timeZone),
      mode: MODES[meeting.mode],
      status: statusTitle,
    },
    attendees: table(
      'Attendees:',
      ['Category', settings.membersColumnTitle ?? `${committee.name} Members`],
      view.attendees.map((group) => ({
        group: group.categoryName,
        people: group.people.filter(present),
      })),
      itemNumber,
    ),
    otherParticipants: table(
      null,
      ['Representing', 'Other Participants'],
      view.otherParticipants.map((group) => ({
        group: group.organisationName,
        people: group.people.filter(present),
      })),
      itemNumber,
    ),
    apologies: table(
      'Apologies:',
      ['Representing', 'Name'],
      view.attendees.map((group) => ({
        group: group.categoryName,
        people: group.people.filter((p) => p.status === 'apologies'),
      })),
      itemNumber,
    ),
    items,
    nextMeetings: nextMeetingsLine(meeting.nextMainMeetingDate, meeting.nextReportingMeetingDate),
    digest: {
      membersPresent: view.attendees.flatMap((group) => group.people.filter(present)).length,
      othersPresent: participantsPresent.length,
      apologies: view.attendees.flatMap((group) =>
        group.people.filter((p) => p.status === 'apologies'),
      ).length,
      quorum: view.quorum.summary,
      decisions: digestDecisions,
      actions: digestActions,
    },
  };
}

function table(
  label: string | null,
  columns: [string, string],
  groups: { group: string; people: PersonView[] }[],
  itemNumber: Map<string, string>,
): MinutesTable {
  return {
    label,
    columns,
    rows: groups
      .filter((group) => group.people.length > 0)
      .map((group) => ({
        group: group.group,
        entries: group.people.map((person) => personEntry(person, itemNumber)),
      })),
  };
}

/** "Grace Okafor (Alternate for Simon Achebe)", "Theo Dunmore (Part) (agenda item 4)". */
export function personEntry(person: PersonView, itemNumber: Map<string, string>): string {
  const markers: string[] = [];
  if (person.alternateFor) markers.push(`Alternate for ${person.alternateFor.name}`);
  if (person.role && !person.onRoster) markers.push(person.role);
  if (person.part) markers.push('Part');
  const numbers = person.agendaItemIds
    .map((id) => itemNumber.get(id))
    .filter((n): n is string => n !== undefined);
  if (numbers.length === 1) markers.push(`agenda item ${numbers[0]}`);
  if (numbers.length > 1) markers.push(`agenda items ${listWithAnd(numbers)}`);
  return [person.name, ...markers.map((marker) => `(${marker})`)].join(' ');
}

/** ["NOTED x", "AGREED y"] → ["NOTED x; and", "AGREED y."] */
export function joinWithAnd(phrases: string[]): string[] {
  return phrases.map((phrase, index) => {
    if (index === phrases.length - 1) return `${phrase}.`;
    return index === phrases.length - 2 ? `${phrase}; and` : `${phrase};`;
  });
}

function listWithAnd(parts: string[]): string {
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function nextMeetingsLine(main: string | null, reporting: string | null): string | null {
  const parts = [
    main ? `Next main meeting: ${formatLongDate(main)}` : null,
    reporting ? `Next reporting meeting: ${formatLongDate(reporting)}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? `${parts.join('; ')}.` : null;
}

function trimEnd(text: string): string {
  return text.trim().replace(/[\s.;,]+$/u, '');
}

function safeFileName(name: string): string {
  // toWellFormed: a lone surrogate would make the name unencodable in a Content-Disposition header.
  const printable = [...name.toWellFormed()]
    .filter((char) => char >= ' ' && char !== '\u007f')
    .join('');
  return printable.replace(/[\\/:*?"<>|]+/g, '-').slice(0, 150);
}
