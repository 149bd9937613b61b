/**
 * Committees: create, read, list and update settings, within the caller's tenant and as their
 * role allows (the creator is the first owner; reading needs a role, changing needs owner).
 * Updates are whole-settings validated and refuse to drop a member, organisation or contact that
 * old minutes may name (deactivate them instead). A committee's code is its own in the tenant.
 */
import { randomUUID } from 'node:crypto';
import {
  committeeSettingsSchema,
  DomainError,
  entityId,
  removedIds,
  toProblems,
  type Committee,
  type CommitteeRole,
  type CommitteeSettings,
} from '../domain';
import type { Store } from '../store';
import type { CommitteeAccess } from './CommitteeAccess';
import { GrantService } from './GrantService';
import type { Identity } from './Identity';

export interface CommitteeWithRole {
  committee: Committee;
  /** The caller's role on it. */
  role: CommitteeRole;
}

export class CommitteeService {
  /** The committees' roles: who holds which, and changing them. */
  readonly grants: GrantService;

  constructor(
    private readonly store: Store,
    private readonly access: CommitteeAccess,
    private readonly now: () => Date,
  ) {
    this.grants = new GrantService(store, this, access, now);
  }

  /** Anyone signed in may create a committee; they become its first owner. */
  async create(identity: Identity, body: unknown): Promise<Committee> {
    const { id: requestedId, ...fields } = asObject(body);
    const id = requestedId === undefined ? randomUUID() : parseId(requestedId);
    const settings = parseSettings(fields);
    if (await this.store.getCommittee(identity.tenantId, id)) {
      throw new DomainError(
        'already_exists',
        `A committee with id "${id}" already exists; choose another id.`,
      );
    }
    const at = this.now().toISOString();
    const committee: Committee = {
      ...settings,
      id,
      tenantId: identity.tenantId,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await this.refuseTakenCode(identity, committee);
    try {
      await this.store.createCommittee(committee, {
        tenantId: identity.tenantId,
        committeeId: id,
        userId: identity.userId,
        role: 'owner',
        displayName: identity.displayName,
        grantedBy: identity.userId,
        grantedAt: at,
      });
    } catch (error) {
      throw await this.explainTakenCode(identity, committee, error);
    }
    return committee;
  }

  /**
   * The committee, without a role check: for services that check the role of what they do
   * themselves. 404 for an unknown id — also another tenant's, which must stay invisible.
   */
  async find(tenantId: string, id: string): Promise<Committee> {
    const committee = await this.store.getCommittee(tenantId, id);
    if (!committee) throw new DomainError('not_found', `There is no committee "${id}".`);
    return committee;
  }

  /** The committee and the caller's role on it; 403 without one. */
  async read(identity: Identity, id: string): Promise<CommitteeWithRole> {
    const committee = await this.find(identity.tenantId, id);
    const { role } = await this.access.demand(identity, committee, 'committee.read');
    return { committee, role: role ?? 'member' };
  }

  /** Whether the tenant has any committee at all (whoever may see it). */
  async tenantHasCommittees(tenantId: string): Promise<boolean> {
    return (await this.store.listCommittees(tenantId)).length > 0;
  }

  /** The committees the caller holds a role on, with that role. */
  async list(identity: Identity): Promise<CommitteeWithRole[]> {
    const roles = await this.access.rolesOf(identity);
    if (roles.size === 0) return [];
    const committees = await this.store.listCommittees(identity.tenantId);
    return committees.flatMap((committee) => {
      const role = roles.get(committee.id);
      return role ? [{ committee, role }] : [];
    });
  }

  /** Merges the top-level fields given over the current settings; `expectedVersion` from If-Match. */
  async update(
    identity: Identity,
    id: string,
    body: unknown,
    expectedVersion?: number,
  ): Promise<Committee> {
    const current = await this.find(identity.tenantId, id);
    await this.access.demand(identity, current, 'committee.update');
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new DomainError(
        'version_conflict',
        `The committee changed since you read it (version ${current.version}, not ${expectedVersion}); reload it and apply your change again.`,
      );
    }
    const patch = asObject(body);
    if (Object.keys(patch).length === 0)
      throw new DomainError('validation_failed', 'The body names no setting to change.');
    const {
      id: _id,
      tenantId: _t,
      version: _v,
      createdAt: _c,
      updatedAt: _u,
      ...currentSettings
    } = current;
    const settings = parseSettings({ ...currentSettings, ...patch });
    const dropped = removedIds(currentSettings, settings);
    if (dropped.length > 0) {
      throw new DomainError(
        'validation_failed',
        `${dropped[0]} cannot be removed because minutes may name it; set "active": false instead.`,
        {
          problems: dropped.map((path) => ({
            path,
            message: 'was removed; deactivate it instead',
          })),
        },
      );
    }
    const next: Committee = {
      ...current,
      ...settings,
      version: current.version + 1,
      updatedAt: this.now().toISOString(),
    };
    if (next.code.toUpperCase() !== current.code.toUpperCase()) {
      await this.refuseTakenCode(identity, next);
    }
    let replaced: boolean;
    try {
      replaced = await this.store.replaceCommittee(next, current.version);
    } catch (error) {
      throw await this.explainTakenCode(identity, next, error);
    }
    if (!replaced) {
      throw new DomainError(
        'version_conflict',
        'The committee changed while saving; reload it and apply your change again.',
      );
    }
    return next;
  }

  /** A clear 409 before writing, when another committee of the tenant has the code. */
  private async refuseTakenCode(identity: Identity, committee: Committee): Promise<void> {
    const other = await this.holderOfCode(identity, committee);
    if (other) throw duplicateCode(committee, other);
  }

  /** The store refuses a taken code atomically (a race the check above lost): the same sentence. */
  private async explainTakenCode(
    identity: Identity,
    committee: Committee,
    error: unknown,
  ): Promise<unknown> {
    if (!(error instanceof DomainError) || error.code !== 'duplicate_code') return error;
    const other = await this.holderOfCode(identity, committee);
    return other ? duplicateCode(committee, other) : error;
  }

  private async holderOfCode(identity: Identity, committee: Committee): Promise<Committee | null> {
    const key = committee.code.toUpperCase();
    const committees = await this.store.listCommittees(identity.tenantId);
    return (
      committees.find((other) => other.id !== committee.id && other.code.toUpperCase() === key) ??
      null
    );
  }
}

/** Names the committee that has the code: the caller may not see it, but may ask about it. */
function duplicateCode(committee: Committee, other: Committee): DomainError {
  return new DomainError(
    'duplicate_code',
    `Another committee of your organisation, "${other.name}", already uses the code ${other.code}; give this committee another code (meeting references and action IDs are made from it).`,
    { code: committee.code, committeeId: other.id },
  );
}

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DomainError('validation_failed', 'The body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

function parseId(value: unknown): string {
  const result = entityId.safeParse(value);
  if (!result.success)
    throw new DomainError(
      'validation_failed',
      `id ${result.error.issues[0]?.message ?? 'is invalid'}.`,
    );
  return result.data;
}

export function parseSettings(fields: unknown): CommitteeSettings {
  const result = committeeSettingsSchema.safeParse(fields);
  if (result.success) return result.data;
  const problems = toProblems(result.error, '');
  const first = problems[0];
  throw new DomainError(
    'validation_failed',
    `${first?.path || 'body'}: ${first?.message ?? 'is invalid'}.`,
    { problems },
  );
}
