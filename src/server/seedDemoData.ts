/**
 * On the first start in local mode, the demo committee and its meeting 41, captured through the
 * same services and op parser as the API, so a newcomer sees a realistic meeting at once. The
 * committee publishes to the demo tenant of the local Graph sandbox, and the meeting is linked to
 * the Teams meeting there (src/demo/demoTenant.ts). Its secretary, Ines Carvalho, creates it and
 * so owns it; she gives the demo's other people their roles (src/demo/demoRoles.ts).
 */
import { CaptureScript } from '../demo/CaptureScript';
import { DEMO_COMMITTEE_ID, demoCommitteeSettings, demoPublishing } from '../demo/demoCommittee';
import { captureDemoMeeting, DEMO_MEETING } from '../demo/demoMeeting';
import { demoGrants } from '../demo/demoRoles';
import { DomainError, MAX_OPS_PER_BATCH, type Committee } from '../domain';
import type { CommitteeService } from './CommitteeService';
import { LOCAL_TENANT, type Identity } from './Identity';
import type { MeetingService } from './MeetingService';

export const DEMO_MEETING_ID = 'demo-opsg-41';
export const DEMO_SECRETARY: Identity = {
  tenantId: LOCAL_TENANT,
  userId: 'local:ines.carvalho',
  displayName: 'Ines Carvalho',
};

/** Creates the demo data unless the local tenant already has a committee. Returns whether it did. */
export async function seedDemoData(
  committees: CommitteeService,
  meetings: MeetingService,
): Promise<boolean> {
  if (await committees.tenantHasCommittees(DEMO_SECRETARY.tenantId)) return false;
  await committees.create(DEMO_SECRETARY, { id: DEMO_COMMITTEE_ID, ...demoCommitteeSettings });
  await committees.grants.change(DEMO_SECRETARY, DEMO_COMMITTEE_ID, { changes: demoGrants() });
  await meetings.create(DEMO_SECRETARY, {
    id: DEMO_MEETING_ID,
    committeeId: DEMO_COMMITTEE_ID,
    ...DEMO_MEETING,
  });
  const script = captureDemoMeeting(
    new CaptureScript(DEMO_MEETING_ID, DEMO_SECRETARY.userId, '2021-01-25T13:05:00Z'),
  );
  const ops = script.requestBodies();
  for (let start = 0; start < ops.length; start += MAX_OPS_PER_BATCH) {
    await meetings.appendBatch(DEMO_SECRETARY, DEMO_MEETING_ID, {
      ops: ops.slice(start, start + MAX_OPS_PER_BATCH),
    });
  }
  return true;
}

/**
 * A demo made by an earlier version (before publishing) lacks the demo tenant's ids: fills in
 * only what is missing (publishing targets, Entra object ids, the Teams meeting link), never
 * changing what someone set. Returns whether it changed anything.
 */
export async function completeDemoData(
  committees: CommitteeService,
  meetings: MeetingService,
): Promise<boolean> {
  const existing = await committees.list(DEMO_SECRETARY);
  const committee = existing.find((entry) => entry.committee.id === DEMO_COMMITTEE_ID)?.committee;
  if (!committee) return false;
  let changed = await completeDemoGrants(committees);
  const patch = missingDemoSettings(committee);
  if (patch) {
    await committees.update(DEMO_SECRETARY, DEMO_COMMITTEE_ID, patch);
    changed = true;
  }
  const demo = (await meetings.list(DEMO_SECRETARY)).find((entry) => entry.id === DEMO_MEETING_ID);
  if (demo && demo.summary.status !== 'final') {
    const { meeting } = await meetings.view(DEMO_SECRETARY, DEMO_MEETING_ID);
    if (!meeting.teamsJoinUrl && !meeting.teamsChatId) {
      await meetings.updateSettings(DEMO_SECRETARY, DEMO_MEETING_ID, {
        teamsJoinUrl: DEMO_MEETING.teamsJoinUrl,
        teamsChatId: DEMO_MEETING.teamsChatId,
      });
      changed = true;
    }
  }
  return changed;
}

/**
 * A demo made before roles existed has only the owners the upgrade gave it (whoever created its
 * meetings): grants the demo roles to the demo users who never held one, so no role an owner
 * removed comes back. Nothing when Ines Carvalho is no longer an owner.
 */
async function completeDemoGrants(committees: CommitteeService): Promise<boolean> {
  let known: Set<string>;
  try {
    const { myRole, history } = await committees.grants.read(DEMO_SECRETARY, DEMO_COMMITTEE_ID);
    if (myRole !== 'owner') return false;
    known = new Set((history ?? []).map((entry) => entry.userId));
  } catch (error) {
    if (error instanceof DomainError && error.code === 'forbidden') return false;
    throw error;
  }
  const missing = demoGrants().filter((grant) => !known.has(grant.userId));
  if (missing.length === 0) return false;
  await committees.grants.change(DEMO_SECRETARY, DEMO_COMMITTEE_ID, { changes: missing });
  return true;
}

function missingDemoSettings(committee: Committee): Record<string, unknown> | null {
  const patch: Record<string, unknown> = {};
  const { publishing } = committee;
  if (
    !publishing.documentLibrary &&
    !publishing.actionRegister &&
    !publishing.planner &&
    publishing.distributionList.length === 0
  ) {
    patch.publishing = demoPublishing();
  }
  const demoIds = new Map<string, string>();
  for (const member of demoCommitteeSettings.members ?? []) {
    if (member.entraObjectId) demoIds.set(member.id, member.entraObjectId);
  }
  for (const organisation of demoCommitteeSettings.organisations ?? []) {
    for (const contact of organisation.contacts ?? []) {
      if (contact.entraObjectId) demoIds.set(contact.id, contact.entraObjectId);
    }
  }
  const withId = <T extends { id: string; entraObjectId?: string | undefined }>(person: T): T =>
    person.entraObjectId || !demoIds.has(person.id)
      ? person
      : { ...person, entraObjectId: demoIds.get(person.id) };
  const members = committee.members.map(withId);
  const organisations = committee.organisations.map((organisation) => ({
    ...organisation,
    contacts: organisation.contacts.map(withId),
  }));
  if (members.some((member, index) => member !== committee.members[index])) {
    patch.members = members;
  }
  if (
    organisations.some((organisation, index) =>
      organisation.contacts.some(
        (contact, at) => contact !== committee.organisations[index]?.contacts[at],
      ),
    )
  ) {
    patch.organisations = organisations;
  }
  return Object.keys(patch).length > 0 ? patch : null;
}
