/**
 * The real server on 127.0.0.1:0 around a Store the test chooses (the slow store, to hold the
 * store's answers), where test/helpers/testServer.ts always opens SQLite. Real HTTP, nothing
 * faked inside the server.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { buildServer, type ServerParts } from '../../src/server/buildServer';
import { loadConfig } from '../../src/server/config';
import type { Store } from '../../src/store';
import { api, temporaryDataDir } from '../helpers/testServer';
import { smallCommittee } from './support';

export interface ServerOnStore extends ServerParts {
  baseUrl: string;
  close(): Promise<void>;
}

export async function startServerOn(
  store: Store,
  env: Record<string, string> = {},
): Promise<ServerOnStore> {
  const dataDir = temporaryDataDir();
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'off',
    ...env,
    DATA_DIR: dataDir,
  });
  const parts = buildServer(config, store, { logger: false });
  const baseUrl = await parts.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    ...parts,
    baseUrl,
    async close() {
      const closing = parts.app.close();
      parts.app.server.closeIdleConnections();
      await closing;
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let codes = 0;

/**
 * A committee of its own (its code unique in the tenant, as codes must be) and its meeting 41;
 * the local user who creates them is the committee's owner.
 */
export async function ownCommitteeAndMeeting(
  baseUrl: string,
): Promise<{ committeeId: string; meetingId: string }> {
  codes += 1;
  const committee = await api(baseUrl, 'POST', '/api/committees', {
    body: { ...smallCommittee(), code: `S${process.pid % 1000}X${codes}` },
  });
  if (committee.status !== 201) {
    throw new Error(`committee: ${committee.status} ${JSON.stringify(committee.body)}`);
  }
  const meetingId = `meeting-${randomUUID()}`;
  const meeting = await api(baseUrl, 'POST', '/api/meetings', {
    body: { id: meetingId, committeeId: committee.body.id, number: '41', date: '2021-01-25' },
  });
  if (meeting.status !== 201) {
    throw new Error(`meeting: ${meeting.status} ${JSON.stringify(meeting.body)}`);
  }
  return { committeeId: committee.body.id as string, meetingId };
}
