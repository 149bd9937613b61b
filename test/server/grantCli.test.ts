/**
 * The administrator's way out (`npm run grant`, docs/permissions.md): when no owner of a
 * committee can be reached, a role is given directly in the server's store, recorded as by
 * "administrator", and takes effect on the running server at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseGrantArguments, runGrant } from '../../src/server/grantCli';
import { api, startTestServer, type TestServer } from '../helpers/testServer';
import { committeeAndMeeting, expectError } from './support';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ DEMO_DATA: 'off' });
});

afterAll(async () => {
  await server.close();
});

const args = (committeeId: string, extra: string[] = []) =>
  parseGrantArguments([
    '--data-dir',
    server.dataDir,
    '--tenant',
    'local',
    '--committee',
    committeeId,
    ...extra,
  ]);

it('makes a user owner of a committee whose owner is gone, recorded as by "administrator"', async () => {
  const { committeeId } = await committeeAndMeeting(server.baseUrl, {
    'x-minutebook-user': 'gone.owner',
  });
  expectError(
    await api(server.baseUrl, 'PATCH', `/api/committees/${committeeId}`, {
      user: 'new.owner',
      body: { name: 'Renamed' },
    }),
    403,
    'forbidden',
  );
  const report = await runGrant(
    args(committeeId, ['--user', 'local:new.owner', '--role', 'owner', '--name', 'New Owner']),
  );
  expect(report).toContain('owner     local:new.owner (New Owner)');
  const patched = await api(server.baseUrl, 'PATCH', `/api/committees/${committeeId}`, {
    user: 'new.owner',
    body: { name: 'Renamed' },
  });
  expect(patched.status).toBe(200);
  const grants = await api(server.baseUrl, 'GET', `/api/committees/${committeeId}/grants`, {
    user: 'new.owner',
  });
  expect(grants.body.history.at(-1)).toMatchObject({
    userId: 'local:new.owner',
    from: null,
    to: 'owner',
    by: 'administrator',
  });
  // Without --user it only lists.
  expect(await runGrant(args(committeeId))).toContain('local:gone.owner');
});

it('refuses what it cannot do, saying what to give instead', async () => {
  expect(() => args('x', ['--user', 'local:a', '--role', 'secretary'])).toThrow(
    '--role must be owner, noteTaker, member or none, not "secretary".',
  );
  expect(() => parseGrantArguments(['--tenant', 'local'])).toThrow('--data-dir is required.');
  await expect(runGrant(args('no-such-committee'))).rejects.toThrow(
    'Tenant "local" has no committee "no-such-committee"; check both ids.',
  );
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'minutebook-grant-'));
  try {
    await expect(
      runGrant({ dataDir: empty, tenantId: 'local', committeeId: 'x', change: null }),
    ).rejects.toThrow(/There is no Minutebook database at .*; give the server's DATA_DIR\./);
    expect(fs.readdirSync(empty)).toEqual([]);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});
