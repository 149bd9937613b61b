/** The SQLite schema, as numbered migrations; PRAGMA user_version records the last applied. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE committees (
    tenant_id TEXT NOT NULL,
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
  );
  CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    committee_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    last_seq INTEGER NOT NULL DEFAULT 0,
    summary TEXT NOT NULL
  );
  CREATE INDEX meetings_by_tenant ON meetings (tenant_id, committee_id);
  CREATE TABLE ops (
    meeting_id TEXT NOT NULL REFERENCES meetings (id),
    seq INTEGER NOT NULL,
    id TEXT NOT NULL UNIQUE,
    actor TEXT NOT NULL,
    client_time TEXT NOT NULL,
    server_time TEXT NOT NULL,
    type TEXT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (meeting_id, seq)
  ) WITHOUT ROWID;
  `,
  // 2: ids are scoped by tenant (meetings) and by meeting (ops), so no tenant can learn or take
  // another's ids.
  `
  CREATE TABLE meetings_v2 (
    tenant_id TEXT NOT NULL,
    id TEXT NOT NULL,
    committee_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    last_seq INTEGER NOT NULL DEFAULT 0,
    summary TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
  );
  INSERT INTO meetings_v2 SELECT tenant_id, id, committee_id, created_at, created_by, last_seq, summary FROM meetings;
  CREATE TABLE ops_v2 (
    tenant_id TEXT NOT NULL,
    meeting_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    actor TEXT NOT NULL,
    client_time TEXT NOT NULL,
    server_time TEXT NOT NULL,
    type TEXT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (tenant_id, meeting_id, seq),
    UNIQUE (tenant_id, meeting_id, id),
    FOREIGN KEY (tenant_id, meeting_id) REFERENCES meetings_v2 (tenant_id, id)
  ) WITHOUT ROWID;
  INSERT INTO ops_v2
    SELECT m.tenant_id, o.meeting_id, o.seq, o.id, o.actor, o.client_time, o.server_time, o.type, o.payload
    FROM ops o JOIN meetings m ON m.id = o.meeting_id;
  DROP TABLE ops;
  DROP TABLE meetings;
  ALTER TABLE meetings_v2 RENAME TO meetings;
  ALTER TABLE ops_v2 RENAME TO ops;
  CREATE INDEX meetings_by_committee ON meetings (tenant_id, committee_id);
  `,
  // 3: the publish ledger: one row per publish run of a meeting and one per step of a run, each
  // written (durably, like ops) before the publisher moves on. Keyed by tenant first, like the
  // rest; no foreign key to meetings, so that a meeting's history of what went out to Microsoft
  // 365 outlives any later tidying of the meeting itself.
  `
  CREATE TABLE publish_runs (
    tenant_id TEXT NOT NULL,
    run_id TEXT NOT NULL,
    meeting_id TEXT NOT NULL,
    publish_no INTEGER NOT NULL,
    meeting_seq INTEGER NOT NULL,
    status TEXT NOT NULL,
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    report TEXT,
    PRIMARY KEY (tenant_id, run_id),
    UNIQUE (tenant_id, meeting_id, publish_no)
  );
  CREATE TABLE publish_steps (
    tenant_id TEXT NOT NULL,
    run_id TEXT NOT NULL,
    key TEXT NOT NULL,
    meeting_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    result TEXT,
    error TEXT,
    attempts INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, run_id, key),
    FOREIGN KEY (tenant_id, run_id) REFERENCES publish_runs (tenant_id, run_id)
  ) WITHOUT ROWID;
  CREATE INDEX publish_steps_by_meeting ON publish_steps (tenant_id, meeting_id);
  `,
];
