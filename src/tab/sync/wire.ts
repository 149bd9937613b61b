/**
 * What the sync layer reads from outside the tab's own code, parsed rather than cast: the
 * server's answers (ops pages, append results, the committee, the user, the meeting list, error
 * details) and, through the same schemas, what this browser cached in IndexedDB. An op's payload
 * is checked with the domain's own schema for its type, so the fold only ever sees valid ops.
 */
import { z } from 'zod';
import { committeeSettingsSchema, type Committee } from '../../domain/committee';
import type { OperationBody, StoredOperation } from '../../domain/operation';
import { isOperationType, operationPayloadSchemas } from '../../domain/operationSchemas';
import type { OutgoingOperation } from './MeetingSession';

// ---- Ops in the log -------------------------------------------------------------------------

const loggedEnvelope = z.object({
  id: z.string().min(1),
  meetingId: z.string().min(1),
  seq: z.number().int().positive(),
  actor: z.string(),
  clientTime: z.string(),
  serverTime: z.string(),
  type: z.string(),
  payload: z.unknown(),
});

/**
 * One op of the confirmed log. `op` is null when this tab cannot read it (an op type newer than
 * its code): its seq is still taken, so the log has no gap, but nothing else changes. `raw` is
 * what the server sent, kept as it was for the cache.
 */
export interface LogEntry {
  id: string;
  seq: number;
  op: StoredOperation | null;
  raw: unknown;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** An op as `GET /ops`, the stream or the cache gives it. */
export function parseLogEntry(raw: unknown): Parsed<LogEntry> {
  const envelope = loggedEnvelope.safeParse(raw);
  if (!envelope.success) return { ok: false, reason: firstIssue(envelope.error) };
  const { id, seq, type, payload } = envelope.data;
  if (!isOperationType(type)) return { ok: true, value: { id, seq, op: null, raw } };
  const parsed = operationPayloadSchemas[type].safeParse(payload);
  if (!parsed.success) {
    return { ok: false, reason: `op ${id} (${type}): ${firstIssue(parsed.error)}` };
  }
  // The payload was parsed by the schema of `type`, so the pair is a StoredOperation.
  const op = { ...envelope.data, type, payload: parsed.data } as StoredOperation;
  return { ok: true, value: { id, seq, op, raw } };
}

const outgoingEnvelope = z.object({
  id: z.string().min(1),
  meetingId: z.string().min(1),
  clientTime: z.string(),
  type: z.string(),
  payload: z.unknown(),
});

/** An op this browser made and kept in its outbox: checked as the server will check it. */
export function parseOutgoing(raw: unknown): Parsed<OutgoingOperation> {
  const envelope = outgoingEnvelope.safeParse(raw);
  if (!envelope.success) return { ok: false, reason: firstIssue(envelope.error) };
  const { id, meetingId, clientTime, type, payload } = envelope.data;
  if (!isOperationType(type)) return { ok: false, reason: `"${type}" is not an operation type` };
  const parsed = operationPayloadSchemas[type].safeParse(payload);
  if (!parsed.success) return { ok: false, reason: `${type}: ${firstIssue(parsed.error)}` };
  // Kept as it was typed (input form): the server applies the defaults when it parses it.
  return {
    ok: true,
    value: { id, meetingId, clientTime, type, payload } as OutgoingOperation,
  };
}

/** An op's type and payload as a proposal carries it (`OperationBody`), checked by its type. */
export const operationBodySchema: z.ZodType<OperationBody> = z
  .object({ type: z.string(), payload: z.unknown() })
  .transform((body, context) => {
    if (!isOperationType(body.type)) {
      context.addIssue({ code: 'custom', message: `"${body.type}" is not an operation type` });
      return z.NEVER;
    }
    const parsed = operationPayloadSchemas[body.type].safeParse(body.payload);
    if (!parsed.success) {
      context.addIssue({ code: 'custom', message: `${body.type}: ${firstIssue(parsed.error)}` });
      return z.NEVER;
    }
    // The payload was parsed by the schema of its type, so the pair is an OperationBody.
    return { type: body.type, payload: parsed.data } as OperationBody;
  });

// ---- Server answers -------------------------------------------------------------------------

/** `GET /api/meetings/:id/ops`: the ops stay unknown until `parseLogEntry` reads each. */
export const opsPageSchema = z.object({
  ops: z.array(z.unknown()),
  lastSeq: z.number().int().nonnegative(),
  nextAfter: z.number().int().nonnegative().nullable(),
});

/** `POST /api/meetings/:id/ops`. */
export const appendAnswerSchema = z.object({
  results: z.array(
    z.object({ id: z.string(), seq: z.number().int().positive(), duplicate: z.boolean() }),
  ),
  lastSeq: z.number().int().nonnegative(),
});
export type AppendAnswer = z.output<typeof appendAnswerSchema>;

export const meSchema = z.object({ userId: z.string().min(1) });

/** Only what the session needs of `GET /api/meetings`: which committee a meeting is in. */
export const meetingDirectorySchema = z.object({
  meetings: z.array(z.object({ id: z.string(), committeeId: z.string() })),
});

const committeeEnvelope = z.object({
  id: z.string().min(1),
  tenantId: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** The keys of a committee's settings: the rest of an answer is its envelope, or fields this tab does not read. */
const SETTINGS_KEYS = new Set<string>(Object.keys(committeeSettingsSchema.shape));

/**
 * A committee as `GET /api/committees/:id` answers it (the settings, its id and version) or as it
 * was cached: the settings are checked with the domain's schema. What else the answer carries
 * (the caller's `myRole`, fields a newer server adds) is left out, not refused.
 */
export const committeeSchema: z.ZodType<Committee> = z.unknown().transform((raw, context) => {
  const envelope = committeeEnvelope.safeParse(raw);
  const record = typeof raw === 'object' && raw !== null ? raw : {};
  const settings = committeeSettingsSchema.safeParse(
    Object.fromEntries(Object.entries(record).filter(([key]) => SETTINGS_KEYS.has(key))),
  );
  if (!envelope.success) {
    context.addIssue({ code: 'custom', message: `committee: ${firstIssue(envelope.error)}` });
    return z.NEVER;
  }
  if (!settings.success) {
    context.addIssue({ code: 'custom', message: `committee: ${firstIssue(settings.error)}` });
    return z.NEVER;
  }
  return { ...settings.data, ...envelope.data };
});

/** What this browser keeps of a meeting besides its log. */
export const cachedMeetingSchema = z.object({
  committee: committeeSchema,
  actor: z.string().nullable(),
});

// ---- Refusals -------------------------------------------------------------------------------

/**
 * What a refusal's `details` may say about the batch: validation `problems` by path
 * (`ops[3].payload.text`), or the `opIndex` of the op refused (403 `forbidden`, 409
 * `invalid_status_transition`), or from which op on (409 `meeting_final` after a finalising op).
 */
export const refusalDetailsSchema = z
  .object({
    problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    opIndex: z.number().int().nonnegative().optional(),
  })
  .catch({});
export type RefusalDetails = z.output<typeof refusalDetailsSchema>;

/** The first issue of a failed parse, with where it is. */
export function firstIssue(error: {
  issues: readonly { path: PropertyKey[]; message: string }[];
}): string {
  const issue = error.issues[0];
  if (!issue) return 'is not valid';
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}
