/**
 * The publish ledger: one row per publish run of a meeting (with the lease that lets one
 * executor at a time carry it out) and one per step of a run, each written durably before the
 * publisher moves on.
 */
import type Database from 'better-sqlite3';
import type { PublishRunRecord, PublishStepRecord } from '../Store';
import { instant, refusals } from '../storeRules';
import {
  parseRow,
  PUBLISH_RUN_KEY,
  PUBLISH_STEP_KEY,
  publishRunRowSchema,
  publishStepRowSchema,
} from './rowParsing';

export class PublishLedgerTables {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      insertRun: db.prepare(
        'INSERT INTO publish_runs (tenant_id, run_id, meeting_id, publish_no, meeting_seq, status, started_at, updated_at, report, lease_holder, lease_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      runNumberTaken: db.prepare(
        'SELECT 1 FROM publish_runs WHERE tenant_id = ? AND meeting_id = ? AND publish_no = ?',
      ),
      runExists: db.prepare('SELECT 1 FROM publish_runs WHERE tenant_id = ? AND run_id = ?'),
      updateRun: db.prepare(
        'UPDATE publish_runs SET status = ?, updated_at = ?, report = ? WHERE tenant_id = ? AND run_id = ?',
      ),
      listRuns: db.prepare(
        'SELECT * FROM publish_runs WHERE tenant_id = ? AND meeting_id = ? ORDER BY publish_no',
      ),
      // One statement, so the check and the take are one step for SQLite: a compare-and-set.
      leaseRun: db.prepare(
        `UPDATE publish_runs SET lease_holder = ?, lease_until = ?
         WHERE tenant_id = ? AND run_id = ?
           AND (lease_holder IS NULL OR lease_until IS NULL OR lease_until <= ? OR lease_holder = ?)`,
      ),
      releaseRun: db.prepare(
        'UPDATE publish_runs SET lease_holder = NULL, lease_until = NULL WHERE tenant_id = ? AND run_id = ? AND lease_holder = ?',
      ),
      upsertStep: db.prepare(
        'INSERT OR REPLACE INTO publish_steps (tenant_id, run_id, key, meeting_id, kind, status, result, error, attempts, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      listSteps: db.prepare(
        `SELECT s.* FROM publish_steps s
           JOIN publish_runs r ON r.tenant_id = s.tenant_id AND r.run_id = s.run_id
         WHERE s.tenant_id = ? AND s.meeting_id = ?
         ORDER BY r.publish_no, s.key`,
      ),
    };
  }

  createPublishRun(run: PublishRunRecord): void {
    const leaseUntil =
      run.leaseUntil === null || run.leaseUntil === undefined
        ? null
        : instant(run.leaseUntil, 'The lease end');
    this.db
      .transaction(() => {
        if (this.s.runNumberTaken.get(run.tenantId, run.meetingId, run.publishNo)) {
          throw refusals.publishRunExists(run.publishNo, run.meetingId);
        }
        if (this.s.runExists.get(run.tenantId, run.runId))
          throw refusals.publishRunIdTaken(run.runId);
        this.s.insertRun.run(
          run.tenantId,
          run.runId,
          run.meetingId,
          run.publishNo,
          run.meetingSeq,
          run.status,
          run.startedAt,
          run.updatedAt,
          JSON.stringify(run.report ?? null),
          run.leaseHolder ?? null,
          leaseUntil,
        );
      })
      .immediate();
  }

  updatePublishRun(
    tenantId: string,
    runId: string,
    change: Pick<PublishRunRecord, 'status' | 'updatedAt' | 'report'>,
  ): void {
    const result = this.s.updateRun.run(
      change.status,
      change.updatedAt,
      JSON.stringify(change.report ?? null),
      tenantId,
      runId,
    );
    if (result.changes !== 1) throw refusals.publishRunNotFound(runId);
  }

  listPublishRuns(tenantId: string, meetingId: string): PublishRunRecord[] {
    return this.s.listRuns.all(tenantId, meetingId).map(toPublishRun);
  }

  leasePublishRun(
    tenantId: string,
    runId: string,
    holder: string,
    now: string,
    until: string,
  ): boolean {
    const at = instant(now, 'The lease time');
    const end = instant(until, 'The lease end');
    const result = this.s.leaseRun.run(holder, end, tenantId, runId, at, holder);
    if (result.changes === 1) return true;
    if (this.s.runExists.get(tenantId, runId) === undefined)
      throw refusals.publishRunNotFound(runId);
    return false;
  }

  releasePublishRun(tenantId: string, runId: string, holder: string): void {
    this.s.releaseRun.run(tenantId, runId, holder);
  }

  recordPublishSteps(steps: readonly PublishStepRecord[]): void {
    if (steps.length === 0) return;
    this.db
      .transaction(() => {
        for (const step of steps) {
          if (this.s.runExists.get(step.tenantId, step.runId) === undefined) {
            throw refusals.stepWithoutRun(step.runId);
          }
          this.s.upsertStep.run(
            step.tenantId,
            step.runId,
            step.key,
            step.meetingId,
            step.kind,
            step.status,
            step.result === null ? null : JSON.stringify(step.result),
            step.error === null ? null : JSON.stringify(step.error),
            step.attempts,
            step.updatedAt,
          );
        }
      })
      .immediate();
  }

  listPublishSteps(tenantId: string, meetingId: string): PublishStepRecord[] {
    return this.s.listSteps.all(tenantId, meetingId).map(toPublishStep);
  }
}

function toPublishRun(row: unknown): PublishRunRecord {
  const parsed = parseRow('publish_runs', PUBLISH_RUN_KEY, publishRunRowSchema, row);
  return {
    runId: parsed.run_id,
    tenantId: parsed.tenant_id,
    meetingId: parsed.meeting_id,
    publishNo: parsed.publish_no,
    meetingSeq: parsed.meeting_seq,
    status: parsed.status,
    startedAt: parsed.started_at,
    updatedAt: parsed.updated_at,
    report: parsed.report ?? null,
    leaseHolder: parsed.lease_holder,
    leaseUntil: parsed.lease_until,
  };
}

function toPublishStep(row: unknown): PublishStepRecord {
  const parsed = parseRow('publish_steps', PUBLISH_STEP_KEY, publishStepRowSchema, row);
  return {
    runId: parsed.run_id,
    tenantId: parsed.tenant_id,
    meetingId: parsed.meeting_id,
    key: parsed.key,
    kind: parsed.kind,
    status: parsed.status,
    result: parsed.result,
    error: parsed.error,
    attempts: parsed.attempts,
    updatedAt: parsed.updated_at,
  };
}
