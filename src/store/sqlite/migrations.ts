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
];
