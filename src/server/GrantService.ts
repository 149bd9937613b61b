/**
 * A committee's roles: who holds which (any role may read it), the history of changes (owners
 * only), and changing them (owners only; all or nothing; never leaving the committee without an
 * owner). Users are named by their identity: the Entra object id in Teams mode, "local:<name>" in
 * local mode. The store records every change (who, when, from, to).
 */
import { z } from 'zod';
import {
  COMMITTEE_ROLES,
  DomainError,
  label,
  roleName,
  toProblems,
  type Committee,
  type CommitteeRole,
} from '../domain';
import type { GrantChangeRecord, GrantRecord, Store } from '../store';
import type { CommitteeAccess } from './CommitteeAccess';
import type { CommitteeService } from './CommitteeService';
import { LOCAL_TENANT, type Identity } from './Identity';

export const MAX_GRANT_CHANGES = 100;

const LOCAL_USER_ID = /^local:[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/;
const ENTRA_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const grantChangesSchema = z.strictObject({
  changes: z
    .array(
      z.strictObject({
        userId: z.string().min(1).max(200),
        displayName: label,
        role: z.enum(COMMITTEE_ROLES).nullable(),
      }),
    )
    .min(1, 'must name at least one change')
    .max(MAX_GRANT_CHANGES, `must hold at most ${MAX_GRANT_CHANGES} changes; split them`),
});

export interface GrantsAnswer {
  committeeId: string;
  /** The caller's own role (null once an owner removed their own). */
  myRole: CommitteeRole | null;
  grants: Omit<GrantRecord, 'tenantId' | 'committeeId'>[];
  /** Every change, oldest first, for owners; null for other roles. */
  history: Omit<GrantChangeRecord, 'tenantId' | 'committeeId'>[] | null;
}

export class GrantService {
  constructor(
    private readonly store: Store,
    private readonly committees: CommitteeService,
    private readonly access: CommitteeAccess,
    private readonly now: () => Date,
  ) {}

  async read(identity: Identity, committeeId: string): Promise<GrantsAnswer> {
    const committee = await this.committees.find(identity.tenantId, committeeId);
    const { role } = await this.access.demand(identity, committee, 'grants.read');
    return this.answer(identity, committee, role ?? 'member');
  }

  async change(identity: Identity, committeeId: string, body: unknown): Promise<GrantsAnswer> {
    const committee = await this.committees.find(identity.tenantId, committeeId);
    await this.access.demand(identity, committee, 'grants.change');
    const changes = parseChanges(identity, body);
    try {
      await this.store.changeGrants(
        identity.tenantId,
        committee.id,
        changes,
        identity.userId,
        this.now().toISOString(),
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === 'last_owner') {
        throw new DomainError(
          'last_owner',
          `${committee.name} must keep at least one ${roleName('owner')}; make someone else an owner first, then change this role.`,
        );
      }
      throw error;
    }
    const { role } = await this.access.standing(identity, committee.id);
    // An owner may step down; the answer then shows what their new role may see.
    if (role === null) return { committeeId, myRole: null, grants: [], history: null };
    return this.answer(identity, committee, role);
  }

  private async answer(
    identity: Identity,
    committee: Committee,
    myRole: CommitteeRole,
  ): Promise<GrantsAnswer> {
    const grants = await this.store.listGrants(identity.tenantId, committee.id);
    const history =
      myRole === 'owner'
        ? await this.store.listGrantChanges(identity.tenantId, committee.id)
        : null;
    return {
      committeeId: committee.id,
      myRole,
      grants: grants.map(({ tenantId: _t, committeeId: _c, ...grant }) => grant),
      history: history?.map(({ tenantId: _t, committeeId: _c, ...entry }) => entry) ?? null,
    };
  }
}

function parseChanges(
  identity: Identity,
  body: unknown,
): { userId: string; displayName: string; role: CommitteeRole | null }[] {
  const parsed = grantChangesSchema.safeParse(body);
  if (!parsed.success) throw invalid(toProblems(parsed.error, ''));
  const local = identity.tenantId === LOCAL_TENANT;
  const seen = new Set<string>();
  const problems: { path: string; message: string }[] = [];
  const changes = parsed.data.changes.map((change, index) => {
    const userId = local ? change.userId : change.userId.toLowerCase();
    const path = `changes[${index}].userId`;
    if (local && !LOCAL_USER_ID.test(userId)) {
      problems.push({
        path,
        message: 'must be a local user id such as "local:ines.carvalho" in local mode',
      });
    } else if (!local && !ENTRA_OBJECT_ID.test(userId)) {
      problems.push({ path, message: "must be the user's Entra object id (a GUID)" });
    }
    if (seen.has(userId))
      problems.push({ path, message: `repeats ${userId}; name each user once` });
    seen.add(userId);
    return { ...change, userId };
  });
  if (problems.length > 0) throw invalid(problems);
  return changes;
}

function invalid(problems: { path: string; message: string }[]): DomainError {
  const first = problems[0];
  const where = first?.path ? `${first.path}: ` : '';
  return new DomainError('validation_failed', `${where}${first?.message ?? 'is invalid'}.`, {
    problems,
  });
}
