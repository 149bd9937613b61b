/**
 * The folded meeting as the API returns it: entities in display order, agenda numbers, action
 * IDs, names resolved against the committee, and quorum. Pure; JSON-ready.
 */
import { agendaOutline } from './agendaOutline';
import type { CommitteeSettings } from './committee';
import { evaluateQuorum, type QuorumResult } from './evaluateQuorum';
import { formatActionId } from './formatActionId';
import type {
  AttendanceRecord,
  IgnoredOperation,
  MeetingFields,
  MeetingState,
  OutstandingAction,
} from './meetingState';

export interface PersonView {
  personId: string;
  name: string;
  role: string | null;
  /** False for people added for this meeting only. */
  onRoster: boolean;
  status: AttendanceRecord['status'];
  alternateFor: { memberId: string; name: string } | null;
  part: boolean;
  agendaItemIds: string[];
}

export interface AgendaItemView {
  id: string;
  number: string;
  depth: 0 | 1;
  parentId: string | null;
  title: string;
  presenter: string | null;
  openedAt: string[];
}

export interface ActionView {
  id: string;
  actionId: string;
  number: number;
  itemId: string;
  text: string;
  owners: { id: string; name: string }[];
  assigneeIds: string[];
  /** The date entered, or the next main meeting's date when none was. */
  targetDate: string | null;
  targetDateIsDefault: boolean;
  raisedAt: string;
  withdrawn: boolean;
  withdrawnReason: string | null;
}

export interface MeetingView {
  id: string;
  seq: number;
  meeting: MeetingFields;
  attendees: { categoryId: string; categoryName: string; people: PersonView[] }[];
  otherParticipants: { organisationId: string; organisationName: string; people: PersonView[] }[];
  agenda: AgendaItemView[];
  currentItemId: string | null;
  notes: { id: string; itemId: string; text: string; speakerId: string | null; author: string }[];
  decisions: { id: string; itemId: string; verb: string; text: string }[];
  actions: ActionView[];
  outstanding: (Omit<OutstandingAction, 'removed' | 'ownerIds'> & {
    owners: { id: string; name: string }[];
  })[];
  quorum: QuorumResult;
  ignored: IgnoredOperation[];
}

export function meetingView(state: MeetingState, committee: CommitteeSettings): MeetingView {
  const outline = agendaOutline(state);
  const position = new Map(outline.map((entry, index) => [entry.item.id, index]));
  const byItem = (a: { itemId: string | null }, b: { itemId: string | null }) =>
    (position.get(a.itemId ?? '') ?? Infinity) - (position.get(b.itemId ?? '') ?? Infinity);
  const ownerName = ownerNames(committee);

  return {
    id: state.meetingId,
    seq: state.seq,
    meeting: { ...state.fields },
    attendees: attendeesByCategory(state, committee),
    otherParticipants: participantsByOrganisation(state, committee),
    agenda: outline.map(({ item, number, depth }) => ({
      id: item.id,
      number,
      depth,
      parentId: depth === 1 ? item.parentId : null,
      title: item.title,
      presenter: item.presenter,
      openedAt: [...item.openedAt],
    })),
    currentItemId: state.currentItemId,
    notes: [...state.notes.values()]
      .filter((note) => !note.removed)
      .sort((a, b) => byItem(a, b) || a.createdSeq - b.createdSeq)
      .map(({ id, itemId, text, speakerId, author }) => ({ id, itemId, text, speakerId, author })),
    decisions: [...state.decisions.values()]
      .filter((decision) => !decision.removed)
      .sort((a, b) => byItem(a, b) || a.createdSeq - b.createdSeq)
      .map(({ id, itemId, verb, text }) => ({ id, itemId, verb, text })),
    actions: [...state.actions.values()]
      .sort((a, b) => a.number - b.number)
      .map((action) => ({
        id: action.id,
        actionId: formatActionId(state.fields, action.number),
        number: action.number,
        itemId: action.itemId,
        text: action.text,
        owners: action.ownerIds.map((id) => ({ id, name: ownerName(id) })),
        assigneeIds: [...action.assigneeIds],
        targetDate: action.targetDate ?? state.fields.nextMainMeetingDate,
        targetDateIsDefault: action.targetDate === null,
        raisedAt: action.raisedAt,
        withdrawn: action.withdrawn,
        withdrawnReason: action.withdrawnReason,
      })),
    outstanding: [...state.outstanding.values()]
      .filter((entry) => !entry.removed)
      .map(({ removed: _removed, ownerIds, ...entry }) => ({
        ...entry,
        owners: ownerIds.map((id) => ({ id, name: ownerName(id) })),
      })),
    quorum: evaluateQuorum(committee, state),
    ignored: [...state.ignored],
  };
}

