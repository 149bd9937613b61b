/**
 * The append check must see the meeting as it stands inside the store's transaction, not as it
 * was when the request folded it. With a store that answers late (SlowStore over MemoryStore), a
 * renumbering PATCH folds the meeting before any action exists, an action is raised meanwhile,
 * and then the PATCH reaches the store: it must be checked against the action, and refused.
 */
import fs from 'node:fs';
import { buildServer, type ServerParts } from '../../src/server/buildServer';
import { loadConfig } from '../../src/server/config';
import { MemoryStore, SlowStore } from '../../src/store';
import { api, temporaryDataDir } from '../helpers/testServer';
import { agendaItem, committeeAndMeeting, expectError, op, postOps } from './support';

let store: SlowStore;
let parts: ServerParts;
let baseUrl: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = temporaryDataDir();
  store = new SlowStore(new MemoryStore());
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'warn', DEMO_DATA: 'off', DATA_DIR: dataDir });
  parts = buildServer(config, store, { logger: false });
  baseUrl = await parts.app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  const closing = parts.app.close();
  parts.app.server.closeIdleConnections();
  await closing;
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('checks a renumbering against the action raised while it was on its way, and refuses it', async () => {
  const { meetingId } = await committeeAndMeeting(baseUrl, {}, 'RACE');
  expect(
    (await postOps(baseUrl, meetingId, [agendaItem(meetingId, 'i-1', 'Actions', 1)])).status,
  ).toBe(200);

  // The PATCH folds the meeting (one read of its log), and that read's answer is held.
  store.hold('readOperations', 1);
  const renumber = api(baseUrl, 'PATCH', `/api/meetings/${meetingId}`, { body: { number: '42' } });
  await store.whenHeld('readOperations');
  const raised = await postOps(baseUrl, meetingId, [
    op(meetingId, 'action.raise', {
      id: 'a-1',
      itemId: 'i-1',
      text: 'To report.',
      ownerIds: ['cds'],
    }),
  ]);
  expect(raised.status).toBe(200);
  store.release('readOperations');

  const body = expectError(await renumber, 400, 'validation_failed');
  expect(body.message).toContain('would turn action RACE 41/01 into RACE 42/01');
  const view = await api(baseUrl, 'GET', `/api/meetings/${meetingId}`);
  expect(view.body.meeting.number).toBe('41');
  expect(view.body.actions.map((action: { actionId: string }) => action.actionId)).toEqual([
    'RACE 41/01',
  ]);
});
