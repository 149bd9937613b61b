/**
 * Committees: create, read, list and update settings, within the caller's tenant. Updates are
 * whole-settings validated and refuse to drop a member, organisation or contact that old minutes
 * may name (deactivate them instead).
 */
import { randomUUID } from 'node:crypto';
import {
  committeeSettingsSchema,
  DomainError,
  entityId,
  removedIds,
  toProblems,
  type Committee,
  type CommitteeSettings,
} from '../domain';
import type { Store } from '../store';
import type { Identity } from './Identity';

export class CommitteeService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

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
    await this.store.createCommittee(committee);
    return committee;
  }

  async get(identity: Identity, id: string): Promise<Committee> {
    const committee = await this.store.getCommittee(identity.tenantId, id);
    if (!committee) throw new DomainError('not_found', `There is no committee "${id}".`);
    return committee;
  }

  list(identity: Identity): Promise<Committee[]> {
    return this.store.listCommittees(identity.tenantId);
  }

  /** Merges the top-level fields given over the current settings; `expectedVersion` from If-Match. */
  async update(
    identity: Identity,
    id: string,
    body: unknown,
    expectedVersion?: number,
  ): Promise<Committee> {
    const current = await this.get(identity, id);
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
    if (!(await this.store.replaceCommittee(next, current.version))) {
      throw new DomainError(
        'version_conflict',
        'The committee changed while saving; reload it and apply your change again.',
      );
    }
    return next;
  }
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
