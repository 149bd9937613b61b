/**
 * Rows come out of SQLite as `unknown` and leave as typed records only through a zod schema; a
 * row that fails is reported as a CorruptRowError naming its table and key. JSON columns are
 * parsed inside the same schema, so a column that is not JSON is reported the same way.
 */
import { z } from 'zod';
import {
  committeeSettingsSchema,
  isoDateTime,
  MEETING_SERIES,
  MEETING_STATUSES,
  parseOperation,
  type Committee,
  type MeetingSummary,
  type StoredOperation,
} from '../../domain';
import { CorruptRowError } from '../CorruptRowError';

/** A TEXT column holding JSON, checked with `inner` once parsed. */
export function jsonColumn<T extends z.ZodType>(inner: T) {
  return z
    .string()
    .transform((text, ctx): unknown => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(inner);
}

/** Parses one row with `schema`, or throws CorruptRowError naming `table` and the key columns. */
export function parseRow<T extends z.ZodType>(
  table: string,
  keyColumns: readonly string[],
  schema: T,
  row: unknown,
): z.output<T> {
  const result = schema.safeParse(row);
  if (result.success) return result.data;
  throw new CorruptRowError(table, keyOf(row, keyColumns), describeIssues(result.error.issues));
}

export function keyOf(
  row: unknown,
  keyColumns: readonly string[],
): Record<string, string | number> {
  const key: Record<string, string | number> = {};
  const record = typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : {};
  for (const column of keyColumns) {
    const value = record[column];
    key[column] = typeof value === 'string' || typeof value === 'number' ? value : String(value);
  }
  return key;
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || 'row'}: ${issue.message}`)
    .join('; ');
}

const text = z.string();
const count = z.number().int().min(0);

export const meetingSummarySchema = z.strictObject({
  number: z.string(),
  reference: z.string(),
  title: z.string(),
  date: z.string().nullable(),
  series: z.enum(MEETING_SERIES),
  status: z.enum(MEETING_STATUSES),
}) satisfies z.ZodType<MeetingSummary>;

// ---------------------------------------------------------------------------------- committees

const COMMITTEE_KEY = ['tenant_id', 'id'] as const;
const committeeRowSchema = z.object({
  tenant_id: text,
  id: text,
  version: z.number().int().min(1),
  body: jsonColumn(z.record(z.string(), z.unknown())),
});
const committeeMetaSchema = z.object({
  id: text,
  tenantId: text,
  version: z.number().int().min(1),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

/** A committee row: its body is the committee's settings (checked by the domain's schema) and ids. */
export function parseCommitteeRow(row: unknown): Committee {
  const { tenant_id, id, version, body } = parseRow(
    'committees',
    COMMITTEE_KEY,
    committeeRowSchema,
    row,
  );
  const corrupt = (problem: string) =>
    new CorruptRowError('committees', { tenant_id, id }, problem);
  const { id: bodyId, tenantId, version: bodyVersion, createdAt, updatedAt, ...rest } = body;
  const meta = committeeMetaSchema.safeParse({
    id: bodyId,
    tenantId,
    version: bodyVersion,
    createdAt,
    updatedAt,
  });
  if (!meta.success) throw corrupt(describeIssues(meta.error.issues));
  if (meta.data.id !== id || meta.data.tenantId !== tenant_id || meta.data.version !== version) {
    throw corrupt('the body names another committee or version than the row');
  }
  const settings = committeeSettingsSchema.safeParse(rest);
  if (!settings.success) throw corrupt(describeIssues(settings.error.issues));
  return { ...settings.data, ...meta.data };
}

// ------------------------------------------------------------------------------------- grants

export const roleColumn = z.enum(['owner', 'noteTaker', 'member']);

export const grantRowSchema = z.object({
  tenant_id: text,
  committee_id: text,
  user_id: text,
  role: roleColumn,
  display_name: text,
  granted_by: text,
  granted_at: text,
});
export const GRANT_KEY = ['tenant_id', 'committee_id', 'user_id'] as const;

export const grantChangeRowSchema = z.object({
  tenant_id: text,
  committee_id: text,
  seq: z.number().int().min(1),
  user_id: text,
  display_name: text,
  from_role: roleColumn.nullable(),
  to_role: roleColumn.nullable(),
  changed_by: text,
  changed_at: text,
});
export const GRANT_CHANGE_KEY = ['tenant_id', 'committee_id', 'seq'] as const;

// ----------------------------------------------------------------------------------- meetings

export const meetingRowSchema = z.object({
  tenant_id: text,
  id: text,
  committee_id: text,
  created_at: text,
  created_by: text,
  last_seq: count,
  summary: jsonColumn(meetingSummarySchema),
  archived_at: text.nullable(),
  reference_key: text.nullable(),
});
export const MEETING_KEY = ['tenant_id', 'id'] as const;

// ---------------------------------------------------------------------------------------- ops

const OP_KEY = ['tenant_id', 'meeting_id', 'seq'] as const;
const opRowSchema = z.object({
  tenant_id: text,
  meeting_id: text,
  seq: z.number().int().min(1),
  id: text,
  actor: text,
  client_time: text,
  server_time: isoDateTime,
  type: text,
  payload: jsonColumn(z.unknown()),
});

/** An op row, its payload checked by the domain's own op parsing (as the API checked it). */
export function parseOpRow(row: unknown): StoredOperation {
  const parsed = parseRow('ops', OP_KEY, opRowSchema, row);
  const op = parseOperation(
    {
      id: parsed.id,
      meetingId: parsed.meeting_id,
      clientTime: parsed.client_time,
      type: parsed.type,
      payload: parsed.payload,
    },
    parsed.meeting_id,
    parsed.actor,
  );
  if (!op.ok) {
    throw new CorruptRowError(
      'ops',
      keyOf(row, OP_KEY),
      op.problems
        .slice(0, 3)
        .map((problem) => `${problem.path}: ${problem.message}`)
        .join('; '),
    );
  }
  return { ...op.value, seq: parsed.seq, serverTime: parsed.server_time };
}

// ----------------------------------------------------------------------------- publish ledger

export const publishRunRowSchema = z.object({
  tenant_id: text,
  run_id: text,
  meeting_id: text,
  publish_no: z.number().int().min(1),
  meeting_seq: count,
  status: z.enum(['running', 'done', 'failed']),
  started_at: text,
  updated_at: text,
  report: jsonColumn(z.unknown()).nullable(),
  lease_holder: text.nullable(),
  lease_until: text.nullable(),
});
export const PUBLISH_RUN_KEY = ['tenant_id', 'run_id'] as const;

export const publishStepRowSchema = z.object({
  tenant_id: text,
  run_id: text,
  key: text,
  meeting_id: text,
  kind: text,
  status: z.enum(['pending', 'done', 'failed', 'unknown']),
  result: jsonColumn(z.record(z.string(), z.unknown())).nullable(),
  error: jsonColumn(z.object({ code: text, message: text })).nullable(),
  attempts: count,
  updated_at: text,
});
export const PUBLISH_STEP_KEY = ['tenant_id', 'run_id', 'key'] as const;
