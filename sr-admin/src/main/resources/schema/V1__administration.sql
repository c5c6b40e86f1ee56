-- Administration (issue 14). The audit trail: who changed what, when, before and after (JSON, never a password),
-- written in the transaction of the change; also sign-in failures and feature switches.
CREATE TABLE audit_entries (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recorded_at TIMESTAMP NOT NULL,
  actor VARCHAR(128) NOT NULL,
  action VARCHAR(64) NOT NULL,
  target VARCHAR(300) NOT NULL,
  before_json VARCHAR(32672),
  after_json VARCHAR(32672)
);

-- Newest first, whole or by actor; a time range is one range of recorded_at.
CREATE INDEX audit_entries_newest ON audit_entries (id DESC);
CREATE INDEX audit_entries_actor ON audit_entries (actor, id DESC);
CREATE INDEX audit_entries_time ON audit_entries (recorded_at, id DESC);

-- Regions (escalation regions of accounts and regional escalation managers). Accounts and users name them by id
-- (VARCHAR(16), as accounts.region); deactivated, never deleted.
CREATE TABLE regions (
  id VARCHAR(16) NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  active BOOLEAN NOT NULL
);
