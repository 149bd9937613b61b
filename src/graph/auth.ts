/**
 * Token providers for the Graph client (`() => Promise<string>`), one per identity:
 *
 * - `onBehalfOfTokenProvider`: delegated, on behalf of the signed-in user, by exchanging the
 *   Teams SSO token for a Graph token with msal-node (`acquireTokenOnBehalfOf`). Consent or MFA
 *   problems (`interaction_required`, `invalid_grant`, `consent_required`, AADSTS65001) become a
 *   GraphConsentRequiredError telling the user to consent, with the admin-consent link. Right
 *   after a user consents Entra may still refuse for a moment, so a consent error is retried 3
 *   times (1 s, 2 s, 4 s) before it is reported.
 * - `applicationTokenProvider`: application (client credentials, `.default`), for the few writes
 *   no delegated permission allows (another user's To Do).
 * - `staticToken`: the local sandbox's fixed bearer token.
 *
 * Tokens stay in the server: they go into the Authorization header of Graph requests and
 * nowhere else; no error, log line or response to the tab carries one.
 *
 * Permissions: requests the scopes its caller names (see GRAPH_DELEGATED_SCOPES and
 * docs/permissions.md); the application provider gets what an administrator granted.
 */
import { ConfidentialClientApplication, InteractionRequiredAuthError } from '@azure/msal-node';
import type {
  AuthenticationResult,
  ClientCredentialRequest,
  OnBehalfOfRequest,
} from '@azure/msal-node';
import { GraphRequestError } from './GraphRequestError';
import { defaultSleep, type Sleep } from './retryPolicy';

export type TokenProvider = () => Promise<string>;

const GRAPH_RESOURCE = 'https://graph.microsoft.com';

/** Delegated scopes per use, least privileged first; see docs/permissions.md for the reasons. */
export const GRAPH_DELEGATED_SCOPES = {
  meeting: ['OnlineMeetings.Read', 'Chat.ReadBasic'],
  attendance: ['OnlineMeetingArtifact.Read.All'],
  calendar: ['Calendars.ReadBasic'],
  chatPost: ['ChatMessage.Send'],
  chatRead: ['Chat.Read'],
  mail: ['Mail.ReadWrite', 'Mail.Send'],
  files: ['Sites.ReadWrite.All'],
  planner: ['Tasks.ReadWrite'],
} as const satisfies Record<string, readonly string[]>;

export function graphScopes(names: readonly string[]): string[] {
  return names.map((name) => `${GRAPH_RESOURCE}/${name}`);
}

/** The only thing a user can do about it: consent, or ask an administrator to. */
export class GraphConsentRequiredError extends Error {
  readonly code = 'consent_required';
  constructor(
    readonly adminConsentUrl: string,
    readonly scopes: readonly string[],
    /** A claims challenge from Entra (conditional access), for the tab's next getAuthToken. */
    readonly claims: string | undefined,
    readonly entraCode: string,
  ) {
    super(
      `Minutebook needs your consent to use Microsoft 365 on your behalf (${scopes.join(', ')}). ` +
        `Sign in again and accept the permissions, or ask an administrator to grant consent for the organisation: ${adminConsentUrl}`,
    );
    this.name = 'GraphConsentRequiredError';
  }
}

export function adminConsentUrl(tenantId: string, clientId: string): string {
  return `https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/adminconsent?client_id=${encodeURIComponent(clientId)}`;
}

export interface EntraAppCredentials {
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  clientCertificate?: { thumbprintSha256: string; privateKey: string };
}

export function createConfidentialClient(
  credentials: EntraAppCredentials,
): ConfidentialClientApplication {
  if (!credentials.clientSecret && !credentials.clientCertificate) {
    throw new Error(
      'Minutebook needs a client secret or certificate of its Entra app registration to call Microsoft Graph.',
    );
  }
  return new ConfidentialClientApplication({
    auth: {
      clientId: credentials.clientId,
      authority: `https://login.microsoftonline.com/${credentials.tenantId}`,
      ...(credentials.clientSecret ? { clientSecret: credentials.clientSecret } : {}),
      ...(credentials.clientCertificate
        ? { clientCertificate: credentials.clientCertificate }
        : {}),
    },
  });
}

