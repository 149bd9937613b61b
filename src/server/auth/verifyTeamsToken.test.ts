import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, base64url, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWK, JWTPayload } from 'jose';
import { AuthError, createTeamsTokenVerifier } from './verifyTeamsToken';
import type { AuthErrorCode, TeamsTokenSettings } from './verifyTeamsToken';

const TENANT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const OTHER_TENANT = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d';
const CLIENT_ID = 'c0ffee00-1234-4abc-8def-0123456789ab';
const GRAPH_AUDIENCE = '00000003-0000-0000-c000-000000000000';
const USER_OID = '6fa459ea-ee8a-4ca4-894e-db77e160355e';
const KID = 'entra-key-1';

let privateKey: CryptoKey;
let strangerKey: CryptoKey;
let jwksUrl: string;
let jwksRequests = 0;
const servers: http.Server[] = [];

/** Serves `body` with `status` on 127.0.0.1 and resolves to its URL. */
async function serve(status: number, body: unknown): Promise<string> {
  const server = http.createServer((_req, res) => {
    jwksRequests += 1;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}/common/discovery/v2.0/keys`;
}

beforeAll(async () => {
  const entra = await generateKeyPair('RS256');
  privateKey = entra.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const publicJwk: JWK = {
    ...(await exportJWK(entra.publicKey)),
    kid: KID,
    alg: 'RS256',
    use: 'sig',
  };
  jwksUrl = await serve(200, { keys: [publicJwk] });
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function settings(overrides: Partial<TeamsTokenSettings> = {}): TeamsTokenSettings {
  return {
    clientId: CLIENT_ID,
    allowedTenants: [TENANT],
    jwksUrl,
    issuerTemplate: 'https://login.microsoftonline.com/{tid}/v2.0',
    clockSkewSeconds: 60,
    requiredScope: 'access_as_user',
    ...overrides,
  };
}

const now = (): number => Math.floor(Date.now() / 1000);

/** The claims of a Teams SSO token for our API; `undefined` removes a claim. */
function claims(overrides: JWTPayload = {}): JWTPayload {
  return {
    aud: CLIENT_ID,
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    tid: TENANT,
    oid: USER_OID,
    scp: 'access_as_user',
    name: 'Ada Lovelace',
    preferred_username: 'ada@contoso.example',
    ver: '2.0',
    iat: now(),
    nbf: now(),
    exp: now() + 3600,
    ...overrides,
  };
}

async function signed(payload: JWTPayload, key = privateKey, kid = KID): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(key);
}

const bearer = (token: string): string => `Bearer ${token}`;

async function expectAuthError(promise: Promise<unknown>, code: AuthErrorCode): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AuthError);
  expect((error as AuthError).code).toBe(code);
  expect((error as AuthError).message).toMatch(/^[^.]+(\.[^\s.][^.]*)*\.$/);
}

describe('verifying a Teams SSO token', () => {
  describe('when the tab sends a valid token for our API', () => {
    it('returns the tenant, the user object id and the user names', async () => {
      const verify = createTeamsTokenVerifier(settings());
      await expect(verify(bearer(await signed(claims())))).resolves.toEqual({
        tenantId: TENANT,
        userId: USER_OID,
        displayName: 'Ada Lovelace',
        username: 'ada@contoso.example',
      });
    });

    it('fetches the signing keys once and reuses them for the next token', async () => {
      const verify = createTeamsTokenVerifier(settings());
      const before = jwksRequests;
      await verify(bearer(await signed(claims())));
      await verify(bearer(await signed(claims({ scp: 'User.Read access_as_user' }))));
      expect(jwksRequests - before).toBe(1);
    });
  });

  describe('when the token was issued for Microsoft Graph instead of our API', () => {
    it('refuses it as the wrong audience', async () => {
      const token = await signed(claims({ aud: GRAPH_AUDIENCE }));
      await expectAuthError(
        createTeamsTokenVerifier(settings())(bearer(token)),
        'token_wrong_audience',
      );
    });
  });

  describe("when the issuer is not the v2.0 issuer of the token's tenant", () => {
    it('refuses a v1.0 issuer', async () => {
      const token = await signed(claims({ iss: `https://sts.windows.net/${TENANT}/` }));
      await expectAuthError(
        createTeamsTokenVerifier(settings())(bearer(token)),
        'token_wrong_issuer',
      );
    });

    it('refuses the issuer of another tenant', async () => {
      const token = await signed(
        claims({ iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }),
      );
      await expectAuthError(
        createTeamsTokenVerifier(settings())(bearer(token)),
        'token_wrong_issuer',
      );
    });
  });

  describe('when the token expired longer ago than the clock skew', () => {
    it('refuses it as expired', async () => {
      const token = await signed(
        claims({ iat: now() - 4000, nbf: now() - 4000, exp: now() - 300 }),
      );
      await expectAuthError(createTeamsTokenVerifier(settings())(bearer(token)), 'token_expired');
    });
  });

  describe('when the token only becomes valid beyond the clock skew', () => {
    it('refuses it as not yet valid', async () => {
      const token = await signed(claims({ nbf: now() + 300 }));
      await expectAuthError(
        createTeamsTokenVerifier(settings())(bearer(token)),
        'token_not_yet_valid',
      );
    });
  });

  describe('when the clocks differ by less than the clock skew', () => {
    it('accepts a token that expired 30 s ago with a 60 s skew', async () => {
      const token = await signed(claims({ iat: now() - 3600, nbf: now() - 3600, exp: now() - 30 }));
      await expect(createTeamsTokenVerifier(settings())(bearer(token))).resolves.toMatchObject({
        userId: USER_OID,
      });
    });

    it('accepts a token that becomes valid 30 s from now with a 60 s skew', async () => {
      const token = await signed(claims({ nbf: now() + 30 }));
      await expect(createTeamsTokenVerifier(settings())(bearer(token))).resolves.toMatchObject({
        userId: USER_OID,
      });
    });
  });

  describe('when the token is not signed at all (alg none)', () => {
    it('refuses the algorithm without fetching keys', async () => {
      const encode = (part: object): string => base64url.encode(JSON.stringify(part));
      const token = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims())}.`;
      const before = jwksRequests;
      await expectAuthError(
        createTeamsTokenVerifier(settings())(bearer(token)),
        'token_algorithm_not_allowed',
      );
      expect(jwksRequests).toBe(before);
    });
  });

  describe('when the token is signed with a shared secret (HS256)', () => {
    it('refuses the algorithm', async () => {
      const secret = new TextEncoder().encode('a-shared-secret-that-is-32-bytes!');
      const token = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: KID })
        .sign(secret);
      await expectAuthError(
        createTeamsTokenVerifier(settings())(bearer(token)),
        'token_algorithm_not_allowed',
      );
    });
  });

  describe('when the token is signed by a key Entra ID does not publish', () => {
    it('refuses it as signed by an unknown key', async () => {
      const token = await signed(claims(), strangerKey, 'not-in-the-jwks');
      await expectAuthError(
        createTeamsTokenVerifier(settings())(bearer(token)),
        'token_unknown_key',
      );
    });
  });

  describe('when another key signed the token under a published kid', () => {
    it('refuses it because the signature does not verify', async () => {
      const token = await signed(claims(), strangerKey, KID);
      await expectAuthError(
        createTeamsTokenVerifier(settings())(bearer(token)),
        'token_signature_invalid',
      );
    });
  });

  describe('when the token comes from a tenant that is not allowed', () => {
    it('refuses it before contacting the key endpoint', async () => {
      const token = await signed(
        claims({
          tid: OTHER_TENANT,
          iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`,
        }),
      );
      const before = jwksRequests;
      await expectAuthError(
        createTeamsTokenVerifier(settings())(bearer(token)),
        'token_tenant_not_allowed',
      );
      expect(jwksRequests).toBe(before);
    });
  });

  describe('when the token lacks the access_as_user scope', () => {
    it('refuses a delegated token with other scopes only', async () => {
      const token = await signed(claims({ scp: 'User.Read openid profile' }));
      await expectAuthError(
        createTeamsTokenVerifier(settings())(bearer(token)),
        'token_scope_missing',
      );
    });

    it('refuses an app-only token that carries roles instead of scopes', async () => {
      const token = await signed(claims({ scp: undefined, roles: ['access_as_user'] }));
      await expectAuthError(
        createTeamsTokenVerifier(settings())(bearer(token)),
        'token_scope_missing',
      );
    });
  });

  describe('when the token has no user object id', () => {
    it('refuses it as missing claims', async () => {
      const token = await signed(claims({ oid: undefined }));
      await expectAuthError(
        createTeamsTokenVerifier(settings())(bearer(token)),
        'token_claims_missing',
      );
    });
  });

  describe('when no Authorization header is sent', () => {
    it('asks for a token', async () => {
      const verify = createTeamsTokenVerifier(settings());
      await expectAuthError(verify(undefined), 'token_missing');
      await expectAuthError(verify(''), 'token_missing');
      await expectAuthError(verify('Bearer '), 'token_missing');
    });
  });

  describe('when the Authorization header is not a Bearer token', () => {
    it('asks for a Bearer token', async () => {
      const token = await signed(claims());
      await expectAuthError(
        createTeamsTokenVerifier(settings())(`Basic ${token}`),
        'token_missing',
      );
    });
  });

  describe('when the bearer token is garbage', () => {
    it('refuses it as malformed without fetching keys', async () => {
      const verify = createTeamsTokenVerifier(settings());
      const before = jwksRequests;
      await expectAuthError(verify('Bearer not-a-jwt'), 'token_malformed');
      await expectAuthError(verify('Bearer aaa.bbb.ccc'), 'token_malformed');
      await expectAuthError(verify('Bearer one two'), 'token_malformed');
      expect(jwksRequests).toBe(before);
    });

    it('refuses a tid that is not a GUID', async () => {
      const token = await signed(claims({ tid: '../../evil' }));
      await expectAuthError(createTeamsTokenVerifier(settings())(bearer(token)), 'token_malformed');
    });
  });

  describe('when the signing keys cannot be fetched', () => {
    it('reports the key endpoint as unavailable when it answers 503', async () => {
      const downUrl = await serve(503, { error: 'service unavailable' });
      const token = await signed(claims());
      await expectAuthError(
        createTeamsTokenVerifier(settings({ jwksUrl: downUrl }))(bearer(token)),
        'jwks_unavailable',
      );
    });

    it('reports the key endpoint as unavailable when nothing listens', async () => {
      const closedUrl = await serve(200, {});
      const server = servers.pop() as http.Server;
      await new Promise((resolve) => server.close(resolve));
      const token = await signed(claims());
      await expectAuthError(
        createTeamsTokenVerifier(settings({ jwksUrl: closedUrl }))(bearer(token)),
        'jwks_unavailable',
      );
    });
  });

  describe('when the settings would accept any tenant', () => {
    it("refuses '*' and an empty list when the verifier is created", () => {
      expect(() => createTeamsTokenVerifier(settings({ allowedTenants: ['*'] }))).toThrow(
        /allowedTenants/,
      );
      expect(() => createTeamsTokenVerifier(settings({ allowedTenants: [] }))).toThrow(
        /allowedTenants/,
      );
    });
  });
});
