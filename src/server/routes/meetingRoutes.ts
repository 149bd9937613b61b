/** /api/meetings: create, list, read the folded state, change settings; and the op log. */
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

  app.get<{ Querystring: { committeeId?: string } }>('/api/meetings', async (request) => {
    const list = await meetings.list(request.identity, request.query.committeeId);
    const byDateThenReference = (a: MeetingRecord, b: MeetingRecord) =>
      (b.summary.date ?? '').localeCompare(a.summary.date ?? '') ||
      a.summary.reference.localeCompare(b.summary.reference);
    return { meetings: list.sort(byDateThenReference).map(listEntry) };
  });

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
  };
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
