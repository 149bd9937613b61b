/**
 * What the two Server-Sent Events routes (a meeting's ops, a publish run's progress) share: where
 * a reconnecting client resumes, and the response head that keeps proxies from buffering.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { nonNegativeInteger } from './meetingRoutes';

/** The last event the client has: `Last-Event-ID` when it reconnects, else `?after=`, else 0. */
export function resumePoint(request: FastifyRequest<{ Querystring: { after?: string } }>): number {
  const lastEventId = request.headers['last-event-id'];
  const fromHeader = typeof lastEventId === 'string' && lastEventId !== '';
  return nonNegativeInteger(
    fromHeader ? lastEventId : request.query.after,
    fromHeader ? 'Last-Event-ID' : 'after',
    0,
  );
}

/** Takes the response from Fastify and opens the event stream; the caller writes the events. */
export function openEventStream(request: FastifyRequest, reply: FastifyReply): ServerResponse {
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': request.id,
  });
  // Browsers reconnect after 2 s rather than their default 3 s.
  raw.write('retry: 2000\n\n');
  return raw;
}
