-- Sign-in on every node follows the changes of users made through any node (spi.security.UserChanges): each change
-- of a user's password, roles, accounts or activation first increments the one-row counter, in the change's own
-- transaction. That takes the row's lock until the change commits, so changes from any node run one after the other
-- and revisions grow in commit order (a sequence would not: a lower value can commit after a reader passed it); the
-- changed user's row records its revision. Nodes poll the counter (a primary-key read) and read the users changed
-- past where they were (one range of users_revision) only when it moved.
CREATE TABLE user_revision (
  id SMALLINT NOT NULL PRIMARY KEY,
  revision BIGINT NOT NULL
);
INSERT INTO user_revision (id, revision) VALUES (1, 0);
ALTER TABLE users ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
CREATE INDEX users_revision ON users (revision);
