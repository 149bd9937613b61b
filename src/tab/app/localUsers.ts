/**
 * The users a local (browser) run can act as: "secretary" (the server's default) and the demo
 * committee's people, named as the server's local identities are (letters, digits, ".").
 */
import { demoCommitteeSettings } from '../../demo/demoCommittee';
import { localUserName } from '../../domain/callerPersons';

export interface LocalUser {
  /** The local user name sent as X-Minutebook-User: "ines.carvalho". */
  name: string;
  displayName: string;
}

export const DEFAULT_LOCAL_USER = 'secretary';

/** One definition, shared with the server, which matches local users to roster people by it. */
export { localUserName };

export function localUsers(): LocalUser[] {
  const people = [
    ...(demoCommitteeSettings.members ?? []).map((member) => member.name),
    ...(demoCommitteeSettings.organisations ?? []).flatMap((organisation) =>
      (organisation.contacts ?? []).map((contact) => contact.name),
    ),
  ];
  const unique = [...new Set(people)].sort((a, b) => a.localeCompare(b));
  return [
    { name: DEFAULT_LOCAL_USER, displayName: 'Secretary (default)' },
    ...unique.map((name) => ({ name: localUserName(name), displayName: name })),
  ];
}
