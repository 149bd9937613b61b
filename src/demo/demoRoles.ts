/**
 * Who holds which role on the demo committee, as local users (the "Acting as" picker's names), so
 * each role can be tried in a plain browser: Ines Carvalho, the meeting secretary, is its owner
 * (she creates it); so is the local default user "secretary", which `curl` and a browser without a
 * picked user act as; Olu Adeyemi is a note-taker; every other member and contact is a member.
 */
import { localUserName, type CommitteeRole } from '../domain';
import { demoCommitteeSettings } from './demoCommittee';

export const DEMO_OWNER_NAME = 'Ines Carvalho';
export const DEMO_NOTE_TAKER_NAME = 'Olu Adeyemi';

export interface DemoGrant {
  userId: string;
  displayName: string;
  role: CommitteeRole;
}

/** The grants the demo adds to its owner's own, in a stable order. */
export function demoGrants(): DemoGrant[] {
  const people = [
    ...(demoCommitteeSettings.members ?? []).map((member) => member.name),
    ...(demoCommitteeSettings.organisations ?? []).flatMap((organisation) =>
      (organisation.contacts ?? []).map((contact) => contact.name),
    ),
  ];
  const others = [...new Set(people)]
    .filter((name) => name !== DEMO_OWNER_NAME)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => ({
      userId: `local:${localUserName(name)}`,
      displayName: name,
      role: (name === DEMO_NOTE_TAKER_NAME ? 'noteTaker' : 'member') as CommitteeRole,
    }));
  return [{ userId: 'local:secretary', displayName: 'Secretary', role: 'owner' }, ...others];
}