function attendeesByCategory(
  state: MeetingState,
  committee: CommitteeSettings,
): MeetingView['attendees'] {
  const memberName = new Map(committee.members.map((member) => [member.id, member.name]));
  for (const member of state.meetingMembers.values()) memberName.set(member.id, member.name);
  const categoryOf = new Map(committee.members.map((member) => [member.id, member.categoryId]));
  for (const member of state.meetingMembers.values()) categoryOf.set(member.id, member.categoryId);

  const people = [
    ...committee.members
      .filter((member) => member.active || state.attendance.has(member.id))
      .map((member) => ({
        id: member.id,
        name: member.name,
        role: member.role ?? null,
        onRoster: true,
      })),
    ...[...state.meetingMembers.values()]
      .filter((member) => !member.removed)
      .map((member) => ({ id: member.id, name: member.name, role: member.role, onRoster: false })),
  ];
  return committee.categories.map((category) => ({
    categoryId: category.id,
    categoryName: category.name,
    people: people
      .map((person) => personView(person, state.attendance.get(person.id), memberName))
      // An alternate sits in the category of the member they replace, as the minutes show them.
      .filter(
        (view) => categoryOf.get(view.alternateFor?.memberId ?? view.personId) === category.id,
      ),
  }));
}

function participantsByOrganisation(
  state: MeetingState,
  committee: CommitteeSettings,
): MeetingView['otherParticipants'] {
  const live = [...state.participants.values()].filter((participant) => !participant.removed);
  const known = committee.organisations.map((organisation) => ({
    id: organisation.id,
    name: organisation.name,
  }));
  const unknown = [...new Set(live.map((p) => p.organisationId))]
    .filter((id) => !known.some((organisation) => organisation.id === id))
    .map((id) => ({ id, name: id }));
  return [...known, ...unknown]
    .map((organisation) => ({
      organisationId: organisation.id,
      organisationName: organisation.name,
      people: live
        .filter((participant) => participant.organisationId === organisation.id)
        .map((participant) =>
          personView(
            { id: participant.id, name: participant.name, role: participant.role, onRoster: false },
            state.attendance.get(participant.id) ?? {
              ...defaultRecord(participant.id),
              status: 'present',
            },
            new Map(),
          ),
        ),
    }))
    .filter((group) => group.people.length > 0);
}

function personView(
  person: { id: string; name: string; role: string | null; onRoster: boolean },
  record: AttendanceRecord | undefined,
  memberName: Map<string, string>,
): PersonView {
  const attendance = record ?? defaultRecord(person.id);
  const replaced = attendance.alternateForMemberId;
  return {
    personId: person.id,
    name: person.name,
    role: person.role,
    onRoster: person.onRoster,
    status: attendance.status,
    alternateFor: replaced
      ? { memberId: replaced, name: memberName.get(replaced) ?? replaced }
      : null,
    part: attendance.part,
    agendaItemIds: [...attendance.agendaItemIds],
  };
}

function defaultRecord(personId: string): AttendanceRecord {
  return { personId, status: null, alternateForMemberId: null, part: false, agendaItemIds: [] };
}

function ownerNames(committee: CommitteeSettings): (id: string) => string {
  const names = new Map(
    committee.organisations.map((organisation) => [organisation.id, organisation.name]),
  );
  for (const category of committee.categories)
    if (!names.has(category.id)) names.set(category.id, category.name);
  return (id) => names.get(id) ?? id;
}
