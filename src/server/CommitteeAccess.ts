/**
 * Who may do what on a committee: the caller's grant (read from the store on every request, so a
 * change of role takes effect at once) against the permission matrix in src/domain. A refusal is
 * 403 `forbidden` with a sentence naming the role needed and the owners who can grant it.
 */
import {
  COMMITTEE_ACTIONS,
  DomainError,
  forbiddenDetails,
  forbiddenMessage,
  roleSatisfies,
  type CommitteeAction,
  type CommitteeRole,
} from '../domain';
import type { GrantRecord, Store } from '../store';
import type { Identity } from './Identity';

/** The caller's standing on one committee: their role and the committee's owners. */
export interface Standing {
  role: CommitteeRole | null;
  /** Display names of the committee's owners, for messages. */
  owners: string[];
}

export class CommitteeAccess {
  constructor(private readonly store: Store) {}

  async standing(identity: Identity, committeeId: string): Promise<Standing> {
    const grants = await this.store.listGrants(identity.tenantId, committeeId);
    return standingIn(grants, identity.userId);
  }

  /** The caller's roles, by committee id, in their tenant. */
  async rolesOf(identity: Identity): Promise<Map<string, CommitteeRole>> {
    const grants = await this.store.listGrantsOfUser(identity.tenantId, identity.userId);
    return new Map(grants.map((grant) => [grant.committeeId, grant.role]));
  }

  /** The caller's standing, or 403 when it does not allow `action`. */
  async demand(
    identity: Identity,
    committee: { id: string; name: string },
    action: CommitteeAction,
  ): Promise<Standing> {
    const standing = await this.standing(identity, committee.id);
    refuseUnless(standing, committee, action);
    return standing;
  }
}

export function standingIn(grants: readonly GrantRecord[], userId: string): Standing {
  return {
    role: grants.find((grant) => grant.userId === userId)?.role ?? null,
    owners: grants
      .filter((grant) => grant.role === 'owner')
      .map((grant) => grant.displayName)
      .sort((a, b) => a.localeCompare(b)),
  };
}

/** Throws 403 `forbidden` unless the standing allows `action` on the committee. */
export function refuseUnless(
  standing: Standing,
  committee: { id: string; name: string },
  action: CommitteeAction,
): void {
  const rule = COMMITTEE_ACTIONS[action];
  if (roleSatisfies(standing.role, rule.role)) return;
  throw new DomainError(
    'forbidden',
    forbiddenMessage({
      rule,
      held: standing.role,
      committeeName: committee.name,
      owners: standing.owners,
    }),
    forbiddenDetails(rule, standing.role, { committeeId: committee.id, action }),
  );
}
