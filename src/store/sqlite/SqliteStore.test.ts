/**
 * What only the SQLite adapter has (its generic behaviour is the Store contract's, in
 * test/store): the file outlives the process, an old database is migrated without losing its
 * secretaries or failing on the duplicates it may hold, and a corrupt row is reported where it is
 * read, naming its table and key.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { demoCommitteeSettings } from '../../demo/demoCommittee';
import {
  advanceSummary,
  committeeSettingsSchema,
  EMPTY_SUMMARY,
  parseOperation,
  type Committee,
  type NewOperation,
} from '../../domain';
import { CorruptRowError } from '../CorruptRowError';
import type { AppendGuard } from '../Store';
import { MIGRATIONS } from './migrations';
import { DATABASE_FILE, SqliteStore } from './SqliteStore';

const TENANT = 'tenant-a';
const AT = '2021-01-25T16:00:00.000Z';
const settings = committeeSettingsSchema.parse(demoCommitteeSettings);
const guard: AppendGuard = (meeting, fresh) => advanceSummary(meeting.summary, fresh);

const committee = (id: string, code: string, createdAt = AT): Committee => ({
  ...settings,
  code,
  id,
  tenantId: TENANT,
  version: 1,
  createdAt,
  updatedAt: createdAt,
});

function op(meetingId: string, id: string, type: string, payload: unknown): NewOperation {
  const result = parseOperation(
    { id, meetingId, clientTime: '2021-01-25T13:20:00Z', type, payload },
    meetingId,
    'local:ines',
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

const directories: string[] = [];
function temporaryDirectory(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'minutebook-sqlite-test-'));
  directories.push(directory);
  return directory;
}

afterAll(() => {
  for (const directory of directories) fs.rmSync(directory, { recursive: true, force: true });
});

describe('SqliteStore on disk', () => {
  it('keeps everything across close and reopen of the same directory', async () => {
    const directory = temporaryDirectory();
    const first = new SqliteStore(directory);
    await first.createCommittee(committee('c-opsg', 'OPSG'), {
      tenantId: TENANT,
      committeeId: 'c-opsg',
      userId: 'local:ines',
      role: 'owner',
      displayName: 'Ines',
      grantedBy: 'local:ines',
      grantedAt: AT,
    });
    await first.createMeeting(
      {
        id: 'm-1',
        tenantId: TENANT,
        committeeId: 'c-opsg',
        createdAt: AT,
        createdBy: 'local:ines',
      },
      [op('m-1', 'create', 'meeting.update', { number: '41', reference: 'OPSG_41_2501' })],
      guard,
      AT,
    );
    await first.appendOperations(
      TENANT,
      'm-1',
      [op('m-1', 'a', 'note.add', { id: 'n-a', itemId: 'i1', text: 'A note.' })],
      guard,
      AT,
    );
    await first.createPublishRun({
      runId: 'run-1',
      tenantId: TENANT,
      meetingId: 'm-1',
      publishNo: 1,
      meetingSeq: 2,
      status: 'running',
      startedAt: AT,
      updatedAt: AT,
      report: null,
      leaseHolder: null,
      leaseUntil: null,
    });
    await first.leasePublishRun(TENANT, 'run-1', 'server-a', AT, '2021-01-25T16:05:00.000Z');
    const before = {
      committee: await first.getCommittee(TENANT, 'c-opsg'),
      grants: await first.listGrantChanges(TENANT, 'c-opsg'),
      meeting: await first.getMeeting(TENANT, 'm-1'),
      ops: await first.readOperations(TENANT, 'm-1', 0, 100),
      runs: await first.listPublishRuns(TENANT, 'm-1'),
    };
    await first.close();

    const second = new SqliteStore(directory);
    try {
      expect({
        committee: await second.getCommittee(TENANT, 'c-opsg'),
        grants: await second.listGrantChanges(TENANT, 'c-opsg'),
        meeting: await second.getMeeting(TENANT, 'm-1'),
        ops: await second.readOperations(TENANT, 'm-1', 0, 100),
        runs: await second.listPublishRuns(TENANT, 'm-1'),
      }).toEqual(before);
      expect(before.ops).toHaveLength(2);
      expect(before.runs[0]?.leaseHolder).toBe('server-a');
      // The reference is still held after reopening.
      await expect(
        second.createMeeting(
          { id: 'm-2', tenantId: TENANT, committeeId: 'c-opsg', createdAt: AT, createdBy: 'x' },
          [op('m-2', 'create-2', 'meeting.update', { reference: 'OPSG_41_2501' })],
          guard,
          AT,
        ),
      ).rejects.toMatchObject({ code: 'duplicate_reference' });
    } finally {
      await second.close();
    }
  });
});

/** A database as version 3 of the schema left it (before issue 9), filled by `fill`. */
function databaseAtVersion3(fill: (db: Database.Database) => void): string {
  const directory = temporaryDirectory();
  const db = new Database(path.join(directory, DATABASE_FILE));
  for (const [index, migration] of MIGRATIONS.slice(0, 3).entries()) {
    db.exec(migration);
    db.pragma(`user_version = ${index + 1}`);
  }
  fill(db);
  db.close();
  return directory;
}

