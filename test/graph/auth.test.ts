/**
 * Token providers. Entra is the outermost edge here, so the MSAL client is replaced by an object
 * with the same method that answers like Entra does (errors with msal's errorCode/subError).
 */
import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import type { AuthenticationResult, OnBehalfOfRequest } from '@azure/msal-node';
import {
  GraphConsentRequiredError,
  adminConsentUrl,
  applicationTokenProvider,
  onBehalfOfTokenProvider,
  staticToken,
} from '../../src/graph/auth';
import { GraphRequestError } from '../../src/graph/GraphRequestError';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '0f3a6c55-2d3e-4b1c-9a47-5e8f2b7c1d90';
const SSO_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.teams-sso.signature';

function result(accessToken: string): AuthenticationResult {
  return { accessToken } as AuthenticationResult;
}

function scriptedObo(answers: (() => AuthenticationResult | Error)[]) {
  const requests: OnBehalfOfRequest[] = [];
  return {
    requests,
    client: {
      acquireTokenOnBehalfOf(request: OnBehalfOfRequest): Promise<AuthenticationResult | null> {
        requests.push(request);
        const answer = (answers[requests.length - 1] ?? answers[answers.length - 1])!();
        return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
      },
    },
  };
}

const consentMissing = (): Error =>
  new InteractionRequiredAuthError(
    'invalid_grant',
    'AADSTS65001: The user or administrator has not consented to use the application.',
    'consent_required',
  );

describe('on behalf of the signed-in user', () => {
  it('exchanges the Teams SSO token for a Graph token with full Graph scopes', async () => {
    const entra = scriptedObo([() => result('graph-token-1')]);
    const getToken = onBehalfOfTokenProvider({
      client: entra.client,
      assertion: SSO_TOKEN,
      scopes: ['ChatMessage.Send', 'https://graph.microsoft.com/Mail.Send'],
      tenantId: TENANT,
      clientId: CLIENT,
    });
    await expect(getToken()).resolves.toBe('graph-token-1');
    expect(entra.requests).toEqual([
      {
        oboAssertion: SSO_TOKEN,
        scopes: [
          'https://graph.microsoft.com/ChatMessage.Send',
          'https://graph.microsoft.com/Mail.Send',
        ],
      },
    ]);
  });

  it('waits out the race right after consent (1 s, then 2 s) and succeeds', async () => {
    const waits: number[] = [];
    const entra = scriptedObo([consentMissing, consentMissing, () => result('graph-token-2')]);
    const getToken = onBehalfOfTokenProvider({
      client: entra.client,
      assertion: SSO_TOKEN,
      scopes: ['Tasks.ReadWrite'],
      tenantId: TENANT,
      clientId: CLIENT,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    await expect(getToken()).resolves.toBe('graph-token-2');
    expect(waits).toEqual([1000, 2000]);
  });

  it('asks the user to consent, with the admin-consent link, after 3 retries', async () => {
    const waits: number[] = [];
    const entra = scriptedObo([consentMissing]);
    const getToken = onBehalfOfTokenProvider({
      client: entra.client,
      assertion: SSO_TOKEN,
      scopes: ['OnlineMeetingArtifact.Read.All'],
      tenantId: TENANT,
      clientId: CLIENT,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    const error = await getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphConsentRequiredError);
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(entra.requests).toHaveLength(4);
    const consent = error as GraphConsentRequiredError;
    expect(consent.adminConsentUrl).toBe(
      `https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=${CLIENT}`,
    );
    expect(consent.message).toContain('consent');
    expect(consent.message).toContain(consent.adminConsentUrl);
    expect(consent.message).not.toContain(SSO_TOKEN);
  });

  it.each([
    ['interaction_required', 'AADSTS50076: MFA required'],
    ['invalid_grant', 'AADSTS65001: consent'],
  ])('treats a plain AuthError %s as a consent problem', async (code, message) => {
    const entra = scriptedObo([() => new AuthError(code, message)]);
    const getToken = onBehalfOfTokenProvider({
      client: entra.client,
      assertion: SSO_TOKEN,
      scopes: ['Calendars.ReadBasic'],
      tenantId: TENANT,
      clientId: CLIENT,
      consentRetryDelaysMs: [],
    });
    await expect(getToken()).rejects.toBeInstanceOf(GraphConsentRequiredError);
  });

  it('reports any other failure as a token failure without retrying', async () => {
    const entra = scriptedObo([
      () => new AuthError('network_error', 'getaddrinfo ENOTFOUND login.microsoftonline.com'),
    ]);
    const getToken = onBehalfOfTokenProvider({
      client: entra.client,
      assertion: SSO_TOKEN,
      scopes: ['Chat.ReadBasic'],
      tenantId: TENANT,
      clientId: CLIENT,
    });
    const error = await getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({ code: 'token_failed', kind: 'unauthorized', status: 0 });
    expect(entra.requests).toHaveLength(1);
  });
});

describe('as the application', () => {
  it('asks for the .default scope with client credentials', async () => {
    const requests: unknown[] = [];
    const getToken = applicationTokenProvider({
      client: {
        acquireTokenByClientCredential: (request) => {
          requests.push(request);
          return Promise.resolve(result('app-token'));
        },
      },
    });
    await expect(getToken()).resolves.toBe('app-token');
    expect(requests).toEqual([{ scopes: ['https://graph.microsoft.com/.default'] }]);
  });
});

describe('for the sandbox', () => {
  it('returns the fixed token', async () => {
    await expect(staticToken('sandbox-token')()).resolves.toBe('sandbox-token');
  });
});

describe('the admin-consent link', () => {
  it('names the tenant and the app', () => {
    expect(adminConsentUrl(TENANT, CLIENT)).toBe(
      'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/adminconsent?client_id=0f3a6c55-2d3e-4b1c-9a47-5e8f2b7c1d90',
    );
  });
});
