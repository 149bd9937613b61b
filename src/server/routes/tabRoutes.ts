/**
 * Serves the built tab (dist/tab) under /tab/ and the landing page at /. File names are matched
 * against a strict pattern, so no request can reach outside the folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

const LANDING_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Minutebook</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;background:Canvas;color:CanvasText}
table{border-collapse:collapse}th,td{border:1px solid GrayText;padding:.3rem .6rem;text-align:left}</style>
</head>
<body><main id="root">Loading…</main><script src="/tab/home.js"></script></body>
</html>`;

export function tabRoutes(app: FastifyInstance, tabDir: string): void {
  app.get('/', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'self'; style-src 'self' 'unsafe-inline'")
      .send(LANDING_PAGE),
  );
  app.get<{ Params: { file: string } }>('/tab/:file', async (request, reply) => {
    const { file } = request.params;
    const type = TYPES[path.extname(file)];
    const fullPath = path.join(tabDir, file);
    if (
      !/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.(js|css|map)$/.test(file) ||
      !type ||
      !fs.existsSync(fullPath)
    ) {
      return reply.code(404).send({
        code: 'not_found',
        message: `There is no tab file "${file}"; build the tab with "npm run build".`,
        requestId: request.id,
      });
    }
    return reply.type(type).send(fs.createReadStream(fullPath));
  });
}