export interface OnBehalfOfClient {
  acquireTokenOnBehalfOf(request: OnBehalfOfRequest): Promise<AuthenticationResult | null>;
}

export interface ClientCredentialClient {
  acquireTokenByClientCredential(
    request: ClientCredentialRequest,
  ): Promise<AuthenticationResult | null>;
}

export interface OnBehalfOfOptions {
  client: OnBehalfOfClient;
  /** The Teams SSO token the tab sent (audience: our API). */
  assertion: string;
  /** Permission names ("ChatMessage.Send") or full scopes. */
  scopes: readonly string[];
  tenantId: string;
  clientId: string;
  sleep?: Sleep;
  /** Waits before re-asking after a consent error; default 1 s, 2 s, 4 s. */
  consentRetryDelaysMs?: readonly number[];
}

export function onBehalfOfTokenProvider(options: OnBehalfOfOptions): TokenProvider {
  const scopes = options.scopes.map((scope) =>
    scope.includes('/') ? scope : `${GRAPH_RESOURCE}/${scope}`,
  );
  const delays = options.consentRetryDelaysMs ?? [1000, 2000, 4000];
  const sleep = options.sleep ?? defaultSleep;
  return async () => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = await options.client.acquireTokenOnBehalfOf({
          oboAssertion: options.assertion,
          scopes,
        });
        if (!result?.accessToken) throw tokenFailed('Entra returned no access token');
        return result.accessToken;
      } catch (error) {
        if (error instanceof GraphRequestError) throw error;
        if (!isConsentError(error)) throw tokenFailed(describe(error));
        const delay = delays[attempt];
        if (delay === undefined) {
          throw new GraphConsentRequiredError(
            adminConsentUrl(options.tenantId, options.clientId),
            options.scopes,
            claimsOf(error),
            codeOf(error),
          );
        }
        await sleep(delay);
      }
    }
  };
}

export function applicationTokenProvider(options: {
  client: ClientCredentialClient;
}): TokenProvider {
  return async () => {
    let result: AuthenticationResult | null;
    try {
      result = await options.client.acquireTokenByClientCredential({
        scopes: [`${GRAPH_RESOURCE}/.default`],
      });
    } catch (error) {
      throw tokenFailed(describe(error));
    }
    if (!result?.accessToken) throw tokenFailed('Entra returned no access token');
    return result.accessToken;
  };
}

/** The sandbox accepts any fixed bearer token it was started with. */
export function staticToken(token: string): TokenProvider {
  return () => Promise.resolve(token);
}

const CONSENT_CODES = new Set([
  'interaction_required',
  'invalid_grant',
  'consent_required',
  'login_required',
]);

export function isConsentError(error: unknown): boolean {
  if (error instanceof InteractionRequiredAuthError) return true;
  const code = codeOf(error);
  const sub = (error as { subError?: unknown } | undefined)?.subError;
  return (
    CONSENT_CODES.has(code) ||
    (typeof sub === 'string' && CONSENT_CODES.has(sub)) ||
    /AADSTS65001|AADSTS50076|AADSTS50079/.test(describe(error))
  );
}

function codeOf(error: unknown): string {
  const code = (error as { errorCode?: unknown } | undefined)?.errorCode;
  return typeof code === 'string' ? code : '';
}

function claimsOf(error: unknown): string | undefined {
  const claims = (error as { claims?: unknown } | undefined)?.claims;
  return typeof claims === 'string' && claims ? claims : undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function tokenFailed(detail: string): GraphRequestError {
  return new GraphRequestError({
    status: 0,
    code: 'token_failed',
    message: `Could not get a Microsoft Graph token: ${detail}`,
  });
}
