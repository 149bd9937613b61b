/** Liveness, and who the caller is (the tab's identity picker reads it in local mode). */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';

export function healthRoutes(app: FastifyInstance, config: Config): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/api/me', async (request) => ({ ...request.identity, authMode: config.authMode }));
}
