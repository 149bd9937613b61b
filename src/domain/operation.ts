/**
 * The operation envelope and the one place where untrusted op JSON becomes typed operations.
 * A batch is all-or-nothing: any problem refuses the whole batch, naming the field.
 */
import { z } from 'zod';
import { MAX_OPS_PER_BATCH } from './limits';
import { entityId, isoDateTime } from './primitives';
import {
  OPERATION_TYPES,
  isOperationType,
  operationPayloadSchemas,
  type OperationPayloads,
  type OperationType,
} from './operationSchemas';

export type OperationBody = {
  [K in OperationType]: { type: K; payload: OperationPayloads[K] };
}[OperationType];

/** An op as the client made it; the server fills `actor` from the signed-in user. */
export type NewOperation = OperationBody & {
  id: string;
  meetingId: string;
  actor: string;
  clientTime: string;
};

/** An op in the log, with its place in the meeting's order. */
export type StoredOperation = NewOperation & { seq: number; serverTime: string };

export { MAX_OPS_PER_BATCH } from './limits';

export interface ValidationProblem {
  /** Where the problem is, e.g. `ops[3].payload.text`. */
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: ValidationProblem[] };

const envelopeSchema = z.strictObject({
  id: entityId,
  meetingId: entityId,
  /** Accepted for the client's convenience, then replaced by the authenticated user. */
  actor: z.string().max(200).optional(),
  clientTime: isoDateTime,
  type: z.string().max(60),
  payload: z.unknown(),
});

/** Turns a parsed JSON request body `{ops: [...]}` into operations for `meetingId`. */
export function parseOperationBatch(
  body: unknown,
  meetingId: string,
  actor: string,
): ParseResult<NewOperation[]> {
  if (
    typeof body !== 'object' ||
    body === null ||
    !Array.isArray((body as { ops?: unknown }).ops)
  ) {
    return fail('ops', 'the body must be a JSON object {"ops": [...]} with an array of operations');
  }
  const extraKeys = Object.keys(body).filter((key) => key !== 'ops');
  if (extraKeys.length > 0)
    return fail(extraKeys[0] ?? '', 'is not a known field; send only "ops"');
  const raw = (body as { ops: unknown[] }).ops;
  if (raw.length === 0) return fail('ops', 'must contain at least one operation');
  if (raw.length > MAX_OPS_PER_BATCH) {
    return fail('ops', `must contain at most ${MAX_OPS_PER_BATCH} operations; split the batch`);
  }
  const operations: NewOperation[] = [];
  const problems: ValidationProblem[] = [];
  raw.forEach((item, index) => {
    const result = parseOperation(item, meetingId, actor, `ops[${index}]`);
    if (result.ok) operations.push(result.value);
    else problems.push(...result.problems);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: operations };
}

export function parseOperation(
  item: unknown,
  meetingId: string,
  actor: string,
  at = 'op',
): ParseResult<NewOperation> {
  const envelope = envelopeSchema.safeParse(item);
  if (!envelope.success) return { ok: false, problems: toProblems(envelope.error, at) };
  const { id, clientTime, type, payload } = envelope.data;
  if (envelope.data.meetingId !== meetingId) {
    return fail(
      `${at}.meetingId`,
      `is "${envelope.data.meetingId}" but the request is for meeting "${meetingId}"`,
    );
  }
  if (!isOperationType(type)) {
    return fail(
      `${at}.type`,
      `"${type}" is not an operation type; use one of ${OPERATION_TYPES.join(', ')}`,
    );
  }
  const parsed = operationPayloadSchemas[type].safeParse(payload);
  if (!parsed.success) return { ok: false, problems: toProblems(parsed.error, `${at}.payload`) };
  return {
    ok: true,
    value: { id, meetingId, actor, clientTime, type, payload: parsed.data } as NewOperation,
  };
}

export function toProblems(error: z.ZodError, at: string): ValidationProblem[] {
  return error.issues.map((issue) => ({
    path: [
      at,
      ...issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)),
    ]
      .join('')
      .replace(/^\./, ''),
    message: issue.message,
  }));
}

function fail<T>(path: string, message: string): ParseResult<T> {
  return { ok: false, problems: [{ path, message }] };
}
