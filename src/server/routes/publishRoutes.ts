/**
 * Publishing a meeting through Microsoft Graph (only its secretary may):
 * - GET  /api/meetings/:id/publish                 → may I publish, and the last run;
 * - POST /api/meetings/:id/publish                 → 202 {runId}: starts a run, or resumes the
 *   failed or interrupted one (Retry);
 * - GET  /api/meetings/:id/publish/:runId          → the run's state and results;
 * - GET  /api/meetings/:id/publish/:runId/stream   → Server-Sent Events: `progress`
 *   `{step, of, label, status, key, kind}` with `id: <n>` (resumable with Last-Event-ID), then
 *   one `end` with the run's final state, and the stream closes. A run another server instance
 *   executes is watched in the store until it ends (no progress events, then its `end`).
 *
 * The stream writes through EventStreamWriter: one writer in order, waiting for the client to
 * take what it has before writing more, and nothing after the stream closed, ended or was cut off
 * (every notice, the heartbeat and the watch of another instance's run stop at once).
 */
import type { FastifyInstance } from 'fastify';
import { callerOf } from '../GraphAccess';
import type { PublishService, RunNotice } from '../PublishService';
import { EventStreamWriter, openEventStream, resumePoint } from './eventStream';

type WithId = { Params: { id: string } };
type WithRun = { Params: { id: string; runId: string } };

/** How often the store is read for the end of a run another instance executes. */
const WATCH_MS = 1_000;

export function publishRoutes(
  app: FastifyInstance,
  publish: PublishService,
  heartbeatMs: number,
): void {
  // Followers are let go first (they resume against the next server); then the runs finish, or
  // stop between two requests and leave their lease for another instance.
  const open = new Set<EventStreamWriter>();
  app.addHook('preClose', async () => {
    for (const writer of open) writer.end();
    await publish.drain(10_000);
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

      const writer = new EventStreamWriter(
        openEventStream(request, reply),
        heartbeatMs,
        request.log,
      );
      open.add(writer);
      // Notices come synchronously; they are written one after another, in order.
      let written: Promise<unknown> = Promise.resolve();
      const send = (notice: RunNotice) => {
        written = written.then(async () => {
          if (notice.type === 'progress') {
            await writer.write(
              `id: ${notice.index}\nevent: progress\ndata: ${JSON.stringify(notice.event)}\n\n`,
            );
          } else if (await writer.write(`event: end\ndata: ${JSON.stringify(notice.state)}\n\n`)) {
            writer.end();
          }
        });
      };
      let stopWatching = () => undefined as void;
      writer.onEnd(() => {
        open.delete(writer);
        stopWatching();
      });
      const followed = publish.follow(request.identity, meetingId, runId, after, send);
      if (followed && !followed.ended) {
        stopWatching = followed.unsubscribe;
        return;
      }
      // Not running here: its state now is its end (read again, in case it just finished)…
      const state = followed ? await publish.run(request.identity, meetingId, runId) : initial;
      if (state.status !== 'running') {
        send({ type: 'end', state });
        return;
      }
      // …unless another instance executes it: watch the store until it ends there.
      const timer = setInterval(
        () => {
          publish.run(request.identity, meetingId, runId).then(
            (now) => {
              if (now.status === 'running' || writer.isOver) return;
              clearInterval(timer);
              send({ type: 'end', state: now });
            },
            (error: unknown) => {
              request.log.warn(
                { err: error },
                'publish watch failed; closing so the client resumes',
              );
              writer.end();
            },
          );
        },
        Math.min(WATCH_MS, heartbeatMs),
      );
      stopWatching = () => clearInterval(timer);
      if (writer.isOver) clearInterval(timer);
    },
  );
}
