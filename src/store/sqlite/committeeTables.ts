/**
 * Committees (versioned JSON documents, their code unique in the tenant) and the committee
 * roles granted to users, with the history of every change to them.
 */
import type Database from 'better-sqlite3';
import type { Committee } from '../../domain';
import type { GrantChange, GrantChangeRecord, GrantRecord } from '../Store';
import { codeKey, refusals } from '../storeRules';
import {
  GRANT_CHANGE_KEY,
  GRANT_KEY,
  grantChangeRowSchema,
  grantRowSchema,
  parseCommitteeRow,
  parseRow,
} from './rowParsing';

export class CommitteeTables {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      insertCommittee: db.prepare(
        'INSERT INTO committees (tenant_id, id, version, body, code_key) VALUES (?, ?, ?, ?, ?)',
      ),
      committeeExists: db.prepare('SELECT 1 FROM committees WHERE tenant_id = ? AND id = ?'),
      getCommittee: db.prepare(
        'SELECT tenant_id, id, version, body FROM committees WHERE tenant_id = ? AND id = ?',
      ),
      listCommittees: db.prepare(
        'SELECT tenant_id, id, version, body FROM committees WHERE tenant_id = ? ORDER BY id',
      ),
      codeHolder: db.prepare(
        'SELECT tenant_id, id, version, body FROM committees WHERE tenant_id = ? AND code_key = ? AND id <> ?',
      ),
      versionOf: db
        .prepare('SELECT version FROM committees WHERE tenant_id = ? AND id = ?')
        .pluck(),
      replaceCommittee: db.prepare(
        'UPDATE committees SET version = ?, body = ?, code_key = ? WHERE tenant_id = ? AND id = ? AND version = ?',
      ),
      listGrants: db.prepare(
        'SELECT * FROM grants WHERE tenant_id = ? AND committee_id = ? ORDER BY granted_at, user_id',
      ),
      getGrant: db.prepare(
        'SELECT * FROM grants WHERE tenant_id = ? AND committee_id = ? AND user_id = ?',
      ),
      listGrantsOfUser: db.prepare(
        'SELECT * FROM grants WHERE tenant_id = ? AND user_id = ? ORDER BY committee_id',
      ),
      upsertGrant: db.prepare(
        'INSERT OR REPLACE INTO grants (tenant_id, committee_id, user_id, role, display_name, granted_by, granted_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      deleteGrant: db.prepare(
        'DELETE FROM grants WHERE tenant_id = ? AND committee_id = ? AND user_id = ?',
      ),
      ownerCount: db
        .prepare(
          "SELECT count(*) FROM grants WHERE tenant_id = ? AND committee_id = ? AND role = 'owner'",
        )
        .pluck(),
      lastChangeSeq: db
        .prepare(
          'SELECT coalesce(max(seq), 0) FROM grant_changes WHERE tenant_id = ? AND committee_id = ?',
        )
        .pluck(),
      insertChange: db.prepare(
        'INSERT INTO grant_changes (tenant_id, committee_id, seq, user_id, display_name, from_role, to_role, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      listChanges: db.prepare(
        'SELECT * FROM grant_changes WHERE tenant_id = ? AND committee_id = ? ORDER BY seq',
      ),
    };
  }

  createCommittee(committee: Committee, firstOwner: GrantRecord): void {
    if (firstOwner.tenantId !== committee.tenantId || firstOwner.committeeId !== committee.id) {
      throw refusals.grantMismatch(`committee "${firstOwner.committeeId}"`);
    }
    this.db
      .transaction(() => {
        if (this.s.committeeExists.get(committee.tenantId, committee.id)) {
          throw refusals.committeeExists(committee.id);
        }
        this.refuseTakenCode(committee);
        this.s.insertCommittee.run(
          committee.tenantId,
          committee.id,
          committee.version,
          JSON.stringify(committee),
          codeKey(committee.code),
        );
        this.writeGrant(firstOwner);
        this.s.insertChange.run(
          committee.tenantId,
          committee.id,
          1,
          firstOwner.userId,
          firstOwner.displayName,
          null,
          firstOwner.role,
          firstOwner.grantedBy,
          firstOwner.grantedAt,
        );
      })
      .immediate();
  }

  getCommittee(tenantId: string, id: string): Committee | null {
    const row = this.s.getCommittee.get(tenantId, id);
    return row === undefined ? null : parseCommitteeRow(row);
  }

  listCommittees(tenantId: string): Committee[] {
    return this.s.listCommittees.all(tenantId).map(parseCommitteeRow);
  }

  replaceCommittee(committee: Committee, expectedVersion: number): boolean {
    return this.db
      .transaction(() => {
        if (this.s.versionOf.get(committee.tenantId, committee.id) !== expectedVersion)
          return false;
        this.refuseTakenCode(committee);
        const result = this.s.replaceCommittee.run(
          committee.version,
          JSON.stringify(committee),
          codeKey(committee.code),
          committee.tenantId,
          committee.id,
          expectedVersion,
        );
        return result.changes === 1;
      })
      .immediate();
  }

  listGrants(tenantId: string, committeeId: string): GrantRecord[] {
    return this.s.listGrants.all(tenantId, committeeId).map(toGrant);
  }

  getGrant(tenantId: string, committeeId: string, userId: string): GrantRecord | null {
    const row = this.s.getGrant.get(tenantId, committeeId, userId);
    return row === undefined ? null : toGrant(row);
  }

  listGrantsOfUser(tenantId: string, userId: string): GrantRecord[] {
    return this.s.listGrantsOfUser.all(tenantId, userId).map(toGrant);
  }

  changeGrants(
    tenantId: string,
    committeeId: string,
    changes: readonly GrantChange[],
    by: string,
    at: string,
  ): GrantChangeRecord[] {
    return this.db
      .transaction(() => {
        if (!this.s.committeeExists.get(tenantId, committeeId)) {
          throw refusals.committeeNotFound(committeeId);
        }
        const ownersBefore = Number(this.s.ownerCount.get(tenantId, committeeId));
        let seq = Number(this.s.lastChangeSeq.get(tenantId, committeeId));
        const written: GrantChangeRecord[] = [];
        for (const change of changes) {
          const from = this.getGrant(tenantId, committeeId, change.userId)?.role ?? null;
          if (from === change.role) continue;
          if (change.role === null) {
            this.s.deleteGrant.run(tenantId, committeeId, change.userId);
          } else {
            this.writeGrant({
              tenantId,
              committeeId,
              userId: change.userId,
              role: change.role,
              displayName: change.displayName,
              grantedBy: by,
              grantedAt: at,
            });
          }
          seq += 1;
          const entry: GrantChangeRecord = {
            tenantId,
            committeeId,
            seq,
            userId: change.userId,
            displayName: change.displayName,
            from,
            to: change.role,
            by,
            at,
          };
          this.s.insertChange.run(
            tenantId,
            committeeId,
            seq,
            entry.userId,
            entry.displayName,
            entry.from,
            entry.to,
            by,
            at,
          );
          written.push(entry);
        }
        const ownersAfter = Number(this.s.ownerCount.get(tenantId, committeeId));
        if (ownersAfter === 0 && ownersBefore > 0) throw refusals.lastOwner(committeeId);
        return written;
      })
      .immediate();
  }

  listGrantChanges(tenantId: string, committeeId: string): GrantChangeRecord[] {
    return this.s.listChanges.all(tenantId, committeeId).map((row) => {
      const parsed = parseRow('grant_changes', GRANT_CHANGE_KEY, grantChangeRowSchema, row);
      return {
        tenantId: parsed.tenant_id,
        committeeId: parsed.committee_id,
        seq: parsed.seq,
        userId: parsed.user_id,
        displayName: parsed.display_name,
        from: parsed.from_role,
        to: parsed.to_role,
        by: parsed.changed_by,
        at: parsed.changed_at,
      };
    });
  }

  private refuseTakenCode(committee: Committee): void {
    const holder = this.s.codeHolder.get(committee.tenantId, codeKey(committee.code), committee.id);
    if (holder !== undefined) {
      throw refusals.duplicateCode(committee.code, parseCommitteeRow(holder).name);
    }
  }

  private writeGrant(grant: GrantRecord): void {
    this.s.upsertGrant.run(
      grant.tenantId,
      grant.committeeId,
      grant.userId,
      grant.role,
      grant.displayName,
      grant.grantedBy,
      grant.grantedAt,
    );
  }
}

function toGrant(row: unknown): GrantRecord {
  const parsed = parseRow('grants', GRANT_KEY, grantRowSchema, row);
  return {
    tenantId: parsed.tenant_id,
    committeeId: parsed.committee_id,
    userId: parsed.user_id,
    role: parsed.role,
    displayName: parsed.display_name,
    grantedBy: parsed.granted_by,
    grantedAt: parsed.granted_at,
  };
}
