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
  // 4: issue 9. Committee codes unique in a tenant and meeting references unique in a committee
  // (both compared upper-cased, as SharePoint compares file names); committee roles as explicit
  // grants with their history; archived meetings; the publish run's lease. A database may already
  // hold duplicates: the earliest keeps the code or reference, later ones get a NULL key (they do
  // not block anyone, and must change their code or reference before they can take one). Every
  // user who created a meeting of a committee becomes its owner, so an upgrade keeps its
  // secretaries.
  `
  ALTER TABLE committees ADD COLUMN code_key TEXT;
  UPDATE committees SET code_key = upper(json_extract(body, '$.code'));
  UPDATE committees SET code_key = NULL
    WHERE EXISTS (
      SELECT 1 FROM committees AS earlier
      WHERE earlier.tenant_id = committees.tenant_id
        AND earlier.code_key = committees.code_key
        AND (json_extract(earlier.body, '$.createdAt') < json_extract(committees.body, '$.createdAt')
          OR (json_extract(earlier.body, '$.createdAt') = json_extract(committees.body, '$.createdAt')
            AND earlier.rowid < committees.rowid)));
  CREATE UNIQUE INDEX committees_by_code ON committees (tenant_id, code_key);

  CREATE TABLE grants (
    tenant_id TEXT NOT NULL,
    committee_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    role TEXT NOT NULL,
    display_name TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, committee_id, user_id),
    FOREIGN KEY (tenant_id, committee_id) REFERENCES committees (tenant_id, id)
  ) WITHOUT ROWID;
  CREATE INDEX grants_by_user ON grants (tenant_id, user_id);
  CREATE TABLE grant_changes (
    tenant_id TEXT NOT NULL,
    committee_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    display_name TEXT NOT NULL,
    from_role TEXT,
    to_role TEXT,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, committee_id, seq),
    FOREIGN KEY (tenant_id, committee_id) REFERENCES committees (tenant_id, id)
  ) WITHOUT ROWID;
  CREATE TEMP TABLE migrated_owners AS
    SELECT m.tenant_id, m.committee_id, m.created_by AS user_id,
      strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at,
      ROW_NUMBER() OVER (
        PARTITION BY m.tenant_id, m.committee_id ORDER BY min(m.created_at), m.created_by
      ) AS seq
    FROM meetings m
    JOIN committees c ON c.tenant_id = m.tenant_id AND c.id = m.committee_id
    GROUP BY m.tenant_id, m.committee_id, m.created_by;
  INSERT INTO grants (tenant_id, committee_id, user_id, role, display_name, granted_by, granted_at)
    SELECT tenant_id, committee_id, user_id, 'owner', user_id, 'migration', at FROM migrated_owners;
  INSERT INTO grant_changes
      (tenant_id, committee_id, seq, user_id, display_name, from_role, to_role, changed_by, changed_at)
    SELECT tenant_id, committee_id, seq, user_id, user_id, NULL, 'owner', 'migration', at
    FROM migrated_owners;
  DROP TABLE migrated_owners;

  ALTER TABLE meetings ADD COLUMN archived_at TEXT;
  ALTER TABLE meetings ADD COLUMN reference_key TEXT;
  UPDATE meetings SET reference_key = upper(json_extract(summary, '$.reference'))
    WHERE json_extract(summary, '$.reference') <> '';
  UPDATE meetings SET reference_key = NULL
    WHERE EXISTS (
      SELECT 1 FROM meetings AS earlier
      WHERE earlier.tenant_id = meetings.tenant_id
        AND earlier.committee_id = meetings.committee_id
        AND earlier.reference_key = meetings.reference_key
        AND (earlier.created_at < meetings.created_at
          OR (earlier.created_at = meetings.created_at AND earlier.rowid < meetings.rowid)));
  CREATE UNIQUE INDEX meetings_by_reference ON meetings (tenant_id, committee_id, reference_key);

  ALTER TABLE publish_runs ADD COLUMN lease_holder TEXT;
  ALTER TABLE publish_runs ADD COLUMN lease_until TEXT;
  `,
];
