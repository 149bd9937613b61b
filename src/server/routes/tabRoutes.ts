/**
 * Serves the built tab (dist/tab) under /tab/ and its landing page at /. File names are matched
 * against a strict pattern, so no request can reach outside the folder.
 *
 * - HTML pages: `no-cache` (always revalidated, so a deployment shows at once) and a
 *   Content-Security-Policy that allows only this origin, plus a fresh nonce per response for the
 *   style elements Fluent UI creates at run time; Teams (and the app's own pages) may frame them.
 * - Content-hashed files (`capture.3f9a1c2b7e.js`): `immutable` for a year.
 * - Scripts and styles in Brotli or gzip when the client accepts it, from the copies the build
 *   wrote beside them (Teams loads the tab over the internet, often through a tunnel).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

const FILE_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.(html|js|css|map)$/;
/** `name.<10 hex>.js`, `name.<hash>.js.map`: the name changes whenever the content does. */
const HASHED = /\.[0-9a-f]{8,}\.(js|css)(\.map)?$/;
/** Written into every built page by webpack.config.js; replaced per response. */
const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/** Where Teams (web, desktop, Outlook and the Microsoft 365 app) frames a tab from. */
export const TEAMS_FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.office.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
];

export function pageContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self'",
    // teams-js fetches its list of valid Teams origins from this CDN when it loads.
    "connect-src 'self' https://res.cdn.office.net",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${TEAMS_FRAME_ANCESTORS.join(' ')}`,
  ].join('; ');
}

export function tabRoutes(app: FastifyInstance, tabDir: string): void {
  const sendPage = async (request: FastifyRequest, reply: FastifyReply, file: string) => {
    let html: string;
    try {
      html = await fs.promises.readFile(path.join(tabDir, file), 'utf8');
    } catch {
      return notBuilt(request, reply, file);
    }
    const nonce = randomBytes(18).toString('base64');
    return reply
      .type(TYPES['.html'] ?? 'text/html')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', pageContentSecurityPolicy(nonce))
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .send(html.replaceAll(NONCE_PLACEHOLDER, nonce));
  };

  app.get('/', async (request, reply) => sendPage(request, reply, 'home.html'));
  // Browsers ask for it on every page; there is none, and "no content" keeps consoles quiet.
  app.get('/favicon.ico', async (_request, reply) =>
    reply.code(204).header('cache-control', 'public, max-age=86400').send(),
  );

  app.get<{ Params: { file: string } }>('/tab/:file', async (request, reply) => {
    const { file } = request.params;
    const extension = path.extname(file);
    const type = TYPES[extension];
    if (!FILE_NAME.test(file) || !type) return notBuilt(request, reply, file);
    if (extension === '.html') return sendPage(request, reply, file);
    const fullPath = path.join(tabDir, file);
    if (!fs.existsSync(fullPath)) return notBuilt(request, reply, file);
    reply
      .type(type)
      .header(
        'cache-control',
        HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      )
      .header('x-content-type-options', 'nosniff')
      .header('vary', 'accept-encoding');
    const encoding = precompressed(fullPath, request.headers['accept-encoding']);
    if (encoding) {
      return reply
        .header('content-encoding', encoding.name)
        .send(fs.createReadStream(encoding.path));
    }
    return reply.send(fs.createReadStream(fullPath));
  });
}

/** The build's precompressed copies (scripts/precompressPlugin.js), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/**
 * The precompressed copy of `fullPath` the client accepts, if the build wrote one. A coding
 * listed with `q=0` is refused, as RFC 9110 says; otherwise any listed coding (or `*`) is taken.
 */
export function precompressed(
  fullPath: string,
  acceptEncoding: string | undefined,
): { name: string; path: string } | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (!coding) continue;
    const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find(Boolean);
    accepted.set(coding, q === undefined ? 1 : Number(q));
  }
  const wildcard = accepted.get('*');
  for (const encoding of ENCODINGS) {
    const q = accepted.get(encoding.name) ?? wildcard ?? 0;
    if (!(q > 0)) continue;
    const candidate = fullPath + encoding.suffix;
    if (fs.existsSync(candidate)) return { name: encoding.name, path: candidate };
  }
  return null;
}

function notBuilt(request: FastifyRequest, reply: FastifyReply, file: string) {
  return reply.code(404).send({
    code: 'not_found',
    message: `There is no tab file "${file}"; build the tab with "npm run build".`,
    requestId: request.id,
  });
}
