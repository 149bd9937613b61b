/**
 * Who may publish a meeting: its secretary. That is
 *
 * 1. the person who created the meeting in Minutebook, or
 * 2. a person the meeting or committee records with the role "Secretary" or "Meeting Secretary"
 *    (a committee member with that role, or a meeting participant or meeting-only member with it),
 *    when the caller is that person: in Teams mode their Entra object id is the caller's (the
 *    person's own, or that of the committee contact of the same name in the participant's
 *    organisation); in local mode the picked user name is the person's e-mail address or the part
 *    before its "@" (`ines.carvalho` for ines.carvalho@csec.example).
 *
 * Anyone else who can see the meeting may read the proposals but not publish (403 not_secretary).
 */
import { nameKey, normalizeEmail, type Committee, type MeetingState } from '../domain';
import type { MeetingRecord } from '../store';
import type { Identity } from './Identity';

const SECRETARY_ROLE = /^\s*(meeting\s+)?secretary\s*$/i;
const LOCAL_PREFIX = 'local:';

interface PersonKeys {
  name: string;
  entraObjectIds: string[];
  emails: string[];
}

export function isSecretaryRole(role: string | null | undefined): boolean {
  return typeof role === 'string' && SECRETARY_ROLE.test(role);
}

/** The people recorded as the meeting's secretary, with what identifies them. */
export function secretariesOf(committee: Committee, state: MeetingState): PersonKeys[] {
  const people: PersonKeys[] = [];
  const defined = (values: (string | null | undefined)[]) =>
    values.filter((value): value is string => typeof value === 'string' && value !== '');
  for (const member of committee.members) {
    if (!isSecretaryRole(member.role)) continue;
    people.push({
      name: member.name,
      entraObjectIds: defined([member.entraObjectId]),
      emails: defined([member.email]),
    });
  }
  for (const person of state.meetingMembers.values()) {
    if (person.removed || !isSecretaryRole(person.role)) continue;
    people.push({ name: person.name, entraObjectIds: [], emails: defined([person.email]) });
  }
  for (const person of state.participants.values()) {
    if (person.removed || !isSecretaryRole(person.role)) continue;
    const contact = committee.organisations
      .find((organisation) => organisation.id === person.organisationId)
      ?.contacts.find((entry) => nameKey(entry.name) === nameKey(person.name));
    people.push({
      name: person.name,
      entraObjectIds: defined([contact?.entraObjectId]),
      emails: defined([person.email, contact?.email]),
    });
  }
  return people;
}

function isPerson(identity: Identity, person: PersonKeys): boolean {
  if (identity.userId.startsWith(LOCAL_PREFIX)) {
    const picked = identity.userId.slice(LOCAL_PREFIX.length).toLowerCase();
    return person.emails.some((email) => {
      const address = normalizeEmail(email);
      return address === picked || address.slice(0, address.lastIndexOf('@')) === picked;
    });
  }
  const caller = identity.userId.toLowerCase();
  return person.entraObjectIds.some((id) => id.toLowerCase() === caller);
}

/** Null when `identity` is the meeting's secretary; otherwise the sentence the 403 carries. */
export function notSecretaryReason(
  identity: Identity,
  meeting: Pick<MeetingRecord, 'createdBy'>,
  committee: Committee,
  state: MeetingState,
): string | null {
  if (meeting.createdBy === identity.userId) return null;
  const secretaries = secretariesOf(committee, state);
  if (secretaries.some((person) => isPerson(identity, person))) return null;
  const named = secretaries.map((person) => person.name);
  const who = named.length > 0 ? `${[...new Set(named)].join(' or ')}, ` : '';
  return `Only the meeting's secretary (${who}or whoever created the meeting) can publish its minutes; ask them to publish, or to record you as the meeting's secretary.`;
}
