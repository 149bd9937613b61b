/**
 * /api/meetings: create, list, read the folded state, change settings, archive; and the op log.
 * The roles each needs are checked by MeetingService (src/domain/permissions.ts).
 */
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../domain';
import type { MeetingRecord } from '../../store';
import type { MeetingService } from '../MeetingService';

type WithId = { Params: { id: string } };

export function meetingRoutes(app: FastifyInstance, meetings: MeetingService): void {
  app.post('/api/meetings', async (request, reply) => {
    const { meeting, created } = await meetings.create(request.identity, request.body);
    return reply
      .code(created ? 201 : 200)
      .header('location', `/api/meetings/${meeting.id}`)
      .send({ meeting: listEntry(meeting) });
  });

  app.get<{ Querystring: { committeeId?: string; includeArchived?: string } }>(
    '/api/meetings',
    async (request) => {
      const { committeeId, includeArchived } = request.query;
      const list = await meetings.list(request.identity, {
        ...(committeeId ? { committeeId } : {}),
        includeArchived: flag(includeArchived, 'includeArchived'),
      });
      const byDateThenReference = (a: MeetingRecord, b: MeetingRecord) =>
        (b.summary.date ?? '').localeCompare(a.summary.date ?? '') ||
        a.summary.reference.localeCompare(b.summary.reference);
      return { meetings: list.sort(byDateThenReference).map(listEntry) };
    },
  );

  app.get<WithId>('/api/meetings/:id', async (request) =>
    meetings.view(request.identity, request.params.id),
  );

  app.patch<WithId>('/api/meetings/:id', async (request) => {
    const outcome = await meetings.updateSettings(
      request.identity,
      request.params.id,
      request.body,
    );
    return { results: outcome.results, lastSeq: lastSeq(outcome.results) };
  });

  app.post<WithId>('/api/meetings/:id/archive', async (request) => {
    noOptions(request.body);
    const { meeting, referenceFreed } = await meetings.archive(request.identity, request.params.id);
    return { meeting: listEntry(meeting), referenceFreed };
  });

  app.post<WithId>('/api/meetings/:id/ops', async (request) => {
    const outcome = await meetings.appendBatch(request.identity, request.params.id, request.body);
    return { results: outcome.results, lastSeq: lastSeq(outcome.results) };
  });

  app.get<WithId & { Querystring: { after?: string; limit?: string } }>(
    '/api/meetings/:id/ops',
    async (request) => {
      const after = nonNegativeInteger(request.query.after, 'after', 0);
      const limit = nonNegativeInteger(request.query.limit, 'limit', 500);
      if (limit < 1 || limit > 1000)
        throw new DomainError('invalid_request', 'limit must be from 1 to 1000.');
      const ops = await meetings.readOperations(request.identity, request.params.id, after, limit);
      const meeting = await meetings.require(request.identity, request.params.id);
      const last = ops.at(-1)?.seq ?? after;
      return { ops, lastSeq: meeting.lastSeq, nextAfter: last < meeting.lastSeq ? last : null };
    },
  );
}

export function listEntry(meeting: MeetingRecord) {
  return {
    id: meeting.id,
    committeeId: meeting.committeeId,
    ...meeting.summary,
    lastSeq: meeting.lastSeq,
    createdAt: meeting.createdAt,
    archivedAt: meeting.archivedAt,
  };
}

/** Archiving takes no options: an empty body or `{}`. */
function noOptions(body: unknown): void {
  if (body === undefined || body === null) return;
  if (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0) return;
  throw new DomainError(
    'validation_failed',
    'Archiving takes no options; send an empty body or {}.',
  );
}

function flag(raw: string | undefined, name: string): boolean {
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new DomainError('invalid_request', `${name} must be 1 (or true) or 0 (or false).`);
}

function lastSeq(results: { seq: number }[]): number {
  return results.reduce((max, result) => Math.max(max, result.seq), 0);
}

export function nonNegativeInteger(
  raw: string | undefined,
  name: string,
  fallback: number,
): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,15}$/.test(raw))
    throw new DomainError('invalid_request', `${name} must be a whole number of 0 or more.`);
  return Number(raw);
}
