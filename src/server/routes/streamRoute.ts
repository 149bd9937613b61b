/**
 * GET /api/meetings/:id/stream: Server-Sent Events, one `op` event per op with `id: <seq>`.
 * Resumes after `Last-Event-ID` (or `?after=`), so a client that reconnects misses nothing:
 * it first gets what it missed from the store, then live ops. Comment heartbeats keep proxies
 * from closing an idle stream. A client too slow to drain is cut off and simply resumes.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { StoredOperation } from '../../domain';
import type { MeetingService } from '../MeetingService';
import type { OpFeed } from '../OpFeed';
import { openEventStream, resumePoint } from './eventStream';

const PAGE = 500;
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export function streamRoute(
  app: FastifyInstance,
  meetings: MeetingService,
  feed: OpFeed,
  heartbeatMs: number,
): void {
  // Open streams would hold the server open for ever (heartbeats keep them alive): end them on
  // close, and clients resume from Last-Event-ID against the next server.
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const raw of open) raw.end();
  });

  app.get<{ Params: { id: string }; Querystring: { after?: string } }>(
    '/api/meetings/:id/stream',
    async (request, reply) => {
      const meetingId = request.params.id;
      let lastSent = resumePoint(request);
      await meetings.require(request.identity, meetingId);

      const raw = openEventStream(request, reply);

      let closed = false;
      let pumping = false;
      let again = false;
      const send = (ops: readonly StoredOperation[]) => {
        for (const op of ops) {
          if (op.seq <= lastSent) continue;
          raw.write(`id: ${op.seq}\nevent: op\ndata: ${JSON.stringify(op)}\n\n`);
          lastSent = op.seq;
        }
        if (raw.writableLength > MAX_BUFFERED_BYTES) raw.end();
      };
      /** Reads from the store everything after lastSent; one pump at a time, re-run if asked. */
      const pump = async (): Promise<void> => {
        if (pumping) {
          again = true;
          return;
        }
        pumping = true;
        try {
          do {
            again = false;
            for (;;) {
              const ops = await meetings.readOperations(
                request.identity,
                meetingId,
                lastSent,
                PAGE,
              );
              if (closed) return;
              send(ops);
              if (ops.length < PAGE) break;
            }
          } while (again && !closed);
        } catch (error) {
          request.log.warn({ err: error }, 'stream read failed; closing so the client resumes');
          raw.end();
        } finally {
          pumping = false;
        }
      };

      const unsubscribe = feed.subscribe(request.identity.tenantId, meetingId, (ops) => {
        // In order and nothing in flight: send from memory; otherwise fill the gap from the store.
        if (!pumping && ops[0] && ops[0].seq === lastSent + 1) send(ops);
        else void pump();
      });
      const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), heartbeatMs);
      open.add(raw);
      raw.on('close', () => {
        closed = true;
        open.delete(raw);
        clearInterval(heartbeat);
        unsubscribe();
      });
      await pump();
    },
  );
}
