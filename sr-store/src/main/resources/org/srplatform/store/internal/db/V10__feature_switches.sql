-- Feature switches that every node on the database shares (spi.feature.FeatureSwitches): one row per feature an
-- operator switched, with the revision of the change that last set it. A feature without a row is enabled.
CREATE TABLE feature_switches (
  feature_id VARCHAR(100) NOT NULL PRIMARY KEY,
  enabled BOOLEAN NOT NULL,
  changed_at TIMESTAMP NOT NULL,
  changed_by VARCHAR(128) NOT NULL,
  revision BIGINT NOT NULL
);
-- The change counter: one row that every change increments in its own transaction, so changes serialise on its
-- lock and revisions grow in commit order; nodes poll it (a primary-key read) and read the switches only when it
-- moved.
CREATE TABLE feature_switch_revision (
  id SMALLINT NOT NULL PRIMARY KEY,
  revision BIGINT NOT NULL
);
INSERT INTO feature_switch_revision (id, revision) VALUES (1, 0);
