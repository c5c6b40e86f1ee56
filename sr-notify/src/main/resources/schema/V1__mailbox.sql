-- The mailbox: every message the platform sent, kept readable (demo mode, or when an operator asks for it),
-- so that a new user sees the confirmation without a mail server. One row per outbox message.
CREATE TABLE notify_mailbox (
  notification_id VARCHAR(32) NOT NULL PRIMARY KEY,
  sr_number BIGINT,
  kind VARCHAR(64) NOT NULL,
  recipient_name VARCHAR(200) NOT NULL,
  address VARCHAR(320) NOT NULL,
  subject VARCHAR(1000) NOT NULL,
  body VARCHAR(32672) NOT NULL,
  kept_at TIMESTAMP NOT NULL,
  seq BIGINT GENERATED ALWAYS AS IDENTITY
);

CREATE INDEX notify_mailbox_sr ON notify_mailbox (sr_number, seq);
CREATE INDEX notify_mailbox_address ON notify_mailbox (address, seq);
CREATE INDEX notify_mailbox_seq ON notify_mailbox (seq);
