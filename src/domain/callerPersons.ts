/**
 * Which of a meeting's people the signed-in caller is, so a member may send their own apologies.
 * Only ever used to let a caller act for themselves, never to give a right: roles are grants.
 *
 * - Teams mode (the caller's id is their Entra object id): a committee member or contact whose
 *   `entraObjectId` is the caller's. A participant counts as the committee contact of the same
 *   name in their organisation.
 * - Local mode (the caller's id is "local:<name>"): a person whose e-mail address is <name>, or
 *   whose address before the "@" is, or whose name as a local user name (`localUserName`) is.
 */
import type { CommitteeSettings } from './committee';
import type { MeetingState } from './meetingState';
import { nameKey, normalizeEmail } from './attendance/personIdentity';

export const LOCAL_USER_PREFIX = 'local:';

/** A person's name as a local user name: "Ines Carvalho" → "ines.carvalho". */
export function localUserName(displayName: string): string {
  return (
    displayName
      .toLowerCase()
      .normalize('NFKD')
      // Accents go (NFKD splits "ê" into "e" and a combining mark), so "Inês" is "ines".
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '.')
      .replace(/^\.+|\.+$/g, '')
  );
}

interface PersonKeys {
  personId: string;
  name: string;
  entraObjectIds: string[];
  emails: string[];
}

const defined = (values: readonly (string | null | undefined)[]): string[] =>
  values.filter((value): value is string => typeof value === 'string' && value !== '');

function meetingPeople(committee: CommitteeSettings, state: MeetingState): PersonKeys[] {
  const people: PersonKeys[] = committee.members.map((member) => ({
    personId: member.id,
    name: member.name,
    entraObjectIds: defined([member.entraObjectId]),
    emails: defined([member.email]),
  }));
  for (const person of state.meetingMembers.values()) {
    if (person.removed) continue;
    people.push({
      personId: person.id,
      name: person.name,
      entraObjectIds: [],
      emails: defined([person.email]),
    });
  }
  for (const person of state.participants.values()) {
    if (person.removed) continue;
    const contact = committee.organisations
      .find((organisation) => organisation.id === person.organisationId)
      ?.contacts.find((entry) => nameKey(entry.name) === nameKey(person.name));
    people.push({
      personId: person.id,
      name: person.name,
      entraObjectIds: defined([contact?.entraObjectId]),
      emails: defined([person.email, contact?.email]),
    });
  }
  return people;
}

function isCaller(userId: string, person: PersonKeys): boolean {
  if (userId.startsWith(LOCAL_USER_PREFIX)) {
    const picked = userId.slice(LOCAL_USER_PREFIX.length).toLowerCase();
    if (localUserName(person.name) === picked) return true;
    return person.emails.some((email) => {
      const address = normalizeEmail(email);
      return address === picked || address.slice(0, address.lastIndexOf('@')) === picked;
    });
  }
  const caller = userId.toLowerCase();
  return person.entraObjectIds.some((id) => id.toLowerCase() === caller);
}

/** The ids of the meeting's people (members, meeting-only members, participants) who are the caller. */
export function callerPersonIds(
  userId: string,
  committee: CommitteeSettings,
  state: MeetingState,
): Set<string> {
  return new Set(
    meetingPeople(committee, state)
      .filter((person) => isCaller(userId, person))
      .map((person) => person.personId),
  );
}