function insertCommittee(db: Database.Database, created: Committee): void {
  db.prepare('INSERT INTO committees (tenant_id, id, version, body) VALUES (?, ?, ?, ?)').run(
    created.tenantId,
    created.id,
    created.version,
    JSON.stringify(created),
  );
}

function insertMeeting(
  db: Database.Database,
  id: string,
  committeeId: string,
  createdBy: string,
  createdAt: string,
  reference: string,
): void {
  db.prepare(
    'INSERT INTO meetings (tenant_id, id, committee_id, created_at, created_by, last_seq, summary) VALUES (?, ?, ?, ?, ?, 0, ?)',
  ).run(
    TENANT,
    id,
    committeeId,
    createdAt,
    createdBy,
    JSON.stringify({ ...EMPTY_SUMMARY, reference }),
  );
}

describe('migrating a database from before issue 9', () => {
  let store: SqliteStore;
  let directory: string;

  beforeAll(() => {
    directory = databaseAtVersion3((db) => {
      // Two committees with one code (in two cases), the second created later.
      insertCommittee(db, committee('c-first', 'OPSG', '2020-01-01T00:00:00.000Z'));
      insertCommittee(db, committee('c-second', 'opsg', '2020-06-01T00:00:00.000Z'));
      insertCommittee(db, committee('c-empty', 'TAG'));
      // Two meetings with one reference in c-first; two secretaries; one meeting twice by ines.
      insertMeeting(
        db,
        'm-early',
        'c-first',
        'local:ines',
        '2021-01-01T10:00:00.000Z',
        'OPSG_41_2501',
      );
      insertMeeting(
        db,
        'm-late',
        'c-first',
        'local:jonah',
        '2021-01-02T10:00:00.000Z',
        'OPSG_41_2501',
      );
      insertMeeting(
        db,
        'm-other',
        'c-first',
        'local:ines',
        '2021-01-03T10:00:00.000Z',
        'OPSG_42_2502',
      );
      insertMeeting(
        db,
        'm-second',
        'c-second',
        'local:fiona',
        '2021-01-04T10:00:00.000Z',
        'OPSG_41_2501',
      );
      db.prepare(
        "INSERT INTO publish_runs VALUES (?, 'run-1', 'm-early', 1, 0, 'failed', ?, ?, 'null')",
      ).run(TENANT, AT, AT);
    });
    store = new SqliteStore(directory);
  });

  afterAll(async () => {
    await store.close();
  });

  it('reaches the latest version', () => {
    const reader = new Database(path.join(directory, DATABASE_FILE), { readonly: true });
    try {
      expect(reader.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    } finally {
      reader.close();
    }
  });

  it('makes every user who created a meeting of a committee its owner, with a history entry by "migration"', async () => {
    expect(
      (await store.listGrants(TENANT, 'c-first')).map((grant) => [
        grant.userId,
        grant.role,
        grant.grantedBy,
      ]),
    ).toEqual([
      ['local:ines', 'owner', 'migration'],
      ['local:jonah', 'owner', 'migration'],
    ]);
    expect(
      (await store.listGrantChanges(TENANT, 'c-first')).map((change) => [
        change.seq,
        change.userId,
        change.from,
        change.to,
        change.by,
      ]),
    ).toEqual([
      [1, 'local:ines', null, 'owner', 'migration'],
      [2, 'local:jonah', null, 'owner', 'migration'],
    ]);
    expect((await store.listGrants(TENANT, 'c-second')).map((grant) => grant.userId)).toEqual([
      'local:fiona',
    ]);
    expect(await store.listGrants(TENANT, 'c-empty')).toEqual([]);
    const [grant] = await store.listGrants(TENANT, 'c-second');
    expect(new Date(grant?.grantedAt ?? '').toISOString()).toBe(grant?.grantedAt);
  });

  it('lets the earliest committee keep a duplicated code: the later one must change it', async () => {
    const later = await store.getCommittee(TENANT, 'c-second');
    if (!later) throw new Error('c-second lost');
    await expect(store.replaceCommittee({ ...later, version: 2 }, 1)).rejects.toMatchObject({
      code: 'duplicate_code',
    });
    expect(await store.replaceCommittee({ ...later, code: 'OPSG2', version: 2 }, 1)).toBe(true);
    await expect(
      store.createCommittee(committee('c-new', 'Opsg'), {
        tenantId: TENANT,
        committeeId: 'c-new',
        userId: 'local:x',
        role: 'owner',
        displayName: 'X',
        grantedBy: 'local:x',
        grantedAt: AT,
      }),
    ).rejects.toMatchObject({ code: 'duplicate_code' });
  });

  it('lets the earliest meeting keep a duplicated reference; the later one still takes ops', async () => {
    expect(
      (await store.listMeetings(TENANT, { committeeId: 'c-first' })).map((m) => m.archivedAt),
    ).toEqual([null, null, null]);
    await store.appendOperations(
      TENANT,
      'm-late',
      [op('m-late', 'late-note', 'note.add', { id: 'n-1', itemId: 'i1', text: 'Still works.' })],
      guard,
      AT,
    );
    // m-early holds it: m-other cannot take it, m-late can leave it and come back only when free.
    await expect(
      store.appendOperations(
        TENANT,
        'm-other',
        [op('m-other', 'take', 'meeting.update', { reference: 'OPSG_41_2501' })],
        guard,
        AT,
      ),
    ).rejects.toMatchObject({ code: 'duplicate_reference' });
    // A meeting of another committee held its own all along.
    await expect(
      store.createMeeting(
        { id: 'm-new', tenantId: TENANT, committeeId: 'c-second', createdAt: AT, createdBy: 'x' },
        [op('m-new', 'create', 'meeting.update', { reference: 'opsg_41_2501' })],
        guard,
        AT,
      ),
    ).rejects.toMatchObject({ code: 'duplicate_reference' });
  });

  it('leaves existing publish runs free', async () => {
    expect(await store.listPublishRuns(TENANT, 'm-early')).toEqual([
      expect.objectContaining({ runId: 'run-1', leaseHolder: null, leaseUntil: null }),
    ]);
    expect(
      await store.leasePublishRun(TENANT, 'run-1', 'server-a', AT, '2021-01-25T16:01:00Z'),
    ).toBe(true);
  });
});

describe('a corrupt row', () => {
  let directory: string;
  let store: SqliteStore;
  let raw: Database.Database;

  beforeEach(async () => {
    directory = temporaryDirectory();
    store = new SqliteStore(directory);
    await store.createCommittee(committee('c-opsg', 'OPSG'), {
      tenantId: TENANT,
      committeeId: 'c-opsg',
      userId: 'local:ines',
      role: 'owner',
      displayName: 'Ines',
      grantedBy: 'local:ines',
      grantedAt: AT,
    });
    await store.createMeeting(
      {
        id: 'm-1',
        tenantId: TENANT,
        committeeId: 'c-opsg',
        createdAt: AT,
        createdBy: 'local:ines',
      },
      [op('m-1', 'a', 'note.add', { id: 'n-a', itemId: 'i1', text: 'A note.' })],
      guard,
      AT,
    );
    raw = new Database(path.join(directory, DATABASE_FILE));
  });

  afterEach(async () => {
    raw.close();
    await store.close();
  });

  const corruption = (table: string, key: string) =>
    expect.objectContaining({
      name: 'CorruptRowError',
      table,
      message: expect.stringContaining(key),
    });

  it('is reported with its table and key: a committee body that is not JSON', async () => {
    raw.prepare("UPDATE committees SET body = '{not json' WHERE id = 'c-opsg'").run();
    const attempt = store.getCommittee(TENANT, 'c-opsg');
    await expect(attempt).rejects.toBeInstanceOf(CorruptRowError);
    await expect(attempt).rejects.toEqual(corruption('committees', 'id="c-opsg"'));
    await expect(store.listCommittees(TENANT)).rejects.toEqual(
      corruption('committees', 'is not valid JSON'),
    );
  });

  it('is reported with its table and key: committee settings the domain refuses', async () => {
    raw
      .prepare(
        "UPDATE committees SET body = json_set(body, '$.code', 'not a code!') WHERE id = 'c-opsg'",
      )
      .run();
    await expect(store.getCommittee(TENANT, 'c-opsg')).rejects.toEqual(
      corruption('committees', 'code: must be 1-12 letters or digits'),
    );
  });

  it('is reported with its table and key: an op whose payload breaks its schema', async () => {
    raw.prepare(`UPDATE ops SET payload = json_set(payload, '$.text', '') WHERE id = 'a'`).run();
    await expect(store.readOperations(TENANT, 'm-1', 0, 10)).rejects.toEqual(
      corruption('ops', 'meeting_id="m-1", seq=1'),
    );
  });

  it('is reported with its table and key: a meeting summary of the wrong shape', async () => {
    raw.prepare(`UPDATE meetings SET summary = '{"status":"lost"}' WHERE id = 'm-1'`).run();
    await expect(store.getMeeting(TENANT, 'm-1')).rejects.toEqual(
      corruption('meetings', 'id="m-1"'),
    );
  });

  it('is reported with its table and key: a grant with an unknown role', async () => {
    raw.prepare(`UPDATE grants SET role = 'secretary'`).run();
    await expect(store.getGrant(TENANT, 'c-opsg', 'local:ines')).rejects.toEqual(
      corruption('grants', 'user_id="local:ines"'),
    );
  });
});
