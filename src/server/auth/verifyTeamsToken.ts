/**
 * Verifies the Teams SSO token that the tab gets from `authentication.getAuthToken()` and sends
 * as `Authorization: Bearer <jwt>`. It is a Microsoft Entra ID v2.0 access token, and we check:
 *
 * - `aud` is our own API (the app registration's client id). A token meant for Microsoft Graph
 *   must never be accepted here: we only trust tokens minted for us.
 * - `iss` is built from the token's own `tid` with the issuer template, because a multi-tenant
 *   app is signed for by every tenant's issuer; a fixed issuer would only ever fit one tenant.
 * - `tid` is in the explicit allow-list, checked on the still-unverified payload BEFORE any key
 *   fetch, so a token from a stranger's tenant costs no network call ('*' is refused on purpose).
 * - The signature is RS256 with a key from Entra's JWKS (`alg: none` and HS256 are refused), and
 *   `exp`/`nbf` hold within the clock skew; `oid` and `tid` are present; `scp` has our scope.
 *
 * Every failure is an AuthError with a stable code and a one-sentence message saying what to do.
 */
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';

export interface TeamsTokenSettings {
  /** Expected `aud`: the app registration's client id GUID. */
  clientId: string;
  /** `tid` must be in this list; '*' is refused, so multi-tenant use is always explicit. */
  allowedTenants: readonly string[];
  /** e.g. https://login.microsoftonline.com/common/discovery/v2.0/keys */
  jwksUrl: string;
  /** e.g. 'https://login.microsoftonline.com/{tid}/v2.0'; {tid} becomes the token's tid. */
  issuerTemplate: string;
  /** Leeway for `exp` and `nbf`, e.g. 60. */
  clockSkewSeconds: number;
  /** Delegated scope that `scp` must contain, e.g. 'access_as_user'. */
  requiredScope: string;
}

export interface VerifiedIdentity {
  tenantId: string;
  /** The user's Entra object id (`oid`), stable across apps in the tenant. */
  userId: string;
  displayName: string;
  username?: string;
}

export type AuthErrorCode =
  | 'token_missing'
  | 'token_malformed'
  | 'token_signature_invalid'
  | 'token_unknown_key'
  | 'token_algorithm_not_allowed'
  | 'token_expired'
  | 'token_not_yet_valid'
  | 'token_wrong_audience'
  | 'token_wrong_issuer'
  | 'token_tenant_not_allowed'
  | 'token_scope_missing'
  | 'token_claims_missing'
  | 'jwks_unavailable';

export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AuthError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RETRY = 'get a new one with authentication.getAuthToken() and retry';

/** Marks a failure to fetch or read the JWKS, as opposed to a problem with the token itself. */
class JwksFetchFailed extends Error {}

export function createTeamsTokenVerifier(
  settings: TeamsTokenSettings,
): (authorizationHeader: string | undefined) => Promise<VerifiedIdentity> {
  checkSettings(settings);
  const allowed = new Set(settings.allowedTenants.map((tid) => tid.toLowerCase()));
  const remoteKeys = createRemoteJWKSet(new URL(settings.jwksUrl));
  const getKey: JWTVerifyGetKey = async (header, token) => {
    try {
      return await remoteKeys(header, token);
    } catch (error) {
      if (error instanceof errors.JOSEError && KEY_ERRORS.has(error.code)) throw error;
      throw new JwksFetchFailed('JWKS fetch failed', { cause: error });
    }
  };

  return async (authorizationHeader) => {
    const token = readBearerToken(authorizationHeader);
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch (error) {
      throw fail('token_malformed', '', error);
    }
    const tid = unverified.tid;
    if (tid === undefined) throw fail('token_claims_missing', 'tid');
    if (typeof tid !== 'string' || !GUID.test(tid)) throw fail('token_malformed', '');
    if (!allowed.has(tid.toLowerCase())) throw fail('token_tenant_not_allowed', tid);

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, getKey, {
        algorithms: ['RS256'],
        audience: settings.clientId,
        issuer: settings.issuerTemplate.replaceAll('{tid}', tid),
        clockTolerance: settings.clockSkewSeconds,
        requiredClaims: ['exp', 'tid', 'oid'],
      }));
    } catch (error) {
      throw toAuthError(error);
    }

    const { oid, scp, name, preferred_username: username } = payload;
    if (typeof oid !== 'string' || oid === '') throw fail('token_claims_missing', 'oid');
    const scopes = typeof scp === 'string' ? scp.split(' ') : [];
    if (!scopes.includes(settings.requiredScope)) {
      throw fail('token_scope_missing', settings.requiredScope);
    }
    const identity: VerifiedIdentity = {
      tenantId: tid,
      userId: oid,
      displayName: typeof name === 'string' ? name : typeof username === 'string' ? username : '',
    };
    if (typeof username === 'string') identity.username = username;
    return identity;
  };
}

