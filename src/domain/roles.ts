/**
 * Roles in a committee are explicit grants keyed by the user's identity (the Entra object id in
 * Teams mode, "local:<name>" in local mode), never derived from a participant's role text. Each
 * role includes the rights of the ones below it: owner > note-taker > member.
 */
export const COMMITTEE_ROLES = ['owner', 'noteTaker', 'member'] as const;
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number];

const RANK: Record<CommitteeRole, number> = { member: 1, noteTaker: 2, owner: 3 };

/** Whether `held` (or no grant, null) carries the rights of `needed`. */
export function roleSatisfies(held: CommitteeRole | null, needed: CommitteeRole): boolean {
  return held !== null && RANK[held] >= RANK[needed];
}

/** How messages name a role: "owner", "note-taker", "member". */
export function roleName(role: CommitteeRole): string {
  return role === 'noteTaker' ? 'note-taker' : role;
}
