/**
 * A stand-in for Microsoft Entra ID in server tests: an RS256 key pair whose public half is
 * served as a JWKS on 127.0.0.1, and Teams SSO tokens signed with it (or deliberately not).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, base64url, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWTPayload } from 'jose';

export const CLIENT_ID = 'c0ffee00-1234-4abc-8def-0123456789ab';
export const KID = 'entra-key-1';
export const issuerFor = (tid: string) => `https://login.microsoftonline.com/${tid}/v2.0`;

export interface FakeEntra {
  jwksUrl: string;
  /** How many times the server fetched the keys. */
  requests(): number;
  /** A token for our API in `tid` for user `oid`; `undefined` in `overrides` drops a claim. */
  token(tid: string, oid: string, overrides?: JWTPayload): Promise<string>;
  /** The same claims signed with a key that is not published (under `kid`). */
  strangerToken(tid: string, oid: string, kid: string): Promise<string>;
  /** The same claims with `alg: none` and no signature. */
  unsignedToken(tid: string, oid: string): string;
  close(): Promise<void>;
}

const now = () => Math.floor(Date.now() / 1000);

export function claims(tid: string, oid: string, overrides: JWTPayload = {}): JWTPayload {
  return {
    aud: CLIENT_ID,
    iss: issuerFor(tid),
    tid,
    oid,
    scp: 'access_as_user',
    name: `User ${oid.slice(0, 4)}`,
    ver: '2.0',
    iat: now(),
    nbf: now(),
    exp: now() + 3600,
    ...overrides,
  };
}

export async function startFakeEntra(): Promise<FakeEntra> {
  const entra = await generateKeyPair('RS256');
  const stranger = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(entra.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  let requests = 0;
  const server = http.createServer((_request, response) => {
    requests += 1;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const sign = (payload: JWTPayload, key: CryptoKey, kid: string) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(key);

  return {
    jwksUrl: `http://127.0.0.1:${port}/common/discovery/v2.0/keys`,
    requests: () => requests,
    token: (tid, oid, overrides) => sign(claims(tid, oid, overrides), entra.privateKey, KID),
    strangerToken: (tid, oid, kid) => sign(claims(tid, oid), stranger.privateKey, kid),
    unsignedToken(tid, oid) {
      const encode = (part: object) => base64url.encode(JSON.stringify(part));
      return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims(tid, oid))}.`;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