/** Errors from the key lookup that describe the token (its kid or alg), not the JWKS endpoint. */
const KEY_ERRORS = new Set([
  errors.JWKSNoMatchingKey.code,
  errors.JWKSMultipleMatchingKeys.code,
  errors.JOSENotSupported.code,
  errors.JOSEAlgNotAllowed.code,
]);

function checkSettings(settings: TeamsTokenSettings): void {
  const problems: string[] = [];
  if (!GUID.test(settings.clientId)) problems.push('clientId must be the client id GUID');
  if (settings.allowedTenants.length === 0) problems.push('allowedTenants must not be empty');
  if (settings.allowedTenants.some((tid) => !GUID.test(tid))) {
    problems.push("allowedTenants must list tenant id GUIDs ('*' is not allowed)");
  }
  if (!Number.isFinite(settings.clockSkewSeconds) || settings.clockSkewSeconds < 0) {
    problems.push('clockSkewSeconds must be a number of seconds, 0 or more');
  }
  if (settings.requiredScope.trim() === '') problems.push('requiredScope must not be empty');
  if (problems.length > 0) {
    throw new Error(`Fix the Teams token settings: ${problems.join('; ')}.`);
  }
}

function readBearerToken(header: string | undefined): string {
  const [scheme, ...rest] = (header ?? '').trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'bearer' || rest[0] === undefined) throw fail('token_missing', '');
  if (rest.length > 1) throw fail('token_malformed', '');
  return rest[0];
}

function toAuthError(error: unknown): AuthError {
  if (error instanceof JwksFetchFailed) return fail('jwks_unavailable', '', error.cause);
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return fail('token_claims_missing', error.claim, error);
    if (error.claim === 'nbf') return fail('token_not_yet_valid', '', error);
    if (error.claim === 'aud') return fail('token_wrong_audience', '', error);
    if (error.claim === 'iss') return fail('token_wrong_issuer', '', error);
    return fail('token_malformed', '', error);
  }
  const code = error instanceof errors.JOSEError ? JOSE_CODES[error.code] : undefined;
  return fail(code ?? 'token_malformed', '', error);
}

const JOSE_CODES: Readonly<Record<string, AuthErrorCode>> = {
  [errors.JWTExpired.code]: 'token_expired',
  [errors.JWKSNoMatchingKey.code]: 'token_unknown_key',
  [errors.JWKSMultipleMatchingKeys.code]: 'token_unknown_key',
  [errors.JWSSignatureVerificationFailed.code]: 'token_signature_invalid',
  [errors.JOSEAlgNotAllowed.code]: 'token_algorithm_not_allowed',
  [errors.JOSENotSupported.code]: 'token_algorithm_not_allowed',
};

/** One sentence per code; `detail` is the claim, scope or tenant the message names. */
function fail(code: AuthErrorCode, detail: string, cause?: unknown): AuthError {
  const messages: Record<AuthErrorCode, string> = {
    token_missing: `No sign-in token was sent; get one with authentication.getAuthToken() and send it as 'Authorization: Bearer <token>'.`,
    token_malformed: `The sign-in token is not a well-formed Entra ID token; send the token from authentication.getAuthToken() unchanged.`,
    token_signature_invalid: `The sign-in token's signature does not verify; ${RETRY}, and do not alter the token.`,
    token_unknown_key: `The sign-in token was signed with a key Entra ID does not publish; ${RETRY}.`,
    token_algorithm_not_allowed: `The sign-in token is not signed with RS256; send only the Entra ID token from authentication.getAuthToken().`,
    token_expired: `The sign-in token has expired; ${RETRY}.`,
    token_not_yet_valid: `The sign-in token is not valid yet; check that the device and server clocks are correct, then ${RETRY}.`,
    token_wrong_audience: `The sign-in token was issued for another API, not this app; request it with authentication.getAuthToken() from this app's tab, not for Microsoft Graph.`,
    token_wrong_issuer: `The sign-in token was not issued by Entra ID v2.0 for its own tenant; set accessTokenAcceptedVersion to 2 in the app registration, then ${RETRY}.`,
    token_tenant_not_allowed: `Tenant ${detail} may not use this app; ask the app's administrator to add it to the allowed tenants.`,
    token_scope_missing: `The sign-in token lacks the '${detail}' scope; expose that scope on the app registration, pre-authorize the Teams clients, then ${RETRY}.`,
    token_claims_missing: `The sign-in token lacks the '${detail}' claim; sign in as a user of an allowed tenant, then ${RETRY}.`,
    jwks_unavailable: `The server could not fetch the Entra ID signing keys; retry in a moment, and tell the app's administrator if it persists.`,
  };
  return new AuthError(code, messages[code], cause === undefined ? undefined : { cause });
}
