/**
 * The users a local (browser) run can act as: "secretary" (the server's default) and the demo
 * committee's people, named as the server's local identities are (letters, digits, ".").
 */
import { demoCommitteeSettings } from '../../demo/demoCommittee';

export interface LocalUser {
  /** The local user name sent as X-Minutebook-User: "ines.carvalho". */
  name: string;
  displayName: string;
}

export const DEFAULT_LOCAL_USER = 'secretary';

export function localUserName(displayName: string): string {
  return displayName
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}

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
