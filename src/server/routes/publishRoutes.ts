/**
 * Publishing a meeting through Microsoft Graph (only its secretary may):
 * - GET  /api/meetings/:id/publish                 → may I publish, and the last run;
 * - POST /api/meetings/:id/publish                 → 202 {runId}: starts a run, or resumes the
 *   failed or interrupted one (Retry);
 * - GET  /api/meetings/:id/publish/:runId          → the run's state and results;
 * - GET  /api/meetings/:id/publish/:runId/stream   → Server-Sent Events: `progress`
 *   `{step, of, label, status, key, kind}` with `id: <n>` (resumable with Last-Event-ID), then
 *   one `end` with the run's final state, and the stream closes.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { callerOf } from '../GraphAccess';
import type { PublishService, RunNotice } from '../PublishService';
import { openEventStream, resumePoint } from './eventStream';

type WithId = { Params: { id: string } };
type WithRun = { Params: { id: string; runId: string } };

export function publishRoutes(
  app: FastifyInstance,
  publish: PublishService,
  heartbeatMs: number,
): void {
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    await publish.drain(10_000);
    for (const raw of open) raw.end();
  });

  app.get<WithId>('/api/meetings/:id/publish', async (request) =>
    publish.status(request.identity, request.params.id),
  );

  app.post<WithId>('/api/meetings/:id/publish', async (request, reply) => {
    const started = await publish.start(callerOf(request), request.params.id, request.body);
    return reply
      .code(202)
      .header(
        'location',
        `/api/meetings/${encodeURIComponent(request.params.id)}/publish/${started.runId}`,
      )
      .send(started);
  });

  app.get<WithRun>('/api/meetings/:id/publish/:runId', async (request) =>
    publish.run(request.identity, request.params.id, request.params.runId),
  );

  app.get<WithRun & { Querystring: { after?: string } }>(
    '/api/meetings/:id/publish/:runId/stream',
    async (request, reply) => {
      const { id: meetingId, runId } = request.params;
      const after = resumePoint(request);
      // Answers 404 for another meeting's or an unknown run before the stream opens.
      const initial = await publish.run(request.identity, meetingId, runId);

      const raw = openEventStream(request, reply);
      const send = (notice: RunNotice) => {
        if (notice.type === 'progress') {
          raw.write(
            `id: ${notice.index}\nevent: progress\ndata: ${JSON.stringify(notice.event)}\n\n`,
          );
        } else {
          raw.write(`event: end\ndata: ${JSON.stringify(notice.state)}\n\n`);
          raw.end();
        }
      };
      const followed = publish.follow(request.identity, meetingId, runId, after, send);
      if (!followed || followed.ended) {
        // Not running here: its state now is its end (read again, in case it just finished).
        const state = followed ? await publish.run(request.identity, meetingId, runId) : initial;
        send({ type: 'end', state });
        return;
      }
      const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), heartbeatMs);
      open.add(raw);
      raw.on('close', () => {
        open.delete(raw);
        clearInterval(heartbeat);
        followed.unsubscribe();
      });
    },
  );
}
