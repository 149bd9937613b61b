/**
 * `/_sandbox/*`: the inspector page and its JSON (state, stats, seed ids, contract violations),
 * fault settings (GET, POST JSON), reset, and the bytes of every document version (also the
 * target of `@microsoft.graph.downloadUrl`). No authentication and never any injected fault.
 */
import type { FastifyInstance } from 'fastify';
import type { GraphSandbox } from '../createGraphSandbox';
import type { FaultSettings } from '../faults';
import { renderInspector } from './renderInspector';
import { snapshotState } from './snapshotState';

function parseJsonBody(body: unknown): unknown {
  if (!Buffer.isBuffer(body) || body.length === 0) return {};
  return JSON.parse(body.toString('utf8')) as unknown;
}

export function registerInspector(app: FastifyInstance, sandbox: GraphSandbox): void {
  app.get('/_sandbox', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'",
      )
      .header('X-Content-Type-Options', 'nosniff')
      .send(renderInspector(snapshotState(sandbox.state), sandbox.stats.snapshot())),
  );
  app.get('/_sandbox/state', async () => snapshotState(sandbox.state));
  app.get('/_sandbox/stats', async () => sandbox.stats.snapshot());
  app.get('/_sandbox/seed', async () => sandbox.seed ?? null);
  app.get('/_sandbox/violations', async () => sandbox.contractViolations);
  app.get('/_sandbox/faults', async () => sandbox.faults.settings());
  app.post('/_sandbox/faults', async (request, reply) => {
    try {
      const settings = parseJsonBody(request.body);
      if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
        throw new Error('Send a JSON object of fault settings.');
      }
      sandbox.faults.configure(settings as FaultSettings);
      return sandbox.faults.settings();
    } catch (error) {
      return reply
        .code(400)
        .send({ error: { code: 'invalidFaultSettings', message: (error as Error).message } });
    }
  });
  app.post('/_sandbox/reset', async () => {
    sandbox.reset();
    return { reset: true, seed: sandbox.seed ?? null };
  });
  app.get('/_sandbox/content/:driveId/:itemId/:versionId', async (request, reply) => {
    const { driveId = '', itemId = '', versionId = '' } = request.params as Record<string, string>;
    const item = sandbox.state.drives.get(driveId)?.items.get(itemId);
    const version = item?.versions.find((candidate) => candidate.id === versionId);
    if (!item || !version) {
      return reply
        .code(404)
        .send({ error: { code: 'itemNotFound', message: 'No such document version.' } });
    }
    return reply
      .type('application/octet-stream')
      .header(
        'Content-Disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(item.name)}`,
      )
      .send(version.bytes);
  });
}
