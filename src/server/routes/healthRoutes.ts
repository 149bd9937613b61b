/** Liveness, and who the caller is (the tab's identity picker reads it in local mode). */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import type { GraphAccess } from '../GraphAccess';

export function healthRoutes(app: FastifyInstance, config: Config, graph: GraphAccess): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/api/me', async (request) => ({
    ...request.identity,
    authMode: config.authMode,
    // The inspector has no sign-in: it is served, and named, in local mode only.
    graph: {
      mode: graph.mode,
      inspectorUrl: config.authMode === 'local' ? graph.inspectorPath : null,
    },
  }));
}
