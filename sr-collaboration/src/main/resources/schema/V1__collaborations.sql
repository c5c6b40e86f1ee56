-- Collaborations with other vendors (TSANet, existing support contracts): what we asked, of whom, through
-- which connector, and the partner's side as the connector last reported it. Calls to partners go through the
-- outbox (type partner:<connector>), so a collaboration is recorded before anything leaves.

CREATE TABLE collaborations (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sr_number BIGINT NOT NULL,
  connector_id VARCHAR(64) NOT NULL,
  partner VARCHAR(200) NOT NULL,
  summary VARCHAR(500) NOT NULL,
  detail VARCHAR(32000) NOT NULL,
  priority VARCHAR(8) NOT NULL,
  form_fields VARCHAR(8000) NOT NULL,
  consent BOOLEAN NOT NULL,
  requested_by VARCHAR(64) NOT NULL,
  requested_at TIMESTAMP NOT NULL,
  state VARCHAR(24) NOT NULL,
  external_id VARCHAR(200),
  engineer VARCHAR(200),
  respond_by TIMESTAMP,
  response VARCHAR(4000),
  last_error VARCHAR(2000),
  updated_at TIMESTAMP NOT NULL,
  -- when the poller next asks the partner for news; NULL while nothing can change (not yet open, finished)
  follow_at TIMESTAMP
);

CREATE INDEX collaborations_sr ON collaborations (sr_number, id);
CREATE INDEX collaborations_follow ON collaborations (follow_at);

-- Notes both ways. note_key tells the partner's notes apart, so a note polled twice is kept once.
CREATE TABLE collaboration_notes (
  collaboration_id BIGINT NOT NULL,
  seq INTEGER NOT NULL,
  written_at TIMESTAMP NOT NULL,
  author VARCHAR(200) NOT NULL,
  body VARCHAR(5000) NOT NULL,
  direction VARCHAR(3) NOT NULL,
  note_key VARCHAR(400) NOT NULL,
  sent BOOLEAN NOT NULL,
  PRIMARY KEY (collaboration_id, seq)
);

CREATE UNIQUE INDEX collaboration_notes_key ON collaboration_notes (collaboration_id, note_key);
