/**
 * The tab's files as a browser and Teams fetch them: pages with a per-response nonce and a CSP
 * that Teams may frame, hashed files cached for good, and nothing outside the folder.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startTestServer, type TestServer } from '../../../test/helpers/testServer';

let server: TestServer;
let tabDir: string;
const BIG_SCRIPT = Buffer.from(
  Array.from({ length: 2000 }, (_, index) => `console.log("line ${index}");`).join('\n'),
);

/** Node's fetch decodes bodies itself; this asks as a browser would and keeps the raw bytes. */
function rawGet(url: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const request = http.get(
        url,
        { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      request.on('error', reject);
    },
  );
}

beforeAll(async () => {
  tabDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minutebook-tab-'));
  const page = (title: string) =>
    `<!doctype html><html lang="en"><head><meta name="csp-nonce" content="__CSP_NONCE__"><title>${title}</title></head><body></body></html>`;
  fs.writeFileSync(path.join(tabDir, 'home.html'), page('Minutebook'));
  fs.writeFileSync(path.join(tabDir, 'meeting.html'), page('Minutebook meeting'));
  fs.writeFileSync(path.join(tabDir, 'meeting.0123456789.js'), 'console.log(1);');
  fs.writeFileSync(path.join(tabDir, 'plain.js'), 'console.log(2);');
  // As the build writes them: a large script with its Brotli and gzip copies beside it.
  fs.writeFileSync(path.join(tabDir, 'vendor.abcdef0123.js'), BIG_SCRIPT);
  fs.writeFileSync(
    path.join(tabDir, 'vendor.abcdef0123.js.br'),
    zlib.brotliCompressSync(BIG_SCRIPT),
  );
  fs.writeFileSync(path.join(tabDir, 'vendor.abcdef0123.js.gz'), zlib.gzipSync(BIG_SCRIPT));
  server = await startTestServer({ DEMO_DATA: 'off' }, { tabDir });
});

afterAll(async () => {
  await server.close();
  fs.rmSync(tabDir, { recursive: true, force: true });
});

describe('tab pages', () => {
  it('serves a page with a fresh nonce, no-cache and a CSP that lets Teams frame it', async () => {
    const first = await fetch(`${server.baseUrl}/tab/meeting.html?meetingId=demo-opsg-41`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const csp = first.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{24}$/);
    expect(await first.text()).toContain(`content="${nonce}"`);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(
      "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.office.com https://*.microsoft365.com https://*.cloud.microsoft",
    );
    const second = await fetch(`${server.baseUrl}/tab/meeting.html`);
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
  });

  it('serves the landing page at /', async () => {
    const response = await fetch(`${server.baseUrl}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Minutebook</title>');
  });

  it('caches content-hashed files for good and others not at all', async () => {
    const hashed = await fetch(`${server.baseUrl}/tab/meeting.0123456789.js`);
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const plain = await fetch(`${server.baseUrl}/tab/plain.js`);
    expect(plain.headers.get('cache-control')).toBe('no-cache');
  });

  it('sends the Brotli copy to a browser that accepts it, and says it varies', async () => {
    const url = `${server.baseUrl}/tab/vendor.abcdef0123.js`;
    const response = await rawGet(url, 'gzip, deflate, br, zstd');
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers.vary).toBe('accept-encoding');
    expect(response.body.length).toBeLessThan(BIG_SCRIPT.length / 5);
    expect(zlib.brotliDecompressSync(response.body).equals(BIG_SCRIPT)).toBe(true);
  });

  it('falls back to gzip, and to the file itself when nothing it has is accepted', async () => {
    const url = `${server.baseUrl}/tab/vendor.abcdef0123.js`;
    const gzip = await rawGet(url, 'gzip;q=0.8, br;q=0');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body).equals(BIG_SCRIPT)).toBe(true);
    for (const accept of [undefined, 'identity', 'deflate', 'br;q=0, gzip;q=0']) {
      const plain = await rawGet(url, accept);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.equals(BIG_SCRIPT)).toBe(true);
    }
    const small = await rawGet(`${server.baseUrl}/tab/plain.js`, 'br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe('console.log(2);');
  });

  it.each([
    '..%2Fpackage.json',
    'vendor.abcdef0123.js.br',
    'missing.html',
    'secret.txt',
    '.hidden.js',
    'a%00.js',
  ])('answers 404 for %s', async (file) => {
    const response = await fetch(`${server.baseUrl}/tab/${file}`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('not_found');
  });
});
