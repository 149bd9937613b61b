/**
 * Where Graph calls go (GRAPH_MODE and its keys): the defaults of each mode, and a clear refusal,
 * naming the key, of every value or combination that cannot work.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './config';

const TEAMS = {
  AUTH_MODE: 'teams',
  TEAMS_APP_CLIENT_ID: '0f6e2f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6',
  ALLOWED_TENANTS: '7a3f6cea-7a26-4884-a06c-3b6154978ebb',
};

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('in local mode', () => {
  it('uses the Graph sandbox in-process on a free port, with no faults', () => {
    expect(loadConfig({}).graph).toEqual({ mode: 'sandbox', sandboxPort: 0, sandboxFaults: null });
  });

  it('takes a sandbox port and fault settings for demos of retry', () => {
    const config = loadConfig({
      SANDBOX_PORT: '4100',
      SANDBOX_FAULTS: '{"seed":7,"rates":{"throttle":0.3,"unavailable":0.1}}',
    });
    expect(config.graph).toEqual({
      mode: 'sandbox',
      sandboxPort: 4100,
      sandboxFaults: { seed: 7, rates: { throttle: 0.3, unavailable: 0.1 } },
    });
  });

  it.each([
    ['{"rates":{"throttle":2}}', /SANDBOX_FAULTS is invalid: The rate of 'throttle' must be/],
    ['{"rates":{"flood":0.1}}', /SANDBOX_FAULTS is invalid: Unknown fault kind 'flood'/],
    ['throttle=0.3', /SANDBOX_FAULTS is not valid JSON/],
    ['[1]', /SANDBOX_FAULTS must be a JSON object/],
  ])('refuses SANDBOX_FAULTS=%s', (value, message) => {
    expect(refusal({ SANDBOX_FAULTS: value })).toMatch(message);
  });

  it('refuses a sandbox port out of range', () => {
    expect(refusal({ SANDBOX_PORT: '70000' })).toMatch(/^SANDBOX_PORT is "70000"/);
  });

  it('refuses Microsoft Graph, which needs a Teams sign-in to act for the user', () => {
    expect(refusal({ GRAPH_MODE: 'graph' })).toMatch(/GRAPH_MODE=graph .* needs AUTH_MODE=teams/);
  });

  it('refuses keys of the other mode rather than ignoring them', () => {
    expect(refusal({ GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0' })).toMatch(
      /^GRAPH_BASE_URL applies to GRAPH_MODE=graph only/,
    );
    expect(refusal({ TEAMS_APP_CLIENT_SECRET: 's3cret' })).toMatch(
      /^TEAMS_APP_CLIENT_SECRET applies to GRAPH_MODE=graph only/,
    );
  });

  it('refuses an unknown mode, naming both', () => {
    expect(refusal({ GRAPH_MODE: 'dev-proxy' })).toMatch(
      /^GRAPH_MODE is "dev-proxy"; set it to "sandbox" .* or "graph"/,
    );
  });
});

describe('in Teams mode', () => {
  it('calls Microsoft Graph with the client secret, delegated by default', () => {
    expect(loadConfig({ ...TEAMS, TEAMS_APP_CLIENT_SECRET: 's3cret' }).graph).toEqual({
      mode: 'graph',
      baseUrl: 'https://graph.microsoft.com/v1.0',
      credential: { kind: 'secret', clientSecret: 's3cret' },
      filesAsApplication: false,
      plannerAsApplication: false,
    });
  });

  it('needs the app credential, and says which keys give it', () => {
    expect(refusal(TEAMS)).toMatch(/TEAMS_APP_CERTIFICATE_PATH .* or TEAMS_APP_CLIENT_SECRET/);
    expect(
      refusal({
        ...TEAMS,
        TEAMS_APP_CLIENT_SECRET: 's3cret',
        TEAMS_APP_CERTIFICATE_PATH: '/etc/minutebook/app.pem',
      }),
    ).toMatch(/either TEAMS_APP_CLIENT_SECRET or TEAMS_APP_CERTIFICATE_PATH, not both/);
  });

  it('says why a certificate file cannot be used', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minutebook-config-'));
    try {
      expect(
        refusal({ ...TEAMS, TEAMS_APP_CERTIFICATE_PATH: path.join(dir, 'missing.pem') }),
      ).toMatch(/^TEAMS_APP_CERTIFICATE_PATH is ".*missing\.pem", which cannot be read \(ENOENT\)/);
      const keyOnly = path.join(dir, 'key-only.pem');
      fs.writeFileSync(keyOnly, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
      expect(refusal({ ...TEAMS, TEAMS_APP_CERTIFICATE_PATH: keyOnly })).toMatch(
        /must hold both the certificate .* and its unencrypted private key/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes another Graph base URL, https only but for a stand-in on this machine', () => {
    const base = { ...TEAMS, TEAMS_APP_CLIENT_SECRET: 's3cret' };
    expect(
      loadConfig({ ...base, GRAPH_BASE_URL: 'http://127.0.0.1:4100/v1.0/' }).graph,
    ).toMatchObject({
      baseUrl: 'http://127.0.0.1:4100/v1.0',
    });
    expect(refusal({ ...base, GRAPH_BASE_URL: 'http://graph.example.com/v1.0' })).toMatch(
      /^GRAPH_BASE_URL must be an https:\/\/ URL/,
    );
    expect(refusal({ ...base, GRAPH_BASE_URL: 'graph' })).toMatch(
      /^GRAPH_BASE_URL is "graph", which is not a URL/,
    );
  });

  it('can write files and Planner as the app, on or off', () => {
    const base = { ...TEAMS, TEAMS_APP_CLIENT_SECRET: 's3cret' };
    expect(
      loadConfig({ ...base, GRAPH_FILES_AS_APPLICATION: 'on', GRAPH_PLANNER_AS_APPLICATION: 'off' })
        .graph,
    ).toMatchObject({ filesAsApplication: true, plannerAsApplication: false });
    expect(refusal({ ...base, GRAPH_FILES_AS_APPLICATION: 'yes' })).toMatch(
      /^GRAPH_FILES_AS_APPLICATION is "yes"; set "on" or "off"/,
    );
  });

  it('refuses the Graph sandbox, whose inspector has no sign-in, naming both keys', () => {
    for (const env of [
      { ...TEAMS, GRAPH_MODE: 'sandbox' },
      { ...TEAMS, GRAPH_MODE: 'sandbox', TEAMS_APP_CLIENT_SECRET: 's3cret' },
    ]) {
      const message = refusal(env);
      expect(message).toMatch(/^GRAPH_MODE=sandbox cannot run with AUTH_MODE=teams/);
      expect(message).toMatch(/Unset GRAPH_MODE .* or set AUTH_MODE=local/);
    }
  });

  it('refuses the sandbox keys too, since Teams mode never runs the sandbox', () => {
    expect(refusal({ ...TEAMS, TEAMS_APP_CLIENT_SECRET: 's3cret', SANDBOX_PORT: '4100' })).toMatch(
      /^SANDBOX_PORT applies to GRAPH_MODE=sandbox only/,
    );
  });
});

describe('the public origin (PUBLIC_ORIGIN), whose pages alone may change anything', () => {
  const base = { ...TEAMS, TEAMS_APP_CLIENT_SECRET: 's3cret' };

  it('is unset by default: each request is checked against its own Host', () => {
    expect(loadConfig(base).publicOrigin).toBeNull();
    expect(loadConfig({}).publicOrigin).toBeNull();
  });

  it('takes an https origin in Teams mode, written as browsers write Origin', () => {
    expect(
      loadConfig({ ...base, PUBLIC_ORIGIN: 'https://MB-x1y2-53000.euw.devtunnels.ms/' })
        .publicOrigin,
    ).toBe('https://mb-x1y2-53000.euw.devtunnels.ms');
    expect(loadConfig({ ...base, PUBLIC_ORIGIN: 'https://mb.example.com:8443' }).publicOrigin).toBe(
      'https://mb.example.com:8443',
    );
  });

  it.each([
    ['http://mb.example.com', /^PUBLIC_ORIGIN must be an https:\/\/ origin/],
    ['https://mb.example.com/minutebook', /^PUBLIC_ORIGIN must be an origin only/],
    ['https://mb.example.com/?a=1', /^PUBLIC_ORIGIN must be an origin only/],
    ['mb.example.com', /^PUBLIC_ORIGIN is "mb.example.com", which is not a URL/],
  ])('refuses PUBLIC_ORIGIN=%s', (value, message) => {
    expect(refusal({ ...base, PUBLIC_ORIGIN: value })).toMatch(message);
  });

  it('is refused in local mode, which answers only on loopback', () => {
    expect(refusal({ PUBLIC_ORIGIN: 'https://mb.example.com' })).toMatch(
      /^PUBLIC_ORIGIN applies to AUTH_MODE=teams only/,
    );
  });
});

describe('the request timeout (REQUEST_TIMEOUT_MS)', () => {
  it('gives a client a minute to send a request, and takes another whole number', () => {
    expect(loadConfig({}).requestTimeoutMs).toBe(60000);
    expect(loadConfig({ REQUEST_TIMEOUT_MS: '5000' }).requestTimeoutMs).toBe(5000);
    expect(refusal({ REQUEST_TIMEOUT_MS: '10' })).toMatch(
      /^REQUEST_TIMEOUT_MS is "10"; set a whole number from 1000 to 600000/,
    );
  });
});
