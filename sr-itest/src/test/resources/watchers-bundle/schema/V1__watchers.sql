-- The watchers capability's own table, created by the store when the bundle first uses it.
CREATE TABLE itest_watchers (
  sr_number BIGINT NOT NULL REFERENCES support_requests (sr_number),
  login VARCHAR(64) NOT NULL,
  added_by VARCHAR(64) NOT NULL,
  added_at TIMESTAMP NOT NULL,
  PRIMARY KEY (sr_number, login)
);
